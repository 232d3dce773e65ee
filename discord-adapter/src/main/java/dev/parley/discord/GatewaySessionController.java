package dev.parley.discord;

import java.util.Objects;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * Points JDA at a configured gateway. A single JDA client connects to {@link #getGateway()}
 * without asking {@code GET /gateway/bot}; a shard manager asks {@link #getShardedGateway}, which
 * keeps Discord's answer for Discord's own gateway and uses the configured one otherwise.
 * Resumes go to READY's {@code resume_gateway_url}, as Discord tells clients to.
 */
final class GatewaySessionController extends SessionControllerAdapter {
  private final String gatewayUrl;
  private final boolean custom;
  private final int shardTotal;

  GatewaySessionController(String gatewayUrl, boolean custom, int shardTotal) {
    this.gatewayUrl = Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    this.custom = custom;
    this.shardTotal = shardTotal;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    return custom ? new ShardedGateway(gatewayUrl, shardTotal) : super.getShardedGateway(api);
  }
}
