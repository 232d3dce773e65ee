package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.api.AccessGate;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.FeedbackRecorder;
import dev.parley.core.api.HumanHandoff;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.api.Submission;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the bot does with what Slack delivered, and does it through the core's
 * {@link Conversations} port: which messages are answered (mentions and DMs always, thread
 * follow-ups where the bot is part of the thread, top-level messages in support channels), the
 * {@code /ask} subcommands, and the reply buttons. Runs on worker threads, after the ack.
 *
 * <p>Access control comes first, before any Slack call: a message from outside the allow-lists
 * is dropped (and counted) without a placeholder, a thread, a dedup entry or history. Thread
 * follow-ups are checked too, but not counted: whether the bot is part of the thread, which
 * tells a message for the bot from ordinary chatter, needs a Slack call.
 */
final class SlackConversationRouter {
  private static final Logger log = LoggerFactory.getLogger(SlackConversationRouter.class);
  /** A message timestamp; conversation threads of DMs and commands are not ({@code dm-U1}, {@code ask-U1}). */
  private static final Pattern TS = Pattern.compile("\\d+\\.\\d+");

  private final Conversations conversations;
  private final ModelChoice models;
  private final FeedbackRecorder feedback;
  private final ChannelSettingsResolver channels;
  private final MethodsClient methods;
  private final SlackSettings settings;
  private final SlackBudgets budgets;
  private final ThreadMembership threads;
  private final AssistantThreads assistant;
  private final AccessGate access;
  private final StopButtons stops;
  private final SlackReplySink.NativeStreaming nativeStreaming;
  private final SlackFileDownloads files;
  private final SlackThreadContext threadContext;
  private final HumanHandoff handoff;

  /** @param threadContext reads the thread before a mention in it, when the core asks */
  SlackConversationRouter(BotCore core, MethodsClient methods, SlackSettings settings, SlackBudgets budgets,
      ThreadMembership threads, AssistantThreads assistant, StopButtons stops,
      SlackReplySink.NativeStreaming nativeStreaming, SlackFileDownloads files, SlackThreadContext threadContext) {
    this.conversations = core.conversations();
    this.models = core.models();
    this.feedback = core.feedback();
    this.channels = core.channels();
    this.access = core.access();
    this.handoff = core.handoff();
    this.methods = methods;
    this.settings = settings;
    this.budgets = budgets;
    this.threads = threads;
    this.assistant = assistant;
    this.stops = stops;
    this.nativeStreaming = nativeStreaming;
    this.files = files;
    this.threadContext = threadContext;
  }

  void onMessage(SlackInbound inbound) {
    ReplyTarget target = inbound.target();
    IncomingMessage message = inbound.message();
    boolean direct = inbound.kind() == SlackInbound.Kind.DIRECT;
    AccessRequest request = accessRequest(message, target, direct);
    threadContext.sawAuthor(message.authorId(), message.authorName());
    switch (inbound.kind()) {
      case MENTION -> {
        // A ticket made from the thread links to it, so a mention carries the thread's permalink too.
        if (admitted(request)) submit(withPermalink(withThreadBefore(message, target), target), target);
      }
      case DIRECT -> {
        if (!admitted(request)) return;
        if (!inbound.inDmThread()) {
          submit(message, target);
          return;
        }
        assistant.questionAsked(target.channel(), target.threadTs(), titleOf(message));
        submit(message, target, assistant);
      }
      case THREAD_REPLY -> {
        if (settings.answerThreadFollowUps() && access.check(request).allowed()
            && threads.isMember(target.channel(), target.threadTs())) {
          submit(message, target);
        }
      }
      case CHANNEL_MESSAGE -> {
        if (channels.settingsFor(message.conversation()).supportChannel() && admitted(request)) {
          submit(withPermalink(message, target), target);
        }
      }
    }
  }

