package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationSettingsStore} must do, run against each implementation. */
public abstract class ConversationSettingsStoreContractTest {

  protected static final ConversationKey THREAD = new ConversationKey("discord", "G1", "C1", "T1");

  protected abstract ConversationSettingsStore store();

  @Test
  void remembersAndClearsTheModel() {
    ConversationSettingsStore store = store();
    assertThat(store.model(THREAD)).isEmpty();

    store.setModel(THREAD, "openai/gpt-oss-120b");
    assertThat(store.model(THREAD)).contains("openai/gpt-oss-120b");

    store.setModel(THREAD, "qwen/qwen3-32b");
    assertThat(store.model(THREAD)).contains("qwen/qwen3-32b");

    store.setModel(THREAD, null);
    assertThat(store.model(THREAD)).isEmpty();
  }

  @Test
  void conversationsAndTenantsHaveTheirOwnChoice() {
    ConversationSettingsStore store = store();
    ConversationKey otherTenant = new ConversationKey("discord", "G2", "C1", "T1");
    store.setModel(THREAD, "a");
    store.setModel(otherTenant, "b");

    assertThat(store.model(THREAD)).contains("a");
    assertThat(store.model(otherTenant)).contains("b");
    assertThat(store.model(new ConversationKey("discord", "G1", "C1", "T2"))).isEmpty();
  }
}
