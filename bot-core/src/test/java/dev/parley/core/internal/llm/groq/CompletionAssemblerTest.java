package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How chunks fold into a completion, field by field, including the shapes a real server may send
 * that the stream tests do not: fields in any order, values to skip, a usage in two places, broken
 * JSON. Written against the tree-based assembler, so the streaming one is held to the same results.
 */
class CompletionAssemblerTest {
  private static final String USAGE = "{\"queue_time\":0.04,\"prompt_tokens\":210,\"prompt_time\":0.01,"
      + "\"completion_tokens\":15,\"completion_time\":0.5,\"total_tokens\":225,\"total_time\":0.55}";
  private static final Usage EXPECTED_USAGE = new Usage(210, 15, 225, 0.04, 0.01, 0.5, 0.55);

  private final CompletionAssembler assembler = new CompletionAssembler(new JsonFactory());

  @Test
  void theFirstIdModelAndRequestIdAreKept() {
    assembler.accept("{\"id\":\"chatcmpl-1\",\"model\":\"m1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],"
        + "\"x_groq\":{\"id\":\"req_1\",\"seed\":7}}");
    assembler.accept("{\"id\":\"chatcmpl-2\",\"model\":\"m2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"},"
        + "\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_2\"}}");

    ChatCompletion completion = assembler.complete(null);
    assertThat(completion.id()).isEqualTo("chatcmpl-1");
    assertThat(completion.model()).isEqualTo("m1");
    assertThat(completion.requestId()).isEqualTo("req_1");
    assertThat(assembler.requestId()).isEqualTo("req_1");
    assertThat(completion.content()).isEqualTo("ab");
  }

  @Test
  void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
    CompletionAssembler.Delta delta = assembler.accept("{\"choices\":[{\"finish_reason\":null,"
        + "\"logprobs\":{\"content\":[{\"token\":\"Hi\",\"bytes\":[72,105],\"top_logprobs\":[]}]},"
        + "\"delta\":{\"annotations\":[{\"type\":\"x\",\"nested\":{\"content\":\"not me\"}}],\"content\":\"Hi\","
        + "\"role\":\"assistant\",\"executed_tools\":null},\"index\":0}],\"usage\":null,\"created\":1770770843,"
        + "\"x_groq\":{\"seed\":1,\"id\":\"req_late\"},\"system_fingerprint\":\"fp\",\"model\":\"m\",\"id\":\"chatcmpl-late\","
        + "\"object\":\"chat.completion.chunk\",\"service_tier\":\"on_demand\",\"extra\":[[1,2],{\"a\":[true,false,null]}]}");

    assertThat(delta).isEqualTo(new CompletionAssembler.Delta("Hi", ""));
    ChatCompletion partial = assembler.partial(null);
    assertThat(partial.id()).isEqualTo("chatcmpl-late");
    assertThat(partial.model()).isEqualTo("m");
    assertThat(partial.requestId()).isEqualTo("req_late");
    assertThat(partial.usage()).isNull();
    assertThat(assembler.finished()).isFalse();
  }

  @Test
  void escapedAndNonAsciiTextIsDecoded() {
    CompletionAssembler.Delta delta = assembler.accept(
        "{\"choices\":[{\"delta\":{\"content\":\"caf\\u00e9 \\\"\u00fcber\\\"\\n\\ud83d\\ude00 \u65e5\u672c\"}}]}");

    assertThat(delta.content()).isEqualTo("café \"über\"\n😀 日本");
  }

  @Test
  void nullOrMissingTextIsEmpty() {
    assertThat(assembler.accept("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}]}"))
        .isEqualTo(new CompletionAssembler.Delta("", ""));
    assertThat(assembler.accept("{\"choices\":[{\"delta\":{}}]}")).isEqualTo(new CompletionAssembler.Delta("", ""));
    assertThat(assembler.accept("{\"choices\":[{\"index\":0}]}")).isEqualTo(new CompletionAssembler.Delta("", ""));
  }

  @Test
  void reasoningIsAccumulatedApartFromContent() {
    assertThat(assembler.accept("{\"choices\":[{\"delta\":{\"reasoning\":\"Think. \"}}]}"))
        .isEqualTo(new CompletionAssembler.Delta("", "Think. "));
    assertThat(assembler.accept("{\"choices\":[{\"delta\":{\"reasoning\":\"More.\",\"content\":\"Answer\"}}]}"))
        .isEqualTo(new CompletionAssembler.Delta("Answer", "More."));

    ChatCompletion partial = assembler.partial(null);
    assertThat(partial.reasoning()).isEqualTo("Think. More.");
    assertThat(partial.content()).isEqualTo("Answer");
  }

  @Test
  void onlyTheFirstChoiceCounts() {
    assembler.accept("{\"choices\":[{\"delta\":{\"content\":\"first\"}},{\"delta\":{\"content\":\"second\"},"
        + "\"finish_reason\":\"stop\"}]}");

    assertThat(assembler.partial(null).content()).isEqualTo("first");
    assertThat(assembler.finished()).isFalse();
  }

  @Test
  void aChunkWithoutChoicesStillCarriesUsage() {
    CompletionAssembler.Delta delta = assembler.accept("{\"id\":\"chatcmpl-u\",\"choices\":[],\"usage\":" + USAGE + "}");

    assertThat(delta).isEqualTo(new CompletionAssembler.Delta("", ""));
    assertThat(assembler.partial(null).usage()).isEqualTo(EXPECTED_USAGE);
    assertThat(assembler.partial(null).id()).isEqualTo("chatcmpl-u");
  }

  @Test
  void theTopLevelUsageWinsOverXGroqs() {
    String groqUsage = USAGE.replace("210", "999");
    assembler.accept("{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req\",\"usage\":"
        + groqUsage + "},\"usage\":" + USAGE + "}");

    assertThat(assembler.complete(null).usage()).isEqualTo(EXPECTED_USAGE);
  }

  @Test
  void xGroqsUsageServesWhenTheTopLevelOneIsNull() {
    assembler.accept("{\"usage\":null,\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}],\"x_groq\":{\"id\":\"req\","
        + "\"usage\":" + USAGE + "}}");

    ChatCompletion completion = assembler.complete(null);
    assertThat(completion.usage()).isEqualTo(EXPECTED_USAGE);
    assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void everyFinishReasonIsRead() {
    for (FinishReason reason : FinishReason.values()) {
      CompletionAssembler one = new CompletionAssembler(new JsonFactory());
      one.accept("{\"choices\":[{\"delta\":{},\"finish_reason\":\"" + reason.wireName() + "\"}]}");
      assertThat(one.finished()).isTrue();
      assertThat(one.complete(null).finishReason()).isEqualTo(reason);
    }
  }

  @Test
  void anUnknownFinishReasonStillFinishesTheStream() {
    assembler.accept("{\"choices\":[{\"delta\":{},\"finish_reason\":\"something_new\"}]}");

    assertThat(assembler.finished()).isTrue();
    assertThat(assembler.complete(null).finishReason()).isNull();
  }

  @Test
  void toolCallFragmentsAreJoinedByIndexWhateverTheKeyOrder() {
    assembler.accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"b\\\":\","
        + "\"name\":\"second\"},\"type\":\"function\",\"id\":\"call_b\"},{\"function\":{\"name\":\"first\",\"arguments\":\"\"},"
        + "\"id\":\"call_a\",\"index\":0}]}}]}");
    assembler.accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"},\"index\":0},"
        + "{\"index\":1,\"function\":{\"arguments\":\"2}\"}}]}}]}");
    assembler.accept("{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");

    assertThat(assembler.complete(null).toolCalls()).containsExactly(
        new ToolCall("call_a", "first", "{}"), new ToolCall("call_b", "second", "{\"b\":2}"));
  }

  @Test
  void aToolCallWithoutIndexTakesTheNextSlot() {
    assembler.accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"call_a\",\"function\":{\"name\":\"a\",\"arguments\":\"1\"}},"
        + "{\"id\":\"call_b\",\"function\":{\"name\":\"b\",\"arguments\":\"2\"}}]},\"finish_reason\":\"tool_calls\"}]}");

    assertThat(assembler.complete(null).toolCalls()).containsExactly(
        new ToolCall("call_a", "a", "1"), new ToolCall("call_b", "b", "2"));
  }

  @Test
  void aToolCallWithoutIdOrNameIsLeftOutOfThePartialAndBreaksTheCompletion() {
    assembler.accept("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"function\":{\"name\":\"a\"}},"
        + "{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}");

    assertThat(assembler.partial(null).toolCalls()).containsExactly(new ToolCall("call_a", "a", ""));
    assertThatThrownBy(() -> assembler.complete(null)).isInstanceOf(LlmErrors.MalformedStream.class)
        .hasMessageContaining("tool call 1");
  }

  @Test
  void chunksThatAreNotJsonObjectsAreMalformed() {
    for (String data : List.of("{\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":", "[1,2]", "\"text\"", "42", "",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]", "{\"a\":tru}", "{\"a\":\"\\x\"}", "not json")) {
      assertThatThrownBy(() -> new CompletionAssembler(new JsonFactory()).accept(data)).as(data)
          .isInstanceOf(LlmErrors.MalformedStream.class).hasMessageStartingWith("a chunk is not valid JSON");
    }
  }

  @Test
  void aMalformedChunkChangesNothing() {
    assembler.accept("{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");

    assertThatThrownBy(() -> assembler.accept("{\"choices\":[{\"delta\":{\"content\":\" there\",\"tool_calls\":"
        + "[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\"}}]},\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + ",}"))
        .isInstanceOf(LlmErrors.MalformedStream.class);

    ChatCompletion partial = assembler.partial(null);
    assertThat(partial.content()).isEqualTo("Hi");
    assertThat(partial.toolCalls()).isEmpty();
    assertThat(partial.usage()).isNull();
    assertThat(assembler.finished()).isFalse();
  }

  @Test
  void oneStreamsChunksAreReadOneAfterAnotherWhatTheEarlierOnesLeftOpen() {
    // One parser reads every chunk of a stream: a chunk cut off inside a value, or followed by a
    // second value, is malformed and must not run into the next chunk.
    assembler.accept("{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}");
    assertThatThrownBy(() -> assembler.accept("{\"choices\":[{\"delta\":{\"content\":\"cut"))
        .isInstanceOf(LlmErrors.MalformedStream.class);
    assembler.accept("{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}");
    assertThatThrownBy(() -> assembler.accept("{\"choices\":[]} {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"))
        .isInstanceOf(LlmErrors.MalformedStream.class).hasMessageStartingWith("a chunk is not valid JSON");
    for (int i = 0; i < 1_000; i++) {
      assembler.accept(" {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + (i % 10) + "\"},\"logprobs\":null}]}\n");
    }
    assembler.accept("{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");

    assertThat(assembler.complete(null).content()).isEqualTo("ab" + "0123456789".repeat(100));
  }
}
