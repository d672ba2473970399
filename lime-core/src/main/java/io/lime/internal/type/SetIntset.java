package io.lime.internal.type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code intset} encoding of small integer sets (Redis's src/intset.c): a sorted array of
 * distinct 64-bit integers packed at the smallest width that holds them all, in one
 * {@code byte[]} of exactly the needed size.
 *
 * <pre>
 *   byte 0        bytes 1 ..
 *  +-------+-----------+-----------+-----+
 *  | width |  value 0  |  value 1  | ... |   width = 2, 4 or 8; values little-endian,
 *  +-------+-----------+-----------+-----+   ascending; count = (length - 1) / width
 * </pre>
 *
 * <p>Adding a value that does not fit the current width upgrades every value to the wider
 * width (as intsetUpgradeAndAdd); removal never narrows it. Every change returns a new array
 * of the exact size (Redis reallocs the same way), so an unchanged set is returned as the same
 * array. Lookups are binary searches: O(log N); changes O(N).
 *
 * <p>Stateless; the arrays are guarded by the lock of the shard holding their set.
 */
final class SetIntset {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Bytes before the first value (the width byte). */
  private static final int HEADER_BYTES = 1;

  private SetIntset() {}

  /** An empty intset of the narrowest width. */
  static byte[] empty() {
    return new byte[] {2};
  }

  /** Number of values. */
  static int count(byte[] s) {
    return (s.length - HEADER_BYTES) / s[0];
  }

  /** Width of each value in bytes (2, 4 or 8). */
  static int width(byte[] s) {
    return s[0];
  }

  /** The value at {@code i} (ascending order). */
  static long get(byte[] s, int i) {
    return read(s, s[0], i);
  }

  /** Whether {@code v} is a value of the set. */
  static boolean contains(byte[] s, long v) {
    return widthFor(v) <= s[0] && search(s, v) >= 0;
  }

  /**
   * The index of {@code v}, or {@code -(insertion point) - 1} when absent (as
   * {@link Arrays#binarySearch}).
   */
  static int search(byte[] s, long v) {
    int w = s[0];
    int lo = 0;
    int hi = count(s) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long m = read(s, w, mid);
      if (m < v) {
        lo = mid + 1;
      } else if (m > v) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** The set with {@code v} added; the same array when {@code v} was already present. */
  static byte[] add(byte[] s, long v) {
    int w = s[0];
    int need = widthFor(v);
    int n = count(s);
    if (need > w) {
      // upgrade: v is beyond every value, so it goes first (negative) or last (positive)
      byte[] r = new byte[HEADER_BYTES + (n + 1) * need];
      r[0] = (byte) need;
      int shift = v < 0 ? 1 : 0;
      for (int i = 0; i < n; i++) {
        write(r, need, i + shift, read(s, w, i));
      }
      write(r, need, v < 0 ? 0 : n, v);
      return r;
    }
    int at = search(s, v);
    if (at >= 0) {
      return s;
    }
    at = -at - 1;
    byte[] r = new byte[s.length + w];
    r[0] = (byte) w;
    int cut = HEADER_BYTES + at * w;
    System.arraycopy(s, HEADER_BYTES, r, HEADER_BYTES, cut - HEADER_BYTES);
    System.arraycopy(s, cut, r, cut + w, s.length - cut);
    write(r, w, at, v);
    return r;
  }

  /** The set without {@code v}; the same array when {@code v} was absent. */
  static byte[] remove(byte[] s, long v) {
    if (widthFor(v) > s[0]) {
      return s;
    }
    int at = search(s, v);
    if (at < 0) {
      return s;
    }
    return removeAt(s, at);
  }

  /** The set without the value at index {@code at}. */
  static byte[] removeAt(byte[] s, int at) {
    int w = s[0];
    byte[] r = new byte[s.length - w];
    r[0] = (byte) w;
    int cut = HEADER_BYTES + at * w;
    System.arraycopy(s, HEADER_BYTES, r, HEADER_BYTES, cut - HEADER_BYTES);
    System.arraycopy(s, cut + w, r, cut, s.length - cut - w);
    return r;
  }

  /** The narrowest width (2, 4 or 8 bytes) holding {@code v} (intset's _intsetValueEncoding). */
  static int widthFor(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      return 8;
    }
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      return 4;
    }
    return 2;
  }

  private static long read(byte[] s, int w, int i) {
    int at = HEADER_BYTES + i * w;
    return switch (w) {
      case 2 -> (short) SHORT.get(s, at);
      case 4 -> (int) INT.get(s, at);
      default -> (long) LONG.get(s, at);
    };
  }

  private static void write(byte[] s, int w, int i, long v) {
    int at = HEADER_BYTES + i * w;
    switch (w) {
      case 2 -> SHORT.set(s, at, (short) v);
      case 4 -> INT.set(s, at, (int) v);
      default -> LONG.set(s, at, v);
    }
  }
}
