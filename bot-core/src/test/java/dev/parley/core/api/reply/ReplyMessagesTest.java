package dev.parley.core.api.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.reply.ReplyMessages.Controls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyMessagesTest {
  private final RecordingPlatform platform = new RecordingPlatform();
  private final ReplyMessages reply = new ReplyMessages(new MessageSplitter(100), platform);

  @Test
  void createsTheFirstMessageThenEditsOnlyWhatChanged() {
    reply.render("Hello", Controls.STOP);
    reply.render("Hello", Controls.STOP);
    reply.render("Hello world", Controls.STOP);

    assertThat(platform.calls).containsExactly("put new Hello [STOP]", "put m1 Hello world [STOP]");
  }

  @Test
  void aLongReplyGoesOnInANewMessageAndMovesTheControlsToTheLast() {
    reply.render("a".repeat(90), Controls.STOP);
    reply.render("a".repeat(90) + "\n" + "b".repeat(50), Controls.STOP);

    assertThat(platform.calls).containsExactly("put new " + "a".repeat(90) + " [STOP]",
        "put m1 " + "a".repeat(90) + "\n [NONE]", "put new " + "b".repeat(50) + " [STOP]");
    assertThat(reply.messageIds()).containsExactly("m1", "m2");
  }

  @Test
  void onlyTheControlsChangingIsAnEdit() {
    reply.render("Done.", Controls.STOP);
    reply.render("Done.", Controls.FINISHED);

    assertThat(platform.calls).containsExactly("put new Done. [STOP]", "put m1 Done. [FINISHED]");
  }

  @Test
  void aReplyThatShrankDeletesItsExtraMessagesLastFirst() {
    reply.render(("x".repeat(90) + "\n").repeat(3), Controls.STOP);
    platform.calls.clear();

    reply.render("short now", Controls.FINISHED);

    assertThat(platform.calls).containsExactly("put m1 short now [FINISHED]", "delete m3", "delete m2");
    assertThat(platform.shown).containsOnlyKeys("m1");
    assertThat(reply.messageIds()).containsExactly("m1");
  }

  @Test
  void aRenderInterruptedByTheThrowingPlatformResumesWhereItStopped() {
    reply.render("a".repeat(90), Controls.STOP);
    platform.failOnCall = platform.callCount + 3;
    String longer = "a".repeat(90) + "\n" + "b".repeat(90) + "\n" + "c".repeat(50);

    assertThatThrownBy(() -> reply.render(longer, Controls.STOP)).hasMessage("429");
    platform.calls.clear();
    reply.render(longer, Controls.STOP);

    assertThat(platform.calls).as("the first two messages were already sent")
        .containsExactly("put new " + "c".repeat(50) + " [STOP]");
    assertThat(platform.shown.values()).containsExactly("a".repeat(90) + "\n", "b".repeat(90) + "\n",
        "c".repeat(50));
  }

  @Test
  void anInterruptedDeleteIsRetriedOnTheNextRender() {
    reply.render(("x".repeat(90) + "\n").repeat(2), Controls.STOP);
    platform.failOnCall = platform.callCount + 2;

    assertThatThrownBy(() -> reply.render("short", Controls.STOP)).hasMessage("429");
    reply.render("short", Controls.STOP);

    assertThat(platform.shown).containsOnlyKeys("m1");
  }

  @Test
  void anAdoptedMessageIsEditedByTheFirstRenderEvenWithTheSameText() {
    reply.adopt("original");
    reply.render("", Controls.NONE);

    assertThat(platform.calls).containsExactly("put original  [NONE]");
    assertThat(reply.messageIds()).containsExactly("original");
  }

  /** A platform that keeps what each message shows, and can fail its n-th call like a 429. */
  static final class RecordingPlatform implements ReplyMessages.Platform {
    final List<String> calls = new ArrayList<>();
    final Map<String, String> shown = new LinkedHashMap<>();
    int callCount;
    int failOnCall;
    private int created;

    @Override
    public String put(String messageId, String content, Controls controls) {
      maybeFail();
      calls.add("put " + (messageId == null ? "new" : messageId) + " " + content + " [" + controls + "]");
      String id = messageId == null ? "m" + ++created : messageId;
      shown.put(id, content);
      return id;
    }

    @Override
    public void delete(String messageId) {
      maybeFail();
      calls.add("delete " + messageId);
      assertThat(shown.remove(messageId)).as("deletes a shown message").isNotNull();
    }

    private void maybeFail() {
      if (++callCount == failOnCall) throw new IllegalStateException("429");
    }
  }
}
