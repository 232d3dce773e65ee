package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URLs with credentials in them reach the logs only with the credentials replaced. */
class StartupLogRedactionIT {
  private static final String REDIS_PASSWORD = "redis-TOPSECRET-pw";
  private static final String GROQ_PASSWORD = "groq-TOPSECRET-pw";

  @Test
  void theStartupLogNamesRedisAndGroqWithoutTheirPasswords() throws Exception {
    try (TestRedis redis = TestRedis.start(REDIS_PASSWORD);
        FakeGroq groq = FakeGroq.start();
        ParleyProcess parley = ParleyProcess.start(Map.of(
            "GROQ_BASE_URL", groq.baseUrl().replace("http://", "http://parley:" + GROQ_PASSWORD + "@"),
            "GROQ_API_KEY", FakeGroq.API_KEY,
            "REDIS_URL", "redis://default:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0",
            "PORT", Integer.toString(ParleyProcess.freePort())))) {
      parley.writeLine("hello through Redis");
      parley.closeStdin();

      assertThat(parley.awaitExit(Duration.ofSeconds(60))).as(parley.stderr()).isZero();
      assertThat(parley.stdout()).contains("parley> echo: hello through Redis");
      assertThat(parley.stderr())
          .contains("using Redis at redis://default:(redacted)@127.0.0.1:" + redis.port() + "/0")
          .contains("groq=http://parley:(redacted)@127.0.0.1:");
      assertThat(parley.stdout() + parley.stderr()).doesNotContain("TOPSECRET").doesNotContain(FakeGroq.API_KEY);
    }
  }
}
