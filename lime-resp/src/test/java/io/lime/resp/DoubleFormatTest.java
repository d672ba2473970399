package io.lime.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoubleFormatTest {

  @ParameterizedTest
  @CsvSource({
      // value, glibc %.17g (also ZSCORE bytes of redis-server 7.0.15 where noted)
      "1.1, 1.1000000000000001", // redis
      "0.30000000000000004, 0.30000000000000004", // redis (0.1 + 0.2)
      "1e17, 1e+17", // redis
      "1e-5, 1.0000000000000001e-05", // redis
      "123.0, 123", // redis
      "1e300, 1.0000000000000001e+300", // redis
      "5e-324, 4.9406564584124654e-324", // redis
      "0.1, 0.10000000000000001", // redis
      "1e16, 10000000000000000", // redis
      "123456789012345678, 1.2345678901234568e+17", // redis
      "1e-4, 0.0001", // redis
      "2.5, 2.5", // redis
      "-1.5e-10, -1.5e-10", // redis
      "1.7976931348623157e308, 1.7976931348623157e+308", // redis
      "3.141, 3.141", // redis DEBUG PROTOCOL double
      "1234567890123456.25, 1234567890123456.2", // tie rounds to even
      "1234567890123456.75, 1234567890123456.8",
      "99999999999999999, 1e+17",
      "-7, -7",
  })
  void g17_value_matchesGlibc(double value, String expected) {
    assertEquals(expected, DoubleFormat.g17(value));
  }

  @Test
  void g17_specials_matchGlibc() {
    assertEquals("0", DoubleFormat.g17(0.0));
    assertEquals("-0", DoubleFormat.g17(-0.0));
    assertEquals("nan", DoubleFormat.g17(Double.NaN));
    assertEquals("-nan", DoubleFormat.g17(Double.longBitsToDouble(0xfff8000000000000L)));
    assertEquals("inf", DoubleFormat.g17(Double.POSITIVE_INFINITY));
    assertEquals("-inf", DoubleFormat.g17(Double.NEGATIVE_INFINITY));
    assertEquals("0.30000000000000004", DoubleFormat.g17(0.1 + 0.2));
  }

  /** g17-glibc.txt: raw bits and printf("%.17g") from a C program linked with glibc. */
  @Test
  void g17_glibcTable_matchesEveryLine() throws IOException {
    int checked = 0;
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("g17-glibc.txt"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ");
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
        assertEquals(f[1], DoubleFormat.g17(d), () -> "bits " + f[0]);
        checked++;
      }
    }
    assertEquals(681, checked);
  }
}
