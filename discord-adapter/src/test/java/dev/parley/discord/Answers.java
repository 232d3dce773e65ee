package dev.parley.discord;

/** Answers long enough to be split, shared by the splitter's unit test and the e2e suite. */
public final class Answers {
  private Answers() {}

  /**
   * Exactly 4,500 characters: prose paragraphs, a Java code block too long for one message, crossing the 2,000
   * character boundary, and more prose.
   */
  public static String longWithCode() {
    StringBuilder text = new StringBuilder();
    int n = 0;
    while (text.length() < 900) {
      text.append("Paragraph ").append(n++).append(": Parley streams answers into Discord messages. ")
          .append("It splits long answers at paragraph or line boundaries.\n\n");
    }
    text.append("```java\n");
    int line = 0;
    while (text.length() < 3000) {
      text.append("int value").append(line).append(" = compute(").append(line++).append(");\n");
    }
    text.append("```\n\n");
    while (text.length() < 4500) {
      text.append("More prose after the code block, sentence ").append(n++).append(".\n\n");
    }
    return text.substring(0, 4500);
  }
}
