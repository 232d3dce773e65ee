package dev.parley.deploy;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads where tickets go: the environment's default, then the YAML {@code tickets:} of
 * {@code defaults:} and of each channel, each laid over the one before, field by field.
 *
 * <p>Every setting has a YAML key: the variable's name in lower case ({@code GITHUB_REPO} is
 * {@code github_repo}), with {@code PARLEY_TICKETS} as {@code backend}. <b>Secrets are never
 * written in the file</b>, which is often committed or mounted from a ConfigMap: a channel names
 * the environment variable that holds its secret with {@code github_token_env},
 * {@code jira_api_token_env} or {@code webhook_secret_env}; Parley reads that variable at start
 * and reports it missing like any other setting. A key holding a secret itself is refused.
 */
final class TicketRouteReader {
  static final String KEY = "tickets";
  private static final Set<String> BACKENDS = Set.of("embedded", "github", "jira", "webhook");
  private static final Map<String, Setting> PLAIN = Map.of(
      "backend", Setting.PARLEY_TICKETS, "github_repo", Setting.GITHUB_REPO, "github_api_url", Setting.GITHUB_API_URL,
      "jira_url", Setting.JIRA_URL, "jira_email", Setting.JIRA_EMAIL, "jira_project", Setting.JIRA_PROJECT,
      "jira_issue_type", Setting.JIRA_ISSUE_TYPE, "webhook_url", Setting.TICKET_WEBHOOK_URL);
  private static final Map<String, Setting> SECRETS = Map.of(
      "github_token", Setting.GITHUB_TOKEN, "jira_api_token", Setting.JIRA_API_TOKEN,
      "webhook_secret", Setting.TICKET_WEBHOOK_SECRET);
  private static final Set<String> HTTP = Set.of("http", "https");

  private final Map<String, String> env;
  private final List<ConfigProblem> problems;
  private Map<String, String> defaultFields;
  private TicketRoutes.Tracker defaultTracker;
  private final Map<String, TicketRoutes.Tracker> channels = new LinkedHashMap<>();

  /** @param value a setting's value or default, as {@link ConfigLoader#value} gives it */
  TicketRouteReader(Map<String, String> env, Function<Setting, String> value,
      List<ConfigProblem> problems) {
    this.env = env;
    this.problems = problems;
    defaultFields = new HashMap<>();
    PLAIN.forEach((field, setting) -> putIfSet(defaultFields, field, value.apply(setting)));
    SECRETS.forEach((field, setting) -> putIfSet(defaultFields, field, value.apply(setting)));
    defaultTracker = tracker(defaultFields, field -> PLAIN.containsKey(field) ? PLAIN.get(field).name()
        : SECRETS.get(field).name(), null);
  }

  /** All keys a {@code tickets:} mapping may hold, for "did you mean". */
  static Set<String> keys() {
    Set<String> keys = new TreeSet<>(PLAIN.keySet());
    SECRETS.keySet().forEach(secret -> keys.add(secret + "_env"));
    return keys;
  }

  /** The file's {@code defaults: tickets:}, laid over the environment. */
  void readDefaults(Node node, String where) {
    Map<String, String> fields = overlay(defaultFields, node, where);
    if (fields == null) return;
    TicketRoutes.Tracker tracker = tracker(fields, field -> "'tickets' " + field, where);
    if (tracker != null) {
      defaultFields = fields;
      defaultTracker = tracker;
    }
  }

  /** A channel's {@code tickets:}, laid over the defaults. */
  void readChannel(String channel, Node node, String where) {
    Map<String, String> fields = overlay(defaultFields, node, where);
    if (fields == null) return;
    TicketRoutes.Tracker tracker = tracker(fields, field -> "'tickets' " + field, where);
    if (tracker != null) channels.put(channel, tracker);
  }

  TicketRoutes routes() {
    return new TicketRoutes(defaultTracker == null ? new TicketRoutes.Embedded() : defaultTracker, channels);
  }

