package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.ConversationKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackEventMapperTest {
  private static final String BOT = "U0LAN0Z89";
  /** The files the mapper asked a source for; each source hands back the file's id as its bytes. */
  private final List<SlackFile> sourced = new ArrayList<>();
  private final SlackEventMapper mapper = new SlackEventMapper(BOT, "B0LAN0Z89", false, this::source);

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
    SlackEventMapper permissive = new SlackEventMapper(BOT, "B0LAN0Z89", true, this::source);

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

  @Test
  void aMentionWithOnlyAnImageReachesTheBotWithTheImageAttached() {
    SlackInbound in = mapper.message(fixture("app_mention_with_image.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.MENTION);
    assertThat(in.message().text()).isEmpty();
    Attachment image = in.message().attachments().get(0);
    assertThat(in.message().attachments()).hasSize(1);
    assertThat(image.name()).isEqualTo("screenshot.png");
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.sizeBytes()).isEqualTo(48213);
    assertThat(image.voiceMessage()).isFalse();
    assertThat(new String(image.source().download(100), StandardCharsets.UTF_8)).isEqualTo("F07ABCD1234");
    assertThat(sourced).containsExactly(new SlackFile("F07ABCD1234", "screenshot.png", "image/png", 48213,
        "https://files.slack.com/files-pri/T123ABC456-F07ABCD1234/screenshot.png",
        "https://files.slack.com/files-pri/T123ABC456-F07ABCD1234/download/screenshot.png", false, false));
  }

  @Test
  void aDirectMessageOfOnlyAnAudioClipIsAVoiceMessageOfAnAudioType() {
    SlackInbound in = mapper.message(fixture("message_im_audio_clip.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.DIRECT);
    assertThat(in.message().text()).isEmpty();
    Attachment clip = in.message().attachments().get(0);
    assertThat(clip.name()).isEqualTo("audio_message.mp4");
    // Slack labels clips video/mp4; the core routes audio by type.
    assertThat(clip.mimeType()).isEqualTo("audio/mp4");
    assertThat(clip.voiceMessage()).isTrue();
    assertThat(clip.sizeBytes()).isEqualTo(61440);
    assertThat(sourced.get(0).downloadUrl())
        .isEqualTo("https://files.slack.com/files-pri/T061EG9R6-F07CLIP0001/download/audio_message.mp4");
  }

  @Test
  void aThreadReplySharingAFileKeepsItsTextAndLeavesDeletedFilesOut() {
    SlackInbound in = mapper.message(fixture("message_file_share_thread_reply.json")).orElseThrow();

    assertThat(in.kind()).isEqualTo(SlackInbound.Kind.THREAD_REPLY);
    assertThat(in.message().text()).isEqualTo("here is the log, and the old one");
    assertThat(in.message().conversation().thread()).isEqualTo("1482960100.003500");
    assertThat(in.message().attachments()).extracting(Attachment::name, Attachment::mimeType, Attachment::voiceMessage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("server.log", "text/plain", false));
  }

  @Test
  void aSlackConnectFileWhoseDetailsSlackWithheldIsMarkedForFilesInfo() {
    SlackInbound in = mapper.message(fixture("app_mention_slack_connect_file.json")).orElseThrow();

    assertThat(in.message().text()).isEqualTo("what does this report say?");
    Attachment stub = in.message().attachments().get(0);
    assertThat(stub.name()).isEqualTo("F07SHARED01");
    assertThat(stub.mimeType()).isEmpty();
    assertThat(stub.sizeBytes()).isEqualTo(-1);
    SlackFile file = sourced.get(0);
    assertThat(file.checkFileInfo()).isTrue();
    assertThat(file.needsFileInfo()).isTrue();
    assertThat(file.downloadUrl()).isNull();
  }

  @Test
  void aMessageWhoseFilesAreAllGoneOrMalformedAndWhichHasNoTextIsIgnored() {
    assertThat(mapper.message(fixture("message_im_deleted_file_only.json"))).isEmpty();
  }

  @Test
  void aChannelMessageWithFilesThatMentionsTheBotIsLeftToItsAppMention() {
    JsonNode shared = SlackBodies.parse(text("message_channels_with_mention.json").replace("\"channel_type\"",
        "\"subtype\": \"file_share\", \"files\": [{\"id\": \"F1\", \"name\": \"a.png\"}], \"channel_type\""));

    assertThat(shared.path("event").path("files")).hasSize(1);
    assertThat(mapper.message(shared)).isEmpty();
  }

  private AttachmentSource source(SlackFile file) {
    sourced.add(file);
    return maxBytes -> file.id().getBytes(StandardCharsets.UTF_8);
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
