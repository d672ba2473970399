package io.lime.internal.persistence.rdb;

import io.lime.internal.util.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis's listpack byte layout (src/listpack.c), as stored in RDB blobs: an encoder that
 * produces exactly what Redis would for the same elements, and a validating decoder.
 *
 * <pre>
 *   total-bytes (u32 LE) | count (u16 LE, 65535 = unknown) | entry ... | 0xFF
 *   entry = encoding+data | backlen (size of encoding+data, 1..5 bytes, read right to left)
 *
 *   0xxxxxxx                      7-bit unsigned integer
 *   10LLLLLL data                 string, length &lt; 64
 *   110xxxxx xxxxxxxx             13-bit signed integer (big-endian within the two bytes)
 *   1110LLLL LLLLLLLL data        string, length &lt; 4096
 *   11110000 L(u32 LE) data       string
 *   11110001 / 0010 / 0011 / 0100 16 / 24 / 32 / 64-bit signed integer, little-endian
 * </pre>
 *
 * A string that Redis's lpStringToInt64 accepts as an integer is stored as one, in the
 * smallest encoding that holds it, as lpAppend does.
 */
final class Listpack {
  static final int HEADER_BYTES = 6;
  static final int EOF = 0xFF;
  private static final int COUNT_UNKNOWN = 65535;

  private Listpack() {}

  /** Builds a listpack by appending elements. */
  static final class Builder {
    private byte[] buf = new byte[64];
    private int pos = HEADER_BYTES;
    private int count;

    /** Appends a string element (integer-encoded when it is one). */
    Builder add(byte[] b, int off, int len) {
      if (len <= 20 && Numbers.isLong(b, off, len)) {
        return addLong(Numbers.parseLong(b, off, len));
      }
      ensure(len + 10);
      int start = pos;
      if (len < 64) {
        buf[pos++] = (byte) (0x80 | len);
      } else if (len < 4096) {
        buf[pos++] = (byte) (0xE0 | (len >>> 8));
        buf[pos++] = (byte) len;
      } else {
        buf[pos++] = (byte) 0xF0;
        putIntLe(len);
      }
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
      backlen(pos - start);
      count++;
      return this;
    }

    /** Appends a whole-array string element. */
    Builder add(byte[] b) {
      return add(b, 0, b.length);
    }

    /** Appends an integer element. */
    Builder addLong(long v) {
      ensure(16);
      int start = pos;
      if (v >= 0 && v <= 127) {
        buf[pos++] = (byte) v;
      } else if (v >= -4096 && v <= 4095) {
        int u = (int) v & 0x1FFF;
        buf[pos++] = (byte) (0xC0 | (u >>> 8));
        buf[pos++] = (byte) u;
      } else if (v >= -32768 && v <= 32767) {
        buf[pos++] = (byte) 0xF1;
        putLe(v, 2);
      } else if (v >= -8388608 && v <= 8388607) {
        buf[pos++] = (byte) 0xF2;
        putLe(v, 3);
      } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        buf[pos++] = (byte) 0xF3;
        putLe(v, 4);
      } else {
        buf[pos++] = (byte) 0xF4;
        putLe(v, 8);
      }
      backlen(pos - start);
      count++;
      return this;
    }

    /** Number of elements so far. */
    int count() {
      return count;
    }

    /** The finished listpack (header filled in, end byte appended). */
    byte[] build() {
      ensure(1);
      buf[pos++] = (byte) EOF;
      int total = pos;
      buf[0] = (byte) total;
      buf[1] = (byte) (total >>> 8);
      buf[2] = (byte) (total >>> 16);
      buf[3] = (byte) (total >>> 24);
      int c = count < COUNT_UNKNOWN ? count : COUNT_UNKNOWN;
      buf[4] = (byte) c;
      buf[5] = (byte) (c >>> 8);
      return Arrays.copyOf(buf, total);
    }

    private void backlen(int l) {
      ensure(5);
      if (l <= 127) {
        buf[pos++] = (byte) l;
      } else if (l < 16383) {
        buf[pos++] = (byte) (l >>> 7);
        buf[pos++] = (byte) ((l & 127) | 128);
      } else if (l < 2097151) {
        buf[pos++] = (byte) (l >>> 14);
        buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
        buf[pos++] = (byte) ((l & 127) | 128);
      } else if (l < 268435455) {
        buf[pos++] = (byte) (l >>> 21);
        buf[pos++] = (byte) (((l >>> 14) & 127) | 128);
        buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
        buf[pos++] = (byte) ((l & 127) | 128);
      } else {
        buf[pos++] = (byte) (l >>> 28);
        buf[pos++] = (byte) (((l >>> 21) & 127) | 128);
        buf[pos++] = (byte) (((l >>> 14) & 127) | 128);
        buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
        buf[pos++] = (byte) ((l & 127) | 128);
      }
    }

