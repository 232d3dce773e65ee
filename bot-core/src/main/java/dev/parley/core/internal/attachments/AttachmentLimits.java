package dev.parley.core.internal.attachments;

/**
 * How much of a message's attachments Parley reads, whatever people send.
 *
 * @param maxDownloadBytes the largest file downloaded at all; audio is further held to Groq's
 *     {@value #MAX_AUDIO_BYTES}-byte upload limit
 * @param maxFileChars the most characters taken from one text file or PDF, before the prompt's
 *     token budget cuts further
 * @param maxImages images sent with one question (Groq's vision models take 5 per request)
 * @param maxAttachments attachments read from one message; the rest get a notice
 * @param imageBytesBudget the most bytes all of a question's image data URLs may take together,
 *     below Groq's 4 MB limit for a request with base64 images, so the text still fits beside them
 * @param maxImagePixels the largest image sent, in pixels (Groq refuses more than 33,177,600)
 */
public record AttachmentLimits(long maxDownloadBytes, int maxFileChars, int maxImages, int maxAttachments,
    long imageBytesBudget, long maxImagePixels) {
  /** Groq's {@code /audio/transcriptions} upload limit on the free tier. */
  public static final long MAX_AUDIO_BYTES = 25L * 1024 * 1024;
  public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILE_CHARS = 40_000;
  /** Groq: "Maximum allowed resolution for a request containing images is 33 megapixels". */
  public static final long GROQ_MAX_IMAGE_PIXELS = 33_177_600L;
  public static final AttachmentLimits DEFAULTS = new AttachmentLimits(DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_FILE_CHARS,
      5, 10, 3_000_000L, GROQ_MAX_IMAGE_PIXELS);

  public AttachmentLimits {
    if (maxDownloadBytes < 1) throw new IllegalArgumentException("maxDownloadBytes must be positive");
    if (maxFileChars < 1) throw new IllegalArgumentException("maxFileChars must be positive");
    if (maxImages < 0 || maxAttachments < 0) throw new IllegalArgumentException("counts must not be negative");
    if (imageBytesBudget < 1024) throw new IllegalArgumentException("imageBytesBudget is too small");
    if (maxImagePixels < 1024) throw new IllegalArgumentException("maxImagePixels is too small");
  }

  /** The same limits with other download and file text bounds, as deploy sets them. */
  public AttachmentLimits withBounds(long downloadBytes, int fileChars) {
    return new AttachmentLimits(downloadBytes, fileChars, maxImages, maxAttachments, imageBytesBudget, maxImagePixels);
  }
}
