package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void withoutArgumentsItRunsTheIssuesSizesAgainstTheSharedRedis() {
    LoadOptions options = LoadOptions.parse();

    assertThat(options.sizes()).containsExactly(100, 300, 1000);
    assertThat(options.slackSizes()).containsExactly(5);
    assertThat(options.tokens()).isEqualTo(300);
    assertThat(options.tokensPerSecond()).isEqualTo(100);
    assertThat(options.firstToken()).isEqualTo(Duration.ofMillis(50));
    assertThat(options.privateRedis()).isFalse();
    assertThat(options.redisHost()).isEqualTo("127.0.0.1");
    assertThat(options.redisPort()).isEqualTo(6379);
    assertThat(options.warmUpRounds()).isEqualTo(16);
    assertThat(options.gc()).as("the collector the bot's image runs").isEqualTo("zgc");
  }

  @Test
  void theBotsCollectorIsZgcOrG1() {
    assertThat(LoadOptions.parse("gc=g1").gc()).isEqualTo("g1");
    assertThatThrownBy(() -> LoadOptions.parse("gc=parallel")).hasMessageContaining("gc must be zgc or g1");
  }

  @Test
  void warmUpRoundsAskAsManyAsTheRunMeasuresUnlessToldOtherwise() {
    assertThat(LoadOptions.parse().warmUpFor(300)).isEqualTo(300);
    assertThat(LoadOptions.parse("warmup=n").warmUpFor(1000)).isEqualTo(1000);

    LoadOptions twenty = LoadOptions.parse("warmup=20", "warmupRounds=2");
    assertThat(twenty.warmUpFor(1000)).isEqualTo(20);
    assertThat(twenty.warmUpFor(5)).as("never more than the channels made for n").isEqualTo(5);
    assertThat(twenty.warmUpRounds()).isEqualTo(2);
  }

  @Test
  void warmUpRoundsAreAtLeastOneAndFewEnoughForTheirIds() {
    assertThatThrownBy(() -> LoadOptions.parse("warmupRounds=0")).hasMessageContaining("warmupRounds must be at least 1");
    assertThatThrownBy(() -> LoadOptions.parse("warmupRounds=1001")).hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> LoadOptions.parse("warmup=0")).hasMessageContaining("warmup must be at least 1");
  }

  @Test
  void noneSkipsAPlatformAndOwnStartsAPrivateRedis() {
    LoadOptions options = LoadOptions.parse("n=none", "slack=5,20", "redis=own");

    assertThat(options.sizes()).isEmpty();
    assertThat(options.slackSizes()).containsExactly(5, 20);
    assertThat(options.privateRedis()).isTrue();
  }

  @Test
  void aMistypedOptionIsRefusedWithTheUsage() {
    assertThatThrownBy(() -> LoadOptions.parse("tokenz=10")).hasMessageContaining("unknown option tokenz")
        .hasMessageContaining("usage:");
    assertThatThrownBy(() -> LoadOptions.parse("rate=0")).hasMessageContaining("rate must be at least 1");
  }
}
