package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What "continue" means for a stream whose instance died mid-answer: the answer itself cannot go
 * on, since its model call died with that instance, and its history was never written. So the
 * conversation's next answer, on whichever instance, finds the checkpoint the dead one left,
 * stops that stream with a notice under the text it showed, and deletes its Stop control, which
 * would otherwise stop the new answer. Without a next answer, Slack ends the stream by itself
 * after about five minutes, and the checkpoint expires. Best effort throughout: a failure is
 * logged and the new answer goes on.
 */
final class AbandonedStreams {
  private static final Logger log = LoggerFactory.getLogger(AbandonedStreams.class);
  static final String NOTICE = "This answer was cut off: Parley restarted while writing it.";

  private AbandonedStreams() {}

  /**
   * Closes the stream recorded for {@code key}, if any. Call only while the conversation's turn
   * is held, when its previous answer has surely ended.
   */
  static void closeFor(MethodsClient methods, StreamCheckpoints checkpoints, ConversationKey key) {
    StreamCheckpoint orphan;
    try {
      orphan = checkpoints.load(key).orElse(null);
    } catch (RuntimeException e) {
      log.warn("could not read the stream checkpoint: conversation={}", key, e);
      return;
    }
    if (orphan == null) return;
    log.warn("closing a stream its instance left open: channel={} ts={} streamed={}", orphan.channel(),
        orphan.messageId(), orphan.streamed());
    try {
      SlackCalls.call("chat.stopStream", () -> methods.chatStopStream(r -> r
          .channel(orphan.channel()).ts(orphan.messageId()).markdownText("\n\n_" + NOTICE + "_")));
    } catch (SlackCallException e) {
      // message_not_in_streaming_state: Slack ended it already, after its five minutes.
      log.info("slack could not stop the abandoned stream: ts={} error={}", orphan.messageId(), e.error());
    }
    if (orphan.controlMessageId() != null) {
      try {
        SlackCalls.call("chat.delete", () -> methods.chatDelete(r -> r
            .channel(orphan.channel()).ts(orphan.controlMessageId())));
      } catch (SlackCallException e) {
        log.info("slack could not delete the abandoned stop control: ts={} error={}", orphan.controlMessageId(), e.error());
      }
    }
    try {
      checkpoints.clear(key, orphan.messageId());
    } catch (RuntimeException e) {
      log.warn("could not clear the stream checkpoint: conversation={}", key, e);
    }
  }
}
