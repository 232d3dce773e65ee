package dev.parley.core.internal.tickets;

import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.util.Optional;

/**
 * Where tickets live. The Redis store is the default; Jira, GitHub and others can sit behind the
 * same port. Thread-safe and shared across bot instances.
 *
 * <p>Every ticket belongs to the tenant of the conversation it came from
 * ({@link dev.parley.core.api.ConversationKey#tenantScope()}), is numbered within that
 * tenant ({@code SUP-1} exists once per tenant), and is found only from that tenant. An id from
 * another tenant is reported exactly like an id that does not exist, so no tenant can learn
 * another tenant's tickets or count them.
 */
public interface TicketStore {

  /**
   * Creates a ticket in the tenant of {@code ticket.conversation()}, exactly once per
   * {@code idempotencyKey}: a second call with the same key returns the first ticket and creates
   * nothing. The key must name the conversation, the event and the tool call (or the command's
   * event), so that two conversations whose models both say {@code call_0} get two tickets.
   */
  Ticket create(NewTicket ticket, String idempotencyKey);

  /**
   * Looks a ticket up by id, such as {@code SUP-42}, within one tenant. Ids are matched
   * case-insensitively. Empty when the tenant has no such ticket, whether or not another tenant has.
   *
   * @param tenantScope the asker's {@code ConversationKey.tenantScope()}
   */
  Optional<Ticket> find(String tenantScope, String id);
}
