package dev.parley.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedUrlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://default:hunter2@cache:6379/0 | redis://default:(redacted)@cache:6379/0",
      "redis://:hunter2@cache:6379/0 | redis://:(redacted)@cache:6379/0",
      "rediss://user:p%40ss@a:1,b:2/0 | rediss://user:(redacted)@a:1,b:2/0",
      "https://ghp_TOKEN@example.com/x | https://(redacted)@example.com/x",
      "https://api.example.com/v1?token=abc&model=x | https://api.example.com/v1?token=(redacted)&model=x",
      "https://h/p?api_key=abc | https://h/p?api_key=(redacted)",
      "https://h/p?KEY=abc;sig=zzz | https://h/p?KEY=(redacted);sig=(redacted)",
      "https://h/p?X-Amz-Signature=abc&X-Amz-Credential=c&X-Amz-Date=d | https://h/p?X-Amz-Signature=(redacted)&X-Amz-Credential=(redacted)&X-Amz-Date=d",
      "https://h/cb#access_token=abc&state=s | https://h/cb#access_token=(redacted)&state=s",
      "https://h/cb?code=abc&password=x&pwd=y | https://h/cb?code=(redacted)&password=(redacted)&pwd=(redacted)",
      "https://discord.com/api/webhooks/123/SECRETTOKEN/messages/@original | https://discord.com/api/webhooks/123/(redacted)/messages/@original",
      "https://discord.com/api/v10/interactions/123/SECRETTOKEN/callback | https://discord.com/api/v10/interactions/123/(redacted)/callback",
      "https://hooks.slack.com/services/T000/B000/SECRETXYZ | https://hooks.slack.com/services/T000/B000/(redacted)",
      "https://api.groq.com/openai/v1 | https://api.groq.com/openai/v1",
      "wss://gateway.discord.gg/?v=10&encoding=json | wss://gateway.discord.gg/?v=10&encoding=json",
      "not a url | not a url",
  })
  void replacesCredentialsAndKeepsTheRest(String url, String expected) {
    assertThat(RedactedUrl.of(url)).isEqualTo(expected);
  }

  @Test
  void acceptsUrisAndNull() {
    assertThat(RedactedUrl.of(URI.create("http://u:secret@h:80/p?token=t"))).isEqualTo("http://u:(redacted)@h:80/p?token=(redacted)");
    assertThat(RedactedUrl.of(null)).isNull();
  }

  @Test
  void redactsEveryUrlInAMessage() {
    String message = "cannot reach http://u:secret@h/p?key=k1 (after https://a/b?sig=s2), giving up";
    assertThat(RedactedUrl.inText(message))
        .isEqualTo("cannot reach http://u:(redacted)@h/p?key=(redacted) (after https://a/b?sig=(redacted)), giving up")
        .doesNotContain("secret", "k1", "s2");
  }
}
