package dev.parley.core.internal.llm;

import java.util.Objects;

/**
 * A page a server-side tool read while answering: one search result, or one page a browser tool
 * visited. Holds what the server sent, unchecked; whoever shows it must vet the URL.
 *
 * @param title the page title as sent; may be empty, never null
 * @param url the address as sent; never null
 */
public record WebSource(String title, String url) {
  public WebSource {
    title = Objects.requireNonNullElse(title, "");
    Objects.requireNonNull(url, "url");
  }
}
