package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestAudio;
import dev.parley.core.testing.TranscriptionRequest;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transcription client against the fake Groq, over a real socket with OkHttp. */
class GroqTranscriberTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String RATE_LIMITED =
      "{\"error\":{\"message\":\"Rate limit reached for model `whisper-large-v3-turbo`\",\"type\":\"requests\","
          + "\"code\":\"rate_limit_exceeded\"}}";

  private final FakeGroq groq = FakeGroq.start();
  private final GroqConfig config = GroqConfig.defaults(FakeGroq.API_KEY).withBaseUrl(groq.baseUrl())
      .withRetries(3, Duration.ofMillis(20), Duration.ofSeconds(3));
  private GroqTranscriber transcriber = new GroqTranscriber(config, GroqTranscriptionConfig.defaults());

  @AfterEach
  void tearDown() {
    transcriber.close();
    groq.close();
  }

  @Test
  void uploadsTheVoiceMessageAsMultipartAndReturnsWhatWasHeard() throws Exception {
    groq.transcribes("voice-message.ogg", "what is our VPN address?");
    byte[] audio = TestAudio.ogg(4096);

    String text = transcriber.transcribe("voice-message.ogg", "audio/ogg", audio);

    assertThat(text).isEqualTo("what is our VPN address?");
    TranscriptionRequest request = groq.transcriptions().take(WAIT);
    assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
    assertThat(request.fileName()).isEqualTo("voice-message.ogg");
    assertThat(request.fileType()).isEqualTo("audio/ogg");
    assertThat(request.audio()).isEqualTo(audio);
    assertThat(request.fields()).isEqualTo(Map.of("model", "whisper-large-v3-turbo", "response_format", "json"));
  }

  @Test
  void sendsTheConfiguredModelAndLanguage() throws Exception {
    transcriber.close();
    transcriber = new GroqTranscriber(config, GroqTranscriptionConfig.defaults().withModel("whisper-large-v3")
        .withLanguage("de"));

    transcriber.transcribe("memo.m4a", "audio/mp4", TestAudio.of("m4a", 100));

    assertThat(groq.transcriptions().take(WAIT).fields())
        .isEqualTo(Map.of("model", "whisper-large-v3", "response_format", "json", "language", "de"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "voice.oga|audio/ogg|voice.ogg",
      "Audio clip|audio/webm|Audio_clip.webm",
      "Sprachnotiz äöü.MP3|audio/mpeg|Sprachnotiz____.mp3",
      "recording|audio/x-m4a; charset=binary|recording.m4a",
      "clip.WAV||clip.wav",
  })
  void namesTheUploadSoGroqKnowsItsFormat(String name, String mimeType, String uploaded) throws Exception {
    String extension = uploaded.substring(uploaded.lastIndexOf('.') + 1);

    transcriber.transcribe(name, mimeType == null ? "" : mimeType, TestAudio.of(extension, 64));

    assertThat(groq.transcriptions().take(WAIT).fileName()).isEqualTo(uploaded);
  }

  @Test
  void refusesAFormatGroqDoesNotTakeWithoutUploading() {
    assertThatThrownBy(() -> transcriber.transcribe("notes.txt", "text/plain", new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(LlmErrors.BadRequest.class, e -> assertThat(e.code()).isEqualTo("unsupported_audio_format"))
        .hasMessageContaining("notes.txt").hasMessageContaining("ogg");
    assertThat(groq.transcriptions().calls()).isZero();
  }

  @Test
  void refusesAnEmptyClipWithoutUploading() {
    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", new byte[0]))
        .isInstanceOfSatisfying(LlmErrors.BadRequest.class, e -> assertThat(e.code()).isEqualTo("empty_audio"))
        .hasMessage("voice.ogg is empty");
    assertThat(groq.transcriptions().calls()).isZero();
  }

  @Test
  void refusesAudioOverTheLimitBeforeUploadingIt() {
    transcriber.close();
    transcriber = new GroqTranscriber(config, GroqTranscriptionConfig.defaults().withMaxAudioBytes(25L * 1024 * 1024));

    assertThat(transcriber.maxAudioBytes()).isEqualTo(25L * 1024 * 1024);
    assertThatThrownBy(() -> transcriber.transcribe("long.ogg", "audio/ogg", TestAudio.ogg(30 * 1024 * 1024 + 99_999)))
        .isInstanceOf(LlmErrors.RequestTooLarge.class)
        .hasMessage("long.ogg is 30.1 MB; audio is transcribed up to 25.0 MB.");
    assertThat(groq.transcriptions().calls()).isZero();
  }

  @Test
  void aBodyGroqFindsTooLargeIs413RequestTooLarge() {
    groq.expectError("request_too_large").transcriptions().maxUploadBytes(2000);

    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(3000)))
        .isInstanceOfSatisfying(LlmErrors.RequestTooLarge.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(413);
          assertThat(e.code()).isEqualTo("request_too_large");
        })
        .hasMessage("voice.ogg (3 KB) is larger than Groq accepts: Request Entity Too Large");
    assertThat(groq.transcriptions().calls()).as("not retried").isEqualTo(1);
  }

  @Test
  void audioGroqCannotDecodeIsABadRequestAndNotRetried() {
    groq.expectError("invalid_value");

    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", "not audio at all".getBytes()))
        .isInstanceOfSatisfying(LlmErrors.BadRequest.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
        .hasMessageContaining("corrupted");
    assertThat(groq.transcriptions().calls()).isEqualTo(1);
  }

  @Test
  void retriesA429AfterTheRetryAfterItAskedFor() {
    Duration retryAfter = Duration.ofSeconds(1);
    groq.transcriptions().enqueue(new MockResponse.Builder().code(429)
        .addHeader("retry-after", Long.toString(retryAfter.toSeconds())).body(RATE_LIMITED).build());
    groq.transcribes("voice.ogg", "hello");

    long start = System.nanoTime();
    String text = transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(100));

    assertThat(text).isEqualTo("hello");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(retryAfter);
    assertThat(groq.transcriptions().calls()).isEqualTo(2);
  }

  @Test
  void retriesServerErrorsThenGivesUpWithTheLastOne() {
    for (int i = 0; i < 3; i++) {
      groq.transcriptions().enqueue(new MockResponse.Builder().code(503).body("upstream connect error").build());
    }

    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(100)))
        .isInstanceOfSatisfying(LlmErrors.ServerError.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
    assertThat(groq.transcriptions().calls()).isEqualTo(3);
  }

  @Test
  void aRetryAfterLongerThanTheBackoffCapIsSurfacedWithoutWaiting() {
    groq.transcriptions().enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
        .body(RATE_LIMITED).build());

    long start = System.nanoTime();
    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(100)))
        .isInstanceOfSatisfying(LlmErrors.RateLimited.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(groq.transcriptions().calls()).isEqualTo(1);
  }

  @Test
  void aWrongKeyIsInvalidApiKeyAndNotRetried() {
    groq.expectKey("gsk_other").expectError("invalid_api_key");

    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(100)))
        .isInstanceOf(LlmErrors.InvalidApiKey.class)
        .hasMessageNotContaining(FakeGroq.API_KEY);
    assertThat(groq.refusals()).hasSize(1);
  }

  @Test
  void anAnswerWithoutTextIsAnErrorNotAnEmptyTranscript() {
    groq.transcriptions().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"x_groq\":{\"id\":\"req_1\"}}").build());

    assertThatThrownBy(() -> transcriber.transcribe("voice.ogg", "audio/ogg", TestAudio.ogg(100)))
        .isInstanceOf(LlmException.class).hasMessageContaining("no text");
  }
}
