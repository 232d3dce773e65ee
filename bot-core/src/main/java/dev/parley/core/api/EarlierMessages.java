package dev.parley.core.api;

import java.util.List;

/**
 * Reads the thread a message was written in, up to that message, from its platform: what people
 * said before the bot was asked, so that "@Parley what do you think?" deep in a thread is
 * answered with the thread in view. Implemented by adapters; the read happens only when the core
 * uses it, on the core's worker thread, so a message that is a duplicate, refused or limited, or
 * one in a conversation the adapter knows the bot has followed all along, costs no request.
 */
@FunctionalInterface
public interface EarlierMessages {

  /** No thread to read: a DM, a new thread, or a conversation the bot followed from its start. */
  EarlierMessages NONE = List::of;

  /**
   * The thread's messages before the one being answered, oldest first, bounded by the adapter to
   * what its platform allows (a page, a rate limit) and never including that message itself.
   * Blocks. Never throws for a platform refusal (rate limited, a missing scope or permission, a
   * deleted thread): the adapter logs why and returns an empty list, because context is an aid
   * and its absence must never fail the answer.
   */
  List<EarlierMessage> read();
}
