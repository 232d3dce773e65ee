package dev.parley.core.internal.engine;

import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.internal.llm.WebSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The compact list of pages a server-side tool read, put under the answer it helped write:
 * {@code Sources:} and one Markdown link per page, which both platforms show as a link.
 *
 * <p>Search results are the open web's words, not the model's and not ours, so each is vetted: only
 * http and https addresses with a host and no user part, none longer than {@value #MAX_URL_CHARS}
 * characters; titles lose every character that could close the link or start formatting, and are
 * cut to {@value #MAX_TITLE_CHARS}. A page found twice (by its host, path and query) is listed once,
 * and at most {@value #MAX_SOURCES} are listed. Pure and thread-safe.
 */
final class SourcesFooter {
  static final int MAX_SOURCES = 5;
  static final int MAX_TITLE_CHARS = 80;
  static final int MAX_URL_CHARS = 300;
  static final String HEADING = "Sources:";

  private SourcesFooter() {}

  /** The footer, starting with a blank line; empty when no source can be shown. */
  static String of(List<WebSource> sources) {
    Set<String> seen = new HashSet<>();
    List<String> lines = new ArrayList<>();
    for (WebSource source : sources) {
      URI uri = vetted(source.url());
      if (uri == null || !seen.add(identity(uri))) continue;
      lines.add("- [" + title(source.title(), uri) + "](" + linkTarget(uri) + ")");
      if (lines.size() == MAX_SOURCES) break;
    }
    return lines.isEmpty() ? "" : "\n\n" + HEADING + "\n" + String.join("\n", lines);
  }

  /** The address as a URI when it may be shown: http or https, a host, no user info, not too long. */
  private static URI vetted(String url) {
    String trimmed = url.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_URL_CHARS) return null;
    try {
      // The single-argument constructor refuses spaces, control characters, quotes and <>, which
      // could end a Markdown link or start platform syntax.
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("http") || scheme.equals("https");
      if (!web || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) return null;
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Parentheses are legal in a URL but would end a Markdown link target early. */
  private static String linkTarget(URI uri) {
    return uri.toString().replace("(", "%28").replace(")", "%29");
  }

  /** What makes two addresses the same page here: host, path without a trailing slash, and query. */
  private static String identity(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return uri.getHost().toLowerCase(Locale.ROOT) + path + query;
  }

  private static String title(String raw, URI uri) {
    String plain = DisplayText.clean(raw).replaceAll("[\\[\\]()<>*_~`|\\\\#]", " ")
        .replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return plain.isEmpty() ? uri.getHost() : DisplayText.cut(plain, MAX_TITLE_CHARS);
  }
}