  /**
   * Whether the command may run: pure and quick, so it runs before the ack, which then carries
   * the one-time "not allowed" notice privately.
   */
  AccessGate.Verdict admit(SlackCommand command) {
    ReplyTarget target = command.target();
    // A slash command carries no channel type; Slack's DM channel ids start with D.
    AccessGate.Verdict verdict = access.admit(
        accessRequest(command.message(), target, target.channel().startsWith("D")), true);
    if (!verdict.allowed()) {
      log.debug("slack command refused: team={} channel={} user={}", target.teamId(), target.channel(),
          command.message().authorId());
    }
    return verdict;
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
      case ReplyBlocks.STOP -> stop(click);
      case ReplyBlocks.FEEDBACK_UP, ReplyBlocks.FEEDBACK_DOWN -> feedback.recordFeedback(
          click.key(), click.messageTs(), click.userId(), click.actionId().equals(ReplyBlocks.FEEDBACK_UP));
      case ReplyBlocks.HANDOFF -> handOff(click);
      default -> log.debug("slack button ignored: action={}", click.actionId());
    }
  }

  void onAssistantThreadStarted(AssistantThread thread) {
    ConversationKey key = new ConversationKey(SlackEventMapper.PLATFORM, thread.teamId(), thread.channelId(),
        thread.threadTs());
    String user = thread.userId() == null ? "" : thread.userId();
    if (!access.check(new AccessRequest(key, thread.teamId(), List.of(thread.channelId()), true, user,
        Set.of())).allowed()) {
      return;
    }
    assistant.started(thread);
  }

  /**
   * Stop acts for the person who asked or an admin. A value without a valid tag names nobody, so
   * only an admin may use it; anyone else is told privately that the answer is not theirs.
   */
  private void stop(SlackButtonClick click) {
    String asker = stops.askerOf(click.value(), click.key()).orElse(null);
    if (access.mayControl(SlackEventMapper.PLATFORM, click.userId(), asker)) {
      conversations.stop(click.key());
      log.info("slack answer stopped: conversation={} user={}", click.key(), click.userId());
      return;
    }
    log.info("slack stop refused, not the asker: conversation={} user={}", click.key(), click.userId());
    String channel = click.key().channel();
    String thread = TS.matcher(click.key().thread()).matches() ? click.key().thread() : null;
    try {
      SlackCalls.call("chat.postEphemeral", () -> methods.chatPostEphemeral(r -> r
          .channel(channel).user(click.userId()).threadTs(thread).text(AccessGate.NOT_YOURS)));
    } catch (SlackCallException e) {
      log.info("slack ephemeral notice failed: channel={} error={}", channel, e.error());
    }
  }

  /**
   * "Talk to a person". The key comes from the button's value, which a tampered client could
   * change: the clicker must be let into that channel, and what a forged value could do is what
   * the clicker could do by pressing the button there. The outcome reaches only the clicker.
   */
  private void handOff(SlackButtonClick click) {
    ConversationKey key = click.key();
    if (!access.check(new AccessRequest(key, key.tenant(), List.of(key.channel()), false, click.userId(),
        Set.of())).allowed()) {
      log.info("slack handoff refused by access control: conversation={} user={}", key, click.userId());
      return;
    }
    HumanHandoff.Result result = handoff.requestHuman(key, click.userId(), null, null);
    log.info("slack handoff requested: conversation={} user={} status={}", key, click.userId(), result.status());
    ephemeral(click, result.notice());
  }

  private void ephemeral(SlackButtonClick click, String text) {
    String channel = click.key().channel();
    String thread = TS.matcher(click.key().thread()).matches() ? click.key().thread() : null;
    try {
      SlackCalls.call("chat.postEphemeral", () -> methods.chatPostEphemeral(r -> r
          .channel(channel).user(click.userId()).threadTs(thread).text(SlackMarkdown.toMrkdwn(text))));
    } catch (SlackCallException e) {
      log.info("slack ephemeral notice failed: channel={} error={}", channel, e.error());
    }
  }

  private boolean admitted(AccessRequest request) {
    boolean allowed = access.admit(request, false).allowed();
    if (!allowed) log.debug("slack message refused: conversation={} user={}", request.settingsKey(), request.userId());
    return allowed;
  }

  private static AccessRequest accessRequest(IncomingMessage message, ReplyTarget target, boolean direct) {
    return new AccessRequest(message.conversation(), target.teamId(), List.of(target.channel()), direct,
        message.authorId(), Set.of());
  }

  private void submit(IncomingMessage message, ReplyTarget target) {
    submit(message, target, null);
  }

  /**
   * @param admitted a message access control let in: only then are the details of its files that
   *     Slack withheld asked for
   * @param assistantStatus the assistant thread's status, for a question asked in one; else null
   */
  private void submit(IncomingMessage admitted, ReplyTarget target, AssistantThreads assistantStatus) {
    IncomingMessage message = admitted.attachments().isEmpty() ? admitted
        : admitted.withAttachments(files.describe(admitted.attachments()));
    ConversationKey key = message.conversation();
    // Slack's own stop control reaches the sink mid-call; the engine is told on another thread so
    // that stopping never waits on the very call that noticed it.
    Runnable stop = () -> Thread.startVirtualThread(() -> conversations.stop(key));
    boolean offerHandoff = channels.settingsFor(key).handoff().enabled();
    Submission submission = conversations.submit(message, () -> new SlackReplySink(methods, target, budgets, stops,
        nativeStreaming, stop, assistantStatus, offerHandoff));
    if (target.threadTs() != null && submission.status() != Submission.Status.DUPLICATE) {
      threads.remember(target.channel(), target.threadTs());
    }
    log.debug("slack message submitted: conversation={} event={} status={}", key, message.eventId(), submission.status());
  }

  /**
   * A mention inside a thread carries the thread before it, which the core reads only if it
   * answers. Not for a mention that starts its thread, nor in a thread this instance answered in
   * while follow-ups are answered: every message there since reached the bot, so the history holds
   * them and the thread would cost a {@code conversations.replies} call for nothing.
   */
  private IncomingMessage withThreadBefore(IncomingMessage message, ReplyTarget target) {
    String thread = target.threadTs();
    if (thread == null || SlackEventMapper.instantOf(thread).equals(message.receivedAt())) return message;
    if (settings.answerThreadFollowUps() && threads.answeredHere(target.channel(), thread)) return message;
    return message.withEarlierMessages(threadContext.before(target.channel(), thread, message.receivedAt()));
  }

  private IncomingMessage withPermalink(IncomingMessage message, ReplyTarget target) {
    try {
      String permalink = SlackCalls.call("chat.getPermalink", () -> methods.chatGetPermalink(r -> r
          .channel(target.channel()).messageTs(target.threadTs()))).getPermalink();
      return message.withPermalink(permalink);
    } catch (SlackCallException e) {
      log.info("slack permalink unavailable: channel={} error={}", target.channel(), e.error());
      return message;
    }
  }

  /** An assistant thread is titled by its first question; one asked with files alone, by the first file's name. */
  private static String titleOf(IncomingMessage message) {
    return message.text().isBlank() && !message.attachments().isEmpty()
        ? message.attachments().get(0).name() : message.text();
  }

  private String describeModels(ConversationKey key) {
    String available = models.availableModels().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", "));
    return "This conversation uses `" + models.currentModel(key) + "`. Available: " + available + ".";
  }

  private String switchModel(ConversationKey key, String model) {
    try {
      models.switchModel(key, model);
      return "Switched this conversation to `" + model + "`.";
    } catch (IllegalArgumentException e) {
      return "I can't use `" + model + "`. " + describeModels(key);
    }
  }
}
