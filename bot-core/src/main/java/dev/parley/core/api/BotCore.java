package dev.parley.core.api;

import java.util.Objects;

/**
 * Everything an adapter gets from the core, in one value: the conversations, the small ports
 * beside them, and access control. {@code deploy} builds it once; an adapter's entry point takes it.
 */
public record BotCore(
    Conversations conversations,
    ModelChoice models,
    TicketDesk tickets,
    FeedbackRecorder feedback,
    ChannelSettingsResolver channels,
    AccessGate access) {

  public BotCore {
    Objects.requireNonNull(conversations, "conversations");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(tickets, "tickets");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(access, "access");
  }

  /** The usual case: one engine serves every conversation port. */
  public static <E extends Conversations & ModelChoice & TicketDesk & FeedbackRecorder & ChannelSettingsResolver>
      BotCore of(E engine, AccessGate access) {
    return new BotCore(engine, engine, engine, engine, engine, access);
  }
}
