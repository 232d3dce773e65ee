package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.EarlierMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping of a channel's history (newest first, as Discord returns it) to the core's earlier messages. */
class DiscordHistoryTest {
  private static final String SELF = "1100000000000000001";
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  private static DiscordHistory.HistoryView view(String author, String name, boolean bot, boolean system, String text,
      int minute, String... files) {
    return new DiscordHistory.HistoryView(author, name, bot, system, text, T0.plusSeconds(minute * 60L), List.of(files));
  }

  @Test
  void turnsNewestFirstIntoOldestFirstAndNamesBotsAndParley() {
    List<EarlierMessage> mapped = DiscordHistory.map(List.of(
        view(SELF, "parley", true, false, "I think it is the cache", 3),
        view("22", "ci", true, false, "build 42 failed", 2),
        view("21", "Bo", false, false, "the deploy failed", 1)), SELF, Instant.MIN);

    assertThat(mapped).extracting(EarlierMessage::authorName).containsExactly("Bo", "ci (a bot)", "Parley");
    assertThat(mapped).extracting(EarlierMessage::fromParley).containsExactly(false, false, true);
    assertThat(mapped.getFirst().at()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void leavesOutSystemMessagesAndOldChannelTalkAndNamesFiles() {
    List<EarlierMessage> mapped = DiscordHistory.map(List.of(
        view("21", "Bo", false, false, "here is the log", 50, "pod.log", "shot.png"),
        view("21", "Bo", false, true, "Bo started a thread", 40),
        view("23", "Cy", false, false, "from yesterday", -1_000)), SELF, T0);

    assertThat(mapped).singleElement().extracting(EarlierMessage::text)
        .isEqualTo("here is the log\n[file: pod.log]\n[file: shot.png]");
  }

  @Test
  void aMessageOfFilesAloneIsNamedByItsFiles() {
    assertThat(DiscordHistory.map(List.of(view("21", "Bo", false, false, "", 1, "trace.txt")), SELF, Instant.MIN))
        .extracting(EarlierMessage::text).containsExactly("[file: trace.txt]");
  }
}
