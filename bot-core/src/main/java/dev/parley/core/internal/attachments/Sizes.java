package dev.parley.core.internal.attachments;

import java.util.Locale;

/** File sizes as people read them. */
final class Sizes {
  private Sizes() {}

  static String readable(long bytes) {
    if (bytes < 1024) return bytes + " bytes";
    if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
