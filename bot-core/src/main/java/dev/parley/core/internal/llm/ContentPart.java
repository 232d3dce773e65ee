package dev.parley.core.internal.llm;

import java.util.Objects;

/**
 * One part of a user message that carries more than text: the OpenAI-style content array Groq's
 * vision models take ({@code {"type":"text"}} and {@code {"type":"image_url"}} parts).
 */
public sealed interface ContentPart {

  /** Text, written as {@code {"type":"text","text":...}}. */
  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, written as {@code {"type":"image_url","image_url":{"url":...}}}. Parley sends only
   * base64 data URLs ({@code data:image/png;base64,...}): the platforms' file links need the bot's
   * credentials, which must not reach the model service.
   */
  record ImageUrl(String url) implements ContentPart {
    public ImageUrl {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("data:image/")) throw new IllegalArgumentException("an image part must be a data:image/ URL");
    }
  }
}
