package dev.parley.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One message written in a thread before the bot was asked there, as the platform returned it.
 * Its text is what a person (or another bot) wrote: the core quotes it to the model as untrusted
 * content and never lets it stand for instructions.
 *
 * @param authorId the platform's user (or bot) id
 * @param authorName the name to show the model; falls back to {@code authorId} when null or blank
 * @param fromParley whether Parley itself wrote it (an earlier answer or notice of this bot)
 * @param text the message's text as readable plain text; mentions already written as names
 * @param at when it was posted (Slack's {@code ts}, a Discord snowflake's time)
 */
public record EarlierMessage(String authorId, String authorName, boolean fromParley, String text, Instant at) {

  public EarlierMessage {
    Objects.requireNonNull(authorId, "authorId");
    authorName = authorName == null || authorName.isBlank() ? authorId : authorName;
    text = Objects.requireNonNullElse(text, "");
    Objects.requireNonNull(at, "at");
  }
}
