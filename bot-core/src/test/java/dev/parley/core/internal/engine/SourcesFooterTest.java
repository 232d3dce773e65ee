package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.WebSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesFooterTest {

  @Test
  void listsEachPageAsATitledLinkUnderAHeading() {
    String footer = SourcesFooter.of(List.of(
        new WebSource("Tokyo weather today", "https://weather.example/tokyo"),
        new WebSource("JMA forecast", "http://www.jma.example/en/forecast?day=1")));

    assertThat(footer).isEqualTo("""


        Sources:
        - [Tokyo weather today](https://weather.example/tokyo)
        - [JMA forecast](http://www.jma.example/en/forecast?day=1)""");
  }

  @Test
  void noUsableSourceMeansNoFooter() {
    assertThat(SourcesFooter.of(List.of())).isEmpty();
    assertThat(SourcesFooter.of(List.of(new WebSource("x", "javascript:alert(1)")))).isEmpty();
  }

  @Test
  void aPageFoundTwiceIsListedOnce() {
    String footer = SourcesFooter.of(List.of(
        new WebSource("First", "https://Example.com/a/"),
        new WebSource("Again", "https://example.com/a"),
        new WebSource("Fragment", "https://example.com/a#section"),
        new WebSource("Other query", "https://example.com/a?page=2")));

    assertThat(footer.lines().filter(line -> line.startsWith("- "))).containsExactly(
        "- [First](https://Example.com/a/)", "- [Other query](https://example.com/a?page=2)");
  }

  @Test
  void atMostFiveAreListed() {
    List<WebSource> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) many.add(new WebSource("Page " + i, "https://site.example/" + i));

    assertThat(SourcesFooter.of(many).lines().filter(line -> line.startsWith("- "))).hasSize(SourcesFooter.MAX_SOURCES)
        .last().isEqualTo("- [Page 4](https://site.example/4)");
  }

  @Test
  void onlyWebAddressesWithAHostAndNoUserPartAreShown() {
    String footer = SourcesFooter.of(List.of(
        new WebSource("script", "javascript:alert(1)"),
        new WebSource("data", "data:text/html,<b>x</b>"),
        new WebSource("mail", "mailto:a@b.example"),
        new WebSource("file", "file:///etc/passwd"),
        new WebSource("no host", "https:///path"),
        new WebSource("user part", "https://bank.example@evil.example/login"),
        new WebSource("spaces", "https://a.example/x y"),
        new WebSource("angle", "https://a.example/<!here>"),
        new WebSource("too long", "https://a.example/" + "x".repeat(SourcesFooter.MAX_URL_CHARS)),
        new WebSource("relative", "/just/a/path"),
        new WebSource("kept", " HTTPS://kept.example/ok ")));

    assertThat(footer).endsWith("Sources:\n- [kept](HTTPS://kept.example/ok)");
  }

  @Test
  void parenthesesInAnAddressCannotEndTheLinkEarly() {
    assertThat(SourcesFooter.of(List.of(new WebSource("Wiki", "https://en.wiki.example/wiki/Java_(language)"))))
        .endsWith("- [Wiki](https://en.wiki.example/wiki/Java_%28language%29)");
  }

  @Test
  void titlesLoseLinkAndFormattingSyntaxAndAreCut() {
    String footer = SourcesFooter.of(List.of(
        new WebSource("Click](https://evil.example) **now** <!channel> `x`\n\u202Egnp.exe", "https://a.example/1"),
        new WebSource("  ", "https://b.example/2"),
        new WebSource("T".repeat(200), "https://c.example/3")));

    List<String> items = footer.lines().filter(line -> line.startsWith("- ")).toList();
    assertThat(items.get(0)).isEqualTo("- [Click  https://evil.example    now    !channel   x  gnp.exe](https://a.example/1)"
        .replaceAll(" +", " "));
    assertThat(items.get(1)).isEqualTo("- [b.example](https://b.example/2)");
    assertThat(items.get(2)).startsWith("- [TTT").contains("…](https://c.example/3)");
    assertThat(items.get(2).indexOf("](")).isEqualTo(3 + SourcesFooter.MAX_TITLE_CHARS);
  }
}
