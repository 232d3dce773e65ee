package dev.parley.core.internal.attachments;

import dev.parley.core.internal.llm.ContentPart;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an image file into a base64 data URL that Groq takes: the file as it is when it fits the
 * byte and pixel bounds, else a JPEG scaled down until it does. Decoding subsamples while it
 * reads, so a huge image never sits in memory at full size. WebP is sent only as it is: the JDK
 * cannot decode it. Stateless and thread-safe.
 */
final class ImageFitter {
  /** A shrunk image needs no more than this for a model to read it; it also bounds memory. */
  private static final long SHRUNK_MAX_PIXELS = 4_000_000L;
  private static final int MIN_SIDE = 32;
  private static final int MAX_ATTEMPTS = 6;
  private static final float JPEG_QUALITY = 0.85f;

  /** An image Groq would take, or why there is none. */
  record Fitted(ContentPart.ImageUrl part, boolean shrunk) {}

  /** Why an image cannot be sent; the message is a sentence for the person who sent it. */
  static final class UnusableImage extends Exception {
    UnusableImage(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param maxDataUrlChars the longest data URL this image may become
   * @throws UnusableImage when it cannot be read, or cannot be made small enough
   */
  Fitted fit(String name, byte[] bytes, long maxDataUrlChars, long maxPixels) throws UnusableImage {
    ImageFormat format = ImageFormat.sniff(bytes);
    if (format == null) throw new UnusableImage(name + " could not be read as a PNG, JPEG, WebP or GIF image.");
    if (format == ImageFormat.WEBP) {
      if (dataUrlLength(format, bytes.length) <= maxDataUrlChars) return new Fitted(dataUrl(format, bytes), false);
      throw new UnusableImage(name + " is too large to send to the model (" + Sizes.readable(bytes.length)
          + "), and Parley cannot shrink WebP images; send it as PNG or JPEG, or smaller.");
    }
    // In memory, not ImageIO's default file cache: the bytes are bounded, and a container's disk may be read-only.
    try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(input, name);
      try {
        reader.setInput(input, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (dataUrlLength(format, bytes.length) <= maxDataUrlChars && width * height <= maxPixels) {
          return new Fitted(dataUrl(format, bytes), false);
        }
        return new Fitted(shrink(name, reader, width, height, maxDataUrlChars, maxPixels), true);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO reports damaged files with IOExceptions and, for some formats, runtime exceptions.
      throw new UnusableImage(name + " could not be read as an image (it may be damaged).");
    }
  }

  private static ImageReader readerFor(ImageInputStream input, String name) throws UnusableImage {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
    if (!readers.hasNext()) throw new UnusableImage(name + " could not be read as an image.");
    return readers.next();
  }

  private ContentPart.ImageUrl shrink(String name, ImageReader reader, long width, long height, long maxDataUrlChars,
      long maxPixels) throws IOException, UnusableImage {
    double scale = Math.min(1.0, Math.sqrt((double) Math.min(maxPixels, SHRUNK_MAX_PIXELS) / (width * height)));
    ImageReadParam param = reader.getDefaultReadParam();
    int step = (int) Math.max(1, Math.floor(1 / scale));
    param.setSourceSubsampling(step, step, 0, 0);
    BufferedImage decoded = reader.read(0, param);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // Rounded down, so that a pixel bound is never passed by rounding.
      int w = (int) (width * scale);
      int h = (int) (height * scale);
      if (Math.min(w, h) < MIN_SIDE) break;
      byte[] jpeg = jpeg(scaled(decoded, w, h));
      long length = dataUrlLength(ImageFormat.JPEG, jpeg.length);
      if (length <= maxDataUrlChars) return dataUrl(ImageFormat.JPEG, jpeg);
      scale *= 0.9 * Math.sqrt((double) maxDataUrlChars / length);
    }
    throw new UnusableImage(name + " is too large to send to the model, even shrunk.");
  }

  /** The image drawn at {@code w}×{@code h} on white, without alpha, which JPEG cannot hold. */
  private static BufferedImage scaled(BufferedImage source, int w, int h) {
    BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(output);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static long dataUrlLength(ImageFormat format, long bytes) {
    return format.prefix().length() + 4 * ((bytes + 2) / 3);
  }

  private static ContentPart.ImageUrl dataUrl(ImageFormat format, byte[] bytes) {
    return new ContentPart.ImageUrl(format.prefix() + Base64.getEncoder().encodeToString(bytes));
  }

  /** The formats Groq's vision models take, told by their first bytes rather than by the name. */
  enum ImageFormat {
    PNG("image/png"),
    JPEG("image/jpeg"),
    GIF("image/gif"),
    WEBP("image/webp");

    private final String mimeType;

    ImageFormat(String mimeType) {
      this.mimeType = mimeType;
    }

    String prefix() {
      return "data:" + mimeType + ";base64,";
    }

    static ImageFormat sniff(byte[] b) {
      if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return PNG;
      if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return JPEG;
      if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return GIF;
      if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
          && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
        return WEBP;
      }
      return null;
    }
  }
}
