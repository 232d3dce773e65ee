package dev.parley.benchmarks;

/** A Groq-format SSE body: role chunk with {@code x_groq}, content chunks, final chunk with usage, {@code [DONE]}. */
final class GroqStreamBody {
  private static final String HEAD = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1770770843,"
      + "\"model\":\"llama-3.3-70b-versatile\",\"system_fingerprint\":\"fp_f8b414701e\",\"choices\":[{\"index\":0,";

  private GroqStreamBody() {}

  static String answer(int chunks) {
    StringBuilder body = new StringBuilder();
    event(body, HEAD + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],"
        + "\"x_groq\":{\"id\":\"req_bench\",\"seed\":1}}");
    for (int i = 0; i < chunks; i++) {
      event(body, HEAD + "\"delta\":{\"content\":\" word" + i + " and\"},\"logprobs\":null,\"finish_reason\":null}]}");
    }
    String usage = "{\"queue_time\":0.04,\"prompt_tokens\":210,\"prompt_time\":0.01,\"completion_tokens\":" + chunks
        + ",\"completion_time\":0.5,\"total_tokens\":" + (210 + chunks) + ",\"total_time\":0.55}";
    event(body, HEAD + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_bench\",\"usage\":"
        + usage + "},\"usage\":" + usage + "}");
    body.append("data: [DONE]\n\n");
    return body.toString();
  }

  /** The answer text's length: what a client that read every content chunk reports. */
  static int contentLength(int chunks) {
    int length = 0;
    for (int i = 0; i < chunks; i++) length += (" word" + i + " and").length();
    return length;
  }

  private static void event(StringBuilder body, String json) {
    body.append("data: ").append(json).append("\n\n");
  }
}
