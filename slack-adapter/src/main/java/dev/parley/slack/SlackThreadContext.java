package dev.parley.slack;

import com.slack.api.model.Message;
import dev.parley.core.api.EarlierMessages;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Makes the {@link EarlierMessages} of a mention in a channel thread: a source that, when the core
 * reads it, takes the thread from the {@link SlackThreadReader} (cached and within Slack's limits
 * for {@code conversations.replies}), names its people through {@link SlackUserNames}, and maps
 * it with {@link SlackThreadMessages}. Making a source does no I/O.
 */
final class SlackThreadContext {
  private final SlackThreadReader reader;
  private final SlackUserNames names;
  private final SlackThreadMessages messages;

  SlackThreadContext(SlackThreadReader reader, SlackUserNames names, SlackThreadMessages messages) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.names = Objects.requireNonNull(names, "names");
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** The thread {@code threadTs} of {@code channel} before {@code question}, read when the core asks. */
  EarlierMessages before(String channel, String threadTs, Instant question) {
    return () -> {
      List<Message> thread = reader.replies(channel, threadTs).orElse(List.of());
      if (thread.isEmpty()) return List.of();
      return messages.map(thread, question, names.resolve(messages.people(thread, question)));
    };
  }

  /** Remembers a person's name from an event, so quoting them later needs no lookup. */
  void sawAuthor(String userId, String name) {
    names.remember(userId, name);
  }
}
