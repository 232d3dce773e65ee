package dev.parley.discord;

import dev.parley.core.api.EarlierMessage;
import dev.parley.core.api.EarlierMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the messages before a mention, through JDA ({@code GET /channels/{id}/messages?before=&limit=},
 * newest first, at most 100 a call; discord.com/developers/docs/resources/message#get-channel-messages),
 * as the mention's {@link EarlierMessages}: read on the core's worker thread, and only if the core
 * answers. In a thread the bot did not start, that is the thread so far ({@value #THREAD_LIMIT}
 * messages); for a mention in a channel, which starts a new thread, the channel's recent
 * conversation ({@value #CHANNEL_LIMIT} messages, none older than {@link #CHANNEL_MAX_AGE}, since
 * older channel talk is rarely what "this" means).
 *
 * <p>It needs the View Channel and Read Message History permissions; JDA checks them before
 * sending, and without them (or on any refusal, or after {@link #TIMEOUT}: JDA waits out a 429
 * by itself) the answer goes on without context, after one log line. Discord has no history
 * limit as strict as Slack's, so nothing is cached: each read is one request in the channel's
 * own rate-limit bucket.
 */
final class DiscordHistory {
  private static final Logger log = LoggerFactory.getLogger(DiscordHistory.class);
  static final int THREAD_LIMIT = 50;
  static final int CHANNEL_LIMIT = 20;
  static final Duration CHANNEL_MAX_AGE = Duration.ofHours(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * One message as the history needs it, read off JDA's message without a request.
   *
   * @param system whether Discord made it (a pin, a join, a thread's start), not a person
   * @param files the names of its attachments
   */
  record HistoryView(String authorId, String authorName, boolean bot, boolean system, String content, Instant at,
      List<String> files) {}

  private DiscordHistory() {}

  /** The thread (or channel) before {@code messageId}, read when the core asks. */
  static EarlierMessages before(MessageChannel channel, String messageId, boolean inThread) {
    String selfId = channel.getJDA().getSelfUser().getId();
    return () -> {
      List<Message> read;
      try {
        read = channel.getHistoryBefore(messageId, inThread ? THREAD_LIMIT : CHANNEL_LIMIT)
            .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete().getRetrievedHistory();
      } catch (PermissionException e) {
        log.warn("discord history not read: the bot lacks {} in channel={}; grant it to quote earlier messages",
            e.getPermission().getName(), channel.getId());
        return List.of();
      } catch (ErrorResponseException e) {
        log.info("discord history not read: channel={} status={} code={}", channel.getId(), e.getErrorResponse(),
            e.getErrorCode());
        return List.of();
      } catch (RuntimeException e) {
        log.info("discord history not read: channel={} error={}", channel.getId(), e.toString());
        return List.of();
      }
      Instant notBefore = inThread ? Instant.MIN : Instant.now().minus(CHANNEL_MAX_AGE);
      return map(read.stream().map(DiscordHistory::view).toList(), selfId, notBefore);
    };
  }

  /**
   * The earlier messages, oldest first: people's and other bots' messages (named as bots) and the
   * bot's own (marked as Parley's), each with its files named; Discord's system messages and
   * anything before {@code notBefore} left out. Pure.
   */
  static List<EarlierMessage> map(List<HistoryView> newestFirst, String selfId, Instant notBefore) {
    List<EarlierMessage> mapped = new ArrayList<>();
    for (HistoryView view : newestFirst.reversed()) {
      if (view.system() || view.at().isBefore(notBefore)) continue;
      boolean own = selfId.equals(view.authorId());
      StringBuilder text = new StringBuilder(Objects.requireNonNullElse(view.content(), ""));
      for (String file : view.files()) text.append(text.isEmpty() ? "" : "\n").append("[file: ").append(file).append("]");
      String name = own ? "Parley" : view.bot() ? view.authorName() + " (a bot)" : view.authorName();
      mapped.add(new EarlierMessage(view.authorId(), name, own, text.toString(), view.at()));
    }
    return mapped;
  }

  /** Mentions read as names ({@code getContentDisplay}, from JDA's cache); a member's server nickname first. */
  private static HistoryView view(Message message) {
    String name = message.getMember() != null ? message.getMember().getEffectiveName()
        : message.getAuthor().getEffectiveName();
    return new HistoryView(message.getAuthor().getId(), name, message.getAuthor().isBot(), message.getType().isSystem(),
        message.getContentDisplay(), message.getTimeCreated().toInstant(),
        message.getAttachments().stream().map(Message.Attachment::getFileName).toList());
  }
}
