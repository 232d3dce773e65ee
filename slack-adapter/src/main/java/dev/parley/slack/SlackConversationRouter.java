package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.engine.Conversations;
import dev.parley.core.engine.IncomingMessage;
import dev.parley.core.engine.Submission;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the bot does with what Slack delivered, and does it through the core's
 * {@link Conversations} port: which messages are answered (mentions and DMs always, thread
 * follow-ups where the bot is part of the thread, top-level messages in support channels), the
 * {@code /ask} subcommands, and the reply buttons. Runs on worker threads, after the ack.
 */
final class SlackConversationRouter {
  private static final Logger log = LoggerFactory.getLogger(SlackConversationRouter.class);

  private final Conversations conversations;
  private final MethodsClient methods;
  private final SlackSettings settings;
  private final SlackBudgets budgets;
  private final ThreadMembership threads;
  private final AssistantThreads assistant;

  SlackConversationRouter(Conversations conversations, MethodsClient methods, SlackSettings settings,
      SlackBudgets budgets, ThreadMembership threads, AssistantThreads assistant) {
    this.conversations = conversations;
    this.methods = methods;
    this.settings = settings;
    this.budgets = budgets;
    this.threads = threads;
    this.assistant = assistant;
  }

  void onMessage(SlackInbound inbound) {
    ReplyTarget target = inbound.target();
    IncomingMessage message = inbound.message();
    switch (inbound.kind()) {
      case MENTION -> submit(message, target);
      case DIRECT -> {
        if (inbound.inDmThread()) assistant.questionAsked(target.channel(), target.threadTs(), message.text());
        submit(message, target);
      }
      case THREAD_REPLY -> {
        if (settings.answerThreadFollowUps() && threads.isMember(target.channel(), target.threadTs())) {
          submit(message, target);
        }
      }
      case CHANNEL_MESSAGE -> {
        if (conversations.settingsFor(message.conversation()).supportChannel()) {
          submit(withPermalink(message, target), target);
        }
      }
    }
  }

  /** Handles {@code /ask} and returns the text of the (private) answer to the command itself. */
  String onCommand(SlackCommand command) {
    ConversationKey key = command.message().conversation();
    return switch (command.action()) {
      case ASK -> {
        submit(command.message(), command.target());
        yield "";
      }
      case RESET -> {
        conversations.reset(key);
        yield "Done: I have forgotten our conversation here.";
      }
      case MODEL -> command.argument().isEmpty() ? describeModels(key) : switchModel(key, command.argument());
      case HELP -> "Usage: `/ask <question>`, `/ask reset` to start over, `/ask model [name]` to see or switch the model.";
    };
  }

  void onButton(SlackButtonClick click) {
    switch (click.actionId()) {
      case ReplyBlocks.STOP -> conversations.stop(click.key());
      case ReplyBlocks.FEEDBACK_UP, ReplyBlocks.FEEDBACK_DOWN -> conversations.recordFeedback(
          click.key(), click.messageTs(), click.userId(), click.actionId().equals(ReplyBlocks.FEEDBACK_UP));
      default -> log.debug("slack button ignored: action={}", click.actionId());
    }
  }

  void onAssistantThreadStarted(AssistantThread thread) {
    assistant.started(thread);
  }

  private void submit(IncomingMessage message, ReplyTarget target) {
    ConversationKey key = message.conversation();
    // Slack's own stop control reaches the sink mid-call; the engine is told on another thread so
    // that stopping never waits on the very call that noticed it.
    Runnable stop = () -> Thread.startVirtualThread(() -> conversations.stop(key));
    Submission submission = conversations.submit(message, () -> new SlackReplySink(methods, target, budgets, true, stop));
    if (target.threadTs() != null && submission.status() != Submission.Status.DUPLICATE) {
      threads.remember(target.channel(), target.threadTs());
    }
    log.debug("slack message submitted: conversation={} event={} status={}", key, message.eventId(), submission.status());
  }

  private IncomingMessage withPermalink(IncomingMessage message, ReplyTarget target) {
    try {
      String permalink = SlackCalls.call("chat.getPermalink", () -> methods.chatGetPermalink(r -> r
          .channel(target.channel()).messageTs(target.threadTs()))).getPermalink();
      return new IncomingMessage(message.eventId(), message.conversation(), message.authorId(),
          message.authorName(), message.text(), permalink, message.receivedAt());
    } catch (SlackCallException e) {
      log.info("slack permalink unavailable: channel={} error={}", target.channel(), e.error());
      return message;
    }
  }

  private String describeModels(ConversationKey key) {
    String available = conversations.availableModels().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", "));
    return "This conversation uses `" + conversations.currentModel(key) + "`. Available: " + available + ".";
  }

  private String switchModel(ConversationKey key, String model) {
    try {
      conversations.switchModel(key, model);
      return "Switched this conversation to `" + model + "`.";
    } catch (IllegalArgumentException e) {
      return "I can't use `" + model + "`. " + describeModels(key);
    }
  }
}
