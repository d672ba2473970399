package io.lime.internal.persistence.rdb;

import io.lime.internal.util.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoders for the packed encodings of RDB files written before Redis 7.0, which Redis 7.0
 * still loads: the ziplist (src/ziplist.c) and the zipmap (src/zipmap.c).
 *
 * <pre>
 * ziplist: zlbytes (u32 LE) | zltail (u32 LE) | zllen (u16 LE) | entry ... | 0xFF
 *   entry = prevlen (1 byte &lt; 254, or 0xFE + u32 LE) | encoding | data
 *   00LLLLLL                  string, 6-bit length
 *   01LLLLLL LLLLLLLL         string, 14-bit length (big-endian)
 *   10000000 L(u32 BE)        string, 32-bit length
 *   0xC0 / 0xD0 / 0xE0        int16 / int32 / int64, little-endian
 *   0xF0                      24-bit signed integer
 *   0xFE                      8-bit signed integer
 *   0xF1..0xFD                immediate 0..12 (low nibble - 1)
 *
 * zipmap: zmlen (1 byte) | (len key len free value [free bytes]) ... | 0xFF
 *   len = 1 byte &lt; 254, or 0xFE + u32 LE
 * </pre>
 */
final class Ziplist {
  private static final int HEADER_BYTES = 10;

  private Ziplist() {}

  /**
   * The elements of a ziplist (integers as decimal text), validated for bounds.
   *
   * @throws IllegalArgumentException if the bytes are not a valid ziplist
   */
  static List<byte[]> decode(byte[] zl) {
    if (zl.length < HEADER_BYTES + 1) {
      throw new IllegalArgumentException("ziplist too short");
    }
    long total = Listpack.le(zl, 0, 4) & 0xFFFFFFFFL;
    if (total != zl.length || (zl[zl.length - 1] & 0xFF) != 0xFF) {
      throw new IllegalArgumentException("ziplist header mismatch");
    }
    int declared = (int) Listpack.le(zl, 8, 2);
    List<byte[]> out = new ArrayList<>();
    int p = HEADER_BYTES;
    int end = zl.length - 1;
    while (p < end) {
      p += (zl[p] & 0xFF) < 254 ? 1 : 5;
      Listpack.check(p + 1, end, "ziplist");
      int e = zl[p] & 0xFF;
      switch (e >>> 6) {
        case 0 -> {
          out.add(Listpack.slice(zl, p + 1, e & 0x3F, end, "ziplist"));
          p += 1 + (e & 0x3F);
        }
        case 1 -> {
          Listpack.check(p + 2, end, "ziplist");
          int len = ((e & 0x3F) << 8) | (zl[p + 1] & 0xFF);
          out.add(Listpack.slice(zl, p + 2, len, end, "ziplist"));
          p += 2 + len;
        }
        case 2 -> {
          Listpack.check(p + 5, end, "ziplist");
          long len = (zl[p + 1] & 0xFFL) << 24 | (zl[p + 2] & 0xFFL) << 16
              | (zl[p + 3] & 0xFFL) << 8 | (zl[p + 4] & 0xFFL);
          if (len > end - p - 5) {
            throw new IllegalArgumentException("ziplist entry out of bounds");
          }
          out.add(Listpack.slice(zl, p + 5, (int) len, end, "ziplist"));
          p += 5 + (int) len;
        }
        default -> {
          int n = switch (e) { // integer bytes: 16, 32, 64, 24, 8-bit; 0: a 4-bit immediate
            case 0xC0 -> 2;
            case 0xD0 -> 4;
            case 0xE0 -> 8;
            case 0xF0 -> 3;
            case 0xFE -> 1;
            default -> 0;
          };
          if (n == 0 && (e < 0xF1 || e > 0xFD)) {
            throw new IllegalArgumentException("invalid ziplist encoding " + e);
          }
          Listpack.check(p + 1 + n, end, "ziplist");
          long v = n == 0 ? (e & 0x0F) - 1 : Listpack.signedLe(zl, p + 1, n);
          out.add(Numbers.toBytes(v));
          p += 1 + n;
        }
      }
    }
    if (p != end) {
      throw new IllegalArgumentException("ziplist entry out of bounds");
    }
    if (declared != 0xFFFF && declared != out.size()) {
      throw new IllegalArgumentException("ziplist count mismatch");
    }
    return out;
  }

  /**
   * The keys and values of a zipmap, alternating.
   *
   * @throws IllegalArgumentException if the bytes are not a valid zipmap
   */
  static List<byte[]> decodeZipmap(byte[] zm) {
    List<byte[]> out = new ArrayList<>();
    int end = zm.length;
    int p = 1;
    while (true) {
      Listpack.check(p + 1, end, "ziplist");
      if ((zm[p] & 0xFF) == 0xFF) {
        break;
      }
      int[] lenAndSize = zipmapLen(zm, p, end);
      p += lenAndSize[1];
      byte[] key = Listpack.slice(zm, p, lenAndSize[0], end, "ziplist");
      p += lenAndSize[0];
      lenAndSize = zipmapLen(zm, p, end);
      p += lenAndSize[1];
      Listpack.check(p + 1, end, "ziplist");
      int free = zm[p++] & 0xFF;
      byte[] value = Listpack.slice(zm, p, lenAndSize[0], end, "ziplist");
      p += lenAndSize[0] + free;
      out.add(key);
      out.add(value);
    }
    return out;
  }

  private static int[] zipmapLen(byte[] zm, int p, int end) {
    Listpack.check(p + 1, end, "ziplist");
    int b = zm[p] & 0xFF;
    if (b < 254) {
      return new int[] {b, 1};
    }
    if (b == 254) {
      Listpack.check(p + 5, end, "ziplist");
      long len = Listpack.le(zm, p + 1, 4) & 0xFFFFFFFFL;
      if (len > end) {
        throw new IllegalArgumentException("zipmap entry out of bounds");
      }
      return new int[] {(int) len, 5};
    }
    throw new IllegalArgumentException("invalid zipmap length");
  }

}
