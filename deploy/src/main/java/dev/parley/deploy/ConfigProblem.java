package dev.parley.deploy;

import java.util.Objects;

/**
 * One thing wrong with the configuration, with how to fix it. Never holds a secret value: code
 * that reports on a secret names its kind with {@link Redaction#kindOf(String)} at most.
 *
 * @param where the variable name, or the configuration file and line
 * @param problem what is wrong
 * @param fix what to do about it
 */
record ConfigProblem(String where, String problem, String fix) {

  public ConfigProblem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return where + ": " + problem + "\n    fix: " + fix;
  }
}
