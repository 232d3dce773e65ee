package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's names for quoting a thread, without a {@code users.info} call per message: names seen
 * on incoming events ({@code user_profile}) are remembered, and only the ids still unknown are
 * looked up, each once (a bounded, most-recent set; an id Slack could not name is remembered as
 * itself). {@code users.info} is Tier 4 (100+ a minute) and needs {@code users:read}; at most
 * {@value #MAX_LOOKUPS} are made per thread read. Thread-safe.
 */
final class SlackUserNames {
  private static final Logger log = LoggerFactory.getLogger(SlackUserNames.class);
  static final int MAX_LOOKUPS = 10;
  private static final int CAPACITY = 5_000;

  private final MethodsClient methods;
  private final Map<String, String> names = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  });

  SlackUserNames(MethodsClient methods) {
    this.methods = Objects.requireNonNull(methods, "methods");
  }

  /** Remembers a name an event carried; a blank one is ignored. */
  void remember(String userId, String name) {
    if (userId != null && name != null && !name.isBlank()) names.put(userId, name);
  }

  /** The names of {@code userIds}, looking up those not known yet; an id without a name maps to itself. */
  Map<String, String> resolve(Collection<String> userIds) {
    Map<String, String> resolved = new HashMap<>();
    int lookups = 0;
    for (String id : userIds) {
      String known = names.get(id);
      if (known == null && lookups < MAX_LOOKUPS) {
        lookups++;
        known = lookUp(id);
        names.put(id, known);
      }
      resolved.put(id, known == null ? id : known);
    }
    return resolved;
  }

  private String lookUp(String id) {
    try {
      UsersInfoResponse info = SlackCalls.call("users.info", () -> methods.usersInfo(r -> r.user(id)));
      return nameOf(info.getUser(), id);
    } catch (SlackCallException e) {
      log.info("slack user name unavailable: user={} error={}", id, e.error());
      return id;
    }
  }

  private static String nameOf(User user, String id) {
    if (user == null) return id;
    if (user.getProfile() != null && notBlank(user.getProfile().getDisplayName())) return user.getProfile().getDisplayName();
    if (notBlank(user.getRealName())) return user.getRealName();
    return notBlank(user.getName()) ? user.getName() : id;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
