package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A bot that answers slash commands only asks for no privileged intent and ignores messages. */
class CommandsOnlyBotE2ETest {

  @Test
  void asksForNoMessageIntentsIgnoresMentionsAndStillAnswersAsk() throws InterruptedException {
    try (DiscordHarness harness = DiscordHarness.start(settings -> settings.withListenToMessages(false),
        UnaryOperator.identity())) {
      long guildsOnly = 1;
      assertThat(harness.discord.gateway().identifyPayload().path("intents").asLong()).isEqualTo(guildsOnly);

      ObjectNode mention = harness.say(DiscordPayloads.CHANNEL_ID, DiscordPayloads.GUILD_ID,
          "<@" + DiscordPayloads.BOT_ID + "> are you there?", true);
      ObjectNode ask = harness.ask("only commands", Place.guildChannel());
      harness.awaitOriginal(ask, "echo: only commands");

      assertThat(harness.discord.thread(mention.get("id").asText())).isNull();
      assertThat(harness.groq.completionCalls()).isEqualTo(1);
    }
  }
}
