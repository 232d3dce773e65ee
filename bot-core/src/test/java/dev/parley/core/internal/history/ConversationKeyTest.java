package dev.parley.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import org.junit.jupiter.api.Test;

class ConversationKeyTest {

  @Test
  void theTenantScopeIsThePlatformAndTheTenantSoEqualIdsOnTwoPlatformsAreTwoTenants() {
    ConversationKey slack = new ConversationKey("slack", "T1", "C1", "1.2");
    ConversationKey discord = new ConversationKey("discord", "T1", "C1", "1.2");

    assertThat(slack.tenantScope()).isEqualTo("slack:T1");
    assertThat(discord.tenantScope()).isEqualTo("discord:T1");
    assertThat(new ConversationKey("slack", "T1", "C9", "9.9").tenantScope()).isEqualTo(slack.tenantScope());
  }

  @Test
  void segmentsThatWouldMakeScopesAmbiguousOrMoveAHashTagAreRefused() {
    assertThatThrownBy(() -> new ConversationKey("slack", "T1:C1", "C1", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConversationKey("slack", "{T1}", "C1", "1")).isInstanceOf(IllegalArgumentException.class);
  }
}
