package dev.parley.deploy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.internal.tickets.TicketOrigins;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ticket status webhooks find the ticket and post into its thread: the seam between the
 * status endpoints and the ticket store and chat platforms. {@link #FROM_STORES_AND_PLATFORMS}
 * connects whatever implements the ports: the ticket store when it is a {@link TicketOrigins},
 * and each platform runner that is a {@link ThreadPoster}, routed by
 * {@link ConversationKey#platform()}. Until they do, no issue is found and nothing is posted.
 * Tests pass their own.
 */
interface StatusTargets {

  TicketOrigins origins(Stores stores);

  ThreadPoster poster(List<PlatformRunner> platforms);

  StatusTargets FROM_STORES_AND_PLATFORMS = new StatusTargets() {
    private static final Logger log = LoggerFactory.getLogger(StatusTargets.class);

    @Override
    public TicketOrigins origins(Stores stores) {
      if (stores.tickets() instanceof TicketOrigins origins) return origins;
      log.warn("the ticket store cannot look tickets up by tracker issue; status webhooks will find no ticket");
      return (backend, externalId) -> Optional.empty();
    }

    @Override
    public ThreadPoster poster(List<PlatformRunner> platforms) {
      Map<String, ThreadPoster> byPlatform = platforms.stream().filter(p -> p instanceof ThreadPoster)
          .collect(Collectors.toMap(PlatformRunner::name, p -> (ThreadPoster) p, (a, b) -> a));
      return routed(byPlatform::get);
    }
  };

  /** Posts through the poster of the conversation's platform; a platform without one refuses. */
  static ThreadPoster routed(Function<String, ThreadPoster> byPlatform) {
    return (conversation, text, onCallGroupId) -> {
      ThreadPoster poster = byPlatform.apply(conversation.platform());
      if (poster == null) {
        throw new ThreadPoster.ThreadPostException("no poster for platform " + conversation.platform(), null);
      }
      poster.post(conversation, text, onCallGroupId);
    };
  }
}
