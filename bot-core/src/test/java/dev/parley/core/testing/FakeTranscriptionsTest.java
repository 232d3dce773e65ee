package dev.parley.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake's transcription endpoint refuses what Groq refuses. The bodies here are written by hand
 * (not by OkHttp, which the client uses), so the fake's multipart parser is held to the RFC, not
 * to one library's habits.
 */
class FakeTranscriptionsTest {
  private static final String BOUNDARY = "----parley-test-7MA4YWxk";
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void answersTheScriptedTextForAWellFormedUpload() throws Exception {
    try (FakeGroq groq = FakeGroq.start().transcribes("voice.ogg", "what is our VPN address?")) {
      HttpResponse<String> response = post(groq, FakeGroq.API_KEY, "multipart/form-data; boundary=" + BOUNDARY,
          form(Map.of("model", "whisper-large-v3-turbo", "response_format", "json"), "voice.ogg", TestAudio.ogg(64)));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"text\":\" what is our VPN address?\"");
      TranscriptionRequest request = groq.transcriptions().take(Duration.ofSeconds(5));
      assertThat(request.fileName()).isEqualTo("voice.ogg");
      assertThat(request.audio()).isEqualTo(TestAudio.ogg(64));
      assertThat(request.fields()).containsEntry("model", "whisper-large-v3-turbo");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "whisper-large-v3-turbo|voice.aac|ogg|400|unsupported_audio_format|"
          + "file must be one of the following types: [flac mp3 mp4 mpeg mpga m4a ogg opus wav webm]",
      "whisper-large-v3-turbo|voice|ogg|400|unsupported_audio_format|file must be one of",
      "llama-3.3-70b-versatile|voice.ogg|ogg|404|model_not_found|does not exist",
      "whisper-large-v3-turbo|voice.ogg|text|400|invalid_value|corrupted",
      "whisper-large-v3-turbo|voice.wav|ogg|400|invalid_value|corrupted",
  })
  void refusesWhatGroqRefuses(String model, String fileName, String bytes, int status, String code, String detail)
      throws Exception {
    FakeGroq groq = FakeGroq.start();
    byte[] audio = bytes.equals("text") ? "hello".getBytes(StandardCharsets.UTF_8) : TestAudio.of(bytes, 64);
    HttpResponse<String> response = post(groq, FakeGroq.API_KEY, "multipart/form-data; boundary=" + BOUNDARY,
        form(Map.of("model", model), fileName, audio));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains("\"type\":\"invalid_request_error\"", "\"code\":\"" + code + "\"", detail);
    assertThatThrownBy(groq::close).as("an undeclared refusal fails the test").isInstanceOf(AssertionError.class)
        .hasMessageContaining(code);
  }

  @Test
  void refusesABodyThatIsNotWellFormedMultipart() throws Exception {
    FakeGroq groq = FakeGroq.start().expectError("invalid_request_error");
    try (groq) {
      String unterminated = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
          + "whisper-large-v3-turbo\r\n";
      assertThat(post(groq, FakeGroq.API_KEY, "application/json", utf8("{\"model\":\"whisper-large-v3-turbo\"}")).body())
          .contains("isn't multipart/form-data");
      assertThat(post(groq, FakeGroq.API_KEY, "multipart/form-data", utf8("x")).body()).contains("without a boundary");
      assertThat(post(groq, FakeGroq.API_KEY, "multipart/form-data; boundary=" + BOUNDARY, utf8(unterminated)).body())
          .contains("not terminated");
      assertThat(groq.refusals()).hasSize(3).allSatisfy(r -> assertThat(r).contains("400"));
    }
  }

  @Test
  void refusesMissingFieldsAndOptionsGroqWouldNotTake() throws Exception {
    FakeGroq groq = FakeGroq.start().expectError("invalid_request_error");
    try (groq) {
      String type = "multipart/form-data; boundary=" + BOUNDARY;
      byte[] ogg = TestAudio.ogg(64);
      assertThat(post(groq, FakeGroq.API_KEY, type, form(Map.of(), "voice.ogg", ogg)).body()).contains("'model'");
      assertThat(post(groq, FakeGroq.API_KEY, type, form(Map.of("model", "whisper-large-v3"), null, null)).body())
          .contains("'file'");
      assertThat(post(groq, FakeGroq.API_KEY, type,
          form(Map.of("model", "whisper-large-v3", "response_format", "srt"), "v.ogg", ogg)).body())
          .contains("response_format");
      assertThat(post(groq, FakeGroq.API_KEY, type,
          form(Map.of("model", "whisper-large-v3", "temperature", "1.5"), "v.ogg", ogg)).body()).contains("temperature");
      assertThat(post(groq, FakeGroq.API_KEY, type,
          form(Map.of("model", "whisper-large-v3", "stream", "true"), "v.ogg", ogg)).body()).contains("unsupported");
      assertThat(groq.refusals()).hasSize(5);
    }
  }

  @Test
  void aBodyOverTheUploadLimitIs413WithGroqsBody() throws Exception {
    FakeGroq groq = FakeGroq.start().expectError("request_too_large");
    try (groq) {
      groq.transcriptions().maxUploadBytes(1000);
      HttpResponse<String> response = post(groq, FakeGroq.API_KEY, "multipart/form-data; boundary=" + BOUNDARY,
          form(Map.of("model", "whisper-large-v3-turbo"), "voice.ogg", TestAudio.ogg(1000)));

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"Request Entity Too Large\","
          + "\"type\":\"invalid_request_error\",\"code\":\"request_too_large\"}}");
    }
  }

  @Test
  void aWrongKeyIs401BeforeTheBodyIsLookedAt() throws Exception {
    FakeGroq groq = FakeGroq.start().expectError("invalid_api_key");
    try (groq) {
      HttpResponse<String> response = post(groq, "gsk_wrong", "multipart/form-data; boundary=" + BOUNDARY,
          form(Map.of("model", "whisper-large-v3-turbo"), "voice.ogg", TestAudio.ogg(64)));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(groq.transcriptions().calls()).isZero();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A multipart body written by hand: the fields, then the file when {@code fileName} is not null. */
  private static byte[] form(Map<String, String> fields, String fileName, byte[] audio) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach((name, value) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    if (fileName != null) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(audio);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private HttpResponse<String> post(FakeGroq groq, String key, String contentType, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(groq.baseUrl() + "/audio/transcriptions"))
        .header("Content-Type", contentType).header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
