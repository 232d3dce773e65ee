package dev.parley.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.reply.MessageSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit of a reply: its text in section blocks, and the buttons under it (Stop while it
 * is written, thumbs up and down once it is done). Button values carry the conversation key, so
 * a click on any instance finds the conversation; Stop's also carries who asked ({@link StopButtons}).
 */
final class ReplyBlocks {
  static final String STOP = "parley_stop";
  static final String FEEDBACK_UP = "parley_feedback_up";
  static final String FEEDBACK_DOWN = "parley_feedback_down";
  /** "Talk to a person", under finished answers in channels with handoff configured. */
  static final String HANDOFF = "parley_handoff";
  /** Slack's limit for the text of a section block is 3,000 characters. */
  static final int SECTION_LIMIT = 2_900;
  private static final MessageSplitter SECTIONS = new MessageSplitter(SECTION_LIMIT);

  enum Buttons { NONE, STOP, FEEDBACK, FEEDBACK_AND_HANDOFF }

  private ReplyBlocks() {}

  /** @param stopValue the Stop button's value, from {@link StopButtons#value} */
  static List<LayoutBlock> render(String mrkdwn, Buttons buttons, ConversationKey key, String stopValue) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (String section : SECTIONS.texts(mrkdwn.isEmpty() ? " " : mrkdwn)) {
      blocks.add(SectionBlock.builder()
          .text(MarkdownTextObject.builder().text(section).build()).build());
    }
    List<BlockElement> elements = switch (buttons) {
      case NONE -> List.of();
      case STOP -> List.of(button(STOP, "Stop", stopValue, "danger"));
      case FEEDBACK -> finished(key, false);
      case FEEDBACK_AND_HANDOFF -> finished(key, true);
    };
    if (!elements.isEmpty()) blocks.add(ActionsBlock.builder().blockId("parley_reply_actions").elements(elements).build());
    return blocks;
  }

  /** Only the buttons, for a natively streamed message whose text Slack already holds. */
  static List<LayoutBlock> feedbackOnly(ConversationKey key) {
    return feedbackOnly(key, false);
  }

  /** @param handoff whether "Talk to a person" goes beside the thumbs */
  static List<LayoutBlock> feedbackOnly(ConversationKey key, boolean handoff) {
    return List.of(ActionsBlock.builder().blockId("parley_reply_actions").elements(finished(key, handoff)).build());
  }

  /** The buttons of a finished answer; the handoff button's value is only the key, like the thumbs'. */
  private static List<BlockElement> finished(ConversationKey key, boolean handoff) {
    List<BlockElement> elements = new ArrayList<>(List.of(button(FEEDBACK_UP, "👍", key.asString(), null),
        button(FEEDBACK_DOWN, "👎", key.asString(), null)));
    if (handoff) elements.add(button(HANDOFF, "Talk to a person", key.asString(), null));
    return elements;
  }

  private static ButtonElement button(String actionId, String label, String value, String style) {
    return ButtonElement.builder().actionId(actionId).value(value).style(style)
        .text(PlainTextObject.builder().text(label).emoji(true).build()).build();
  }
}
