package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class InMemoryTicketStoreTest extends TicketStoreContractTest {

  private final InMemoryTicketStore shared = new InMemoryTicketStore(new TicketIds("SUP"), Clock.systemUTC());

  @Override
  protected TicketStore store() {
    return shared;
  }

  @Test
  void prefixMustBeUpperCaseSoLookupsCanIgnoreCase() {
    assertThatThrownBy(() -> new TicketIds("sup")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TicketIds("SU-P")).isInstanceOf(IllegalArgumentException.class);
  }
}
