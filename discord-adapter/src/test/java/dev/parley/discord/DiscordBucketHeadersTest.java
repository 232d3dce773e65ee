package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiscordBucketHeadersTest {
  private final DiscordBudgets budgets = new DiscordBudgets();
  private final DiscordBucketHeaders headers = new DiscordBucketHeaders(budgets);

  @Test
  void aSpentChannelBucketEmptiesTheChannelsEditBudgetUntilTheReset() {
    var bucket = budgets.forChannel("42").channelBucket();

    headers.observe("/api/v10/channels/42/messages/7", "0", "2.500");

    assertThat(bucket.tryTake()).isGreaterThan(Duration.ofMillis(2400));
  }

  @Test
  void aSpentWebhookBucketHoldsBackThatInteractionAloneNotItsChannel() {
    var webhook = budgets.forInteraction("tok").channelBucket();
    var other = budgets.forInteraction("other").channelBucket();
    var channel = budgets.forChannel("42").channelBucket();

    headers.observe("/api/v10/webhooks/1/tok/messages/%40original", "0", "1.0");

    assertThat(webhook.tryTake()).isGreaterThan(Duration.ofMillis(900));
    assertThat(other.tryTake()).isZero();
    assertThat(channel.tryTake()).isZero();
  }

  @Test
  void aGlobal429HoldsBackChannelMessagesButNoInteraction() {
    var channelBudget = budgets.forChannel("42");
    var webhook = budgets.forInteraction("tok");

    headers.observeGlobal("true", "global", "2");
    headers.observeGlobal(null, "user", "9");

    assertThat(channelBudget.buckets()).hasSize(2).contains(budgets.global());
    assertThat(webhook.buckets()).containsExactly(webhook.channelBucket()).doesNotContain(budgets.global());
    assertThat(budgets.global().tryTake()).isGreaterThan(Duration.ofSeconds(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(webhook.channelBucket().tryTake()).isZero();
  }

  @Test
  void remainingRequestsOtherRoutesAndJunkChangeNothing() {
    var bucket = budgets.forChannel("42").channelBucket();

    headers.observe("/api/v10/channels/42/messages", "3", "2.0");
    headers.observe("/api/v10/channels/42/messages", "0", "soon");
    headers.observe("/api/v10/channels/42/messages", "0", null);
    headers.observe("/api/v10/users/@me", "0", "2.0");
    headers.observe("/api/v10/webhooks/1/unknown-token", "0", "2.0");

    assertThat(bucket.tryTake()).isZero();
  }
}
