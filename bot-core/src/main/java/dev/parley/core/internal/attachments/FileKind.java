package dev.parley.core.internal.attachments;

import dev.parley.core.api.Attachment;
import java.util.Locale;
import java.util.Set;

/** What Parley does with an attachment, told from its platform flags, content type and name. */
enum FileKind {
  IMAGE,
  TEXT,
  PDF,
  AUDIO,
  UNKNOWN;

  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/webp", "image/gif");
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "gif");
  private static final Set<String> AUDIO_EXTENSIONS =
      Set.of("ogg", "oga", "opus", "mp3", "mpga", "m4a", "wav", "flac", "webm");
  private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/x-yaml",
      "application/yaml", "application/javascript", "application/x-sh", "application/sql", "application/toml",
      "application/x-ndjson");
  private static final Set<String> TEXT_EXTENSIONS = Set.of(
      "txt", "text", "md", "markdown", "rst", "adoc", "csv", "tsv", "json", "jsonl", "ndjson", "log", "out", "err",
      "xml", "yaml", "yml", "toml", "ini", "cfg", "conf", "properties", "env", "html", "htm", "css", "scss", "sql",
      "java", "kt", "kts", "scala", "groovy", "gradle", "py", "rb", "go", "rs", "js", "mjs", "cjs", "ts", "tsx", "jsx",
      "c", "h", "cc", "cpp", "cxx", "hpp", "cs", "swift", "m", "php", "pl", "lua", "r", "dart", "ex", "exs", "erl",
      "hs", "clj", "sh", "bash", "zsh", "fish", "ps1", "bat", "tf", "hcl", "proto", "graphql", "diff", "patch",
      "dockerfile", "makefile", "vue", "svelte");

  static FileKind of(Attachment attachment) {
    String type = baseType(attachment.mimeType());
    String extension = extension(attachment.name());
    if (attachment.voiceMessage() || type.startsWith("audio/") || AUDIO_EXTENSIONS.contains(extension)) return AUDIO;
    if (IMAGE_TYPES.contains(type) || (type.isEmpty() || type.equals("application/octet-stream"))
        && IMAGE_EXTENSIONS.contains(extension)) {
      return IMAGE;
    }
    if (type.equals("application/pdf") || extension.equals("pdf")) return PDF;
    if (type.startsWith("text/") || TEXT_TYPES.contains(type) || TEXT_EXTENSIONS.contains(extension)) return TEXT;
    // Platforms send images of other types (SVG, HEIC, BMP) as image/*: not something the model takes.
    return UNKNOWN;
  }

  private static String baseType(String mimeType) {
    int semicolon = mimeType.indexOf(';');
    return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** The extension, or the whole name for extensionless files such as {@code Dockerfile}. */
  private static String extension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    return dot < 0 ? lower : lower.substring(dot + 1);
  }
}
