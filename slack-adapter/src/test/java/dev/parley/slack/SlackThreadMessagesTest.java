package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.parley.core.api.EarlierMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping of a recorded {@code conversations.replies} answer, parsed by the SDK as the client does. */
class SlackThreadMessagesTest {
  private static final Instant QUESTION = SlackEventMapper.instantOf("1767226200.000700");
  private final SlackThreadMessages mapper = new SlackThreadMessages("U0PARLEY", "B0PARLEY");

  private static List<Message> recorded() throws IOException {
    try (InputStream in = SlackThreadMessagesTest.class.getResourceAsStream("/slack/conversations_replies.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return GsonFactory.createSnakeCase().fromJson(json, ConversationsRepliesResponse.class).getMessages();
    }
  }

  @Test
  void mapsPeopleBotsAndParleyOldestFirstWithoutTheQuestionOrJoins() throws IOException {
    List<EarlierMessage> thread = mapper.map(recorded(), QUESTION, Map.of("U061F7AUR", "Bo", "U0CY", "Cy"));

    assertThat(thread).extracting(EarlierMessage::authorName)
        .containsExactly("Bo", "Cy", "CI (a bot)", "Parley", "Cy", "Bo");
    assertThat(thread).extracting(EarlierMessage::fromParley).containsExactly(false, false, false, true, false, false);
    assertThat(thread.getFirst().at()).isEqualTo(SlackEventMapper.instantOf("1767225600.000100"));
    assertThat(thread).extracting(EarlierMessage::text).noneMatch(t -> t.contains("what do you think"))
        .noneMatch(t -> t.contains("has joined"));
  }

  @Test
  void slackMarkupBecomesReadableText() throws IOException {
    List<EarlierMessage> thread = mapper.map(recorded(), QUESTION, Map.of("U061F7AUR", "Bo", "U0CY", "Cy"));

    assertThat(thread.get(0).text())
        .isEqualTo("Deploy of run 42 (https://ci.example.com/run/42) failed & prod is at 3 < 4 replicas @here");
    assertThat(thread.get(1).text()).isEqualTo("@Bo check #ops and ping @oncall");
    assertThat(thread.get(5).text()).isEqualTo("here is the log\n[file: pod.log]");
  }

  @Test
  void asksForTheNamesOfAuthorsAndMentionedPeopleOnlyBeforeTheQuestion() throws IOException {
    assertThat(mapper.people(recorded(), QUESTION)).containsExactlyInAnyOrder("U061F7AUR", "U0CY");
  }

  @Test
  void anUnknownPersonIsShownByIdAndAMentionByItsLabel() {
    assertThat(SlackThreadMessages.readable("<@U0ZED> and <@U0BO|bo> <!channel> <!date^1767225600^{date}|Jan 1>",
        Map.of())).isEqualTo("@U0ZED and @bo @channel Jan 1");
  }
}
