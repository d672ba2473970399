package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The number conversions the string type relies on: {@link Numbers} (string2ll, ll2string)
 * and {@link LongDouble} (string2ld, long double addition, ld2string human mode). Expected
 * texts come from redis-server 7.0.15 (INCRBYFLOAT).
 */
class StringNumbersTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "-1", "10", "9223372036854775807", "-9223372036854775808", "123"})
  void isLong_canonicalIntegers_accepted(String s) {
    assertTrue(Numbers.isLong(b(s)));
    assertEquals(Long.parseLong(s), Numbers.parseLong(b(s), 0, s.length()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 1", "1 ", "+1", "01", "-0", "-", "00", "9223372036854775808",
      "-9223372036854775809", "1.0", "1e3", "0x10", "123456789012345678901", "abc", "1\u0000"})
  void isLong_nonCanonical_rejected(String s) {
    assertFalse(Numbers.isLong(b(s)));
  }

  @Test
  void write_matchesLongToString() {
    for (long v : new long[] {0, 1, -1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE,
        1_000_000_000_000_000_000L, -999_999_999_999_999_999L}) {
      assertEquals(Long.toString(v), new String(Numbers.toBytes(v), StandardCharsets.US_ASCII));
      assertEquals(Long.toString(v).length(), Numbers.length(v));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10.5|0.1|10.6",
      "10.6|3.0e3|3010.60000000000000009",
      "3010.60000000000000009|5.0e3|8010.60000000000000009",
      "8010.60000000000000009|-18010.6|-10000",
      "1|0.3333333333333333|1.3333333333333333",
      "1.9999999999999999|1e-20|1.9999999999999999",
      "0|0.000003814697265625|0.00000381469726562",
      "0|1.5e-17|0.00000000000000002",
      "0|5e-18|0",
      "0|-5e-18|0",
      "0|-1e-18|0",
      "100000000000000000000|1|100000000000000000000",
      "0|12345678901234567890123|12345678901234567889920",
      "0|0x1p-1|0.5",
      "0|0X1.8P+1|3",
      "0|0x10|16",
      "0|1e-4950|0",
      "0|1.|1",
      "0|.5|0.5",
      "0|+.5e+1|5",
      "-0|-0|0",
      "9223372036854775807|1|9223372036854775808"})
  void incrByFloat_examples_formatAsRedis(String value, String incr, String expected) {
    LongDouble a = LongDouble.parse(b(value));
    LongDouble c = LongDouble.parse(b(incr));
    assertNotNull(a);
    assertNotNull(c);
    assertEquals(expected, a.add(c).toHumanString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 1", "1 ", "\t1", "abc", "nan", "NaN", "-nan", "nan(1)", "1e", "1e+",
      "0x", "0xp1", "0x1p", ".", "-", "+", "e5", "1e-5000", "1e5000", "-1e5000", "infin", "1..2",
      "1\u00002", "0x1.8p1x"})
  void parse_invalid_rejectedAsString2ld(String s) {
    assertNull(LongDouble.parse(b(s)), s);
  }

  @Test
  void parse_tooLong_rejected() {
    assertNotNull(LongDouble.parse(b("1." + "0".repeat(LongDouble.MAX_LONG_DOUBLE_CHARS - 3))));
    assertNull(LongDouble.parse(b("1." + "0".repeat(LongDouble.MAX_LONG_DOUBLE_CHARS - 2))));
  }

  @Test
  void parse_infinities_acceptedAndAddToInfinity() {
    LongDouble inf = LongDouble.parse(b("Infinity"));
    assertNotNull(inf);
    assertTrue(inf.isInfinite());
    assertTrue(LongDouble.parse(b("-INF")).isInfinite());
    assertTrue(LongDouble.ZERO.add(inf).isInfinite());
    assertThrows(ArithmeticException.class, () -> inf.add(LongDouble.parse(b("-inf"))));
  }

  @Test
  void add_overflow_isInfinite() {
    LongDouble big = LongDouble.parse(b("1e4932"));
    assertNotNull(big);
    assertFalse(big.isInfinite());
    assertTrue(big.add(big).isInfinite());
  }

  @Test
  void denormals_surviveParsingAndUnderflowIsRejected() {
    LongDouble tiny = LongDouble.parse(b("4e-4951"));
    assertNotNull(tiny);
    assertTrue(tiny.toBigDecimal().signum() > 0);
    LongDouble smallest = LongDouble.parse(b("0x1p-16445"));
    assertNotNull(smallest);
    assertEquals(0, smallest.toBigDecimal().compareTo(
        java.math.BigDecimal.ONE.divide(java.math.BigDecimal.valueOf(2).pow(16445))));
    assertNull(LongDouble.parse(b("0x1p-16446")));
    assertNotNull(LongDouble.parse(b("0x1.8p-16446")));
    assertNull(LongDouble.parse(b("1e-4952")));
  }

  @Test
  void of_double_isExact() {
    for (double d : new double[] {0.1, -2.5, 1e300, 4.9e-324, 123456.789}) {
      assertEquals(0, new java.math.BigDecimal(d).compareTo(LongDouble.of(d).toBigDecimal()));
    }
  }
}
