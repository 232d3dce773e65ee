package dev.parley.discord;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.DM_CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static dev.parley.discord.e2e.DiscordPayloads.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.ConversationKey;
import dev.parley.discord.DiscordEventMapper.Action;
import dev.parley.discord.e2e.DiscordPayloads;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import dev.parley.discord.e2e.InteractionPayloads;
import dev.parley.discord.e2e.Snowflakes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapper on gateway payloads as Discord sends them: messages, slash commands and button clicks. */
class DiscordEventMapperTest {
  private static final String ROLE = "1700000000000000042";
  private static final String THREAD = "1600000000000000066";

  private static final int SUPPRESS_NOTIFICATIONS = 1 << 12;
  /** An attachment object as MESSAGE_CREATE carries it for a pasted screenshot. */
  private static final String SCREENSHOT = """
      {"id":"1310000000000000701","filename":"screenshot.png","size":48213,\
      "url":"https://cdn.discordapp.com/attachments/1300000000000000003/1310000000000000701/screenshot.png\
      ?ex=6752f1a3&is=6751a023&hm=9f1c2be0d5a6f3e4b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0&",\
      "proxy_url":"https://media.discordapp.net/attachments/1300000000000000003/1310000000000000701/screenshot.png\
      ?ex=6752f1a3&is=6751a023&hm=9f1c2be0d5a6f3e4b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0&",\
      "width":1280,"height":720,"content_type":"image/png","placeholder":"3PcJDQJ4h4aIeHiHd4aHd3eHeAhoBEgH",\
      "placeholder_version":1}""";
  /** The one attachment of a voice message: Discord's clients name it so and add its length and waveform. */
  private static final String VOICE = """
      {"id":"1310000000000000702","filename":"voice-message.ogg","size":23145,\
      "url":"https://cdn.discordapp.com/attachments/1600000000000000006/1310000000000000702/voice-message.ogg\
      ?ex=6752f1a3&is=6751a023&hm=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9&",\
      "proxy_url":"https://media.discordapp.net/attachments/1600000000000000006/1310000000000000702/voice-message.ogg\
      ?ex=6752f1a3&is=6751a023&hm=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9&",\
      "content_type":"audio/ogg","duration_secs":3.2000000476837158,\
      "waveform":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""";

  private final DiscordEventMapper mapper = new DiscordEventMapper(BOT_ID);

