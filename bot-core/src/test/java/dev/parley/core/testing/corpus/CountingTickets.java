package dev.parley.core.testing.corpus;

import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.TicketStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a ticket store and counts the distinct tickets it created, whatever else the port
 * offers; a proxy, so the count survives changes to the port's other methods.
 */
public final class CountingTickets {
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final TicketStore store;

  public CountingTickets(TicketStore delegate) {
    this.store = (TicketStore) Proxy.newProxyInstance(TicketStore.class.getClassLoader(),
        new Class<?>[] {TicketStore.class}, (proxy, method, args) -> {
          try {
            Object result = method.invoke(delegate, args);
            if (method.getName().equals("create") && result instanceof Ticket ticket) {
              created.add(ticket.conversation() + "/" + ticket.id());
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  public TicketStore store() {
    return store;
  }

  public int created() {
    return created.size();
  }
}
