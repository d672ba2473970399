package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Glob against a reference translation to java.util.regex for well-formed patterns. */
class GlobProperties {
  /** Pattern tokens: literals, wildcards, classes, negated classes, ranges, escapes. */
  private static final List<String> TOKENS = List.of("a", "b", "c", "*", "?", "[ab]", "[^a]",
      "[a-b]", "[c-a]", "\\*", "\\?", "\\[", "\\a");

  @Provide
  Arbitrary<List<String>> patterns() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.strings().withChars("abc*?[").ofMaxLength(10);
  }

  @Property(tries = 400)
  void match_agreesWithRegexTranslation(@ForAll("patterns") List<String> tokens,
      @ForAll("strings") String s) {
    String glob = String.join("", tokens);
    StringBuilder re = new StringBuilder();
    for (String t : tokens) {
      re.append(switch (t) {
        case "*" -> ".*";
        case "?" -> ".";
        case "[ab]" -> "[ab]";
        case "[^a]" -> "[^a]";
        case "[a-b]" -> "[a-b]";
        case "[c-a]" -> "[a-c]";
        default -> Pattern.quote(t.startsWith("\\") ? t.substring(1) : t);
      });
    }
    // Redis's matcher: a non-empty pattern never matches the empty string
    boolean expected = s.isEmpty()
        ? glob.isEmpty()
        : Pattern.compile(re.toString(), Pattern.DOTALL).matcher(s).matches();
    assertEquals(expected, Glob.match(glob.getBytes(StandardCharsets.UTF_8),
        s.getBytes(StandardCharsets.UTF_8), false), glob + " ~ " + s);
  }

  @Property(tries = 200)
  void match_nocase_equalsMatchOfLowerCased(@ForAll("patterns") List<String> tokens,
      @ForAll("strings") String s) {
    String glob = String.join("", tokens).toUpperCase(java.util.Locale.ROOT);
    assertEquals(Glob.match(glob.toLowerCase(java.util.Locale.ROOT), s, false),
        Glob.match(glob, s.toUpperCase(java.util.Locale.ROOT), true), glob + " ~ " + s);
  }
}
