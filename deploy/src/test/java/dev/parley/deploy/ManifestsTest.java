package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The container and Kubernetes files agree with the application: every environment variable they
 * set or read is a {@link Setting}, the probes hit the real paths on the real port, and the
 * per-channel file shipped in the ConfigMap passes Parley's own validation.
 */
class ManifestsTest {
  /** Set by the container runtime or read by the JVM, not by Parley. */
  private static final Set<String> NOT_PARLEY = Set.of("HOSTNAME", "JAVA_TOOL_OPTIONS");
  private static final Pattern REFERENCE = Pattern.compile("\\$[{(]?([A-Z][A-Z0-9_]*)");
  private static final Path DEPLOY = Path.of("").toAbsolutePath();
  private static final int PORT = Integer.parseInt(Setting.PORT.defaultValue().orElseThrow());

  @TempDir Path dir;

  @Test
  void everyYamlFileUnderDeployParses() throws IOException {
    List<Path> files = yamlFiles();

    assertThat(files).extracting(p -> DEPLOY.relativize(p).toString().replace('\\', '/'))
        .contains("compose.yaml", "k8s/deployment.yaml", "k8s/discord-statefulset.yaml", "k8s/secret.yaml",
            "k8s/configmap.yaml", "k8s/pdb.yaml");
    for (Path file : files) {
      assertThat(documents(file)).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void everyEnvironmentVariableTheFilesUseIsASetting() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path file : yamlFiles()) {
      for (Object document : documents(file)) collectEnvNames(document, names);
    }
    names.addAll(references(Files.readString(DEPLOY.resolve("Dockerfile"))));
    names.addAll(dockerfileEnv());
    names.addAll(references(Files.readString(DEPLOY.resolve("k8s/discord-shard-entrypoint.sh"))));

    assertThat(names).contains("SLACK_BOT_TOKEN", "REDIS_URL", "DISCORD_SHARD_TOTAL", "PARLEY_CONFIG");
    assertThat(names).allSatisfy(name -> assertThat(Setting.isKnown(name) || NOT_PARLEY.contains(name))
        .as("%s is used by a deploy file but is not a Setting", name).isTrue());
  }

  @Test
  void kubernetesProbesHitTheAppsPathsAndPort() throws IOException {
    for (String file : List.of("k8s/deployment.yaml", "k8s/discord-statefulset.yaml")) {
      Map<String, Object> container = container(workload(file));

      assertThat(path(container, "livenessProbe", "httpGet", "path")).as(file).isEqualTo("/healthz");
      assertThat(path(container, "readinessProbe", "httpGet", "path")).as(file).isEqualTo("/readyz");
      assertThat(path(container, "livenessProbe", "httpGet", "port")).as(file).isEqualTo(PORT);
      assertThat(path(container, "readinessProbe", "httpGet", "port")).as(file).isEqualTo(PORT);
      assertThat(path(container, "ports", 0, "containerPort")).as(file).isEqualTo(PORT);
      assertThat(path(workload(file), "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
      assertThat(path(container, "resources", "requests", "memory")).as(file).isNotNull();
    }
  }

  @Test
  void composeAndDockerfileUseTheSamePortAndHealthPath() throws IOException {
    Map<String, Object> parley = cast(path(documents(DEPLOY.resolve("compose.yaml")).get(0), "services", "parley"));
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

    assertThat(path(parley, "ports", 0)).isEqualTo(PORT + ":" + PORT);
    assertThat(path(parley, "healthcheck", "test").toString()).contains("/healthz", "/" + PORT);
    assertThat(path(parley, "environment", "PORT")).isEqualTo(Integer.toString(PORT));
    assertThat(dockerfile).contains("EXPOSE " + PORT, "GET /healthz", "USER 10001");
    assertThat(dockerfile).containsPattern("HEALTHCHECK[^\\n]*\\n[^\\n]*/healthz");
  }

  @Test
  void bothImagesRunTheJvmAlike() throws IOException {
    Matcher dockerfile = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
    Matcher jib = Pattern.compile("<JAVA_TOOL_OPTIONS>([^<]*)</JAVA_TOOL_OPTIONS>").matcher(Files.readString(DEPLOY.resolve("pom.xml")));

    assertThat(dockerfile.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
    assertThat(jib.find()).as("Jib's container sets JAVA_TOOL_OPTIONS").isTrue();
    assertThat(jib.group(1)).isEqualTo(dockerfile.group(1));
    // The collector the load benchmark measured (docs/benchmarks.md); JDK 21 needs both flags.
    assertThat(dockerfile.group(1)).contains("-XX:+UseZGC", "-XX:+ZGenerational");
  }

  @Test
  void everythingTheDockerfileCopiesExistsInTheRepository() throws IOException {
    Path root = DEPLOY.getParent();
    Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
    List<String> sources = new ArrayList<>();
    while (copy.find()) sources.addAll(List.of(copy.group(1).trim().split("\\s+")));

    assertThat(sources).contains("mvnw", "bot-core", "deploy/k8s/discord-shard-entrypoint.sh");
    assertThat(sources).allSatisfy(source -> assertThat(root.resolve(source)).as(source).exists());
  }

  @Test
  void redisInComposePersistsToAVolume() throws IOException {
    Map<String, Object> redis = cast(path(documents(DEPLOY.resolve("compose.yaml")).get(0), "services", "redis"));

    assertThat(redis.get("image")).isEqualTo("redis:7");
    assertThat(redis.get("command").toString()).contains("--appendonly, yes");
    assertThat(path(redis, "volumes", 0).toString()).endsWith(":/data");
  }

  @Test
  void theConfigMapsChannelFilePassesValidation() throws IOException {
    Map<String, Object> configMap = cast(documents(DEPLOY.resolve("k8s/configmap.yaml")).get(0));
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, (String) path(configMap, "data", "parley.yml"));

    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", "gsk_test", "PARLEY_CONFIG", file.toString()));

    assertThat(config.channels().channels()).containsKeys("slack:T0123456:C0SUPPORT", "C0ENGINEERING");
    assertThat(path(configMap, "data", "PARLEY_CONFIG")).isEqualTo("/etc/parley/parley.yml");
  }

  @Test
  void discordShardsCoverTheShardTotalExactly() throws IOException {
    Map<String, Object> statefulSet = workload("k8s/discord-statefulset.yaml");
    Map<String, Object> container = container(statefulSet);
    int replicas = (Integer) path(statefulSet, "spec", "replicas");
    int perPod = Integer.parseInt((String) path(container, "args", 0));
    List<Map<String, Object>> env = cast(container.get("env"));
    String total = env.stream().filter(e -> "DISCORD_SHARD_TOTAL".equals(e.get("name")))
        .map(e -> (String) e.get("value")).findFirst().orElseThrow();

    assertThat(Integer.parseInt(total)).isEqualTo(replicas * perPod);
    assertThat(path(container, "command").toString()).contains("discord-shard-entrypoint.sh");
  }

  // ---- reading the files ----

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      return files.filter(p -> !p.startsWith(DEPLOY.resolve("target")) && !p.startsWith(DEPLOY.resolve("src")))
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static List<Object> documents(Path file) throws IOException {
    List<Object> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Files.readString(file))) {
      if (document != null) documents.add(document);
    }
    return documents;
  }