    private void putIntLe(int v) {
      putLe(v, 4);
    }

    private void putLe(long v, int n) {
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) (v >>> (8 * i));
      }
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }
  }

  /**
   * The elements of a listpack (integers as their decimal text), validating the header, each
   * entry's bounds and backlen, the count (unless 65535) and the end byte.
   *
   * @throws IllegalArgumentException if the bytes are not a valid listpack
   */
  static List<byte[]> decode(byte[] lp) {
    if (lp.length < HEADER_BYTES + 1) {
      throw new IllegalArgumentException("listpack too short");
    }
    long total = (lp[0] & 0xFFL) | (lp[1] & 0xFFL) << 8 | (lp[2] & 0xFFL) << 16
        | (lp[3] & 0xFFL) << 24;
    if (total != lp.length) {
      throw new IllegalArgumentException("listpack size mismatch");
    }
    if ((lp[lp.length - 1] & 0xFF) != EOF) {
      throw new IllegalArgumentException("listpack end byte missing");
    }
    int declared = (lp[4] & 0xFF) | (lp[5] & 0xFF) << 8;
    List<byte[]> out = new ArrayList<>(declared == COUNT_UNKNOWN ? 16 : declared);
    int p = HEADER_BYTES;
    int end = lp.length - 1;
    while (p < end) {
      int start = p;
      int e = lp[p] & 0xFF;
      byte[] value;
      if ((e & 0x80) == 0) {
        value = Numbers.toBytes(e);
        p += 1;
      } else if ((e & 0xC0) == 0x80) {
        int len = e & 0x3F;
        value = slice(lp, p + 1, len, end, "listpack");
        p += 1 + len;
      } else if ((e & 0xE0) == 0xC0) {
        check(p + 2, end, "listpack");
        int u = ((e & 0x1F) << 8) | (lp[p + 1] & 0xFF);
        value = Numbers.toBytes((u << 19) >> 19);
        p += 2;
      } else if ((e & 0xF0) == 0xE0) {
        check(p + 2, end, "listpack");
        int len = ((e & 0x0F) << 8) | (lp[p + 1] & 0xFF);
        value = slice(lp, p + 2, len, end, "listpack");
        p += 2 + len;
      } else {
        switch (e) {
          case 0xF0 -> {
            check(p + 5, end, "listpack");
            long len = le(lp, p + 1, 4) & 0xFFFFFFFFL;
            if (len > end - p - 5) {
              throw new IllegalArgumentException("listpack entry out of bounds");
            }
            value = slice(lp, p + 5, (int) len, end, "listpack");
            p += 5 + (int) len;
          }
          case 0xF1, 0xF2, 0xF3, 0xF4 -> { // 16, 24, 32, 64-bit signed integer
            int n = e == 0xF4 ? 8 : e - 0xEF;
            check(p + 1 + n, end, "listpack");
            value = Numbers.toBytes(signedLe(lp, p + 1, n));
            p += 1 + n;
          }
          default -> throw new IllegalArgumentException("invalid listpack encoding " + e);
        }
      }
      int l = p - start;
      int bl = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
      check(p + bl, end, "listpack");
      long back = 0;
      for (int i = p + bl - 1, shift = 0; i >= p; i--, shift += 7) {
        back |= (long) (lp[i] & 127) << shift;
      }
      if (back != l) {
        throw new IllegalArgumentException("listpack backlen mismatch");
      }
      p += bl;
      out.add(value);
    }
    if (declared != COUNT_UNKNOWN && declared != out.size()) {
      throw new IllegalArgumentException("listpack count mismatch");
    }
    return out;
  }

  /** Throws {@code "<encoding> entry out of bounds"} unless {@code needEnd <= end}. */
  static void check(int needEnd, int end, String encoding) {
    if (needEnd > end) {
      throw new IllegalArgumentException(encoding + " entry out of bounds");
    }
  }

  /** A copy of {@code b[off..off+len)}, bounds-checked against {@code end} as {@link #check}. */
  static byte[] slice(byte[] b, int off, int len, int end, String encoding) {
    check(off + len, end, encoding);
    return Arrays.copyOfRange(b, off, off + len);
  }

  /** The {@code n}-byte little-endian two's complement integer at {@code b[off]}. */
  static long signedLe(byte[] b, int off, int n) {
    int unused = 64 - 8 * n;
    return (le(b, off, n) << unused) >> unused;
  }

  static long le(byte[] b, int off, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }
}
