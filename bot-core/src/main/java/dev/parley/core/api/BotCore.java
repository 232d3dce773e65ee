package dev.parley.core.api;

import java.util.Objects;

/**
 * Everything an adapter gets from the core, in one value: the conversations, the small ports
 * beside them, access control, and where a streamed reply records its progress. {@code deploy}
 * builds it once; an adapter's entry point takes it.
 *
 * @param checkpoints shared by every instance in production (Redis), so one instance can close a
 *     stream another one left open when it died
 * @param handoff hands a conversation to people ("Talk to a person")
 */
public record BotCore(
    Conversations conversations,
    ModelChoice models,
    TicketDesk tickets,
    FeedbackRecorder feedback,
    ChannelSettingsResolver channels,
    AccessGate access,
    StreamCheckpoints checkpoints,
    HumanHandoff handoff) {

  /** A core without handoff to people. */
  public BotCore(Conversations conversations, ModelChoice models, TicketDesk tickets, FeedbackRecorder feedback,
      ChannelSettingsResolver channels, AccessGate access, StreamCheckpoints checkpoints) {
    this(conversations, models, tickets, feedback, channels, access, checkpoints, HumanHandoff.NONE);
  }

  public BotCore {
    Objects.requireNonNull(conversations, "conversations");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(tickets, "tickets");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(handoff, "handoff");
  }
}
