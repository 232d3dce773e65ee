package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {
  // Slack's documented example: secret, timestamp, body and the signature it produces.
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TIMESTAMP = "1531420618";
  private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
      + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
      + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
      + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static SlackSignatureVerifier at(long epochSecond) {
    return new SlackSignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void acceptsSlacksDocumentedExample() {
    assertThat(at(1531420618).verify(TIMESTAMP, SIGNATURE, BODY)).isTrue();
    assertThat(at(1531420618 + 299).verify(TIMESTAMP, SIGNATURE, BODY)).isTrue();
  }

  @Test
  void rejectsTamperingAndWrongSecrets() {
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;
    assertThat(at(1531420618).verify(TIMESTAMP, SIGNATURE, tampered)).isFalse();
    assertThat(at(1531420618).verify(TIMESTAMP, SIGNATURE.replace("a21", "a22"), BODY)).isFalse();
    assertThat(new SlackSignatureVerifier("other", Clock.fixed(Instant.ofEpochSecond(1531420618), ZoneOffset.UTC))
        .verify(TIMESTAMP, SIGNATURE, BODY)).isFalse();
    assertThat(at(1531420618).verify(null, SIGNATURE, BODY)).isFalse();
    assertThat(at(1531420618).verify("not-a-number", SIGNATURE, BODY)).isFalse();
  }

  @Test
  void rejectsStaleAndFutureTimestamps() {
    assertThat(at(1531420618 + 301).verify(TIMESTAMP, SIGNATURE, BODY)).isFalse();
    assertThat(at(1531420618 - 301).verify(TIMESTAMP, SIGNATURE, BODY)).isFalse();
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(at(0).toString()).doesNotContain(SECRET);
    assertThat(SlackSettings.httpMode("xoxb-secret-token", SECRET, null).toString())
        .doesNotContain(SECRET).doesNotContain("xoxb-secret-token").contains("https://slack.com/api/");
  }
}
