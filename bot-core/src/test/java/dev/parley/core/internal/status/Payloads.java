package dev.parley.core.internal.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The recorded webhook bodies under {@code src/test/resources/webhooks}, as raw bytes. */
public final class Payloads {
  private Payloads() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) throw new IllegalArgumentException("no recorded payload " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