  @Test
  void aMentionInAChannelStartsAThreadKeyedByTheMessageAndNamedAfterIt() {
    ObjectNode payload = channelMessage("<@" + BOT_ID + "> what is Redis?\nsecond line", true);

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.textChannel(), BOT_ID));

    String id = payload.get("id").asText();
    assertThat(decision.action()).isEqualTo(Action.START_THREAD);
    assertThat(decision.message().conversation()).isEqualTo(new ConversationKey("discord", GUILD_ID, CHANNEL_ID, id));
    assertThat(decision.message().text()).isEqualTo("what is Redis?\nsecond line");
    assertThat(decision.message().eventId()).isEqualTo(id);
    assertThat(decision.message().authorId()).isEqualTo(USER_ID);
    assertThat(decision.message().authorName()).isEqualTo("ana");
    assertThat(decision.message().receivedAt()).isEqualTo(Snowflakes.timeOf(id));
    assertThat(decision.message().permalink()).isEqualTo("https://discord.com/channels/" + GUILD_ID + "/" + CHANNEL_ID + "/" + id);
    assertThat(decision.threadName()).isEqualTo("what is Redis?");
    assertThat(decision.access().workspace()).isEqualTo(GUILD_ID);
    assertThat(decision.access().channels()).containsExactly(CHANNEL_ID);
    assertThat(decision.access().direct()).isFalse();
    assertThat(decision.access().roleIds()).containsExactly(ROLE);
  }

  @Test
  void aChannelMessageWithoutAMentionStartsAThreadOnlyInASupportChannel() {
    ObjectNode payload = channelMessage("just chatting", false);

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.textChannel(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.START_THREAD_IF_SUPPORT_CHANNEL);
    assertThat(decision.settingsScope()).isEqualTo(DiscordEventMapper.channelScopeKey(GUILD_ID, CHANNEL_ID));
    assertThat(decision.threadName()).isEqualTo("just chatting");
  }

  @Test
  void aThreadTheBotStartedIsAnsweredInPlaceWithoutAMention() {
    ObjectNode payload = DiscordPayloads.message(Snowflakes.now(), THREAD, GUILD_ID, DiscordPayloads.human(), "and in Java?");

    var decision = mapper.message(RecordedViews.message(payload, botsThread(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(decision.message().conversation()).isEqualTo(new ConversationKey("discord", GUILD_ID, CHANNEL_ID, THREAD));
    assertThat(decision.threadName()).isNull();
    assertThat(decision.access().channels()).containsExactly(THREAD, CHANNEL_ID);
  }

  @Test
  void someoneElsesThreadIsAnsweredOnlyWhenTheBotIsMentioned() {
    JsonNode theirs = DiscordPayloads.thread(THREAD, CHANNEL_ID, USER_ID, "chat");
    ObjectNode plain = DiscordPayloads.message(Snowflakes.now(), THREAD, GUILD_ID, DiscordPayloads.human(), "hello");
    ObjectNode mentioning = DiscordPayloads.message(Snowflakes.now(), THREAD, GUILD_ID, DiscordPayloads.human(),
        "<@!" + BOT_ID + "> hello");
    mentioning.withArray("mentions").add(DiscordPayloads.botUser());

    assertThat(mapper.message(RecordedViews.message(plain, theirs, BOT_ID)).action()).isEqualTo(Action.IGNORE);
    var mentioned = mapper.message(RecordedViews.message(mentioning, theirs, BOT_ID));
    assertThat(mentioned.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(mentioned.message().text()).isEqualTo("hello");
  }

  @Test
  void aDmIsOneConversationKeyedByItsChannelInTheUsersOwnTenant() {
    ObjectNode payload = DiscordPayloads.message(Snowflakes.now(), DM_CHANNEL_ID, null, DiscordPayloads.human(), "hi");

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.dmChannel(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(decision.message().conversation())
        .isEqualTo(new ConversationKey("discord", "dm-" + USER_ID, DM_CHANNEL_ID, DM_CHANNEL_ID));
    assertThat(decision.message().conversation().tenantScope()).isEqualTo("discord:dm-" + USER_ID);
    assertThat(decision.access().direct()).isTrue();
    assertThat(decision.access().workspace()).isNull();
  }

  @Test
  void twoUsersDmsAreTwoTenants() {
    ObjectNode ana = DiscordPayloads.message(Snowflakes.now(), "5001", null, DiscordPayloads.user("7001", "ana", false), "hi");
    ObjectNode bo = DiscordPayloads.message(Snowflakes.now(), "5002", null, DiscordPayloads.user("7002", "bo", false), "hi");

    var first = mapper.message(RecordedViews.message(ana, DiscordPayloads.dmChannel(), BOT_ID));
    var second = mapper.message(RecordedViews.message(bo, DiscordPayloads.dmChannel(), BOT_ID));

    assertThat(first.message().conversation().tenantScope()).isNotEqualTo(second.message().conversation().tenantScope());
  }

  @Test
  void botsAndEmptyPromptsAreIgnored() {
    ObjectNode fromBot = DiscordPayloads.message(Snowflakes.now(), CHANNEL_ID, GUILD_ID,
        DiscordPayloads.user("1800000000000000018", "other-bot", true), "<@" + BOT_ID + "> hi");
    fromBot.withArray("mentions").add(DiscordPayloads.botUser());

    assertThat(mapper.message(RecordedViews.message(fromBot, DiscordPayloads.textChannel(), BOT_ID)).action())
        .isEqualTo(Action.IGNORE);
    assertThat(mapper.message(RecordedViews.message(channelMessage("<@" + BOT_ID + ">   ", true),
        DiscordPayloads.textChannel(), BOT_ID)).action()).isEqualTo(Action.IGNORE);
  }

  @Test
  void aMentionWithOnlyAnImageIsAnsweredWithTheImageInAThreadNamedAfterIt() {
    ObjectNode payload = DiscordPayloads.withAttachments(channelMessage("<@" + BOT_ID + ">", true),
        (ObjectNode) DiscordPayloads.parse(SCREENSHOT));

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.textChannel(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.START_THREAD);
    assertThat(decision.message().text()).isEmpty();
    assertThat(decision.threadName()).isEqualTo("screenshot.png");
    Attachment image = decision.message().attachments().getFirst();
    assertThat(decision.message().attachments()).hasSize(1);
    assertThat(image.name()).isEqualTo("screenshot.png");
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.sizeBytes()).isEqualTo(48213);
    assertThat(image.voiceMessage()).isFalse();
    assertThat(((DiscordAttachmentSource) image.source()).url())
        .as("the original file's signed link, not the media proxy's")
        .isEqualTo(DiscordPayloads.parse(SCREENSHOT).get("url").asText());
  }

  @Test
  void aVoiceMessageInADmIsAnsweredAsOneRecording() {
    ObjectNode payload = DiscordPayloads.withAttachments(
        DiscordPayloads.message(Snowflakes.now(), DM_CHANNEL_ID, null, DiscordPayloads.human(), ""),
        (ObjectNode) DiscordPayloads.parse(VOICE));
    // A voice message sent with notifications suppressed carries both flags.
    payload.put("flags", DiscordPayloads.IS_VOICE_MESSAGE | SUPPRESS_NOTIFICATIONS);

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.dmChannel(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(decision.message().text()).isEmpty();
    assertThat(decision.message().attachments()).singleElement().satisfies(voice -> {
      assertThat(voice.name()).isEqualTo("voice-message.ogg");
      assertThat(voice.mimeType()).isEqualTo("audio/ogg");
      assertThat(voice.sizeBytes()).isEqualTo(23145);
      assertThat(voice.voiceMessage()).isTrue();
    });
  }

  @Test
  void aVoiceMessageInAChannelIsForTheBotOnlyInASupportChannelAndItsThreadSaysSo() {
    ObjectNode payload = DiscordPayloads.voiceMessage(DiscordPayloads.withAttachments(channelMessage("", false),
        (ObjectNode) DiscordPayloads.parse(VOICE)));

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.textChannel(), BOT_ID));

    assertThat(decision.action()).isEqualTo(Action.START_THREAD_IF_SUPPORT_CHANNEL);
    assertThat(decision.threadName()).isEqualTo("Voice message");
    assertThat(decision.message().attachments().getFirst().voiceMessage()).isTrue();
  }

  @Test
  void anAudioFileInATypedMessageIsAFileNotAVoiceMessage() {
    ObjectNode upload = (ObjectNode) DiscordPayloads.parse(VOICE);
    upload.put("filename", "meeting.ogg").remove(List.of("duration_secs", "waveform"));
    ObjectNode payload = DiscordPayloads.withAttachments(channelMessage("<@" + BOT_ID + "> summarise this", true),
        upload, (ObjectNode) DiscordPayloads.parse(SCREENSHOT));

    var decision = mapper.message(RecordedViews.message(payload, DiscordPayloads.textChannel(), BOT_ID));

    assertThat(decision.message().text()).isEqualTo("summarise this");
    assertThat(decision.threadName()).isEqualTo("summarise this");
    assertThat(decision.message().attachments()).extracting(Attachment::name)
        .containsExactly("meeting.ogg", "screenshot.png");
    assertThat(decision.message().attachments()).noneMatch(Attachment::voiceMessage);
  }

  @Test
  void aFileInSomeoneElsesThreadWithoutAMentionIsStillNotForTheBot() {
    JsonNode theirs = DiscordPayloads.thread(THREAD, CHANNEL_ID, USER_ID, "chat");
    ObjectNode payload = DiscordPayloads.withAttachments(
        DiscordPayloads.message(Snowflakes.now(), THREAD, GUILD_ID, DiscordPayloads.human(), ""),
        (ObjectNode) DiscordPayloads.parse(SCREENSHOT));

    assertThat(mapper.message(RecordedViews.message(payload, theirs, BOT_ID)).action()).isEqualTo(Action.IGNORE);
  }

  @Test
  void askCarriesItsAttachmentOptionAsAFile() {
    ObjectNode payload = InteractionPayloads.withAttachmentOption(
        InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.dm(),
            InteractionPayloads.stringOption("prompt", "what does this error mean?")),
        "attachment", (ObjectNode) DiscordPayloads.parse(SCREENSHOT));

    var message = mapper.command(RecordedViews.interaction(payload)).askMessage(null);

    assertThat(message.text()).isEqualTo("what does this error mean?");
    assertThat(message.attachments()).singleElement().satisfies(file -> {
      assertThat(file.name()).isEqualTo("screenshot.png");
      assertThat(file.voiceMessage()).isFalse();
    });
  }

  @Test
  void stripsOnlyTheBotsOwnMentions() {
    assertThat(mapper.stripMention("<@" + BOT_ID + "> ask <@" + USER_ID + "> and <@!" + BOT_ID + ">"))
        .isEqualTo("ask <@" + USER_ID + "> and");
  }

  @Test
  void askInAGuildChannelIsKeyedByItsAnswerAndCarriesWhoAskedAndWhetherPrivately() {
    ObjectNode payload = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.guildChannel(),
        InteractionPayloads.stringOption("prompt", "what is DNS?"), InteractionPayloads.booleanOption("private", true));

    DiscordCommand ask = mapper.command(RecordedViews.interaction(payload));

    assertThat(ask.name()).isEqualTo("ask");
    assertThat(ask.conversation()).isNull();
    assertThat(ask.scope()).isEqualTo(DiscordEventMapper.channelScopeKey(GUILD_ID, CHANNEL_ID));
    assertThat(ask.privately()).isTrue();
    var message = ask.askMessage("1400000000000000099");
    assertThat(message.conversation()).isEqualTo(DiscordEventMapper.guildKey(GUILD_ID, CHANNEL_ID, "1400000000000000099"));
    assertThat(message.text()).isEqualTo("what is DNS?");
    assertThat(message.eventId()).isEqualTo(payload.get("id").asText());
    assertThat(message.authorId()).isEqualTo(USER_ID);
    assertThat(message.permalink()).endsWith("/" + GUILD_ID + "/" + CHANNEL_ID + "/1400000000000000099");
    assertThat(message.receivedAt()).isEqualTo(Snowflakes.timeOf(payload.get("id").asText()));
    assertThat(ask.access().channels()).containsExactly(CHANNEL_ID);
  }

  @Test
  void aCommandInAThreadOrADmBelongsToThatConversation() {
    ObjectNode inThread = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.thread(botsThread()),
        InteractionPayloads.stringOption("prompt", "more?"));
    ObjectNode inDm = InteractionPayloads.slashCommand(Snowflakes.now(), "reset", Place.dm());

    DiscordCommand thread = mapper.command(RecordedViews.interaction(inThread));
    DiscordCommand dm = mapper.command(RecordedViews.interaction(inDm));

    assertThat(thread.conversation()).isEqualTo(DiscordEventMapper.guildKey(GUILD_ID, CHANNEL_ID, THREAD));
    assertThat(thread.askMessage(null).conversation()).isEqualTo(thread.conversation());
    assertThat(thread.privately()).isFalse();
    assertThat(thread.access().channels()).containsExactly(THREAD, CHANNEL_ID);
    assertThat(dm.conversation()).isEqualTo(DiscordEventMapper.dmKey(USER_ID, DM_CHANNEL_ID));
    assertThat(dm.access().direct()).isTrue();
  }

  @Test
  void ticketAndModelCommandsCarryTheirOptionsAndABadTicketSaysWhy() {
    ObjectNode ticket = InteractionPayloads.slashCommand(Snowflakes.now(), "ticket", Place.guildChannel(),
        InteractionPayloads.stringOption("title", "VPN down"), InteractionPayloads.stringOption("description", "since 9"));
    ObjectNode blank = InteractionPayloads.slashCommand(Snowflakes.now(), "ticket", Place.guildChannel(),
        InteractionPayloads.stringOption("title", " "), InteractionPayloads.stringOption("description", "x"));
    ObjectNode model = InteractionPayloads.slashCommand(Snowflakes.now(), "model", Place.dm(),
        InteractionPayloads.stringOption("name", "openai/gpt-oss-120b"));

    var opened = mapper.command(RecordedViews.interaction(ticket)).ticket();

    assertThat(opened.title()).isEqualTo("VPN down");
    assertThat(opened.description()).isEqualTo("since 9");
    assertThat(opened.reporterId()).isEqualTo(USER_ID);
    assertThat(opened.conversation()).isEqualTo(DiscordEventMapper.channelScopeKey(GUILD_ID, CHANNEL_ID));
    assertThatThrownBy(() -> mapper.command(RecordedViews.interaction(blank)).ticket())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
    assertThat(mapper.command(RecordedViews.interaction(model)).model()).isEqualTo("openai/gpt-oss-120b");
    assertThat(mapper.command(RecordedViews.interaction(InteractionPayloads.slashCommand(Snowflakes.now(), "model",
        Place.dm()))).model()).isNull();
  }

  @Test
  void aRegenerateClickBecomesTheClickersRequestAndKeepsAPrivateAnswerPrivate() {
    ConversationKey key = DiscordEventMapper.guildKey(GUILD_ID, CHANNEL_ID, "1400000000000000099");
    ObjectNode payload = click(ReplyButtons.Ids.forConversation(key, true).regenerate(), "1400000000000000099");
    payload.with("member").set("user", DiscordPayloads.user("1500000000000000077", "eve", false));

    DiscordClick click = mapper.click(RecordedViews.interaction(payload)).orElseThrow();

    assertThat(click.kind()).isEqualTo(ReplyButtons.Kind.REGENERATE);
    assertThat(click.privately()).isTrue();
    var request = click.regenerateRequest();
    assertThat(request.conversation()).isEqualTo(key);
    assertThat(request.userId()).as("who clicked, never who the id names").isEqualTo("1500000000000000077");
    assertThat(request.eventId()).isEqualTo(payload.get("id").asText());
    assertThat(request.receivedAt()).isEqualTo(Snowflakes.timeOf(payload.get("id").asText()));
  }

  @Test
  void aThumbRatesTheMessageItIsOnAndForeignButtonsAreNotOurs() {
    ConversationKey key = DiscordEventMapper.guildKey(GUILD_ID, CHANNEL_ID, "1400000000000000099");
    String down = ReplyButtons.row(ReplyButtons.Ids.forConversation(key).regenerate()).get(2).getCustomId();

    DiscordClick click = mapper.click(RecordedViews.interaction(click(down, "1400000000000000123"))).orElseThrow();

    assertThat(click.kind()).isEqualTo(ReplyButtons.Kind.FEEDBACK_DOWN);
    assertThat(click.conversation()).isEqualTo(key);
    assertThat(click.messageId()).isEqualTo("1400000000000000123");
    assertThat(click.userId()).isEqualTo(USER_ID);
    for (String foreign : List.of("other:thing", "parley:stop:discord:x", "parley:up:discord:a b:c:d")) {
      assertThat(mapper.click(RecordedViews.interaction(click(foreign, "1400000000000000123")))).isEmpty();
    }
  }

  private static ObjectNode channelMessage(String content, boolean mentionBot) {
    ObjectNode message = DiscordPayloads.message(Snowflakes.now(), CHANNEL_ID, GUILD_ID, DiscordPayloads.human(), content);
    if (mentionBot) message.withArray("mentions").add(DiscordPayloads.botUser());
    message.set("member", DiscordPayloads.member(DiscordPayloads.human(), ROLE).without("user"));
    return message;
  }

  private static ObjectNode botsThread() {
    return DiscordPayloads.thread(THREAD, CHANNEL_ID, BOT_ID, "what is Redis?");
  }

  private static ObjectNode click(String customId, String messageId) {
    ObjectNode message = DiscordPayloads.message(messageId, CHANNEL_ID, GUILD_ID, DiscordPayloads.botUser(), "an answer");
    return InteractionPayloads.button(Snowflakes.now(), customId, Place.guildChannel(), message);
  }
}
