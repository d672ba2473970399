package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Numbers} and {@link LongDouble} against independent reference computations. */
class StringNumbersProperties {

  @Property(tries = 1000)
  void isLong_matchesCanonicalDecimalDefinition(@ForAll("numberish") String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    boolean canonical = s.matches("0|-?[1-9][0-9]*");
    boolean fits = canonical && new BigInteger(s).bitLength() < 64;
    assertEquals(fits, Numbers.isLong(b), s);
    if (fits) {
      assertEquals(Long.parseLong(s), Numbers.parseLong(b, 0, b.length));
    }
  }

  @Provide
  Arbitrary<String> numberish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789- +.").ofMaxLength(22),
        Arbitraries.longs().map(v -> Long.toString(v)),
        Arbitraries.longs().map(v -> Long.toString(v) + "0"));
  }

  @Property(tries = 500)
  void write_matchesLongToString(@ForAll long v) {
    assertEquals(Long.toString(v), new String(Numbers.toBytes(v), StandardCharsets.US_ASCII));
  }

  @Property(tries = 500)
  void parse_exactBinaryText_isExact(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return;
    }
    String exact = new BigDecimal(d).toPlainString();
    LongDouble parsed = LongDouble.parse(exact.getBytes(StandardCharsets.US_ASCII));
    if (d == 0) {
      assertEquals("0", parsed.toHumanString());
      return;
    }
    assertEquals(0, new BigDecimal(d).compareTo(parsed.toBigDecimal()), exact);
  }

  @Property(tries = 500)
  void addLongs_isExactWithin64Bits(@ForAll long a, @ForAll long b) {
    BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    LongDouble r = LongDouble.of(a).add(LongDouble.of(b));
    // a 65-bit sum may round; otherwise it is exact
    if (sum.abs().bitLength() <= 64) {
      assertEquals(sum.toString(), r.toHumanString());
    }
  }

  @Property(tries = 300)
  void humanText_reparsesToTheSameText(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 1e300) {
      return;
    }
    String text = LongDouble.of(d).toHumanString();
    LongDouble again = LongDouble.parse(text.getBytes(StandardCharsets.US_ASCII));
    assertEquals(text, again.toHumanString());
  }
}
