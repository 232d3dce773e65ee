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
 * conversation's next answer, on whichever instance, finds the checkpoint the dead one left
 * (its own first save returns it, or, for an answer that never saved one, a load at its end),
 * stops that stream with a notice under the text it showed, and deletes its Stop control, which
 * could otherwise stop the new answer. Without a next answer, Slack ends the stream by itself
 * after about five minutes, and the checkpoint expires. Best effort throughout: a failure is
 * logged and the new answer goes on.
 */
final class AbandonedStreams {
  private static final Logger log = LoggerFactory.getLogger(AbandonedStreams.class);
  static final String NOTICE = "This answer was cut off: Parley restarted while writing it.";

  private AbandonedStreams() {}

  /**
   * The checkpoint kept for {@code key}, for an answer that never saved one of its own (its first
   * save would have returned it); null when none is kept or the store failed.
   */
  static StreamCheckpoint find(StreamCheckpoints checkpoints, ConversationKey key) {
    try {
      return checkpoints.load(key).orElse(null);
    } catch (RuntimeException e) {
      log.warn("could not read the stream checkpoint: conversation={}", key, e);
      return null;
    }
  }

  /**
   * Stops {@code orphan}'s stream with the notice and deletes its Stop control. Call only while
   * the conversation's turn is held, and late in it (see {@link NativeStream}): a stream whose
   * instance still finishes it is then over, and Slack merely refuses the stop.
   */
  static void close(MethodsClient methods, StreamCheckpoint orphan) {
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
  }
}
