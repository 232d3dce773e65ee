package dev.parley.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.AccessDecision;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final ChannelSettings OPEN = settings(Set.of(), Set.of());

  private static ChannelSettings settings(Set<String> users, Set<String> roles) {
    return new ChannelSettings("prompt", "model", List.of(), false, Set.of(), RequestLimit.UNLIMITED,
        RequestLimit.UNLIMITED, Duration.ofSeconds(1), users, roles);
  }

  private static AccessPolicy policy(AccessPolicy.Lists slack, AccessPolicy.Lists discord) {
    return new AccessPolicy(Map.of("slack", slack, "discord", discord), Set.of("slack:UADMIN", "discord:999"),
        key -> OPEN);
  }

  private static AccessRequest slack(String team, String channel, String user) {
    return new AccessRequest(new ConversationKey("slack", team, channel, "1.2"), team, List.of(channel), false, user,
        Set.of());
  }

  private static AccessRequest discordThread(String guild, String parent, String thread) {
    return new AccessRequest(new ConversationKey("discord", guild, parent, thread), guild, List.of(thread, parent),
        false, "42", Set.of());
  }

  private static AccessRequest discordDm(String user) {
    return new AccessRequest(new ConversationKey("discord", "dm", "D1", "D1"), null, List.of("D1"), true, user,
        Set.of());
  }

  @Test
  void emptyListsRestrictNothing() {
    AccessPolicy open = AccessPolicy.open();
    assertThat(open.check(slack("T1", "C1", "U1"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(open.check(discordDm("7"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(open.anyWorkspace("discord")).isTrue();
  }

  @Test
  void theWorkspaceListRefusesOtherTeamsAndGuilds() {
    AccessPolicy policy = policy(new AccessPolicy.Lists(Set.of("T1"), Set.of()),
        new AccessPolicy.Lists(Set.of("100"), Set.of()));

    assertThat(policy.check(slack("T1", "C1", "U1"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(slack("T2", "C1", "U1"))).isEqualTo(AccessDecision.WORKSPACE);
    assertThat(policy.check(discordThread("100", "C5", "TH5"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(discordThread("200", "C5", "TH5"))).isEqualTo(AccessDecision.WORKSPACE);
    assertThat(policy.anyWorkspace("discord")).isFalse();
    assertThat(AccessDecision.WORKSPACE.reason()).isEqualTo("workspace");
  }

  @Test
  void theChannelListRefusesOtherChannelsAndAThreadPassesThroughItsParent() {
    AccessPolicy policy = policy(new AccessPolicy.Lists(Set.of(), Set.of("C1")),
        new AccessPolicy.Lists(Set.of(), Set.of("C5", "TH9")));

    assertThat(policy.check(slack("T1", "C1", "U1"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(slack("T1", "C2", "U1"))).isEqualTo(AccessDecision.CHANNEL);
    assertThat(policy.check(discordThread("100", "C5", "TH5"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(discordThread("100", "C6", "TH9"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(discordThread("100", "C6", "TH6"))).isEqualTo(AccessDecision.CHANNEL);
  }

  @Test
  void aDirectMessagePassesAGuildOrChannelListOnlyWhenItNamesDm() {
    AccessPolicy guilds = policy(AccessPolicy.Lists.NONE, new AccessPolicy.Lists(Set.of("100"), Set.of()));
    AccessPolicy guildsAndDms = policy(AccessPolicy.Lists.NONE, new AccessPolicy.Lists(Set.of("100", "dm"), Set.of()));
    AccessPolicy channels = policy(AccessPolicy.Lists.NONE, new AccessPolicy.Lists(Set.of(), Set.of("C5")));
    AccessPolicy channelsAndDms = policy(AccessPolicy.Lists.NONE, new AccessPolicy.Lists(Set.of(), Set.of("C5", "dm")));

    assertThat(guilds.check(discordDm("7"))).isEqualTo(AccessDecision.WORKSPACE);
    assertThat(guildsAndDms.check(discordDm("7"))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(channels.check(discordDm("7"))).isEqualTo(AccessDecision.CHANNEL);
    assertThat(channelsAndDms.check(discordDm("7"))).isEqualTo(AccessDecision.ALLOWED);
  }

  @Test
  void aChannelsUserAndRoleListsLetInOnlyThoseUsersAndRoleHolders() {
    ConversationKey restricted = new ConversationKey("discord", "100", "C5", "TH5");
    AccessPolicy policy = new AccessPolicy(Map.of(), Set.of(),
        key -> key.channel().equals("C5") ? settings(Set.of("42"), Set.of("R1")) : OPEN);

    assertThat(policy.check(new AccessRequest(restricted, "100", List.of("TH5", "C5"), false, "42", Set.of())))
        .isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(new AccessRequest(restricted, "100", List.of("TH5", "C5"), false, "43", Set.of("R1", "R2"))))
        .isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(new AccessRequest(restricted, "100", List.of("TH5", "C5"), false, "43", Set.of("R2"))))
        .isEqualTo(AccessDecision.USER);
    assertThat(policy.check(discordThread("100", "C6", "TH6"))).isEqualTo(AccessDecision.ALLOWED);
  }

  @Test
  void onlyTheAskerOrAnAdminOfThatPlatformMayControlAnAnswer() {
    AccessPolicy policy = policy(AccessPolicy.Lists.NONE, AccessPolicy.Lists.NONE);

    assertThat(policy.mayControl("slack", "U1", "U1")).isTrue();
    assertThat(policy.mayControl("slack", "U2", "U1")).isFalse();
    assertThat(policy.mayControl("slack", "UADMIN", "U1")).isTrue();
    assertThat(policy.mayControl("discord", "UADMIN", "U1")).isFalse();
    assertThat(policy.mayControl("discord", "999", "1")).isTrue();
  }

  @Test
  void onlyADirectMessageMayLackAWorkspace() {
    assertThatThrownBy(() -> new AccessRequest(new ConversationKey("discord", "x", "C", "C"), null, List.of("C"), false,
        "1", Set.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
