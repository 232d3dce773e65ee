package dev.parley.core.internal.attachments;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of a text file or a PDF. Stateless and thread-safe. */
final class DocumentText {
  /** Pages read from one PDF: beyond this the text would be cut by the character bound anyway. */
  static final int MAX_PDF_PAGES = 200;

  /** Why a document has no text to give; the message is a sentence for the person who sent it. */
  static final class UnreadableDocument extends Exception {
    UnreadableDocument(String message) {
      super(message, null, false, false);
    }
  }

  private DocumentText() {}

  /** UTF-8, with U+FFFD for bytes that are not, and without a byte order mark. */
  static String utf8(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException unreachable) {
      throw new IllegalStateException("a replacing decoder does not throw", unreachable);
    }
  }

  /** The text of the PDF's first {@value #MAX_PDF_PAGES} pages. */
  static String pdf(String name, byte[] bytes) throws UnreadableDocument {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setEndPage(MAX_PDF_PAGES);
      String text = stripper.getText(document);
      if (text.isBlank()) {
        throw new UnreadableDocument(name + " has no text to read (a scanned PDF?); Parley reads only a PDF's text.");
      }
      return text;
    } catch (InvalidPasswordException e) {
      throw new UnreadableDocument(name + " is password-protected, so Parley cannot read it.");
    } catch (IOException | RuntimeException | LinkageError e) {
      // PDFBox reports broken files with IOExceptions and, deep in a parser, runtime exceptions; a
      // PDF encrypted with a public key needs Bouncy Castle, which Parley does not ship, and fails
      // with NoClassDefFoundError. None of them may end the turn without an answer.
      throw new UnreadableDocument(name + " could not be read as a PDF (it may be damaged).");
    }
  }
}
