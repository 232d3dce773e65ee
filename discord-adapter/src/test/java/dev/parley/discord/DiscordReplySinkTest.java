package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

class DiscordReplySinkTest {
  private static final ConversationKey KEY = new ConversationKey("discord", "1", "2", "3");
  private static final ReplyButtons.Ids IDS = ReplyButtons.Ids.forConversation(KEY);
  /** What a finished answer shows: Regenerate, then thumbs up and down. */
  private static final String[] FINISHED = {IDS.regenerate(),
      ReplyButtons.id(ReplyButtons.Kind.FEEDBACK_UP, KEY), ReplyButtons.id(ReplyButtons.Kind.FEEDBACK_DOWN, KEY)};

  private final RecordingTarget target = new RecordingTarget();
  private final AtomicReference<List<String>> done = new AtomicReference<>();

  @Test
  void startPostsAPlaceholderWithAStopButtonThroughJdasQueue() {
    sink(null, List.of()).start();

    assertThat(target.writes).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo("create");
      assertThat(w.paced()).isTrue();
      assertThat(w.content()).contains("Thinking");
      assertThat(w.buttonIds()).containsExactly(IDS.stop());
    });
  }

  @Test
  void aStatusLineShowsUnderTheTextOutsideAnOpenCodeBlockAndTheEndDropsIt() {
    var sink = sink(null, List.of());
    sink.start();
    sink.update("Checking:\n```sh\nping");
    sink.status("Running ping_host…");
    sink.status(null);
    sink.finish("Checking:\n```sh\nping\n```\nAll good.");

    assertThat(target.writes).extracting(Write::content).containsExactly(DiscordReplySink.PLACEHOLDER,
        "Checking:\n```sh\nping", "Checking:\n```sh\nping\n```\n\n\u23f3 _Running ping_host…_",
        "Checking:\n```sh\nping", "Checking:\n```sh\nping\n```\nAll good.");
  }

  @Test
  void anInteractionReplyShowsDiscordsThinkingUntilItsFirstWordsGoIntoTheOriginalResponseWithStop() {
    var sink = sink("@original", List.of());
    sink.start();

    assertThat(target.writes).as("the deferred response is the placeholder").isEmpty();
    sink.update("Hello");
    assertThat(target.writes).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo("edit");
      assertThat(w.messageId()).isEqualTo("@original");
      assertThat(w.content()).isEqualTo("Hello");
      assertThat(w.buttonIds()).containsExactly(IDS.stop());
    });
  }

  @Test
  void updatesEditOnlyWhatChangedAndGoOnInANewMessagePastTheLimit() {
    var sink = sink(null, List.of());
    sink.start();
    sink.update("Hello");
    sink.update("Hello");
    String longText = "a".repeat(1990) + "\n" + "b".repeat(100);
    sink.update(longText);

    assertThat(target.writes).extracting(Write::kind).containsExactly("create", "edit", "edit", "create");
    assertThat(target.writes.get(1).paced()).isFalse();
    Write first = target.writes.get(2);
    assertThat(first.content()).as("JDA trims content").isEqualTo("a".repeat(1990));
    assertThat(first.buttonIds()).as("the Stop button moves to the last message").isEmpty();
    assertThat(target.writes.get(3).content()).isEqualTo("b".repeat(100));
    assertThat(target.writes.get(3).buttonIds()).containsExactly(IDS.stop());
  }

  @Test
  void aReplyThatShrinksDeletesItsExtraMessageAndWithItsStopButton() {
    var sink = sink(null, List.of());
    sink.start();
    sink.update("a".repeat(1990) + "\n" + "b".repeat(100));
    sink.finish("short now");

    assertThat(target.writes.get(target.writes.size() - 2).content()).isEqualTo("short now");
    assertThat(target.writes.get(target.writes.size() - 2).buttonIds()).containsExactly(FINISHED);
    assertThat(target.writes.getLast().kind()).isEqualTo("delete");
    assertThat(target.writes.getLast().messageId()).isEqualTo("m2");
    assertThat(target.writes.getLast().paced()).isTrue();
    assertThat(done.get()).containsExactly("m1");
  }

  @Test
  void aNoticeAfterPartialCodeClosesTheCodeBlockFirst() {
    var sink = sink(null, List.of());
    sink.start();
    sink.fail("Here:\n```java\nint x = 1;\n", "The answer was cut off before it was complete.");

    assertThat(target.writes.getLast().content())
        .isEqualTo("Here:\n```java\nint x = 1;\n```\n\n\u26a0\ufe0f _The answer was cut off before it was complete._");
    assertThat(target.writes.getLast().buttonIds()).containsExactly(FINISHED);
  }

  @Test
  void aRateLimitedUpdateIsRejectedWithItsRetryAfterAndSentAgainNextTime() {
    var sink = sink(null, List.of());
    sink.start();
    target.rateLimitNext = 1500;

    assertThatThrownBy(() -> sink.update("Hello")).isInstanceOfSatisfying(EditRejectedException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
    sink.update("Hello");
    assertThat(target.writes.getLast().content()).isEqualTo("Hello");
  }

  @Test
  void finishShowsRegenerateAndReportsTheMessagesOnce() {
    var sink = sink(null, List.of());
    sink.start();
    sink.finish("All done.");

    assertThat(target.writes.getLast().paced()).isTrue();
    assertThat(target.writes.getLast().content()).isEqualTo("All done.");
    assertThat(target.writes.getLast().buttonIds()).containsExactly(FINISHED);
    assertThat(done.get()).containsExactly("m1");
  }

  @Test
  void failKeepsThePartialTextAboveTheNotice() {
    var sink = sink(null, List.of());
    sink.start();
    sink.fail("Half an ans", "The answer was cut off before it was complete.");

    assertThat(target.writes.getLast().content())
        .isEqualTo("Half an ans\n\n\u26a0\ufe0f _The answer was cut off before it was complete._");
  }

  @Test
  void mentionsAreEmptyUnlessTheAuthorMayBePinged() {
    sink(null, List.of()).start();
    sink(null, List.of("42")).start();

    assertThat(target.writes.get(0).data().getAllowedMentions()).isEmpty();
    assertThat(target.writes.get(0).data().getMentionedUsers()).isEmpty();
    assertThat(target.writes.get(1).data().getAllowedMentions()).isEmpty();
    assertThat(target.writes.get(1).data().getMentionedUsers()).containsExactly("42");
  }

  private DiscordReplySink sink(String existing, List<String> pingable) {
    var budget = new EditBudget(Duration.ofSeconds(1), new TokenBucket(5, Duration.ofSeconds(5)));
    var splitter = new MessageSplitter(DiscordReplySink.MESSAGE_LIMIT);
    return new DiscordReplySink(target, existing, splitter, budget, IDS, pingable, done::set);
  }

  record Write(String kind, String messageId, MessageData data, boolean paced) {
    String content() {
      return data.getContent();
    }

    List<String> buttonIds() {
      return data.getComponents().stream()
          .flatMap(c -> ((ActionRow) c).getComponents().stream())
          .map(c -> ((Button) c).getCustomId())
          .toList();
    }
  }

  static final class RecordingTarget implements ReplyTarget {
    final List<Write> writes = new ArrayList<>();
    long rateLimitNext;
    int created;

    @Override
    public String create(MessageCreateData message, boolean paced) throws RateLimitedException {
      limit();
      String id = "m" + ++created;
      writes.add(new Write("create", id, message, paced));
      return id;
    }

    @Override
    public void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException {
      limit();
      writes.add(new Write("edit", messageId, message, paced));
    }

    @Override
    public void delete(String messageId, boolean paced) throws RateLimitedException {
      limit();
      writes.add(new Write("delete", messageId, null, paced));
    }

    @Override
    public String channelId() {
      return "2";
    }

    private void limit() throws RateLimitedException {
      if (rateLimitNext > 0) {
        long retry = rateLimitNext;
        rateLimitNext = 0;
        throw new RateLimitedException("PATCH/channels/2/messages", retry);
      }
    }
  }
}
