package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.testing.FakeGroq;
import dev.parley.discord.e2e.DiscordPayloads;
import dev.parley.discord.e2e.FakeDiscord;
import dev.parley.discord.e2e.InteractionPayloads;
import dev.parley.discord.e2e.Snowflakes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Discord through the built jar, against the fake Discord and the fake Groq: SIGTERM drains like
 * Slack's. JDA's own shutdown hook is off, so the gateway and REST stay up while the engine lets
 * answers in flight finish; the rest end with the restart notice.
 */
class DiscordThroughTheJarIT {
  private static final Duration GRACE = Duration.ofSeconds(6);
  private static final String SHORT = "a short answer about draining, please";
  private static final String LONG = "a very long story about graceful shutdowns: ".repeat(7);

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void sigtermLetsTheAnswerInFlightFinishAndTellsTheRestToAskAgain() throws Exception {
    int port = ParleyProcess.freePort();
    // Six characters every 300 ms: the short answer streams for about 2 s, the long one for 15 s.
    try (FakeGroq groq = FakeGroq.start().echoChunkDelay(Duration.ofMillis(300));
        FakeDiscord discord = FakeDiscord.start();
        ParleyProcess parley = start(groq, discord, port)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/readyz") == 200);
      ObjectNode unfinished = ask(discord, LONG);
      awaitShowing(discord, unfinished, "echo");
      ObjectNode inFlight = ask(discord, SHORT);
      awaitShowing(discord, inFlight, "echo");

      Instant sigterm = Instant.now();
      parley.terminate();
      await().atMost(Duration.ofSeconds(10)).until(() -> parley.stderr().contains("shutting down"));
      ObjectNode late = ask(discord, "a question asked while Parley drains");
      int exit = parley.awaitExit(GRACE.plus(Duration.ofSeconds(30)));

      String log = "\nstderr:\n" + parley.stderr();
      assertThat(exit).as("exit code" + log).isZero();
      assertThat(Duration.between(sigterm, Instant.now())).isLessThan(GRACE.plus(Duration.ofSeconds(20)));
      assertThat(original(discord, inFlight)).as("the answer in flight, whole" + log).isEqualTo("echo: " + SHORT);
      assertThat(original(discord, unfinished)).as("the answer past the grace" + log)
          .startsWith("echo: a very long").contains("Parley is restarting, please ask again in a moment.")
          .doesNotContain(LONG.strip());
      assertThat(original(discord, late)).as("a question during the drain" + log)
          .contains("Parley is restarting, please ask again in a moment.");
      assertThat(parley.stderr()).contains("Parley stopped").doesNotContain(FakeDiscord.TOKEN);
    }
  }

  /**
   * Ctrl-C takes the JVM's shutdown hooks, not the SIGTERM handler: Parley's hook drains, and JDA's
   * own hook, were it on, would close the gateway and cancel the edits at the same moment.
   */
  @Test
  void ctrlCAlsoLetsTheAnswerInFlightFinish() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.start().echoChunkDelay(Duration.ofMillis(300));
        FakeDiscord discord = FakeDiscord.start();
        ParleyProcess parley = start(groq, discord, port)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/readyz") == 200);
      ObjectNode unfinished = ask(discord, LONG);
      awaitShowing(discord, unfinished, "echo");
      ObjectNode inFlight = ask(discord, SHORT);
      awaitShowing(discord, inFlight, "echo");

      parley.signal("INT");
      parley.awaitExit(GRACE.plus(Duration.ofSeconds(30)));

      String log = "\nstderr:\n" + parley.stderr();
      assertThat(original(discord, inFlight)).as("the answer in flight, whole" + log).isEqualTo("echo: " + SHORT);
      assertThat(original(discord, unfinished)).as("the answer past the grace" + log)
          .contains("Parley is restarting, please ask again in a moment.");
    }
  }

  private static ParleyProcess start(FakeGroq groq, FakeDiscord discord, int port) {
    return ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", FakeGroq.API_KEY,
        "PORT", Integer.toString(port), "DISCORD_TOKEN", FakeDiscord.TOKEN,
        "DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl(),
        "DISCORD_COMMAND_GUILDS", DiscordPayloads.GUILD_ID,
        "PARLEY_SHUTDOWN_GRACE", GRACE.toSeconds() + "s"));
  }

  private static ObjectNode ask(FakeDiscord discord, String prompt) {
    ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "ask",
        InteractionPayloads.Place.guildChannel(), InteractionPayloads.stringOption("prompt", prompt));
    discord.interact(interaction);
    return interaction;
  }

  private static void awaitShowing(FakeDiscord discord, ObjectNode interaction, String text) {
    await().atMost(Duration.ofSeconds(30)).until(() -> original(discord, interaction).contains(text));
  }

  /** What the interaction's original response shows now; empty before it exists. */
  private static String original(FakeDiscord discord, ObjectNode interaction) {
    FakeDiscord.Hook hook = discord.hook(interaction.get("token").asText());
    String id = hook == null ? null : hook.originalId;
    ObjectNode message = id == null ? null : discord.message(id);
    return message == null ? "" : message.path("content").asText();
  }

  private int status(int port, String path) {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
