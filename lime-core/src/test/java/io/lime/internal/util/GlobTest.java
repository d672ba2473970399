package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edge cases checked against redis-server 7.0.15 (KEYS, SCAN MATCH). The matcher never
 * matches an empty string with a non-empty pattern, not even {@code *}: KEYS and SCAN
 * special-case a pattern of exactly {@code *} before calling it, as Redis does.
 */
class GlobTest {
  private static boolean m(String p, String s) {
    return Glob.match(p.getBytes(StandardCharsets.ISO_8859_1),
        s.getBytes(StandardCharsets.ISO_8859_1), false);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "[a-]*|]|true", "[a-]*|a|true", "[a-]*|ab|false", "[a-|a|true", "[a-|b|false",
      "a[^|ab|true", "a[^|a|false", "a[^b|ab|false", "a[\\]c|a]c|false",
      "a\\|a\\|true", "a\\|a|false", "[]]*|]|false", "[^]|A|true", "[^]|ab|false",
      "a[b-a]c|abc|true", "??|ab|true", "*\\*|a*|true", "*\\*|ab|false",
      "[^a]*|Abc|true", "[^a]*|abc|false", "a[-c]c|a-c|true", "a[-c]c|abc|false",
      "\\|\\|true", "h[ae]llo|hallo|true", "h[^e]llo|hello|false", "*|\"\"|false", "**|\"\"|false",
      "?|\"\"|false", "a*|a|true", "a**|a|true", "*a*b*|xaxxbx|true", "*a*b*|xbxa|false",
      "[\\-]|-|true", "[a\\]]|]|true", "\\[a]|[a]|true"})
  void match_redisSemantics(String pattern, String string, boolean expected) {
    assertEquals(expected, m(pattern, string), pattern + " ~ " + string);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"HELLO|hello|true", "[A-C]x|bX|true", "[^a]|A|false"})
  void match_nocase_foldsAsciiOnly(String pattern, String string, boolean expected) {
    assertEquals(expected, Glob.match(pattern, string, true));
  }

  @ParameterizedTest
  @CsvSource({"999,true", "1000,true", "1001,false"})
  void match_nestedStars_limitedAsRedis(int n, boolean expected) {
    String key = "a".repeat(1200);
    assertEquals(expected, m("*a".repeat(n), key));
    assertEquals(true, m("a*".repeat(n), key));
  }

  @ParameterizedTest
  @CsvSource({"-1", "-128"})
  void match_highBytes_rangeComparesSignedChars(int b) {
    byte[] p = {'[', (byte) 0xff, '-', 'a', ']'};
    assertEquals(true, Glob.match(p, new byte[] {'A'}, false));
    assertEquals(b == -1, Glob.match(p, new byte[] {(byte) b}, false));
  }

  @ParameterizedTest
  @CsvSource({"0", "3"})
  void match_slice_respectsOffsets(int off) {
    byte[] arena = "xyzh?llo!".getBytes(StandardCharsets.ISO_8859_1);
    byte[] s = "__hello__".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(off == 3, Glob.match(arena, off, 5, s, 2, 5, false));
  }

  @ParameterizedTest
  @CsvSource({"*abc", "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*u*v*w*x*y*z*0"})
  void match_pathological_terminatesQuickly(String pattern) {
    assertEquals(false, m(pattern, "a".repeat(10_000)));
  }
}
