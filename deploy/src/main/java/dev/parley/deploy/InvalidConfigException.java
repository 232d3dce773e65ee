package dev.parley.deploy;

import java.util.List;

/** The configuration cannot start Parley. Carries every problem found, not only the first. */
final class InvalidConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    if (problems.isEmpty()) throw new IllegalArgumentException("an invalid configuration has problems");
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    StringBuilder text = new StringBuilder("Parley cannot start: ")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append(" in its configuration.\n");
    for (int i = 0; i < problems.size(); i++) {
      text.append("  ").append(i + 1).append(". ").append(problems.get(i)).append('\n');
    }
    return text.append("Run with --help to list every setting.").toString();
  }
}
