package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself refuses what Discord refuses, with Discord's statuses and JSON error codes. */
class FakeDiscordRestTest {
  private final FakeDiscord discord = FakeDiscord.start();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    discord.close();
  }

  @Test
  void aMissingOrWrongBotTokenIs401() throws Exception {
    HttpResponse<String> wrong = send("GET", "users/@me", null, "Bot not-the-token");
    HttpResponse<String> bearer = send("GET", "users/@me", null, "Bearer " + FakeDiscord.TOKEN);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("{\"message\":\"401: Unauthorized\",\"code\":0}");
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertThat(send("GET", "users/@me", null, "Bot " + FakeDiscord.TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void contentOver2000CharactersAndEmptyMessagesAreRefused() throws Exception {
    String path = "channels/" + DiscordPayloads.CHANNEL_ID + "/messages";
    HttpResponse<String> tooLong = send("POST", path, "{\"content\":\"" + "x".repeat(2_001) + "\"}", bot());
    HttpResponse<String> empty = send("POST", path, "{\"content\":\"\"}", bot());

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("\"code\":50035", "BASE_TYPE_MAX_LENGTH");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"code\":50006", "Cannot send an empty message");
    assertThat(send("POST", path, "{\"content\":\"" + "x".repeat(2_000) + "\"}", bot()).statusCode()).isEqualTo(200);
    assertThat(discord.unexpectedErrors()).extracting(RecordedCall::error).containsExactly(50035, 50006);
  }

  @Test
  void channelHistoryComesNewestFirstBeforeTheGivenMessageWithinDiscordsLimit() throws Exception {
    String channel = DiscordPayloads.CHANNEL_ID;
    String first = Snowflakes.now();
    String second = Snowflakes.now();
    String mention = Snowflakes.now();
    for (String id : List.of(first, second, mention)) {
      discord.pastMessage(DiscordPayloads.message(id, channel, DiscordPayloads.GUILD_ID, DiscordPayloads.human(), id));
    }

    HttpResponse<String> page = send("GET", "channels/" + channel + "/messages?before=" + mention + "&limit=50", null,
        bot());
    HttpResponse<String> tooMany = send("GET", "channels/" + channel + "/messages?limit=101", null, bot());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(DiscordPayloads.JSON.readTree(page.body()).findValuesAsText("content")).containsExactly(second, first);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("\"code\":50035");
    assertThat(discord.unexpectedErrors()).extracting(RecordedCall::error).containsExactly(50035);
  }

  @Test
  void aDeletedMessageIsGoneAndDeletingItAgainIs404UnknownMessage() throws Exception {
    String path = "channels/" + DiscordPayloads.CHANNEL_ID + "/messages";
    String created = send("POST", path, "{\"content\":\"hi\"}", bot()).body();
    String id = DiscordPayloads.JSON.readTree(created).get("id").asText();

    assertThat(send("DELETE", path + "/" + id, null, bot()).statusCode()).isEqualTo(204);
    assertThat(discord.message(id)).isNull();
    HttpResponse<String> again = send("DELETE", path + "/" + id, null, bot());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("\"code\":10008");
    assertThat(discord.unexpectedErrors()).extracting(RecordedCall::error).containsExactly(10008);
    discord.expectError(10008);
  }

  @Test
  void aThreadWhereTheRoleLacksCreatePublicThreadsIs403MissingPermissions() throws Exception {
    HttpResponse<String> refused = send("POST", "channels/" + DiscordPayloads.NO_THREADS_CHANNEL_ID + "/messages/"
        + Snowflakes.now() + "/threads", "{\"name\":\"t\"}", bot());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"code\":50013");
  }

  @Test
  void onlyDocumentedInteractionCallbackTypesAreAccepted() throws Exception {
    var interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "ask",
        InteractionPayloads.Place.guildChannel(), InteractionPayloads.stringOption("prompt", "hi"));
    String callback = "interactions/" + interaction.get("id").asText() + "/" + interaction.get("token").asText() + "/callback";
    discord.registerInteraction(interaction);

    HttpResponse<String> unknown = send("POST", callback, "{\"type\":3}", null);

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"code\":50035", "BASE_TYPE_CHOICES");
    assertThat(send("POST", callback, "{\"type\":7,\"data\":{\"content\":\"x\"}}", null).statusCode())
        .as("UPDATE_MESSAGE answers components only").isEqualTo(400);
    assertThat(send("POST", callback, "{\"type\":5}", null).statusCode()).isEqualTo(200);
    HttpResponse<String> twice = send("POST", callback, "{\"type\":5}", null);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("\"code\":40060");
  }

  @Test
  void theCdnServesAFileAtItsSignedLinkAndNothingElse() throws Exception {
    byte[] bytes = {1, 2, 3, 4, 5};
    var file = discord.cdn().attach(DiscordPayloads.CHANNEL_ID, "a.bin", "application/octet-stream", bytes);
    String url = file.get("url").asText();
    String expired = discord.cdn().attachExpired(DiscordPayloads.CHANNEL_ID, "b.bin", "application/octet-stream", bytes)
        .get("url").asText();

    HttpResponse<byte[]> served = get(url, null);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(bytes);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(get(file.get("proxy_url").asText(), null).body()).isEqualTo(bytes);
    assertThat(file.get("size").asInt()).isEqualTo(5);
    for (String gone : List.of(expired, url.replaceAll("hm=[0-9a-f]+", "hm=00"), url.substring(0, url.indexOf('?')),
        url.replace("a.bin", "c.bin"))) {
      HttpResponse<byte[]> refused = get(gone, null);
      assertThat(refused.statusCode()).as(gone).isEqualTo(404);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("This content is no longer available.");
    }
    assertThat(discord.cdn().downloadsWithCredentials()).isEmpty();
    get(url, bot());
    assertThat(discord.cdn().downloadsWithCredentials()).singleElement()
        .satisfies(d -> assertThat(d.authorization()).isEqualTo(bot()));
    assertThat(discord.unexpectedErrors()).as("CDN downloads are not REST calls").isEmpty();
  }

  @Test
  void botRequestsOverTheGlobalLimitGetDiscordsGlobal429ButInteractionWebhooksDoNot() throws Exception {
    discord.rateLimits().globalLimit(2);
    assertThat(send("GET", "users/@me", null, bot()).statusCode()).isEqualTo(200);
    assertThat(send("GET", "users/@me", null, bot()).statusCode()).isEqualTo(200);

    HttpResponse<String> limited = send("GET", "users/@me", null, bot());
    HttpResponse<String> webhook = send("PATCH", "webhooks/" + DiscordPayloads.APP_ID + "/unknown-token/messages/@original",
        "{\"content\":\"hi\"}", null);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Global")).contains("true");
    assertThat(limited.headers().firstValue("X-RateLimit-Scope")).contains("global");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(DiscordPayloads.JSON.readTree(limited.body()).path("global").asBoolean()).isTrue();
    assertThat(webhook.statusCode()).as("not bound by the global limit").isEqualTo(404);
    discord.expectError(10015);
  }

  @Test
  void aRequestSentBeforeItsBucketsRetryAfterPassedIsRecorded() throws Exception {
    discord.rateLimits().configure(1, 60_000);
    String path = "channels/" + DiscordPayloads.CHANNEL_ID + "/messages";
    assertThat(send("POST", path, "{\"content\":\"one\"}", bot()).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = send("POST", path, "{\"content\":\"two\"}", bot());
    assertThat(discord.rateLimits().unhonoured()).as("a first 429 is no fault").isEmpty();

    send("POST", path, "{\"content\":\"three, too early\"}", bot());

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(DiscordPayloads.JSON.readTree(limited.body()).path("retry_after").asDouble()).isGreaterThan(50);
    assertThat(discord.rateLimits().unhonoured()).singleElement()
        .satisfies(early -> assertThat(early.bucket()).isEqualTo("channel:" + DiscordPayloads.CHANNEL_ID));
    assertThat(discord.rateLimited()).isEqualTo(2);
  }

  private static String bot() {
    return "Bot " + FakeDiscord.TOKEN;
  }

  private HttpResponse<byte[]> get(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authorization != null) request.header("Authorization", authorization);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(discord.apiUrl() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) request.header("Authorization", authorization);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
