package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ConversationKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlackEventMapperTest {
  private static final String BOT = "U0LAN0Z89";
  private final SlackEventMapper mapper = new SlackEventMapper(BOT, "B0LAN0Z89", false);

  @Test
  void mentionAtTopLevelIsAnsweredInItsOwnThreadWithoutTheMention() {
    SlackInbound in = mapper.message(fixture("app_mention.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.MENTION);
    assertThat(in.message().text()).isEqualTo("What is the hour of the pearl, ?");
    assertThat(mapper.stripMention("hey <@U0LAN0Z89> look:\n    indented()")).isEqualTo("hey look:\n    indented()");
    assertThat(in.message().eventId()).isEqualTo("Ev123ABC456");
    assertThat(in.message().authorId()).isEqualTo("U123ABC456");
    assertThat(in.message().conversation())
        .isEqualTo(new ConversationKey("slack", "T123ABC456", "C123ABC456", "1515449522.000016"));
    assertThat(in.target().threadTs()).isEqualTo("1515449522.000016");
    assertThat(in.message().receivedAt()).isEqualTo(Instant.ofEpochSecond(1515449522, 16_000));
  }

  @Test
  void mentionInAThreadBelongsToThatThread() {
    SlackInbound in = mapper.message(fixture("app_mention_in_thread.json")).orElseThrow();

    assertThat(in.message().text()).isEqualTo("and what about   tomorrow?");
    assertThat(in.message().conversation().thread()).isEqualTo("1515449522.000016");
    assertThat(in.target().threadTs()).isEqualTo("1515449522.000016");
    assertThat(in.target().teamId()).isEqualTo("T123ABC456");
  }

  @Test
  void topLevelDirectMessageIsOneConversationPerUserAnsweredAtTopLevel() {
    SlackInbound in = mapper.message(fixture("message_im.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.DIRECT);
    assertThat(in.message().conversation())
        .isEqualTo(new ConversationKey("slack", "T061EG9R6", "D024BE91L", "dm-U2147483697"));
    assertThat(in.target().threadTs()).isNull();
    assertThat(in.inDmThread()).isFalse();
  }

  @Test
  void directMessageThreadIsItsOwnConversation() {
    SlackInbound in = mapper.message(fixture("message_im_assistant_thread.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.DIRECT);
    assertThat(in.message().conversation().thread()).isEqualTo("1729999320.000100");
    assertThat(in.target().threadTs()).isEqualTo("1729999320.000100");
    assertThat(in.inDmThread()).isTrue();
  }

  @Test
  void channelThreadReplyAndTopLevelMessageAreTold() {
    SlackInbound reply = mapper.message(fixture("message_channels_thread_reply.json")).orElseThrow();
    SlackInbound top = mapper.message(fixture("message_channels_top_level.json")).orElseThrow();

    assertThat(reply.kind()).isEqualTo(SlackInbound.Kind.THREAD_REPLY);
    assertThat(reply.message().conversation().thread()).isEqualTo("1482960100.003500");
    assertThat(top.kind()).isEqualTo(SlackInbound.Kind.CHANNEL_MESSAGE);
    assertThat(top.message().conversation().thread()).isEqualTo("1482960200.003600");
    assertThat(top.target().threadTs()).isEqualTo("1482960200.003600");
  }

  @ParameterizedTest
  @ValueSource(strings = {"message_changed.json", "message_deleted.json", "bot_message.json", "own_message.json",
      "message_channels_with_mention.json", "assistant_thread_started.json"})
  void ignoresWhatIsNeverAnswered(String name) {
    assertThat(mapper.message(fixture(name))).isEmpty();
  }

  @Test
  void otherBotsAreAnsweredWhenAllowedButNeverItself() {
    SlackEventMapper permissive = new SlackEventMapper(BOT, "B0LAN0Z89", true);

    assertThat(permissive.message(fixture("bot_message.json"))).isPresent();
    assertThat(permissive.message(fixture("own_message.json"))).isEmpty();
  }

  @Test
  void assistantThreadStarted() {
    AssistantThread thread = mapper.assistantThread(fixture("assistant_thread_started.json")).orElseThrow();

    assertThat(thread).isEqualTo(new AssistantThread("T07XY8FPJ5C", "D123ABC456", "1729999327.187299", "U123ABC456"));
  }

  @Test
  void slashCommandQuestionFromFormFields() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    SlackCommand command = mapper.command(SlackBodies.parse(text("slash_command_ask.txt")), now).orElseThrow();

    assertThat(command.action()).isEqualTo(SlackCommand.Action.ASK);
    assertThat(command.message().text()).isEqualTo("how do I rotate a key?");
    assertThat(command.message().eventId()).isEqualTo("command-13345224609.738474920.8088930838d88f008e0");
    assertThat(command.message().conversation())
        .isEqualTo(new ConversationKey("slack", "T0001", "C2147483705", "ask-U2147483697"));
    assertThat(command.target().threadTs()).isNull();
    assertThat(command.message().receivedAt()).isEqualTo(now);
  }

  @Test
  void aWorkspaceInstallInsideAnEnterpriseOrgKeepsTheWorkspaceAsTenant() {
    // slash_command_ask.txt names enterprise_id E0001 without is_enterprise_install.
    SlackCommand command = mapper.command(SlackBodies.parse(text("slash_command_ask.txt")), Instant.EPOCH).orElseThrow();

    assertThat(command.message().conversation().tenantScope()).isEqualTo("slack:T0001");
  }

  @Test
  void anOrgWideInstallMakesTheOrgTheTenantOfEventsAndCommandsWhileRepliesGoToTheWorkspace() {
    SlackInbound mention = mapper.message(fixture("app_mention_org_install.json")).orElseThrow();
    SlackCommand command = mapper.command(SlackBodies.parse(text("slash_command_org_install.txt")), Instant.EPOCH)
        .orElseThrow();

    assertThat(mention.message().conversation())
        .isEqualTo(new ConversationKey("slack", "E0ORG00001", "C0SHARED01", "1515449600.000100"));
    assertThat(mention.target().teamId()).isEqualTo("T0WORKSPACE2");
    assertThat(command.message().conversation().tenantScope()).isEqualTo("slack:E0ORG00001");
    assertThat(command.target().teamId()).isEqualTo("T0WORKSPACE2");
  }

  @Test
  void anOrgInstallFlagWithoutAUsableOrgIdFallsBackToTheWorkspace() {
    JsonNode noOrg = SlackBodies.parse("team_id=T1&channel_id=C1&user_id=U1&command=%2Fask&text=hi&is_enterprise_install=true");
    JsonNode badOrg = SlackBodies.parse(
        "team_id=T1&channel_id=C1&user_id=U1&command=%2Fask&text=hi&is_enterprise_install=true&enterprise_id=E%3A1");

    assertThat(mapper.command(noOrg, Instant.EPOCH).orElseThrow().message().conversation().tenant()).isEqualTo("T1");
    assertThat(mapper.command(badOrg, Instant.EPOCH).orElseThrow().message().conversation().tenant()).isEqualTo("T1");
  }

  @Test
  void slashCommandSubcommands() {
    SlackCommand model = mapper.command(SlackBodies.parse(text("slash_command_model.txt")), Instant.EPOCH).orElseThrow();
    JsonNode reset = SlackBodies.parse("team_id=T1&channel_id=C1&user_id=U1&command=%2Fask&text=reset");
    JsonNode bareModel = SlackBodies.parse("team_id=T1&channel_id=C1&user_id=U1&command=%2Fask&text=model");

    assertThat(model.action()).isEqualTo(SlackCommand.Action.MODEL);
    assertThat(model.argument()).isEqualTo("llama-3.1-8b-instant");
    assertThat(mapper.command(reset, Instant.EPOCH).orElseThrow().action()).isEqualTo(SlackCommand.Action.RESET);
    assertThat(mapper.command(bareModel, Instant.EPOCH).orElseThrow().argument()).isEmpty();
  }

  @Test
  void stopButtonCarriesTheConversationKey() {
    String form = "payload=" + java.net.URLEncoder.encode(text("block_actions_stop.json"), StandardCharsets.UTF_8);
    SlackButtonClick click = mapper.buttonClick(SlackBodies.parse(form)).orElseThrow();

    assertThat(click.actionId()).isEqualTo("parley_stop");
    assertThat(click.key()).isEqualTo(new ConversationKey("slack", "T123ABC456", "C123ABC456", "1548261200.000100"));
    assertThat(click.messageTs()).isEqualTo("1548261231.000200");
    assertThat(click.userId()).isEqualTo("U123ABC456");
  }

  @Test
  void keysThatAreNotKeysAreRefused() {
    assertThat(SlackEventMapper.parseKey("slack:T1:C1")).isEmpty();
    assertThat(SlackEventMapper.parseKey("slack:T1:C 1:x")).isEmpty();
    assertThat(SlackEventMapper.parseKey(null)).isEmpty();
  }

  static JsonNode fixture(String name) {
    return SlackBodies.parse(text(name));
  }

  static String text(String name) {
    try (InputStream in = SlackEventMapperTest.class.getResourceAsStream("/slack/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }
}
