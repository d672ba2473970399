package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The typed SET's {@link LocalStringOperations#encode(String)} is the bytes' encoding. */
class TypedSetEncodeTest {
  private static void same(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    Object expected = StringType.encode(b, 0, b.length);
    Object actual = LocalStringOperations.encode(s);
    if (expected instanceof byte[] e) {
      assertArrayEquals(e, (byte[]) actual, s);
    } else {
      assertEquals(expected, actual, s);
    }
  }

  @Test
  void integersAndTheirLookalikes() {
    for (String s : new String[] {"", "0", "-0", "00", "01", "-", "+1", " 1", "1 ", "7", "-7",
        "100000000", "9999", "10000", "-1", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "12345678901234567890",
        "123456789012345678901", "1e3", "1.5", "\u0661", "12\u00e9", "abc"}) {
      same(s);
    }
  }

  @Test
  void randomDigitStrings() {
    Random r = new Random(3);
    String alphabet = "0123456789-+ a";
    for (int i = 0; i < 20_000; i++) {
      int n = r.nextInt(23);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(r.nextInt(j == 0 ? alphabet.length() : 10)));
      }
      same(sb.toString());
    }
  }
}
