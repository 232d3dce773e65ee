package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.llm.groq.GroqTranscriptionConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The voice settings: parsed, validated, and reported together with their fixes. */
class TranscriptionConfigTest {

  private static ParleyConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1");
    return ParleyConfig.load(env);
  }

  @Test
  void voiceIsOnByDefaultWithGroqsFreeTierLimit() {
    GroqTranscriptionConfig transcription = load(Map.of()).transcription().orElseThrow();

    assertThat(transcription.model()).isEqualTo("whisper-large-v3-turbo");
    assertThat(transcription.maxAudioBytes()).isEqualTo(25L * 1024 * 1024);
    assertThat(transcription.language()).isNull();
  }

  @Test
  void everyVoiceSettingCanBeSet() {
    GroqTranscriptionConfig transcription = load(Map.of("PARLEY_TRANSCRIPTION_MODEL", "whisper-large-v3",
        "PARLEY_MAX_AUDIO_BYTES", "100MiB", "PARLEY_TRANSCRIPTION_LANGUAGE", "de")).transcription().orElseThrow();

    assertThat(transcription).isEqualTo(new GroqTranscriptionConfig("whisper-large-v3", 100L * 1024 * 1024, "de",
        GroqTranscriptionConfig.DEFAULT_TIMEOUT));
  }

  @Test
  void offTurnsVoiceOff() {
    assertThat(load(Map.of("PARLEY_TRANSCRIPTION_MODEL", "off")).transcription()).isEqualTo(Optional.empty());
  }

  @Test
  void badVoiceSettingsAreReportedTogetherWithTheirFixes() {
    assertThatThrownBy(() -> load(Map.of("PARLEY_MAX_AUDIO_BYTES", "101MiB", "PARLEY_TRANSCRIPTION_LANGUAGE", "German")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("PARLEY_MAX_AUDIO_BYTES").hasMessageContaining("100MiB")
        .hasMessageContaining("PARLEY_TRANSCRIPTION_LANGUAGE").hasMessageContaining("two-letter code");
    assertThatThrownBy(() -> load(Map.of("PARLEY_MAX_AUDIO_BYTES", "lots")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("25MiB");
  }
}
