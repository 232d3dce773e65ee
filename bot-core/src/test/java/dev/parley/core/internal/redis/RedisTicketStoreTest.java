package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.internal.tickets.TicketStoreContractTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTicketStoreTest extends TicketStoreContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected TicketStore store() {
    return new RedisTicketStore(redis.client(), redis.prefix(), new TicketIds("SUP"));
  }

  @Test
  void ticketsNeverExpireWhileIdempotencyMappingsDo() {
    store().create(printerBroken(), "call_1");

    String tag = redis.prefix() + "{slack:T1}:tickets:";
    assertThat(redis.keys()).hasSize(4).contains(tag + "counter", tag + "all", tag + "thread:C1:123.45")
        .anySatisfy(key -> assertThat(key).startsWith(tag + "by-key:"));
    String mapping = redis.keys().stream().filter(key -> key.startsWith(tag + "by-key:")).findFirst().orElseThrow();
    assertThat(redis.client().ttl(tag + "all")).isEqualTo(-1);
    assertThat(redis.client().ttl(mapping)).isCloseTo(RedisTicketStore.IDEMPOTENCY_TTL.toSeconds(), within(10L));
  }

  @Test
  void everyKeyOfOneTenantsTicketsSharesTheTenantsHashTag() {
    store().create(printerBroken(THREAD), "call_1");
    store().create(printerBroken(GUILD_THREAD), "call_1");

    assertThat(redis.keys()).hasSize(8).allSatisfy(key -> assertThat(key)
        .matches(java.util.regex.Pattern.quote(redis.prefix()) + "\\{(slack:T1|discord:G9)\\}:tickets:.*"));
  }

  /** A ticket as the store wrote it before tenants: one global counter and hash, tenant only inside the JSON. */
  private void seedLegacyTicket(String id, String tenant, long counter) {
    seedLegacyTicket(id, "slack", tenant, counter);
  }

  private void seedLegacyTicket(String id, String platform, String tenant, long counter) {
    redis.client().set(redis.prefix() + "{tickets}:counter", Long.toString(counter));
    redis.client().hset(redis.prefix() + "{tickets}:all", Map.of(id, """
        {"title":"VPN down","description":"Cannot connect","priority":"high","status":"open","reporterId":"U7",\
        "reporterName":"Grace","conversation":{"platform":"%s","tenant":"%s","channel":"C1","thread":"111.22"},\
        "permalink":null,"createdAt":"2026-01-02T03:04:05Z"}""".formatted(platform, tenant)));
    redis.client().set(redis.prefix() + "{tickets}:by-key:call_0", id);
  }

  @Test
  void aLegacyTicketIsReadFromItsTenantAndFromNoOther() {
    seedLegacyTicket("SUP-41", "T1", 41);

    Ticket legacy = store().find("slack:T1", "sup-41").orElseThrow();

    assertThat(legacy.id()).isEqualTo("SUP-41");
    assertThat(legacy.title()).isEqualTo("VPN down");
    assertThat(legacy.reporterName()).isEqualTo("Grace");
    assertThat(legacy.conversation().tenantScope()).isEqualTo("slack:T1");
    assertThat(store().find("discord:T1", "SUP-41")).isEmpty();
    assertThat(store().find("slack:T2", "SUP-41")).isEmpty();
    assertThat(store().find(GUILD_THREAD.tenantScope(), "SUP-41")).isEmpty();
  }

  @Test
  void aLegacyTicketFromTheOnceSharedDiscordDmTenantBelongsToItsReportersDmOnly() {
    seedLegacyTicket("SUP-7", "discord", "dm", 7);

    assertThat(store().find("discord:dm-U7", "SUP-7")).get().extracting(Ticket::reporterId).isEqualTo("U7");
    assertThat(store().find("discord:dm-U8", "SUP-7")).isEmpty();
    assertThat(store().find("discord:dm", "SUP-7")).isPresent();
  }

  @Test
  void newTicketsOfEveryTenantAreNumberedAboveTheLegacyCounter() {
    seedLegacyTicket("SUP-41", "T1", 41);

    Ticket first = store().create(printerBroken(THREAD), "call_0");
    Ticket other = store().create(printerBroken(GUILD_THREAD), "call_0");

    assertThat(first.id()).isEqualTo("SUP-42");
    assertThat(first.title()).isEqualTo("Printer on 3 is broken");
    assertThat(other.id()).isEqualTo("SUP-42");
    assertThat(store().create(printerBroken(THREAD), "call_1").id()).isEqualTo("SUP-43");
    assertThat(store().find("slack:T1", "SUP-41")).get().extracting(Ticket::title).isEqualTo("VPN down");
    assertThat(store().find("slack:T1", "SUP-42")).contains(first);
  }
}
