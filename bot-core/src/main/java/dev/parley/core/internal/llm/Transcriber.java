package dev.parley.core.internal.llm;

/**
 * Turns speech into text (Groq's {@code /audio/transcriptions}). Thread-safe; blocks until the
 * server answered.
 */
@FunctionalInterface
public interface Transcriber {

  /** Used when no transcription service is configured: every voice message gets a readable notice. */
  Transcriber NONE = (name, mimeType, audio) -> {
    throw new NonRetriableLlmException("voice messages are not enabled here", 0, "transcription_disabled", null);
  };

  /**
   * Transcribes one audio file.
   *
   * @param name the file name, whose extension tells the server the format ({@code voice.ogg})
   * @return the spoken text, possibly empty
   * @throws LlmException when the server refused the audio or could not be reached
   */
  String transcribe(String name, String mimeType, byte[] audio);

  /**
   * The largest audio, in bytes, that {@link #transcribe} takes; a caller downloads no more than
   * this, so a huge file is refused without being fetched whole. Unbounded unless the
   * implementation says otherwise.
   */
  default long maxAudioBytes() {
    return Long.MAX_VALUE;
  }
}
