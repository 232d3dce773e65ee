package dev.parley.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Audio files for tests, made in code: each starts with its container's signature (Ogg's
 * {@code OggS}, WAV's {@code RIFF....WAVE}, MP4's {@code ftyp} box, WebM's EBML header...) and is
 * padded to the size asked for. {@link FakeGroq} decodes no audio, but, like Groq's decoder, it
 * refuses a file whose bytes are not of the format its name claims.
 */
public final class TestAudio {
  private TestAudio() {}

  /** An Ogg Opus file, as Discord voice messages are ({@code voice-message.ogg}). */
  public static byte[] ogg(int size) {
    return of("ogg", size);
  }

  /**
   * A file of the format {@code extension} names (flac, mp3, mp4, m4a, mpeg, mpga, ogg, opus,
   * wav, webm) and {@code size} bytes, at least its signature's length.
   */
  public static byte[] of(String extension, int size) {
    byte[] signature = signature(extension.toLowerCase(Locale.ROOT));
    if (size < signature.length) throw new IllegalArgumentException("at least " + signature.length + " bytes");
    byte[] audio = Arrays.copyOf(signature, size);
    for (int i = signature.length; i < size; i++) audio[i] = (byte) (i * 31);
    return audio;
  }

  /** Whether {@code audio} starts the way a file of the format {@code extension} names does. */
  static boolean looksLike(String extension, byte[] audio) {
    return switch (extension.toLowerCase(Locale.ROOT)) {
      case "mp3", "mpeg", "mpga" -> startsWith(audio, 0, ascii("ID3"))
          || (audio.length > 1 && (audio[0] & 0xFF) == 0xFF && (audio[1] & 0xE0) == 0xE0);
      case "wav" -> startsWith(audio, 0, ascii("RIFF")) && startsWith(audio, 8, ascii("WAVE"));
      case "mp4", "m4a" -> startsWith(audio, 4, ascii("ftyp"));
      default -> startsWith(audio, 0, signature(extension));
    };
  }

  private static byte[] signature(String extension) {
    return switch (extension) {
      case "ogg", "opus" -> ascii("OggS");
      case "flac" -> ascii("fLaC");
      case "mp3", "mpeg", "mpga" -> ascii("ID3");
      case "wav" -> ascii("RIFF\0\0\0\0WAVE");
      case "mp4", "m4a" -> ascii("\0\0\0\u0018ftypM4A ");
      case "webm" -> new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
      default -> throw new IllegalArgumentException("not an audio format Groq transcribes: " + extension);
    };
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] audio, int offset, byte[] prefix) {
    if (audio.length < offset + prefix.length) return false;
    return Arrays.equals(audio, offset, offset + prefix.length, prefix, 0, prefix.length);
  }
}
