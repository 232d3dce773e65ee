package dev.parley.core.internal.llm.groq;

import dev.parley.core.internal.llm.LlmErrors;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import okhttp3.MediaType;

/**
 * The name and type one audio file is uploaded under. Groq tells the format by the file name's
 * extension alone: a name without one, or with Telegram's {@code .oga}, is refused with 400
 * {@code unsupported_audio_format} even when the bytes are fine. So the extension is taken from
 * the name when Groq knows it, and otherwise from the platform's content type (a Slack clip named
 * {@code Audio clip} of type {@code audio/webm} goes up as {@code Audio_clip.webm}).
 *
 * @param fileName a name of plain ASCII whose extension Groq accepts
 */
record AudioUpload(String fileName, MediaType mediaType) {

  /** The extensions Groq's transcription accepts, with the content type each is sent with. */
  private static final Map<String, String> FORMATS = Map.ofEntries(
      Map.entry("flac", "audio/flac"), Map.entry("mp3", "audio/mpeg"), Map.entry("mp4", "audio/mp4"),
      Map.entry("mpeg", "audio/mpeg"), Map.entry("mpga", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
      Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("wav", "audio/wav"),
      Map.entry("webm", "audio/webm"));
  /** Content types platforms send, with the extension of the same container. */
  private static final Map<String, String> EXTENSION_OF_TYPE = Map.ofEntries(
      Map.entry("audio/ogg", "ogg"), Map.entry("application/ogg", "ogg"), Map.entry("audio/opus", "opus"),
      Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"), Map.entry("audio/mp4", "m4a"),
      Map.entry("audio/m4a", "m4a"), Map.entry("audio/x-m4a", "m4a"), Map.entry("video/mp4", "mp4"),
      Map.entry("audio/webm", "webm"), Map.entry("video/webm", "webm"), Map.entry("audio/wav", "wav"),
      Map.entry("audio/x-wav", "wav"), Map.entry("audio/wave", "wav"), Map.entry("audio/vnd.wave", "wav"),
      Map.entry("audio/flac", "flac"), Map.entry("audio/x-flac", "flac"));
  /** Extensions of formats Groq takes under another name. */
  private static final Map<String, String> ALIASES = Map.of("oga", "ogg");
  private static final int MAX_BASE_NAME = 64;

  /**
   * @param name the file name the platform gave
   * @param mimeType the platform's content type, possibly empty or with parameters
   *     ({@code audio/ogg; codecs=opus})
   * @throws LlmErrors.BadRequest with code {@code unsupported_audio_format} when neither the name
   *     nor the type names a format Groq takes; nothing is uploaded then
   */
  static AudioUpload of(String name, String mimeType) {
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    extension = ALIASES.getOrDefault(extension, extension);
    if (FORMATS.containsKey(extension)) return upload(name.substring(0, dot), extension);
    String type = mimeType == null ? "" : mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String byType = EXTENSION_OF_TYPE.get(type);
    if (byType != null) return upload(name, byType);
    throw new LlmErrors.BadRequest(name + " is not audio Groq can transcribe; it takes "
        + String.join(", ", new TreeSet<>(FORMATS.keySet())), 0, "unsupported_audio_format", null);
  }

  private static AudioUpload upload(String base, String extension) {
    return new AudioUpload(safe(base) + "." + extension, MediaType.get(FORMATS.get(extension)));
  }

  /**
   * The name goes into a {@code Content-Disposition} header: plain ASCII keeps every server's
   * parser happy, and Groq needs nothing of it but the extension.
   */
  private static String safe(String base) {
    String plain = base.replaceAll("[^A-Za-z0-9._-]", "_");
    if (plain.length() > MAX_BASE_NAME) plain = plain.substring(0, MAX_BASE_NAME);
    return plain.isEmpty() || plain.chars().allMatch(c -> c == '_' || c == '.') ? "audio" : plain;
  }
}
