package dev.parley.core.api;

/**
 * Hands a conversation to people when someone presses "Talk to a person". The core pings the
 * channel's configured on-call group, files the thread's transcript as a ticket, and stays quiet
 * in the thread until someone says {@code resume} or the channel's quiet time has passed.
 * Thread-safe; blocks on the store, the ticket backend and the platform post.
 */
public interface HumanHandoff {

  /** Handoff where nothing is wired: every request is refused with a notice. */
  HumanHandoff NONE = (conversation, userId, userName, eventId) -> Result.NOT_CONFIGURED;

  /**
   * Hands {@code conversation} over, exactly once per handoff: pressing again while the thread is
   * handed off pings nobody and files nothing new.
   *
   * @param userId who asked, as the platform says
   * @param userName their display name, or null
   * @param eventId the platform's id of the click, for the request limits
   * @return what happened, with a notice to show the person privately
   */
  Result requestHuman(ConversationKey conversation, String userId, String userName, String eventId);

  /** The outcome of a request, and what to tell the person who made it. */
  record Result(Status status, String notice) {
    public static final Result NOT_CONFIGURED = new Result(Status.NOT_CONFIGURED,
        "Handing over to a person is not set up in this channel.");

    public enum Status { HANDED_OFF, ALREADY_HANDED_OFF, NOT_CONFIGURED, LIMITED, FAILED }
  }
}
