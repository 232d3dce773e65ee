package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A message the bot wrote into the fake Slack, as Slack would store and show it. */
public final class FakeSlackMessage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String channel;
  private final String ts;
  private final String threadTs;
  private final boolean streamed;
  private String text = "";
  private String blocksJson;
  private final StringBuilder markdown = new StringBuilder();
  private boolean streaming;
  private int changes;
  private final java.time.Instant createdAt = java.time.Instant.now();

  FakeSlackMessage(String channel, String ts, String threadTs, boolean streamed) {
    this.channel = channel;
    this.ts = ts;
    this.threadTs = threadTs;
    this.streamed = streamed;
    this.streaming = streamed;
  }

  public String channel() {
    return channel;
  }

  public String ts() {
    return ts;
  }

  /** The thread the message is in, or null at the top level. */
  public String threadTs() {
    return threadTs;
  }

  /** Whether it was created by {@code chat.startStream}. */
  public boolean streamed() {
    return streamed;
  }

  public synchronized boolean streaming() {
    return streaming;
  }

  /** How many times its content changed after it was created (updates or appends). */
  public synchronized int changes() {
    return changes;
  }

  /** What a user sees: the streamed markdown, else the section blocks, else the text. */
  public synchronized String visibleText() {
    if (markdown.length() > 0) return markdown.toString();
    List<String> sections = new ArrayList<>();
    for (JsonNode block : blocks()) {
      if ("section".equals(block.path("type").asText())) sections.add(block.path("text").path("text").asText());
    }
    return sections.isEmpty() ? text : String.join("\n", sections);
  }

  /** The action ids of the buttons under the message. */
  public synchronized List<String> buttons() {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : blocks()) {
      for (JsonNode element : block.path("elements")) ids.add(element.path("action_id").asText());
    }
    return ids;
  }

  /** The value of the button with {@code actionId}, or null. */
  public synchronized String buttonValue(String actionId) {
    for (JsonNode block : blocks()) {
      for (JsonNode element : block.path("elements")) {
        if (actionId.equals(element.path("action_id").asText())) return element.path("value").asText();
      }
    }
    return null;
  }

  synchronized void set(String newText, String newBlocks, boolean change) {
    if (newText != null) text = newText;
    if (newBlocks != null) blocksJson = newBlocks;
    if (change) changes++;
  }

  /** {@code chat.update}: the new content replaces everything, streamed text included. */
  synchronized void replace(String newText, String newBlocks) {
    markdown.setLength(0);
    streaming = false;
    text = newText;
    blocksJson = newBlocks;
    changes++;
  }

  /** When {@code chat.startStream} (or a post) created it, by the fake's wall clock. */
  java.time.Instant createdAt() {
    return createdAt;
  }

  /** The streamed text's size in UTF-8 bytes. */
  synchronized int markdownBytes() {
    return markdown.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** Slack ended the stream by itself: the text stays as it is, no further appends. */
  synchronized void expire() {
    streaming = false;
  }

  synchronized void append(String markdownText) {
    markdown.append(markdownText);
    changes++;
  }

  synchronized void stop(String markdownText, String newBlocks) {
    if (markdownText != null) markdown.append(markdownText);
    if (newBlocks != null) blocksJson = newBlocks;
    streaming = false;
  }

  private List<JsonNode> blocks() {
    if (blocksJson == null || blocksJson.isBlank()) return List.of();
    try {
      List<JsonNode> list = new ArrayList<>();
      JSON.readTree(blocksJson).forEach(list::add);
      return list;
    } catch (Exception e) {
      throw new IllegalStateException("bad blocks JSON: " + blocksJson, e);
    }
  }
}
