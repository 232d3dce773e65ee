package dev.parley.deploy;

import dev.parley.core.api.ThreadPoster;
import dev.parley.core.internal.tickets.TicketOrigins;
import java.util.List;

/**
 * Where ticket status webhooks find the ticket and post into its thread: the seam between the
 * status endpoints and the ticket store and chat platforms. {@link #FROM_STORES_AND_PLATFORMS}
 * finds tickets in the store Parley records them in and posts through the platform that owns the
 * conversation; tests pass their own.
 */
interface StatusTargets {

  TicketOrigins origins(Stores stores);

  ThreadPoster poster(List<PlatformRunner> platforms);

  StatusTargets FROM_STORES_AND_PLATFORMS = new StatusTargets() {
    @Override
    public TicketOrigins origins(Stores stores) {
      return stores.ticketOrigins();
    }

    @Override
    public ThreadPoster poster(List<PlatformRunner> platforms) {
      return new ThreadPosterRouter(platforms);
    }
  };
}
