package dev.parley.benchmarks;

/**
 * Groq's streamed chunks: role chunk with {@code x_groq}, content chunks, final chunk with usage,
 * {@code [DONE]}. {@link #answer} is one whole canned body; the event methods let a paced server
 * (the load benchmark's Groq) send the same chunks one at a time.
 */
public final class GroqStreamBody {
  private static final String HEAD = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1770770843,"
      + "\"model\":\"llama-3.3-70b-versatile\",\"system_fingerprint\":\"fp_f8b414701e\",\"choices\":[{\"index\":0,";

  private GroqStreamBody() {}

  static String answer(int chunks) {
    StringBuilder body = new StringBuilder();
    body.append(roleEvent());
    for (int i = 0; i < chunks; i++) body.append(contentEvent(" word" + i + " and"));
    body.append(finalEvent(chunks)).append(DONE);
    return body.toString();
  }

  /** The closing event of every stream. */
  public static final String DONE = "data: [DONE]\n\n";

  /** The first event: the assistant's role and an empty content, with {@code x_groq.id}. */
  public static String roleEvent() {
    return event(HEAD + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],"
        + "\"x_groq\":{\"id\":\"req_bench\",\"seed\":1}}");
  }

  /** One content chunk; {@code text} must need no JSON escaping. */
  public static String contentEvent(String text) {
    return event(HEAD + "\"delta\":{\"content\":\"" + text + "\"},\"logprobs\":null,\"finish_reason\":null}]}");
  }

  /** The final chunk: {@code finish_reason: stop} and the usage, in {@code x_groq} and at the top, as Groq sends it. */
  public static String finalEvent(int completionTokens) {
    String usage = "{\"queue_time\":0.04,\"prompt_tokens\":210,\"prompt_time\":0.01,\"completion_tokens\":" + completionTokens
        + ",\"completion_time\":0.5,\"total_tokens\":" + (210 + completionTokens) + ",\"total_time\":0.55}";
    return event(HEAD + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_bench\",\"usage\":"
        + usage + "},\"usage\":" + usage + "}");
  }

  /** The answer text's length: what a client that read every content chunk reports. */
  static int contentLength(int chunks) {
    int length = 0;
    for (int i = 0; i < chunks; i++) length += (" word" + i + " and").length();
    return length;
  }

  private static String event(String json) {
    return "data: " + json + "\n\n";
  }
}
