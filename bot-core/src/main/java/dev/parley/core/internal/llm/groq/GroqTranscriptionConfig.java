package dev.parley.core.internal.llm.groq;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link GroqTranscriber} asks of Groq's {@code /audio/transcriptions}; where to reach Groq,
 * the key and the retry policy come from {@link GroqConfig}.
 *
 * @param model a Whisper model Groq serves, such as {@code whisper-large-v3-turbo}
 * @param maxAudioBytes the largest audio file uploaded; a larger one is refused before any byte is
 *     sent. Groq takes 25 MB on the free tier and 100 MB on the dev tier.
 * @param language the ISO-639-1 code of the spoken language ({@code en}), which Groq says improves
 *     accuracy and latency; null lets Whisper detect it
 * @param timeout the whole of one attempt: the upload, the transcription and the answer
 */
public record GroqTranscriptionConfig(String model, long maxAudioBytes, String language, Duration timeout) {

  public static final String DEFAULT_MODEL = "whisper-large-v3-turbo";
  /** Groq's free-tier upload limit. */
  public static final long DEFAULT_MAX_AUDIO_BYTES = 25L * 1024 * 1024;
  /**
   * Whisper on Groq runs about 200 times faster than real time: 25 MB of voice (about half an
   * hour of Opus) transcribes in seconds, so a minute leaves room for a slow upload.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

  public GroqTranscriptionConfig {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
    if (maxAudioBytes < 1) throw new IllegalArgumentException("maxAudioBytes must be positive");
    if (language != null && !language.matches("[a-z]{2}")) {
      throw new IllegalArgumentException("language must be an ISO-639-1 code such as en");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
  }

  /** {@link #DEFAULT_MODEL}, 25 MB, the language detected, one minute per attempt. */
  public static GroqTranscriptionConfig defaults() {
    return new GroqTranscriptionConfig(DEFAULT_MODEL, DEFAULT_MAX_AUDIO_BYTES, null, DEFAULT_TIMEOUT);
  }

  public GroqTranscriptionConfig withModel(String value) {
    return new GroqTranscriptionConfig(value, maxAudioBytes, language, timeout);
  }

  public GroqTranscriptionConfig withMaxAudioBytes(long value) {
    return new GroqTranscriptionConfig(model, value, language, timeout);
  }

  public GroqTranscriptionConfig withLanguage(String value) {
    return new GroqTranscriptionConfig(model, maxAudioBytes, value, timeout);
  }
}
