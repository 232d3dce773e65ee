package dev.parley.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * {@link FakeGroq}'s {@code POST /openai/v1/audio/transcriptions}, as strict as Groq (its key
 * check is FakeGroq's): a body over the upload limit (25 MB, as on Groq's free tier) is 413
 * {@code request_too_large} before it is parsed; a body that is not {@code multipart/form-data},
 * a missing {@code model} or {@code file}, a form field Groq does not document, and a bad
 * {@code response_format}, {@code temperature}, {@code language} or {@code prompt} are 400; a model
 * that is not a Whisper model Groq serves is 404 {@code model_not_found}; a file whose extension
 * Groq does not take is 400 {@code unsupported_audio_format}, with Groq's own message; and a file
 * whose bytes do not begin like its extension's format (see {@link TestAudio}) is a 400 that
 * Groq's decoder would answer.
 *
 * <p>Each of these refusals counts as one of FakeGroq's own, failing the test at
 * {@link FakeGroq#close()} unless declared with {@link FakeGroq#expectError(String)}. Responses
 * the test scripts with {@link #enqueue} are served, in order, to requests that passed the form
 * checks. Otherwise the answer is {@code {"text": ...}} with the text {@link #script scripted} for
 * the file's name, or {@code transcript of <name>}.
 */
public final class FakeTranscriptions {
  /** The Whisper models Groq serves for transcription. */
  public static final Set<String> MODELS = Set.of("whisper-large-v3", "whisper-large-v3-turbo");
  /** Groq's upload limit on the free tier. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The extensions Groq lists, in its own order, in its 400 {@code unsupported_audio_format}. */
  private static final String GROQ_FORMATS = "flac mp3 mp4 mpeg mpga m4a ogg opus wav webm";
  private static final Set<String> FORMATS = Set.of(GROQ_FORMATS.split(" "));
  private static final Set<String> FIELDS = Set.of("file", "url", "model", "language", "prompt", "response_format",
      "temperature", "timestamp_granularities[]");
  private static final int MAX_PROMPT_CHARS = 896;

  private final Function<GroqRequestRules.Refusal, MockResponse> refuse;
  private final Map<String, String> transcripts = new ConcurrentHashMap<>();
  private final BlockingQueue<MockResponse> scripted = new LinkedBlockingQueue<>();
  private final BlockingQueue<TranscriptionRequest> requests = new LinkedBlockingQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;

  /** @param refuse answers a refusal and records it as one the test must declare */
  FakeTranscriptions(Function<GroqRequestRules.Refusal, MockResponse> refuse) {
    this.refuse = refuse;
  }

  /** A file uploaded as {@code fileName} is heard as {@code text}, every time it comes. */
  public FakeTranscriptions script(String fileName, String text) {
    transcripts.put(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(text, "text"));
    return this;
  }

  /** Serves {@code response} (a 429, a 500...) to the next well-formed request instead of a transcript. */
  public FakeTranscriptions enqueue(MockResponse response) {
    scripted.add(response);
    return this;
  }

  /** The largest request body accepted; a larger one is 413, as Groq answers. */
  public FakeTranscriptions maxUploadBytes(long bytes) {
    this.maxUploadBytes = bytes;
    return this;
  }

  /** The next request that reached this endpoint with a key FakeGroq accepted, or null after {@code timeout}. */
  public TranscriptionRequest take(Duration timeout) throws InterruptedException {
    return requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Requests that reached this endpoint with a key FakeGroq accepted. */
  public int calls() {
    return calls.get();
  }

  MockResponse dispatch(RecordedRequest request) {
    calls.incrementAndGet();
    String contentType = request.getHeaders().get("Content-Type");
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    // An oversized body is refused by its size alone, before it is parsed.
    if (body.length > maxUploadBytes) {
      requests.add(recorded(contentType, new MultipartForm(List.of())));
      return refuse.apply(new GroqRequestRules.Refusal(413, "Request Entity Too Large", "invalid_request_error",
          "request_too_large"));
    }
    MultipartForm form;
    try {
      form = MultipartForm.parse(contentType, body);
    } catch (IllegalArgumentException e) {
      requests.add(recorded(contentType, new MultipartForm(List.of())));
      return refuse.apply(GroqRequestRules.Refusal.badRequest(e.getMessage(), null));
    }
    requests.add(recorded(contentType, form));
    GroqRequestRules.Refusal refusal = check(form);
    if (refusal != null) return refuse.apply(refusal);
    MockResponse next = scripted.poll();
    if (next != null) return next;
    MultipartForm.Part file = form.part("file");
    if (!TestAudio.looksLike(extension(file.fileName()), file.content())) {
      // Groq does not document this body; it is what OpenAI's Whisper endpoint answers.
      return refuse.apply(GroqRequestRules.Refusal.badRequest("Audio file might be corrupted or unsupported",
          "invalid_value"));
    }
    return transcript(form, transcripts.getOrDefault(file.fileName(), "transcript of " + file.fileName()));
  }

  private static GroqRequestRules.Refusal check(MultipartForm form) {
    Set<String> seen = new HashSet<>();
    for (MultipartForm.Part part : form.parts()) {
      if (!FIELDS.contains(part.name())) return unsupported(part.name());
      if (!seen.add(part.name())) return GroqRequestRules.Refusal.badRequest("'" + part.name() + "' : given more than once", null);
    }
    String model = form.field("model");
    if (model == null) return GroqRequestRules.Refusal.badRequest("'model' : property 'model' is missing", null);
    if (!MODELS.contains(model)) {
      return new GroqRequestRules.Refusal(404, "The model `" + model + "` does not exist or you do not have access to it.",
          "invalid_request_error", "model_not_found");
    }
    MultipartForm.Part file = form.part("file");
    if (file == null || file.fileName() == null) {
      return GroqRequestRules.Refusal.badRequest("either 'file' or 'url' must be provided", null);
    }
    if (!FORMATS.contains(extension(file.fileName()))) {
      return GroqRequestRules.Refusal.badRequest("file must be one of the following types: [" + GROQ_FORMATS + "]",
          "unsupported_audio_format");
    }
    return options(form);
  }

  private static GroqRequestRules.Refusal options(MultipartForm form) {
    String format = form.field("response_format");
    if (format != null && !Set.of("json", "text", "verbose_json").contains(format)) {
      return GroqRequestRules.Refusal.badRequest("response_format must be one of [json text verbose_json]", null);
    }
    String temperature = form.field("temperature");
    if (temperature != null && !temperatureInRange(temperature)) {
      return GroqRequestRules.Refusal.badRequest("temperature must be a number between 0 and 1", null);
    }
    String language = form.field("language");
    if (language != null && !language.matches("[a-z]{2}")) {
      return GroqRequestRules.Refusal.badRequest("language must be an ISO-639-1 code, such as en", null);
    }
    String prompt = form.field("prompt");
    if (prompt != null && prompt.length() > MAX_PROMPT_CHARS) {
      return GroqRequestRules.Refusal.badRequest("prompt length must be " + MAX_PROMPT_CHARS
          + " characters or fewer, but provided prompt contains " + prompt.length() + " characters", null);
    }
    return null;
  }

  private static GroqRequestRules.Refusal unsupported(String field) {
    return GroqRequestRules.Refusal.badRequest("'" + field + "' : property '" + field + "' is unsupported", null);
  }

  private static boolean temperatureInRange(String text) {
    try {
      double value = Double.parseDouble(text);
      return value >= 0 && value <= 1;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static MockResponse transcript(MultipartForm form, String text) {
    String format = Objects.requireNonNullElse(form.field("response_format"), "json");
    if (format.equals("text")) {
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain; charset=utf-8")
          .body(text + "\n").build();
    }
    ObjectNode body = JSON.createObjectNode();
    if (format.equals("verbose_json")) {
      body.put("task", "transcribe").put("language", "English").put("duration", 2.5);
      body.putArray("segments");
    }
    // Whisper's text often begins with a space, which a client should not show.
    body.put("text", " " + text);
    body.putObject("x_groq").put("id", "req_fake_transcription");
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(body.toString()).build();
  }

  private static TranscriptionRequest recorded(String contentType, MultipartForm form) {
    Map<String, String> fields = new HashMap<>();
    form.parts().stream().filter(p -> p.fileName() == null).forEach(p -> fields.putIfAbsent(p.name(), p.text()));
    MultipartForm.Part file = form.part("file");
    return file == null || file.fileName() == null
        ? new TranscriptionRequest(contentType, null, null, new byte[0], fields)
        : new TranscriptionRequest(contentType, file.fileName(), file.contentType(), file.content(), fields);
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
