package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerEngineObserverTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerEngineObserver observer = new MicrometerEngineObserver(registry);

  @Test
  void countsEventsAnswersEditsToolsAndErrorsByTheirTags() {
    observer.eventReceived("slack", false);
    observer.eventReceived("slack", true);
    observer.eventReceived("slack", true);
    observer.answerFinished("discord", "failed");
    observer.editSent("slack", true);
    observer.toolCall("create_ticket", "ok");
    observer.modelError("rate_limit_exceeded");

    assertThat(registry.get("parley.events").tag("duplicate", "true").counter().count()).isEqualTo(2);
    assertThat(registry.get("parley.events").tag("duplicate", "false").counter().count()).isEqualTo(1);
    assertThat(registry.get("parley.answers").tags("platform", "discord", "outcome", "failed").counter().count()).isEqualTo(1);
    assertThat(registry.get("parley.edits").tag("rate_limited", "true").counter().count()).isEqualTo(1);
    assertThat(registry.get("parley.tool.calls").tags("tool", "create_ticket", "outcome", "ok").counter().count()).isEqualTo(1);
    assertThat(registry.get("parley.model.errors").tag("code", "rate_limit_exceeded").counter().count()).isEqualTo(1);
  }

  @Test
  void recordsLatencyAndThroughputDistributions() {
    observer.firstToken("slack", Duration.ofMillis(300));
    observer.firstToken("slack", Duration.ofMillis(500));
    observer.tokensPerSecond("llama-3.3-70b-versatile", 250.0);

    assertThat(registry.get("parley.first.token").timer().count()).isEqualTo(2);
    assertThat(registry.get("parley.first.token").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(500);
    assertThat(registry.get("parley.tokens.per.second").tag("model", "llama-3.3-70b-versatile").summary().mean())
        .isEqualTo(250.0);
  }
}
