package dev.parley.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578), parsed strictly and independently of the OkHttp
 * code that writes it: the boundary from the {@code Content-Type}, CRLF line breaks, a
 * {@code Content-Disposition: form-data; name="..."} on every part, and a closing delimiter.
 * Anything else is an {@link IllegalArgumentException} whose message a server would answer.
 */
record MultipartForm(List<Part> parts) {
  private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PARAMETER = Pattern.compile(";\\s*([A-Za-z*]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
  private static final String CRLF = "\r\n";

  /** One part; {@code fileName} is null for a plain field. */
  record Part(String name, String fileName, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  MultipartForm {
    parts = List.copyOf(parts);
  }

  static MultipartForm parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("request Content-Type isn't multipart/form-data");
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) throw new IllegalArgumentException("multipart/form-data without a boundary");
    String delimiter = "--" + (boundary.group(1) != null ? boundary.group(1) : boundary.group(2));
    // ISO-8859-1 maps each byte to one char and back, so the file's bytes survive the slicing.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (!text.startsWith(delimiter)) throw new IllegalArgumentException("the body does not start with the boundary");
    List<Part> parts = new ArrayList<>();
    int at = delimiter.length();
    while (true) {
      if (text.startsWith("--", at)) return new MultipartForm(parts);
      if (!text.startsWith(CRLF, at)) throw new IllegalArgumentException("a boundary line must end with CRLF");
      int headersEnd = text.indexOf(CRLF + CRLF, at + 2);
      if (headersEnd < 0) throw new IllegalArgumentException("a part's headers do not end");
      int next = text.indexOf(CRLF + delimiter, headersEnd + 4);
      if (next < 0) throw new IllegalArgumentException("the multipart body is not terminated");
      parts.add(part(text.substring(at + 2, headersEnd), text.substring(headersEnd + 4, next)));
      at = next + 2 + delimiter.length();
    }
  }

  /** The text of the one plain field called {@code name}, or null. */
  String field(String name) {
    Part part = part(name);
    return part == null || part.fileName() != null ? null : part.text();
  }

  /** The first part called {@code name}, or null. */
  Part part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  private static Part part(String headerBlock, String content) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : headerBlock.split(CRLF)) {
      int colon = line.indexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("malformed part header");
      headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    String disposition = headers.get("content-disposition");
    if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
      throw new IllegalArgumentException("a part has no Content-Disposition: form-data");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = PARAMETER.matcher(disposition);
    while (matcher.find()) {
      String value = matcher.group(2) != null ? matcher.group(2).replace("\\\"", "\"") : matcher.group(3);
      parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
    }
    String name = parameters.get("name");
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("a part has no name");
    // Header values arrive as ISO-8859-1 chars; OkHttp and browsers write file names as UTF-8.
    String fileName = parameters.get("filename");
    if (fileName != null) fileName = new String(fileName.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return new Part(name, fileName, headers.get("content-type"), content.getBytes(StandardCharsets.ISO_8859_1));
  }
}
