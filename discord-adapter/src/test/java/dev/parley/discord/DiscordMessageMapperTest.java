package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.discord.DiscordMessageMapper.Action;
import dev.parley.discord.DiscordMessageMapper.MessageView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DiscordMessageMapperTest {
  private static final String BOT = "1100000000000000001";
  private static final String GUILD = "1200000000000000002";
  private static final String CHANNEL = "1300000000000000003";
  private static final String MESSAGE = "1400000000000000004";
  private static final String USER = "1500000000000000005";
  private static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");

  private final DiscordMessageMapper mapper = new DiscordMessageMapper(BOT);

  @Test
  void aMentionInAChannelStartsAThreadKeyedByTheMessage() {
    var decision = mapper.decide(channelMessage("<@" + BOT + "> what is Redis?", true), false);

    assertThat(decision.action()).isEqualTo(Action.START_THREAD);
    assertThat(decision.message().conversation()).isEqualTo(new ConversationKey("discord", GUILD, CHANNEL, MESSAGE));
    assertThat(decision.message().text()).isEqualTo("what is Redis?");
    assertThat(decision.message().eventId()).isEqualTo(MESSAGE);
    assertThat(decision.message().authorId()).isEqualTo(USER);
    assertThat(decision.message().receivedAt()).isEqualTo(AT);
  }

  @Test
  void aChannelMessageWithoutAMentionIsIgnoredUnlessTheChannelIsASupportChannel() {
    var plain = channelMessage("just chatting", false);

    assertThat(mapper.decide(plain, false).action()).isEqualTo(Action.IGNORE);
    assertThat(mapper.decide(plain, true).action()).isEqualTo(Action.START_THREAD);
  }

  @Test
  void aThreadTheBotStartedIsAnsweredWithoutAMention() {
    String thread = "1600000000000000006";
    var view = threadMessage(thread, BOT, "and in Java?", false);
    var decision = mapper.decide(view, false);

    assertThat(decision.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(decision.message().conversation()).isEqualTo(new ConversationKey("discord", GUILD, CHANNEL, thread));
  }

  @Test
  void someoneElsesThreadIsAnsweredOnlyWhenTheBotIsMentioned() {
    String thread = "1600000000000000006";
    assertThat(mapper.decide(threadMessage(thread, USER, "hello", false), false).action()).isEqualTo(Action.IGNORE);
    var mentioned = mapper.decide(threadMessage(thread, USER, "<@!" + BOT + "> hello", true), false);
    assertThat(mentioned.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(mentioned.message().text()).isEqualTo("hello");
  }

  @Test
  void aDmIsOneConversationKeyedByItsChannelInTheUsersOwnTenant() {
    var view = new MessageView(MESSAGE, null, CHANNEL, null, null, USER, "ana", false, "hi", false, null, AT);
    var decision = mapper.decide(view, false);

    assertThat(decision.action()).isEqualTo(Action.ANSWER_IN_PLACE);
    assertThat(decision.message().conversation())
        .isEqualTo(new ConversationKey("discord", "dm-" + USER, CHANNEL, CHANNEL));
    assertThat(decision.message().conversation().tenantScope()).isEqualTo("discord:dm-" + USER);
  }

  @Test
  void twoUsersDmsAreTwoTenants() {
    var ana = mapper.decide(new MessageView(MESSAGE, null, "5001", null, null, "7001", "ana", false, "hi", false, null, AT), false);
    var bo = mapper.decide(new MessageView(MESSAGE, null, "5002", null, null, "7002", "bo", false, "hi", false, null, AT), false);

    assertThat(ana.message().conversation().tenantScope()).isNotEqualTo(bo.message().conversation().tenantScope());
  }

  @Test
  void botsAndEmptyPromptsAreIgnored() {
    var fromBot = new MessageView(MESSAGE, GUILD, CHANNEL, null, null, USER, "other-bot", true,
        "<@" + BOT + "> hi", true, null, AT);
    assertThat(mapper.decide(fromBot, false).action()).isEqualTo(Action.IGNORE);
    assertThat(mapper.decide(channelMessage("<@" + BOT + ">   ", true), false).action()).isEqualTo(Action.IGNORE);
  }

  @Test
  void stripsOnlyTheBotsOwnMentions() {
    assertThat(mapper.stripMention("<@" + BOT + "> ask <@" + USER + "> and <@!" + BOT + ">"))
        .isEqualTo("ask <@" + USER + "> and");
  }

  private static MessageView channelMessage(String content, boolean mentionsBot) {
    return new MessageView(MESSAGE, GUILD, CHANNEL, null, null, USER, "ana", false, content, mentionsBot,
        "https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/" + MESSAGE, AT);
  }

  private static MessageView threadMessage(String thread, String owner, String content, boolean mentionsBot) {
    return new MessageView(MESSAGE, GUILD, thread, CHANNEL, owner, USER, "ana", false, content, mentionsBot, null, AT);
  }
}
