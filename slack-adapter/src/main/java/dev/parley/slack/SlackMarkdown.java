package dev.parley.slack;

import dev.parley.core.api.reply.DisplayText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * The one path from a model's Markdown to Slack's {@code mrkdwn} for posted messages and section
 * blocks. The Markdown is parsed by commonmark-java into a tree, and the tree is written out as
 * mrkdwn: bold, italics, strike, code spans, fenced code, links as {@code <url|text>}, lists,
 * headings as bold lines and block quotes.
 *
 * <p>Every piece of literal text, code included, is escaped ({@code &}, {@code <}, {@code >}), so
 * nothing a model writes can become Slack control syntax: no {@code <!here>}, {@code <!channel>},
 * {@code <!everyone>}, {@code <!subteam^…>}, {@code <@U…>}, {@code <#C…>} nor a smuggled
 * {@code <url|label>}. The only {@code <…>} in the output are the links this class writes, whose
 * URL must be http, https or mailto and is escaped too ({@code |} included), so
 * {@code [x](https://a.io/><!here><x)} cannot break out. A bare {@code @here}, {@code @channel}
 * or {@code @everyone} gets a zero-width joiner after the {@code @}, in case a message is ever
 * sent with {@code link_names}. Pure and thread-safe.
 */
final class SlackMarkdown {
  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(StrikethroughExtension.builder().requireTwoTildes(true).build()))
      .build();
  private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern BARE_CROWD = Pattern.compile("(?i)(?<![\\w@])@(?=(channel|here|everyone)\\b)");
  private static final String ZWJ = "\u200D";

  private SlackMarkdown() {}

  /** The text in {@code mrkdwn}. */
  public static String toMrkdwn(String markdown) {
    if (markdown == null || markdown.isEmpty()) return markdown;
    Writer writer = new Writer();
    PARSER.parse(DisplayText.clean(markdown)).accept(writer);
    return writer.result();
  }

  /** Slack wants these three escaped in message text; everything else is literal. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Literal text: escaped, and a bare crowd mention made inert. */
  static String literal(String text) {
    return BARE_CROWD.matcher(escape(text)).replaceAll("@" + ZWJ);
  }

  /**
   * The link target as Slack may receive it, or null when it is not an http, https or mailto URL.
   * Escaping {@code <}, {@code >} and {@code &} and percent-encoding {@code |} keeps it one token.
   */
  static String safeUrl(String destination) {
    if (destination == null || destination.isBlank()) return null;
    String url = destination.strip();
    for (int i = 0; i < url.length(); i++) {
      if (Character.isWhitespace(url.charAt(i)) || Character.isISOControl(url.charAt(i))) return null;
    }
    try {
      String scheme = new URI(url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")).getScheme();
      if (scheme == null || !LINK_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) return null;
    } catch (URISyntaxException e) {
      return null;
    }
    return escape(url).replace("|", "%7C");
  }

  /** Writes the tree; blocks are separated by one blank line, list items by a line break. */
  private static final class Writer extends AbstractVisitor {
    private final StringBuilder out = new StringBuilder();
    /** What starts each new line inside block quotes and list items. */
    private String linePrefix = "";

    String result() {
      int end = out.length();
      while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) end--;
      return out.substring(0, end);
    }

    @Override
    public void visit(Paragraph paragraph) {
      startBlock(paragraph);
      visitChildren(paragraph);
    }

    @Override
    public void visit(Heading heading) {
      startBlock(heading);
      out.append('*');
      visitChildren(heading);
      out.append('*');
    }

    @Override
    public void visit(BlockQuote quote) {
      startBlock(quote);
      String outer = linePrefix;
      linePrefix = outer + "> ";
      out.append("> ");
      visitChildren(quote);
      linePrefix = outer;
    }

    @Override
    public void visit(BulletList list) {
      startBlock(list);
      writeItems(list.getFirstChild(), null);
    }

    @Override
    public void visit(OrderedList list) {
      startBlock(list);
      Integer start = list.getMarkerStartNumber();
      writeItems(list.getFirstChild(), start == null ? 1 : start);
    }

    private void writeItems(Node firstItem, Integer number) {
      String outer = linePrefix;
      boolean firstItemWritten = false;
      for (Node item = firstItem; item != null; item = item.getNext()) {
        if (firstItemWritten) newLine();
        String marker = number == null ? "• " : number++ + ". ";
        out.append(marker);
        linePrefix = outer + "    ";
        visitChildren(item);
        linePrefix = outer;
        firstItemWritten = true;
      }
    }

    @Override
    public void visit(FencedCodeBlock code) {
      codeBlock(code, code.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      codeBlock(code, code.getLiteral());
    }

    private void codeBlock(Node node, String literal) {
      startBlock(node);
      // Slack shows a language tag as code, so none is written.
      out.append("```\n");
      String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
      appendLines(escape(body));
      newLine();
      out.append("```");
    }

    @Override
    public void visit(HtmlBlock html) {
      startBlock(html);
      appendLines(literal(html.getLiteral().strip()));
    }

    @Override
    public void visit(ThematicBreak rule) {
      startBlock(rule);
      out.append("---");
    }

    @Override
    public void visit(Text text) {
      out.append(literal(text.getLiteral()));
    }

    @Override
    public void visit(HtmlInline html) {
      out.append(literal(html.getLiteral()));
    }

    @Override
    public void visit(Code code) {
      out.append('`').append(escape(code.getLiteral())).append('`');
    }

    @Override
    public void visit(Emphasis emphasis) {
      wrap(emphasis, "_");
    }

    @Override
    public void visit(StrongEmphasis strong) {
      wrap(strong, "*");
    }

    @Override
    public void visit(CustomNode node) {
      if (node instanceof Strikethrough) wrap(node, "~");
      else visitChildren(node);
    }

    @Override
    public void visit(Link link) {
      writeLink(link, link.getDestination());
    }

    @Override
    public void visit(Image image) {
      writeLink(image, image.getDestination());
    }

    private void writeLink(Node node, String destination) {
      String url = safeUrl(destination);
      String label = plainText(node);
      if (url == null) {
        out.append(literal(label));
      } else if (label.isBlank() || label.equals(destination)) {
        out.append('<').append(url).append('>');
      } else {
        out.append('<').append(url).append('|').append(literal(label).replace("|", "\u2223")).append('>');
      }
    }

    @Override
    public void visit(SoftLineBreak lineBreak) {
      newLine();
    }

    @Override
    public void visit(HardLineBreak lineBreak) {
      newLine();
    }

    private void wrap(Node node, String marker) {
      out.append(marker);
      visitChildren(node);
      out.append(marker);
    }

    /**
     * A blank line before every block but the first of its container; a line break only, inside
     * an item of a tight list.
     */
    private void startBlock(Node block) {
      if (block.getPrevious() == null) return;
      newLine();
      boolean tight = block.getParent() instanceof ListItem item && item.getParent() instanceof ListBlock list
          && list.isTight();
      if (!tight) newLine();
    }

    private void newLine() {
      out.append('\n').append(linePrefix);
    }

    private void appendLines(String text) {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) newLine();
        out.append(lines[i]);
      }
    }
  }

  /** The text of a node's inline children, without any formatting. */
  private static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text t) {
        text.append(t.getLiteral());
      }

      @Override
      public void visit(Code code) {
        text.append(code.getLiteral());
      }

      @Override
      public void visit(HtmlInline html) {
        text.append(html.getLiteral());
      }

      @Override
      public void visit(SoftLineBreak lineBreak) {
        text.append(' ');
      }
    });
    return text.toString();
  }
}
