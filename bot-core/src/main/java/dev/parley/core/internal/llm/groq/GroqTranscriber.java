package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.NonRetriableLlmException;
import dev.parley.core.internal.llm.RetriableLlmException;
import dev.parley.core.internal.llm.Transcriber;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transcriber} over Groq's OpenAI-compatible {@code POST /audio/transcriptions}: one
 * multipart upload of {@code file}, {@code model} and {@code response_format=json} (and
 * {@code language} when configured), answered with {@code {"text": ...}}.
 *
 * <p>Audio larger than {@link GroqTranscriptionConfig#maxAudioBytes()}, or of a format Groq does
 * not take, is refused before anything is sent. Rate limits (429, honouring {@code retry-after}),
 * 5xx and network faults are retried like a chat stream, within {@link GroqConfig#maxAttempts()};
 * every failure is one of the {@link LlmException} types that {@link GroqErrorMapper} gives a
 * chat request, so a 413 is {@link LlmErrors.RequestTooLarge} whether Groq or this client said so.
 *
 * <p>Thread-safe; share one instance. {@link #transcribe} blocks the calling thread, backoff
 * waits included. {@link #close()} stops the threads of the {@link OkHttpClient} it built itself.
 */
public final class GroqTranscriber implements Transcriber, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroqTranscriber.class);

  private final GroqConfig groq;
  private final GroqTranscriptionConfig config;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final ObjectMapper json = PooledJson.newMapper();
  private final GroqErrorMapper errors = new GroqErrorMapper(json, Clock.systemUTC());
  private final Backoff backoff;

  public GroqTranscriber(GroqConfig groq, GroqTranscriptionConfig config) {
    this(groq, config, new OkHttpClient(), true);
  }

  /** Uses {@code client}'s pool; its timeouts are overridden from the two configs. */
  public GroqTranscriber(GroqConfig groq, GroqTranscriptionConfig config, OkHttpClient client) {
    this(groq, config, client, false);
  }

  private GroqTranscriber(GroqConfig groq, GroqTranscriptionConfig config, OkHttpClient base, boolean ownsClient) {
    this.groq = Objects.requireNonNull(groq, "groq");
    this.config = Objects.requireNonNull(config, "config");
    this.ownsClient = ownsClient;
    this.client = base.newBuilder().connectTimeout(groq.connectTimeout())
        .readTimeout(config.timeout()).writeTimeout(config.timeout()).callTimeout(config.timeout()).build();
    this.backoff = new Backoff(groq.initialBackoff(), groq.maxBackoff());
  }

  @Override
  public String transcribe(String name, String mimeType, byte[] audio) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(audio, "audio");
    AudioUpload upload = AudioUpload.of(name, mimeType);
    if (audio.length > config.maxAudioBytes()) {
      throw new LlmErrors.RequestTooLarge(name + " is " + size(audio.length) + "; audio is transcribed up to "
          + size(config.maxAudioBytes()) + ".", "audio_too_large");
    }
    if (audio.length == 0) {
      throw new LlmErrors.BadRequest(name + " is empty", 0, "empty_audio", null);
    }
    Request request = request(upload, audio);
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(request);
      } catch (RetriableLlmException error) {
        sleep(waitBeforeRetry(attempt, error, audio.length), error);
      } catch (LlmErrors.RequestTooLarge error) {
        log.info("groq transcription refused as too large model={} bytes={}", config.model(), audio.length);
        // Groq's own words are "Request Entity Too Large": say which file, and that its size is why.
        throw new LlmErrors.RequestTooLarge(name + " (" + size(audio.length) + ") is larger than Groq accepts: "
            + error.getMessage(), error.code());
      } catch (LlmException error) {
        log.info("groq transcription refused model={} bytes={} error={} status={} code={}",
            config.model(), audio.length, error.getClass().getSimpleName(), error.httpStatus(), error.code());
        throw error;
      }
    }
  }

  /** How long to wait before attempt {@code failed + 1}; throws {@code error} when there is none. */
  private Duration waitBeforeRetry(int failed, RetriableLlmException error, int bytes) {
    Optional<Duration> wait = failed < groq.maxAttempts() ? backoff.delayAfter(failed, error.retryAfter()) : Optional.empty();
    if (wait.isEmpty()) {
      log.info("groq transcription failed model={} bytes={} error={} status={} code={} attempts={}",
          config.model(), bytes, error.getClass().getSimpleName(), error.httpStatus(), error.code(), failed);
      throw error;
    }
    log.warn("groq transcription attempt failed, retrying model={} error={} status={} code={} attempt={} waitMs={}",
        config.model(), error.getClass().getSimpleName(), error.httpStatus(), error.code(), failed, wait.get().toMillis());
    return wait.get();
  }

  @Override
  public long maxAudioBytes() {
    return config.maxAudioBytes();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private Request request(AudioUpload upload, byte[] audio) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", upload.fileName(), RequestBody.create(audio, upload.mediaType()))
        .addFormDataPart("model", config.model())
        .addFormDataPart("response_format", "json");
    if (config.language() != null) form.addFormDataPart("language", config.language());
    return new Request.Builder().url(groq.baseUrl() + "/audio/transcriptions")
        .header("Authorization", "Bearer " + groq.apiKey())
        .post(form.build())
        .build();
  }

  private String attempt(Request request) {
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) throw errors.fromHttp(response.code(), response.headers(), body);
      return text(body);
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
  }

  /** The {@code text} of a {@code response_format=json} answer. */
  private String text(String body) {
    JsonNode text;
    try {
      text = json.readTree(body).get("text");
    } catch (IOException | RuntimeException notJson) {
      text = null;
    }
    if (text == null || !text.isTextual()) {
      throw new NonRetriableLlmException("Groq's transcription answer has no text", 200, "malformed_response", null);
    }
    return text.asText().strip();
  }

  /** A size as people read it: {@code 3.2 MB}, {@code 900 KB}, {@code 12 bytes} (binary units, as Groq counts). */
  static String size(long bytes) {
    if (bytes >= 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    if (bytes >= 1024) return Math.round(bytes / 1024.0) + " KB";
    return bytes + " bytes";
  }

  /** Waits out a backoff; an interrupt (a stopped turn) ends the wait and surfaces {@code cause}. */
  private static void sleep(Duration wait, RetriableLlmException cause) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }
}
