package dev.parley.core.internal.tickets;

import dev.parley.core.api.ConversationKey;

/** Which tracker a conversation's tickets go to, from the channel's configuration. Thread-safe, no I/O. */
@FunctionalInterface
public interface TicketBackends {

  /** Every channel keeps its tickets in the embedded store. */
  TicketBackends EMBEDDED = conversation -> TicketBackend.EMBEDDED;

  TicketBackend forConversation(ConversationKey conversation);
}
