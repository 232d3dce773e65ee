package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;

/**
 * Names Parley's keys. Every key of one conversation carries the conversation inside a Redis
 * Cluster hash tag ({@code parley:{slack:T1:C1:123.45}:history}), so scripts that touch several
 * of them stay in one slot. {@link ConversationKey} segments never contain braces, so the tag
 * is unambiguous.
 */
final class RedisKeys {

  static final String DEFAULT_PREFIX = "parley:";

  private final String prefix;

  RedisKeys(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("prefix must not contain braces, they would move the hash tag: " + prefix);
    }
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  String conversation(ConversationKey key, String suffix) {
    return tagged(key.asString(), suffix);
  }

  /** A key in the slot of {@code tag}. */
  String tagged(String tag, String suffix) {
    return prefix + "{" + tag + "}:" + suffix;
  }
}
