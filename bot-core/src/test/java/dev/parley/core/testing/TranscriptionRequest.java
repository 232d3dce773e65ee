package dev.parley.core.testing;

import java.util.Map;

/**
 * One {@code /audio/transcriptions} request as {@link FakeGroq} parsed it.
 *
 * @param contentType the request's {@code Content-Type} header, boundary included
 * @param fileName the {@code filename} of the {@code file} part, or null when there was none
 * @param fileType the {@code Content-Type} of the {@code file} part, or null
 * @param audio the bytes of the {@code file} part, empty when there was none
 * @param fields every plain form field, such as {@code model} and {@code response_format}
 */
public record TranscriptionRequest(String contentType, String fileName, String fileType, byte[] audio,
    Map<String, String> fields) {

  public TranscriptionRequest {
    audio = audio.clone();
    fields = Map.copyOf(fields);
  }

  @Override
  public byte[] audio() {
    return audio.clone();
  }
}
