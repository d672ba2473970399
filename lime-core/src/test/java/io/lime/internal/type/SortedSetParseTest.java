package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integer fast path of {@link SortedSetParse#score} gives what {@code parseScore} gives. */
class SortedSetParseTest {
  @Test
  void score_fastPath_agreesWithStrtodForIntegerText() {
    String[] cases = {"0", "-0", "-000", "000", "0001", "-0001", "000000012345", "+5", "-",
        "", " 1", "1 ", "1.5", "99999999999999999", "999999999999999999", "-999999999999999999",
        "9999999999999999999", "123456789012345678", "9007199254740993", "1e3", "0x10", "inf"};
    for (String c : cases) {
      check(c);
    }
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      if (r.nextInt(4) == 0) {
        b.append('-');
      }
      int digits = 1 + r.nextInt(19);
      for (int d = 0; d < digits; d++) {
        b.append((char) ('0' + (r.nextInt(3) == 0 ? 0 : r.nextInt(10))));
      }
      check(b.toString());
    }
  }

  private static void check(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    double fast = SortedSetParse.score(b, 0, b.length);
    double slow = SortedSetParse.parseScore(b, 0, b.length);
    assertEquals(0, Double.compare(fast, slow), s + ": " + fast + " vs " + slow);
  }
}