  private Map<String, String> overlay(Map<String, String> base, Node node, String where) {
    if (!(node instanceof MappingNode mapping)) {
      report(where, "'tickets' must be a mapping such as 'backend: github'", "indent the tracker's settings under 'tickets:'");
      return null;
    }
    Map<String, String> fields = new HashMap<>(base);
    boolean ok = true;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
      String value = tuple.getValueNode() instanceof ScalarNode v ? v.getValue().trim() : "";
      if (SECRETS.containsKey(key)) {
        report(where, "'tickets' " + key + " would put a secret in the file",
            "put it in an environment variable and write " + key + "_env: THAT_VARIABLE_NAME");
        ok = false;
      } else if (key.endsWith("_env") && SECRETS.containsKey(key.substring(0, key.length() - 4))) {
        String secret = value.matches("[A-Z_][A-Z0-9_]{0,100}") ? env.get(value) : null;
        if (secret == null || secret.isBlank()) {
          report(where, "'tickets' " + key + " names the variable '" + value + "', which is not set",
              "set that environment variable, or name one that is set (upper case, digits and _)");
          ok = false;
        } else {
          fields.put(key.substring(0, key.length() - 4), secret.trim());
        }
      } else if (PLAIN.containsKey(key) && !value.isEmpty()) {
        fields.put(key, value);
      } else {
        report(where, "'tickets' has " + (PLAIN.containsKey(key) ? "an empty '" + key + "'" : "unknown key '" + key + "'"
            + Suggestions.didYouMean(key, keys())), "use: " + String.join(", ", keys()));
        ok = false;
      }
    }
    return ok ? fields : null;
  }

  /** The tracker the fields name, or null after reporting what is missing or wrong. */
  private TicketRoutes.Tracker tracker(Map<String, String> fields, UnaryOperator<String> name, String where) {
    String backend = fields.getOrDefault("backend", "embedded");
    int before = problems.size();
    TicketRoutes.Tracker tracker = switch (backend) {
      case "embedded" -> new TicketRoutes.Embedded();
      case "github" -> new TicketRoutes.GitHub(url(fields, "github_api_url", name, where),
          matching(fields, "github_repo", "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", "write owner/name, like acme/support", name, where),
          required(fields, "github_token", "create a fine-grained token with Issues: read and write on the repository",
              name, where));
      case "jira" -> new TicketRoutes.Jira(url(fields, "jira_url", name, where),
          matching(fields, "jira_email", "[^@\\s]+@[^@\\s]+", "the email of the Atlassian account the API token belongs to",
              name, where),
          required(fields, "jira_api_token", "create one at id.atlassian.com > Security > API tokens", name, where),
          matching(fields, "jira_project", "[A-Z][A-Z0-9_]{1,9}", "write the project key, like SUP", name, where),
          required(fields, "jira_issue_type", "name an issue type of the project, like Task", name, where));
      case "webhook" -> new TicketRoutes.Webhook(url(fields, "webhook_url", name, where),
          matching(fields, "webhook_secret", ".{16,}", "use a random secret of at least 16 characters", name, where));
      default -> {
        problem(where, name.apply("backend"), "is '" + backend + "'" + Suggestions.didYouMean(backend, BACKENDS),
            "use one of: embedded, github, jira, webhook");
        yield null;
      }
    };
    return problems.size() == before ? tracker : null;
  }

  private String required(Map<String, String> fields, String field, String fix, UnaryOperator<String> name, String where) {
    String value = fields.get(field);
    if (value == null) problem(where, name.apply(field), "is missing for " + fields.get("backend") + " tickets", fix);
    return value;
  }

  private String matching(Map<String, String> fields, String field, String regex, String fix, UnaryOperator<String> name,
      String where) {
    String value = required(fields, field, fix, name, where);
    if (value != null && !value.matches(regex)) {
      // Never echoed: the field may be a secret.
      problem(where, name.apply(field), "is not valid", fix);
      return null;
    }
    return value;
  }

  private URI url(Map<String, String> fields, String field, UnaryOperator<String> name, String where) {
    String value = required(fields, field, "write a full URL such as https://host/", name, where);
    if (value == null) return null;
    try {
      return ConfigValues.url(value, HTTP);
    } catch (IllegalArgumentException e) {
      problem(where, name.apply(field), e.getMessage(), "write a full URL such as https://host/");
      return null;
    }
  }

  private void problem(String where, String field, String problem, String fix) {
    problems.add(new ConfigProblem(where == null ? field : where, where == null ? problem : field + " " + problem, fix));
  }

  private void report(String where, String problem, String fix) {
    problems.add(new ConfigProblem(where, problem, fix));
  }

  private static void putIfSet(Map<String, String> fields, String field, String value) {
    if (value != null && !value.isBlank()) fields.put(field, value.trim());
  }
}
