package dev.parley.discord.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.BotCore;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import dev.parley.discord.DiscordBot;
import dev.parley.discord.DiscordSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The whole stack on loopback: the real engine on in-memory stores talking to a {@link FakeGroq},
 * and the real JDA client connected to a {@link FakeDiscord}.
 */
final class DiscordHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final FakeGroq groq = FakeGroq.start();
  final FakeDiscord discord = FakeDiscord.start();
  private final DiscordSettings settings;
  private final AccessControl access;
  private final UnaryOperator<BotCore> coreView;
  volatile ConversationEngine engine;
  volatile DiscordBot bot;

  private DiscordHarness(UnaryOperator<DiscordSettings> adjust,
      Function<FakeGroq, UnaryOperator<ConversationEngineBuilder>> engineSetup, AccessControl access,
      UnaryOperator<BotCore> coreView) throws InterruptedException {
    this.access = access;
    this.coreView = coreView;
    this.settings = adjust.apply(DiscordSettings.withToken(FakeDiscord.TOKEN)
        .withEndpoints(discord.apiUrl(), discord.gatewayUrl())
        .withCommandGuilds(List.of(Long.parseLong(DiscordPayloads.GUILD_ID))));
    engine = engineSetup.apply(groq).apply(TestEngines.inMemoryBuilder(groq.baseUrl()).access(access)).build();
    bot = DiscordBot.start(settings, coreView.apply(engine.core()));
  }

  /**
   * Restarts Parley: the bot and its engine stop, then a new engine from {@code engineSetup} (give
   * it the stores that outlive a process, such as Redis) and a new bot connect to the same fake
   * Discord. Nothing of the old instance's memory is left.
   */
  void restart(UnaryOperator<ConversationEngineBuilder> engineSetup) throws InterruptedException {
    bot.close();
    engine.close();
    engine = engineSetup.apply(TestEngines.inMemoryBuilder(groq.baseUrl()).access(access)).build();
    bot = DiscordBot.start(settings, coreView.apply(engine.core()));
  }

  static DiscordHarness start() throws InterruptedException {
    return new DiscordHarness(UnaryOperator.identity(), g -> UnaryOperator.identity(), AccessControl.open(),
        UnaryOperator.identity());
  }

  static DiscordHarness start(UnaryOperator<DiscordSettings> adjust,
      UnaryOperator<ConversationEngineBuilder> engineSetup) throws InterruptedException {
    return new DiscordHarness(adjust, g -> engineSetup, AccessControl.open(), UnaryOperator.identity());
  }

  static DiscordHarness start(UnaryOperator<ConversationEngineBuilder> engineSetup, AccessControl access)
      throws InterruptedException {
    return new DiscordHarness(UnaryOperator.identity(), g -> engineSetup, access, UnaryOperator.identity());
  }

  /**
   * An engine set up against the harness's own {@link FakeGroq}, for engine parts that call Groq
   * besides the chat model (a transcriber) or need the fake adjusted first (its vision models).
   */
  static DiscordHarness startWithGroq(Function<FakeGroq, UnaryOperator<ConversationEngineBuilder>> engineSetup)
      throws InterruptedException {
    return new DiscordHarness(UnaryOperator.identity(), engineSetup, AccessControl.open(), UnaryOperator.identity());
  }

  /**
   * Like {@link #startWithGroq}, and the bot sees the engine's core through {@code coreView}: for
   * tests that watch what reaches the core, such as a recording {@code Conversations} that passes
   * everything on.
   */
  static DiscordHarness startWithGroq(Function<FakeGroq, UnaryOperator<ConversationEngineBuilder>> engineSetup,
      UnaryOperator<BotCore> coreView) throws InterruptedException {
    return new DiscordHarness(UnaryOperator.identity(), engineSetup, AccessControl.open(), coreView);
  }

  /** Sends {@code /ask prompt} in the guild's text channel; returns the interaction. */
  ObjectNode ask(String prompt, InteractionPayloads.Place place) {
    ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", place,
        InteractionPayloads.stringOption("prompt", prompt));
    discord.interact(interaction);
    return interaction;
  }

  /** Waits until the interaction's original response shows {@code text}; returns its id. */
  String awaitOriginal(ObjectNode interaction, String text) {
    String token = interaction.get("token").asText();
    // The full text can show in a streaming edit, still under its Stop button; the answer is
    // finished when the final edit took the Stop button away.
    await().atMost(WAIT).until(() -> {
      String id = discord.hook(token).originalId;
      return id != null && text.equals(discord.message(id).path("content").asText())
          && !isStreaming(discord.message(id));
    });
    return discord.hook(token).originalId;
  }

  /** The next chat request to Groq whose last message is the user's {@code prompt}. */
  JsonNode awaitGroqRequestFor(String prompt) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode request = groq.takeRequest(Duration.ofMillis(500));
      if (request == null) continue;
      JsonNode messages = request.path("messages");
      if (prompt.equals(messages.get(messages.size() - 1).path("content").asText())) return request;
    }
    throw new AssertionError("Groq was never asked: " + prompt);
  }

  /** A human's message, dispatched as MESSAGE_CREATE. */
  ObjectNode say(String channelId, String guildId, String content, boolean mentionBot) {
    ObjectNode message = message(channelId, guildId, content, mentionBot);
    discord.userMessage(message);
    return message;
  }

  /** A human's message, not yet sent: for a test to add files or flags before {@code discord.userMessage}. */
  static ObjectNode message(String channelId, String guildId, String content, boolean mentionBot) {
    ObjectNode message =
        DiscordPayloads.message(Snowflakes.now(), channelId, guildId, DiscordPayloads.human(), content);
    if (mentionBot) message.withArray("mentions").add(DiscordPayloads.botUser());
    if (guildId != null) message.set("member", DiscordPayloads.member(DiscordPayloads.human(), null).without("user"));
    return message;
  }

  /**
   * Stops everything, then fails if the bot received an error it did not expect: a route the fake
   * does not know, a Discord 4xx other than 429, or a Groq 4xx; or if it sent credentials to the
   * attachment CDN. A test that provokes one declares
   * it with {@code discord.expectError(code)} or {@code groq.expectError(code)}.
   */
  @Override
  public void close() {
    AssertionError failure = null;
    for (Runnable step : List.<Runnable>of(() -> bot.close(), () -> engine.close(), discord::close, groq::close)) {
      try {
        step.run();
      } catch (AssertionError | RuntimeException e) {
        if (failure == null) failure = new AssertionError(e.getMessage(), e);
        else failure.addSuppressed(e);
      }
    }
    if (!discord.cdn().downloadsWithCredentials().isEmpty()) {
      AssertionError leak = new AssertionError("the bot sent credentials to the attachment CDN: "
          + discord.cdn().downloadsWithCredentials());
      if (failure != null) leak.addSuppressed(failure);
      failure = leak;
    }
    List<RecordedCall> refused = discord.unexpectedErrors();
    if (!refused.isEmpty()) {
      AssertionError error = new AssertionError("the bot received Discord errors the test did not expect: "
          + refused.stream().map(c -> c.method() + " " + c.path() + " -> " + c.status() + " code " + c.error()
              + " body " + c.body()).toList());
      if (failure != null) error.addSuppressed(failure);
      throw error;
    }
    if (failure != null) throw failure;
  }

  /** Whether the message still carries a Stop button: its answer is streaming. */
  static boolean isStreaming(JsonNode message) {
    return message.findValuesAsText("custom_id").stream().anyMatch(id -> id.startsWith("parley:stop:"));
  }
}
