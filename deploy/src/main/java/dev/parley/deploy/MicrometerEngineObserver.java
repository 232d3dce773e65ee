package dev.parley.deploy;

import dev.parley.core.internal.observe.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Maps the engine's observations onto Micrometer meters. Meters are looked up by name and tags on
 * each call; Micrometer caches them, so the hot path only does a map lookup and never blocks.
 */
final class MicrometerEngineObserver implements EngineObserver {
  private final MeterRegistry registry;

  public MicrometerEngineObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void eventReceived(String platform, boolean duplicate) {
    Counter.builder("parley.events").description("Platform events that reached the engine")
        .tag("platform", platform).tag("duplicate", Boolean.toString(duplicate))
        .register(registry).increment();
  }

  @Override
  public void answerFinished(String platform, String outcome) {
    Counter.builder("parley.answers").description("Replies by how they ended")
        .tag("platform", platform).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public void firstToken(String platform, Duration latency) {
    Timer.builder("parley.first.token").description("Time from accepting a message to the first answer token")
        .tag("platform", platform).publishPercentiles(0.5, 0.95, 0.99).register(registry).record(latency);
  }

  @Override
  public void tokensPerSecond(String model, double rate) {
    DistributionSummary.builder("parley.tokens.per.second").description("Completion tokens per second of a stream")
        .tag("model", model).publishPercentiles(0.5, 0.95).register(registry).record(rate);
  }

  @Override
  public void editSent(String platform, boolean rateLimited) {
    Counter.builder("parley.edits").description("Reply edits sent, and those refused with a rate limit")
        .tag("platform", platform).tag("rate_limited", Boolean.toString(rateLimited))
        .register(registry).increment();
  }

  @Override
  public void editSent(String platform, boolean rateLimited, Duration permittedInterval) {
    editSent(platform, rateLimited);
    Timer.builder("parley.edit.permitted.interval")
        .description("A reply's permitted edit interval when it edited: its fair share of the platform's budget")
        .tag("platform", platform).publishPercentiles(0.5, 0.99).register(registry).record(permittedInterval);
  }

  @Override
  public void toolCall(String tool, String outcome) {
    Counter.builder("parley.tool.calls").description("Tool calls by tool and outcome")
        .tag("tool", tool).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public void accessRefused(String platform, String reason) {
    Counter.builder("parley.refused").description("Messages and commands refused by the allow-lists")
        .tag("platform", platform).tag("reason", reason).register(registry).increment();
  }

  @Override
  public void noticeSuppressed(String platform, String kind) {
    Counter.builder("parley.notices.suppressed")
        .description("Refusal notices not shown because the conversation already got one in the window")
        .tag("platform", platform).tag("kind", kind).register(registry).increment();
  }

  @Override
  public void modelError(String code) {
    Counter.builder("parley.model.errors").description("Groq API errors by error code or HTTP status")
        .tag("code", code).register(registry).increment();
  }
}
