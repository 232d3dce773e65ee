package dev.parley.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What Groq refuses in requests that carry images (console.groq.com/docs/vision): a base64 request
 * above 4 MB is 413; an image part sent to a model without vision is 400 (Groq answers
 * {@code message[N].content must be a string}, as seen by SDK users); a vision model takes at most
 * five images per request and 33,177,600 pixels per image, else 400.
 */
final class VisionRequestRules {
  /** The models Groq serves with image input. */
  static final Set<String> VISION_MODELS = Set.of(
      "meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-maverick-17b-128e-instruct");
  /**
   * "Maximum allowed size for a request containing a base64 encoded image is 4MB." Whether Groq
   * means 4,000,000 or 4,194,304 bytes is not documented: the fake takes the stricter one.
   */
  static final long MAX_BASE64_REQUEST_BYTES = 4_000_000L;
  static final int MAX_IMAGES = 5;
  static final long MAX_PIXELS = 33_177_600L;

  private VisionRequestRules() {}

  /** The refusal Groq would answer to a request of {@code bodyBytes} bytes, or null. */
  static GroqRequestRules.Refusal check(JsonNode body, long bodyBytes) {
    JsonNode messages = body.path("messages");
    int images = 0;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode content = messages.get(i).path("content");
      if (!content.isArray()) continue;
      for (JsonNode part : content) {
        if (!"image_url".equals(part.path("type").asText())) continue;
        images++;
        if (!VISION_MODELS.contains(body.path("model").asText())) {
          return GroqRequestRules.Refusal.badRequest("message[" + i + "].content must be a string", null);
        }
        GroqRequestRules.Refusal bad = image(part.path("image_url").path("url").asText());
        if (bad != null) return bad;
      }
    }
    if (images == 0) return null;
    if (bodyBytes > MAX_BASE64_REQUEST_BYTES) {
      return new GroqRequestRules.Refusal(413, "Request Entity Too Large", "invalid_request_error",
          "request_too_large");
    }
    if (images > MAX_IMAGES) {
      return GroqRequestRules.Refusal.badRequest("Too many images provided. This model supports up to "
          + MAX_IMAGES + " images", null);
    }
    return null;
  }

  private static GroqRequestRules.Refusal image(String url) {
    int comma = url.indexOf(',');
    if (!url.startsWith("data:image/") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      return GroqRequestRules.Refusal.badRequest("image_url must be a data URL with base64 image data", null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(url.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      return GroqRequestRules.Refusal.badRequest("invalid base64 image data", null);
    }
    long pixels = pixels(bytes);
    if (pixels < 0) return GroqRequestRules.Refusal.badRequest("invalid image data", null);
    if (pixels > MAX_PIXELS) {
      return GroqRequestRules.Refusal.badRequest("image resolution exceeds the limit of 33177600 pixels", null);
    }
    return null;
  }

  /** Width times height, read from the header alone; 0 for WebP, which the JDK cannot read; -1 if unreadable. */
  private static long pixels(byte[] bytes) {
    if (bytes.length >= 12 && new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
      return 0;
    }
    try (ImageInputStream input = new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) return -1;
      ImageReader reader = readers.next();
      try {
        reader.setInput(input);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