  private static Map<String, Object> workload(String file) throws IOException {
    return documents(DEPLOY.resolve(file)).stream().map(ManifestsTest::<Map<String, Object>>cast)
        .filter(d -> Set.of("Deployment", "StatefulSet").contains(d.get("kind"))).findFirst().orElseThrow();
  }

  private static Map<String, Object> container(Map<String, Object> workload) {
    return cast(path(workload, "spec", "template", "spec", "containers", 0));
  }

  /** Names set by {@code env}, {@code environment}, Secret and ConfigMap data, and every {@code $NAME} reference. */
  private static void collectEnvNames(Object node, Set<String> names) {
    if (node instanceof Map<?, ?> map) {
      Object kind = map.get("kind");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (key.equals("environment") && entry.getValue() instanceof Map<?, ?> env) {
          env.keySet().forEach(k -> names.add(String.valueOf(k)));
        } else if (key.equals("env") && entry.getValue() instanceof List<?> env) {
          env.forEach(e -> names.add(String.valueOf(((Map<?, ?>) e).get("name"))));
        } else if ((key.equals("data") || key.equals("stringData")) && ("Secret".equals(kind) || "ConfigMap".equals(kind))) {
          ((Map<?, ?>) entry.getValue()).keySet().stream().map(String::valueOf)
              .filter(k -> k.matches("[A-Z][A-Z0-9_]*")).forEach(names::add);
        } else if (key.equals("key") && entry.getValue() instanceof String secretKey && secretKey.matches("[A-Z][A-Z0-9_]*")) {
          names.add(secretKey);
        }
        collectEnvNames(entry.getValue(), names);
      }
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectEnvNames(item, names));
    } else if (node instanceof String text) {
      names.addAll(references(text));
    }
  }

  private static Set<String> references(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) names.add(matcher.group(1));
    return names;
  }

  private static Set<String> dockerfileEnv() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = Pattern.compile("(?m)^(?:ENV\\s+|\\s+)([A-Z][A-Z0-9_]*)=").matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
    while (matcher.find()) names.add(matcher.group(1));
    return names;
  }

  private static Object path(Object node, Object... steps) {
    Object current = node;
    for (Object step : steps) {
      if (current == null) return null;
      current = step instanceof Integer index ? ((List<?>) current).get(index) : ((Map<?, ?>) current).get(step);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
