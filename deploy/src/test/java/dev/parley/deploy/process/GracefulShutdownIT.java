package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIGTERM during a slow answer: the answer ends with the restart notice, and the process exits in time. */
class GracefulShutdownIT {

  @Test
  void sigtermLeavesTheNoticeAndExitsWithinTheGrace() throws Exception {
    try (FakeGroq groq = FakeGroq.startKeyless().echoChunkDelay(Duration.ofMillis(400));
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(),
            "PORT", Integer.toString(ParleyProcess.freePort()), "PARLEY_SHUTDOWN_GRACE", "2s"))) {
      parley.writeLine("please write a long answer about graceful shutdown in distributed chat bots");
      parley.awaitStdout("parley> echo", Duration.ofSeconds(30));

      Instant sigterm = Instant.now();
      parley.terminate();
      int exit = parley.awaitExit(Duration.ofSeconds(15));

      assertThat(Duration.between(sigterm, Instant.now())).isLessThan(Duration.ofSeconds(2 + 8));
      assertThat(parley.stdout()).as("exit " + exit + "\n" + parley.stderr()).contains("[Parley is restarting, please ask again in a moment.]");
      assertThat(parley.stdout()).doesNotContain("distributed chat bots\n");
      assertThat(parley.stderr()).contains("shutting down", "Parley stopped");
    }
  }
}
