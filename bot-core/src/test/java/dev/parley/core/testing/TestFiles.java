package dev.parley.core.testing;

import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.AttachmentUnavailableException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Files for attachment tests, made in the test: PNGs drawn with {@code javax.imageio}, PDFs written
 * with PDFBox, and attachments whose source serves them, or fails like a platform download.
 */
public final class TestFiles {
  private TestFiles() {}

  /** A PNG of one colour with a dark bar, which compresses to a few hundred bytes. */
  public static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 120, 200));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.DARK_GRAY);
    g.fillRect(0, height / 3, width, Math.max(1, height / 3));
    g.dispose();
    return encode(image, "png");
  }

  /**
   * A PNG of random pixels, which no compression shrinks: about three bytes per pixel, for tests
   * of images too large to send as they are.
   */
  public static byte[] noisyPng(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt(0x1000000));
    }
    return encode(image, "png");
  }

  /** A one-page PDF whose text layer holds {@code lines}. */
  public static byte[] pdf(String... lines) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.setLeading(16);
        content.newLineAtOffset(72, 700);
        for (String line : lines) {
          content.showText(line);
          content.newLine();
        }
        content.endText();
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes that start like a PDF and are not one. */
  public static byte[] corruptPdf() {
    return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage, no xref, no trailer\n"
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** An attachment whose source serves {@code bytes} and counts its downloads. */
  public static Served file(String name, String mimeType, byte[] bytes) {
    return new Served(name, mimeType, bytes, false);
  }

  /** A voice message (Discord's flag, Slack's audio clip) whose source serves {@code bytes}. */
  public static Served voice(String name, byte[] bytes) {
    return new Served(name, "audio/ogg", bytes, true);
  }

  public static Served text(String name, String text) {
    return file(name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /** An attachment whose download fails like a file deleted or forbidden on the platform. */
  public static Attachment unavailable(String name, String mimeType, String reason) {
    return new Attachment(name, mimeType, -1, false, max -> {
      throw new AttachmentUnavailableException(reason, false, null);
    });
  }

  /** The attachments of {@code files}, in order. */
  public static List<Attachment> attachments(Served... files) {
    return java.util.Arrays.stream(files).map(Served::attachment).toList();
  }

  /** A file served from memory, as an adapter's source would: refused past the core's bound. */
  public static final class Served implements AttachmentSource {
    private final byte[] bytes;
    private final AtomicInteger downloads = new AtomicInteger();
    private final Attachment attachment;

    private Served(String name, String mimeType, byte[] bytes, boolean voice) {
      this.bytes = bytes.clone();
      this.attachment = new Attachment(name, mimeType, bytes.length, voice, this);
    }

    @Override
    public byte[] download(long maxBytes) {
      downloads.incrementAndGet();
      if (bytes.length > maxBytes) throw AttachmentUnavailableException.tooLarge(attachment.name(), maxBytes);
      return bytes.clone();
    }

    public Attachment attachment() {
      return attachment;
    }

    public int downloads() {
      return downloads.get();
    }
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
