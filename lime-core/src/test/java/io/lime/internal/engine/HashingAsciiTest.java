package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Hashing#hashAscii} is {@link Hashing#hash(byte[])} of the string's UTF-8 bytes. */
class HashingAsciiTest {
  @Test
  void theCharsHashAsTheBytes() {
    Random r = new Random(7);
    for (int len = 0; len <= 130; len++) {
      for (int round = 0; round < 20; round++) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
          c[i] = (char) r.nextInt(0x80);
        }
        String s = new String(c);
        assertTrue(Hashing.ascii(s));
        assertEquals(Hashing.hash(s.getBytes(StandardCharsets.UTF_8)), Hashing.hashAscii(s),
            "length " + len);
      }
    }
  }

  @Test
  void anythingBeyondAsciiIsNot() {
    assertTrue(Hashing.ascii(""));
    assertTrue(Hashing.ascii("key:\u007f"));
    assertFalse(Hashing.ascii("caf\u00e9"));
    assertFalse(Hashing.ascii("\u0100abc"));
    assertFalse(Hashing.ascii("k\u20ac"));
  }
}
