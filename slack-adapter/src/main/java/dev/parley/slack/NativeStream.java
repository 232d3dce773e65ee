package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.api.reply.MessageSplitter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer streamed natively ({@code chat.startStream}, {@code chat.appendStream},
 * {@code chat.stopStream}) over as many messages as Slack's limits need: a message that reached
 * its age or size ({@link NativeStreamLimits}), or that Slack closed or filled up on its own, is
 * stopped and the answer continues in a new stream message in the same thread, where the text
 * left off. No text is lost or repeated: the messages' texts, in order, are the answer, except
 * that a code block open where one message ends is closed there and reopened, with its language,
 * at the start of the next, so the code still reads as code in both.
 *
 * <p>Where it stands goes to {@link StreamCheckpoints}, so that when this instance dies
 * mid-answer, the conversation's next answer (on any instance) finds the stream left open and
 * closes it ({@link AbandonedStreams}). Each save is a store round trip, so it saves only when
 * what that closing needs changes: a new stream message, or a new Stop control message
 * ({@link #checkpoint}); never per append. Its first save returns what the conversation's
 * previous answer left there, and the stream forgets its checkpoint when it ends. Checkpoint
 * failures are logged and never stop an answer. Not thread-safe: the sink calls it one call at a
 * time.
 */
final class NativeStream {
  private static final Logger log = LoggerFactory.getLogger(NativeStream.class);
  /** {@code chat.appendStream} takes at most 12,000 characters of {@code markdown_text}. */
  static final int APPEND_LIMIT = 12_000;
  /** Closes a code block left open where a message ends; room for it is kept in every message. */
  private static final String CLOSE_FENCE = "\n```";

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final NativeStreamLimits limits;
  private final Clock clock;
  private final StreamCheckpoints checkpoints;
  private final Supplier<String> controlTs;
  /** The message streaming now, or the last one once closed; null before the first. */
  private String ts;
  private boolean open;
  /** Where {@link #ts}'s text begins in the answer. */
  private int segmentStart;
  private int segmentBytes;
  private Instant startedAt;
  /** The answer's text shown so far, over every message. */
  private String streamed = "";
  /** What one message takes: the configured size, lowered when Slack refuses sooner. */
  private int maxBytes;
  private boolean inTurn;
  /** The fence line the next message starts with, when the last one ended inside a code block. */
  private String reopenFence;
  /** The checkpoint this answer saved last; null before its first save. */
  private StreamCheckpoint saved;
  /** A stream the conversation's previous answer left open, found by this answer's first save. */
  private StreamCheckpoint orphan;
  /** Whether the answer's end already forgot its checkpoint and closed any orphan. */
  private boolean checkpointEnded;

  private final SlackBudgets.Gate gate;

  NativeStream(MethodsClient methods, ReplyTarget target, NativeStreamLimits limits, Clock clock,
      StreamCheckpoints checkpoints, Supplier<String> controlTs) {
    this(methods, target, limits, clock, checkpoints, controlTs, SlackBudgets.Gate.OPEN);
  }

  /**
   * @param gate waits for the budget of each start and stop, and of appends beyond the one the
   *     core's throttle took the turn for (a code fence closed or reopened at a message's edge)
   */
  NativeStream(MethodsClient methods, ReplyTarget target, NativeStreamLimits limits, Clock clock,
      StreamCheckpoints checkpoints, Supplier<String> controlTs, SlackBudgets.Gate gate) {
    this.gate = gate;
    this.methods = methods;
    this.target = target;
    this.limits = limits;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.controlTs = controlTs;
    this.maxBytes = limits.maxBytes();
  }

  /** The current (or last) stream message, null before the first. */
  String ts() {
    return ts;
  }

  /** Where {@link #ts()}'s text begins in the answer. */
  int segmentStart() {
    return segmentStart;
  }

  boolean started() {
    return ts != null;
  }

  /**
   * Shows {@code text} (the whole answer so far, already guarded), appending what is new and
   * moving on to new messages as the limits require.
   *
   * @param inTurn whether the answer holds its conversation's turn (it is streaming or finishing
   *     an answer, not showing a refusal): only then is a checkpoint left by the conversation's
   *     previous answer surely abandoned, and closed before the first message starts; and only
   *     then does this stream's own progress go to the checkpoints, which a refusal shown while
   *     the previous answer still streams must not overwrite
   * @throws SlackCallException when Slack refused; what was shown before stays counted
   */
  void extendTo(String text, boolean inTurn) {
    // An answer that held its turn once holds it to the end; a refusal never does.
    this.inTurn |= inTurn;
    if (!text.startsWith(streamed)) throw new SlackCallException("chat.appendStream", "text_diverged", null, null);
    while (streamed.length() < text.length()) {
      if (!open) {
        begin();
      } else if (Duration.between(startedAt, clock.instant()).compareTo(limits.maxAge()) >= 0) {
        rollOver("age");
        continue;
      }
      int end = pieceEnd(text);
      if (end == streamed.length()) {
        rollOver("size");
        continue;
      }
      String piece = text.substring(streamed.length(), end);
      if (!append(piece)) continue;
      streamed = text.substring(0, end);
      segmentBytes += piece.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** Starts the first message now, for an answer that ends before it has text. */
  void beginIfNone() {
    if (ts == null) begin();
  }

  /**
   * Stops the open message with {@code blocks} under it (null for none), and forgets the
   * checkpoint: the answer is over.
   *
   * @throws SlackCallException when Slack rate-limited the stop, or had already closed a message
   *     that was to get {@code blocks} (they must then come another way)
   */
  void finish(List<LayoutBlock> blocks) {
    if (open) {
      try {
        stop(blocks);
      } catch (SlackCallException e) {
        if (e.rateLimited()) throw e;
        open = false;
        if (blocks != null && "message_not_in_streaming_state".equals(e.error())) throw e;
        log.info("slack chat.stopStream failed: channel={} ts={} error={}", target.channel(), ts, e.error());
      }
      open = false;
    }
    endCheckpoint();
  }

  /** Gives the stream up without blocks, for a reply that goes on another way. Never throws. */
  void abandon() {
    try {
      if (open) stop(null);
    } catch (SlackCallException e) {
      log.info("slack chat.stopStream failed while leaving streaming: channel={} error={}", target.channel(), e.error());
    }
    open = false;
    endCheckpoint();
  }

  /**
   * Records where the stream stands, when its message or its Stop control changed since the last
   * save; otherwise does nothing, so the sink calls it after every update at no cost. The sink
   * calls it once the control is shown, so that a new message and its control make one save.
   */
  void checkpoint() {
    if (ts == null || !open || !inTurn) return;
    String control = controlTs.get();
    if (saved != null && ts.equals(saved.messageId()) && Objects.equals(control, saved.controlMessageId())) return;
    StreamCheckpoint now = new StreamCheckpoint(target.channel(), ts, segmentStart, streamed.length(), control, startedAt);
    try {
      StreamCheckpoint replaced = checkpoints.save(target.key(), now).orElse(null);
      // Only the first save can find another answer's checkpoint: later ones replace this one's.
      if (saved == null) orphan = replaced;
      saved = now;
    } catch (RuntimeException e) {
      log.warn("could not save the stream checkpoint: channel={} ts={}", target.channel(), ts, e);
    }
  }

  private void begin() {
    gate.before("chat.startStream");
    String started = SlackCalls.call("chat.startStream", () -> methods.chatStartStream(r -> r
        .channel(target.channel()).threadTs(target.threadTs())
        .recipientUserId(target.recipientUserId()).recipientTeamId(target.teamId()))).getTs();
    ts = started;
    open = true;
    segmentStart = streamed.length();
    segmentBytes = 0;
    startedAt = clock.instant();
    if (reopenFence != null) {
      String fence = reopenFence;
      gate.before("chat.appendStream");
      SlackCalls.call("chat.appendStream", () -> methods.chatAppendStream(r -> r
          .channel(target.channel()).ts(started).markdownText(fence)));
      segmentBytes += fence.getBytes(StandardCharsets.UTF_8).length;
      reopenFence = null;
    }
  }

  private void rollOver(String reason) {
    log.info("slack stream continues in a new message: channel={} ts={} reason={} streamed={}",
        target.channel(), ts, reason, streamed.length());
    try {
      closeOpenFence();
      stop(null);
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw e;
      log.info("slack chat.stopStream failed on rollover: ts={} error={}", ts, e.error());
    }
    open = false;
  }

  /**
   * Appends {@code piece}; false when Slack ended or filled the message first, which is then
   * closed, so the piece goes into the next one.
   */
  private boolean append(String piece) {
    try {
      SlackCalls.call("chat.appendStream", () -> methods.chatAppendStream(r -> r
          .channel(target.channel()).ts(ts).markdownText(piece)));
      return true;
    } catch (SlackCallException e) {
      if ("msg_too_long".equals(e.error())) {
        // Slack's size limit is its own and undocumented: learn it from the refusal.
        int pieceBytes = piece.getBytes(StandardCharsets.UTF_8).length;
        // The limit lies between what the message holds and that plus the piece: take the middle.
        // A message that took only a first small piece (the first words go out at once) would
        // otherwise teach a limit far too low, and every later message would be tiny. Learning
        // too much costs one more refusal, which teaches again.
        int learned = segmentBytes + pieceBytes / 2;
        if (learned < 16) throw e;
        log.info("slack refused a stream message's size, using less: ts={} bytes={}", ts, learned);
        maxBytes = Math.min(maxBytes, learned);
        if (segmentBytes > 0) rollOver("slack-size");
        return false;
      }
      // A message that took nothing yet cannot be helped by a new one: that is a real refusal.
      if (segmentBytes == 0) throw e;
      if ("message_not_in_streaming_state".equals(e.error())) {
        log.info("slack ended the stream before us, continuing in a new message: ts={}", ts);
        open = false;
        // Too late to close a code block in the ended message; the next one still reopens it.
        String language = MessageSplitter.openFenceLanguage(streamed);
        if (language != null) reopenFence = "```" + language + "\n";
        return false;
      }
      throw e;
    }
  }

  /** Where the next piece ends: within the append limit and the message's room, on a code point. */
  private int pieceEnd(String text) {
    int from = streamed.length();
    int limit = Math.min(text.length(), from + APPEND_LIMIT);
    int room = maxBytes - segmentBytes - CLOSE_FENCE.length();
    int end = from;
    boolean full = false;
    while (end < limit) {
      int codePoint = text.codePointAt(end);
      int chars = Character.charCount(codePoint);
      int bytes = utf8Length(codePoint);
      if (end + chars > limit) break;
      if (bytes > room) {
        full = true;
        break;
      }
      room -= bytes;
      end += chars;
    }
    if (full && end > from) {
      // The message is full: end it at a line break when one is near, so the next starts cleanly.
      int lineEnd = text.lastIndexOf('\n', end - 1);
      if (lineEnd >= from + (end - from) / 2) end = lineEnd + 1;
    }
    return end;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) return 1;
    if (codePoint < 0x800) return 2;
    return codePoint < 0x10000 ? 3 : 4;
  }

  /**
   * Before a message is left for the next one: a code block still open there is closed in it, and
   * the next message reopens it with the same language.
   */
  private void closeOpenFence() {
    String language = MessageSplitter.openFenceLanguage(streamed);
    // Set first: the next message reopens the block even when Slack refuses the close.
    if (language == null || reopenFence != null) return;
    reopenFence = "```" + language + "\n";
    String current = ts;
    gate.before("chat.appendStream");
    SlackCalls.call("chat.appendStream", () -> methods.chatAppendStream(r -> r
        .channel(target.channel()).ts(current).markdownText(CLOSE_FENCE)));
  }

  private void stop(List<LayoutBlock> blocks) {
    String current = ts;
    gate.before("chat.stopStream");
    SlackCalls.call("chat.stopStream", () -> methods.chatStopStream(r -> r
        .channel(target.channel()).ts(current).blocks(blocks)));
  }

  /**
   * Forgets this answer's checkpoint, then closes a stream the conversation's previous answer left
   * open. Within its turn, that answer has ended (answers take turns), so a checkpoint it left is
   * one its instance could not clear. It is closed only now, at this answer's end, because the
   * previous answer releases the turn before its own last Slack calls and clear: closed at this
   * answer's start, a stream still being finished could get the "cut off" notice. A refusal
   * ("busy") may come while the previous answer still streams: it never held the turn, so it
   * leaves that stream alone.
   */
  private void endCheckpoint() {
    if (ts == null || !inTurn || checkpointEnded) return;
    checkpointEnded = true;
    boolean savedOwn = saved != null;
    // An answer that saved nothing (it ended within its first update) looks once, here.
    StreamCheckpoint left = savedOwn ? orphan : AbandonedStreams.find(checkpoints, target.key());
    if (savedOwn) clear(saved.messageId());
    if (left == null) return;
    AbandonedStreams.close(methods, left);
    // Replaced by this answer's first save, or still kept when it saved nothing: then forget it
    // here, so that the conversation's next answer does not close it again.
    if (!savedOwn) clear(left.messageId());
  }

  private void clear(String messageId) {
    try {
      checkpoints.clear(target.key(), messageId);
    } catch (RuntimeException e) {
      log.warn("could not clear the stream checkpoint: channel={} ts={}", target.channel(), messageId, e);
    }
  }
}
