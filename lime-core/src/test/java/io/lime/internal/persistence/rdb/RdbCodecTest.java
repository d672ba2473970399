package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The packed encodings and checksum of the RDB codec, against known Redis bytes. */
class RdbCodecTest {

  @Test
  void crc64_checkValue_matchesRedis() {
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, b, 0, b.length));
  }

  @Test
  void crc64_incremental_equalsWhole() {
    byte[] b = new byte[1000];
    new Random(1).nextBytes(b);
    long whole = Crc64.update(0, b, 0, b.length);
    assertEquals(whole, Crc64.update(Crc64.update(0, b, 0, 333), b, 333, 667));
  }

  @Test
  void listpack_smallInts_sameBytesAsRedis() {
    // from a Redis 7.0.15 dump of RPUSH l 1 2 3
    byte[] redis = {0x0d, 0, 0, 0, 3, 0, 1, 1, 2, 1, 3, 1, (byte) 0xff};
    byte[] lp = new Listpack.Builder().add(b("1")).add(b("2")).add(b("3")).build();
    assertArrayEquals(redis, lp);
  }

  @Test
  void listpack_everyEncodingBoundary_roundTrips() {
    List<String> items = new ArrayList<>();
    long[] ints = {0, 127, 128, -1, -4096, 4095, 4096, -4097, 32767, -32768, 32768, 8388607,
        -8388608, 8388608, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L,
        Long.MAX_VALUE, Long.MIN_VALUE};
    for (long v : ints) {
      items.add(Long.toString(v));
    }
    for (int len : new int[] {0, 1, 63, 64, 127, 128, 4095, 4096, 20000}) {
      items.add("s".repeat(len));
    }
    items.add("007");
    items.add("-0");
    items.add("+1");
    Listpack.Builder bld = new Listpack.Builder();
    for (String s : items) {
      bld.add(b(s));
    }
    List<byte[]> back = Listpack.decode(bld.build());
    assertEquals(items.size(), back.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(items.get(i), new String(back.get(i), StandardCharsets.UTF_8));
    }
  }

  @Test
  void listpack_corrupt_rejected() {
    byte[] lp = new Listpack.Builder().add(b("hello")).add(b("12")).build();
    byte[] bad = lp.clone();
    bad[bad.length - 2] = 9; // backlen of the last entry
    assertThrows(IllegalArgumentException.class, () -> Listpack.decode(bad));
    byte[] shortLp = java.util.Arrays.copyOf(lp, lp.length - 1);
    assertThrows(IllegalArgumentException.class, () -> Listpack.decode(shortLp));
  }

  @Test
  void ziplist_handBuilt_decodes() {
    List<String> items = List.of("a", "12", "-1", "300", "70000", "5000000000", "x".repeat(100),
        "y".repeat(20000), "0", "12", "13", "-128", "-129");
    byte[] zl = ZiplistBuilder.build(items);
    List<byte[]> back = Ziplist.decode(zl);
    assertEquals(items.size(), back.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(items.get(i), new String(back.get(i), StandardCharsets.UTF_8));
    }
  }

  @Test
  void zipmap_handBuilt_decodes() {
    byte[] zm = {2, 1, 'k', 2, 0, 'v', '1', 3, 'k', 'e', 'y', 1, 2, 'x', 'y', 'z', (byte) 0xff};
    List<byte[]> back = Ziplist.decodeZipmap(zm);
    assertEquals(List.of("k", "v1", "key", "x"), back.stream()
        .map(x -> new String(x, StandardCharsets.US_ASCII)).toList());
  }

  @Property(tries = 200)
  void lzf_anyInput_roundTrips(@ForAll @Size(max = 3000) byte[] input) {
    byte[] out = new byte[input.length + 64];
    int n = Lzf.compress(input, input.length, out);
    if (n > 0) {
      byte[] back = new byte[input.length];
      Lzf.decompress(out, n, back);
      assertArrayEquals(input, back);
    }
  }

  @Test
  void lzf_repetitiveText_compressesAndRoundTrips() {
    byte[] in = "abcabcabcabc-hello-hello-hello ".repeat(500).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[in.length - 4];
    int n = Lzf.compress(in, in.length, out);
    assertEquals(true, n > 0 && n < in.length / 10, "compressed to " + n);
    byte[] back = new byte[in.length];
    Lzf.decompress(out, n, back);
    assertArrayEquals(in, back);
  }

  @Test
  void lzf_incompressible_reportsNoGain() {
    byte[] in = new byte[100];
    new Random(7).nextBytes(in);
    assertEquals(0, Lzf.compress(in, in.length, new byte[in.length - 4]));
  }

  @Test
  void scoreText_formatsAsRedis() {
    assertEquals("1", new String(ScoreText.format(1.0), StandardCharsets.US_ASCII));
    assertEquals("-inf", new String(ScoreText.format(Double.NEGATIVE_INFINITY),
        StandardCharsets.US_ASCII));
    assertEquals("0.10000000000000001", new String(ScoreText.format(0.1),
        StandardCharsets.US_ASCII));
    assertEquals("2.5", new String(ScoreText.format(2.5), StandardCharsets.US_ASCII));
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A ziplist encoder (src/ziplist.c layout) for building pre-7.0 test files. */
  static final class ZiplistBuilder {
    static byte[] build(List<String> items) {
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      int prev = 0;
      int tail = 10;
      for (String s : items) {
        int start = body.size();
        tail = 10 + start;
        if (prev < 254) {
          body.write(prev);
        } else {
          body.write(0xFE);
          le(body, prev, 4);
        }
        byte[] v = b(s);
        if (v.length < 32 && Numbers.isLong(v, 0, v.length)) {
          long x = Numbers.parseLong(v, 0, v.length);
          if (x >= 0 && x <= 12) {
            body.write(0xF1 + (int) x);
          } else if (x >= Byte.MIN_VALUE && x <= Byte.MAX_VALUE) {
            body.write(0xFE);
            le(body, x, 1);
          } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
            body.write(0xC0);
            le(body, x, 2);
          } else if (x >= -8388608 && x <= 8388607) {
            body.write(0xF0);
            le(body, x, 3);
          } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            body.write(0xD0);
            le(body, x, 4);
          } else {
            body.write(0xE0);
            le(body, x, 8);
          }
        } else {
          if (v.length <= 63) {
            body.write(v.length);
          } else if (v.length <= 16383) {
            body.write(0x40 | (v.length >>> 8));
            body.write(v.length & 0xFF);
          } else {
            body.write(0x80);
            body.write(v.length >>> 24);
            body.write(v.length >>> 16);
            body.write(v.length >>> 8);
            body.write(v.length);
          }
          body.write(v, 0, v.length);
        }
        prev = body.size() - start;
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int total = 10 + body.size() + 1;
      le(out, total, 4);
      le(out, items.isEmpty() ? 10 : tail, 4);
      le(out, items.size(), 2);
      out.write(body.toByteArray(), 0, body.size());
      out.write(0xFF);
      return out.toByteArray();
    }

    private static void le(java.io.ByteArrayOutputStream o, long v, int n) {
      for (int i = 0; i < n; i++) {
        o.write((int) (v >>> (8 * i)) & 0xFF);
      }
    }
  }
}
