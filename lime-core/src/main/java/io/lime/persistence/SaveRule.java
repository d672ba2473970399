package io.lime.persistence;

/**
 * A snapshot trigger, Redis's {@code save <seconds> <changes>}: save when at least {@code
 * changes} writes happened and more than {@code seconds} have passed since the last save.
 *
 * @param seconds at least 1
 * @param changes at least 0
 */
public record SaveRule(long seconds, long changes) {
  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if {@code seconds < 1} or {@code changes < 0}
   */
  public SaveRule {
    if (seconds < 1 || changes < 0) {
      throw new IllegalArgumentException("invalid save rule: " + seconds + " " + changes);
    }
  }

  /**
   * Parses Redis's {@code save} value: pairs of integers separated by spaces ({@code "3600 1
   * 300 100"}); the empty string is no rules.
   *
   * @throws IllegalArgumentException if the text is not pairs of valid integers
   */
  public static java.util.List<SaveRule> parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return java.util.List.of();
    }
    String[] parts = t.split("\\s+");
    if (parts.length % 2 != 0) {
      throw new IllegalArgumentException("save needs pairs of values: " + text);
    }
    java.util.List<SaveRule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < parts.length; i += 2) {
      rules.add(new SaveRule(Long.parseLong(parts[i]), Long.parseLong(parts[i + 1])));
    }
    return java.util.List.copyOf(rules);
  }
}
