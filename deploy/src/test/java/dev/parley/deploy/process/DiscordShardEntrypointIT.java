package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The StatefulSet entrypoint turns the pod ordinal into shard ids that Parley then checks. */
class DiscordShardEntrypointIT {
  private static final String SCRIPT = "k8s/discord-shard-entrypoint.sh";

  @Test
  void mapsTheOrdinalToItsShardsAndParleyRefusesShardsBeyondTheTotal() throws Exception {
    Map<String, String> env = Map.of("HOSTNAME", "parley-discord-3", "DISCORD_SHARD_TOTAL", "4",
        "DISCORD_TOKEN", "MTIz.TOPSECRET.discord", "GROQ_API_KEY", "gsk_TOPSECRET");

    try (ParleyProcess pod = ParleyProcess.startCommand(
        List.of("sh", SCRIPT, "2", ParleyProcess.jar().toString()), env)) {
      assertThat(pod.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);

      assertThat(pod.stderr()).contains("pod ordinal 3 runs Discord shards 6-7 of 4")
          .contains("DISCORD_SHARD_IDS: shard ids must run from 0 to DISCORD_SHARD_TOTAL - 1 (3)")
          .doesNotContain("TOPSECRET");
    }
  }

  @Test
  void refusesAHostnameWithoutAnOrdinal() throws Exception {
    try (ParleyProcess pod = ParleyProcess.startCommand(List.of("sh", SCRIPT, "2", ParleyProcess.jar().toString()),
        Map.of("HOSTNAME", "parley-discord"))) {
      assertThat(pod.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(pod.stderr()).contains("cannot read a StatefulSet ordinal from HOSTNAME=parley-discord");
    }
  }
}
