package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply shown the classic way: {@code chat.postMessage}, then {@code chat.update} as the text
 * grows, and further messages in the thread once it no longer fits one. Each render sends only
 * the messages whose content changed, so a render interrupted by a rate limit resumes where it
 * stopped. Not thread-safe: the engine calls a sink one call at a time.
 */
final class PostedReply {
  /** Plain messages fail with {@code msg_too_long} at about 4,000 characters. */
  static final int MESSAGE_LIMIT = 3_900;
  private static final String PLACEHOLDER = "_Thinking…_";

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final String stopValue;
  private final List<Shown> messages = new ArrayList<>();

  private record Shown(String ts, String fingerprint) {}

  PostedReply(MethodsClient methods, ReplyTarget target, StopButtons stops) {
    this.methods = methods;
    this.target = target;
    this.stopValue = stops.value(target.key(), target.recipientUserId());
  }

  /** Takes over a message that already exists, such as a stream Slack stopped accepting. */
  void adopt(String ts) {
    messages.add(new Shown(ts, ""));
  }

  void postPlaceholder() {
    post(PLACEHOLDER, ReplyBlocks.render(PLACEHOLDER, ReplyBlocks.Buttons.STOP, target.key(), stopValue), "");
  }

  /**
   * Shows {@code markdown} (the whole reply so far) with {@code buttons} under its last message.
   *
   * @throws SlackCallException when a call failed; messages shown before it stay recorded
   */
  void render(String markdown, ReplyBlocks.Buttons buttons) {
    // The one escaping path: nothing else touches the text between the model and Slack.
    String shown = SlackMarkdown.toMrkdwn(markdown);
    List<String> parts = MessageSplitter.split(shown.isBlank() ? PLACEHOLDER : shown, MESSAGE_LIMIT);
    for (int i = 0; i < parts.size(); i++) {
      ReplyBlocks.Buttons own = i == parts.size() - 1 ? buttons : ReplyBlocks.Buttons.NONE;
      String part = parts.get(i);
      String fingerprint = own + "\u0000" + part;
      List<LayoutBlock> blocks = ReplyBlocks.render(part, own, target.key(), stopValue);
      if (i >= messages.size()) {
        post(part, blocks, fingerprint);
      } else if (!messages.get(i).fingerprint().equals(fingerprint)) {
        update(i, part, blocks, fingerprint);
      }
    }
  }

  /** The timestamps of the messages shown so far, first to last. */
  List<String> timestamps() {
    return messages.stream().map(Shown::ts).toList();
  }

  private void post(String text, List<LayoutBlock> blocks, String fingerprint) {
    String ts = SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r
        .channel(target.channel()).threadTs(target.threadTs()).text(text).blocks(blocks)
        .unfurlLinks(false).unfurlMedia(false))).getTs();
    messages.add(new Shown(ts, fingerprint));
  }

  private void update(int index, String text, List<LayoutBlock> blocks, String fingerprint) {
    String ts = messages.get(index).ts();
    SlackCalls.call("chat.update", () -> methods.chatUpdate(r -> r
        .channel(target.channel()).ts(ts).text(text).blocks(blocks)));
    messages.set(index, new Shown(ts, fingerprint));
  }
}
