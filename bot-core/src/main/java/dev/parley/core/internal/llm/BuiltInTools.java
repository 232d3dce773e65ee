package dev.parley.core.internal.llm;

import java.util.Set;

/**
 * Which Groq models run tools on the server, as Groq documents them. The Compound systems
 * ({@code groq/compound}, {@code groq/compound-mini}) always may search the web and run code, and
 * take no tools from the caller at all ("custom user-provided tools are not supported"). The
 * gpt-oss models take the built-in tools {@code browser_search} and {@code code_interpreter}
 * as {@code tools} entries, when asked to.
 */
public final class BuiltInTools {
  public static final String BROWSER_SEARCH = "browser_search";
  public static final String CODE_INTERPRETER = "code_interpreter";
  /** The built-in tools a channel may allow. */
  public static final Set<String> NAMES = Set.of(BROWSER_SEARCH, CODE_INTERPRETER);

  private static final String COMPOUND_PREFIX = "groq/compound";
  private static final String GPT_OSS_PREFIX = "openai/gpt-oss-";

  private BuiltInTools() {}

  /** A Compound system: runs its own tools and refuses any in the request. */
  public static boolean isCompound(String model) {
    return model.startsWith(COMPOUND_PREFIX);
  }

  /** A model that takes built-in tools in its request. */
  public static boolean acceptsBuiltInTools(String model) {
    return model.startsWith(GPT_OSS_PREFIX);
  }
}
