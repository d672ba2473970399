package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import org.jspecify.annotations.Nullable;

/**
 * Bitmaps on strings (Redis's src/bitops.c, SETBIT GETBIT BITCOUNT BITPOS BITOP): the one place
 * of their semantics, called by {@code BitCommands} and the typed string operations. A bitmap is
 * an ordinary string value; bit 0 is the most significant bit of byte 0.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Reads accept every string encoding: an {@code int}-encoded value is read as its
 *       decimal text (Redis's getObjectReadOnlyString), without converting the stored value.
 *   <li>Writes (SETBIT, and BITFIELD in {@link BitField}) make the value a modifiable
 *       {@code raw} string first, growing it with zero bytes to the highest byte addressed
 *       (Redis's lookupStringForBitCommand: dbUnshareStringValue + sdsgrowzero). As in Redis
 *       7.0.15, a write counts as a change (dirty, {@code setbit} event) only when it created
 *       or grew the value or changed a bit.
 *   <li>Offsets are bounded by {@code proto-max-bulk-len} ({@link #validOffset}): the byte
 *       addressed must be below it, as Redis's getBitOffsetFromArgument (and below 2 GiB,
 *       the JVM's array limit).
 *   <li>Range arithmetic (BITCOUNT, BITPOS with BYTE or BIT units) follows Redis 7.0 exactly,
 *       including its edge cases (an empty range, BITPOS's "no clear bit in the range").
 *   <li>Concurrency: the caller holds the shards of every key involved.
 * </ul>
 */
public final class BitOps {
  /** BITOP AND. */
  public static final int AND = 0;
  /** BITOP OR. */
  public static final int OR = 1;
  /** BITOP XOR. */
  public static final int XOR = 2;
  /** BITOP NOT. */
  public static final int NOT = 3;
  /** The BITOP operation names, by code (the typed door's command as given). */
  private static final String[] OP_NAMES = {"AND", "OR", "XOR", "NOT"};

  /** Longest array the JVM reliably allocates. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  private BitOps() {}

  // ------------------------------------------------------------------ arguments

  /**
   * Whether a bit offset is allowed: not negative, its byte below {@code maxBytes}
   * ({@code proto-max-bulk-len}) and below the longest array the JVM allocates (a stricter
   * bound than a configured limit above 2 GiB, where Redis would allocate).
   */
  public static boolean validOffset(long offset, long maxBytes) {
    return offset >= 0 && (offset >>> 3) < Math.min(maxBytes, MAX_ARRAY_BYTES);
  }

  // ------------------------------------------------------------------ reads

  /**
   * The string value of the key for a read (Redis's lookupKeyRead + checkType), accounted to
   * {@code reads} (the RESP door's keyspace hits and misses; null: not accounted); null when
   * absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Object read(LockedKey k, SetType.@Nullable Reads reads) {
    Entry e = k.lookup();
    if (reads != null) {
      reads.lookedUp(e != null, k.array(), k.offset(), k.length());
    }
    if (e == null) {
      return null;
    }
    if (!StringType.isString(e.value())) {
      throw new WrongTypeException();
    }
    return e.value();
  }

  /** GETBIT on a value (null: missing key): the bit at {@code offset}, 0 beyond the end. */
  public static int getBit(@Nullable Object value, long offset) {
    if (value == null) {
      return 0;
    }
    long index = offset >>> 3;
    if (index >= StringType.length(value)) {
      return 0;
    }
    byte b = StringType.array(value)[(int) index];
    return (b >> (7 - (int) (offset & 7))) & 1;
  }

  /** The bytes of a value (the stored array, or the text of an integer): do not modify. */
  static byte[] bytes(Object value) {
    return StringType.array(value);
  }

  /**
   * BITCOUNT of a value with a range (Redis 7.0's bitcountCommand after its lookup):
   * {@code start}/{@code end} are byte or, with {@code bit}, bit indexes, negative from the
   * end, inclusive.
   */
  public static long bitCount(Object value, long start, long end, boolean bit) {
    byte[] p = bytes(value);
    if (start < 0 && end < 0 && start > end) {
      return 0;
    }
    Range r = Range.of(StringType.length(value), start, end, bit);
    if (r.start > r.end) {
      return 0;
    }
    long s = r.start;
    long e = r.end;
    int firstMask = r.firstMask;
    int lastMask = r.lastMask;
    long count = popcount(p, (int) s, (int) (e - s + 1));
    if (firstMask != 0) {
      count -= Integer.bitCount(p[(int) s] & firstMask);
    }
    if (lastMask != 0) {
      count -= Integer.bitCount(p[(int) e] & lastMask);
    }
    return count;
  }

  /** BITCOUNT of a whole value. */
  public static long bitCount(Object value) {
    return popcount(bytes(value), 0, StringType.length(value));
  }

  static long popcount(byte[] p, int from, int n) {
    long count = 0;
    int i = from;
    int end = from + n;
    for (; i + 8 <= end; i += 8) {
      long w = (p[i] & 0xffL) | (p[i + 1] & 0xffL) << 8 | (p[i + 2] & 0xffL) << 16
          | (p[i + 3] & 0xffL) << 24 | (p[i + 4] & 0xffL) << 32 | (p[i + 5] & 0xffL) << 40
          | (p[i + 6] & 0xffL) << 48 | (p[i + 7] & 0xffL) << 56;
      count += Long.bitCount(w);
    }
    for (; i < end; i++) {
      count += Integer.bitCount(p[i] & 0xff);
    }
    return count;
  }

  /**
   * BITPOS over a whole value (null: missing key): the first bit equal to {@code bit}, -1 when
   * looking for a 1 that is not there; a 0 past the end when the value is all ones.
   */
  public static long bitPos(@Nullable Object value, int bit) {
    if (value == null) {
      return bit == 1 ? -1 : 0;
    }
    int len = StringType.length(value);
    if (len == 0) {
      return -1; // start > end: an empty range holds neither
    }
    return bitpos(bytes(value), 0, len, bit);
  }

  /**
   * BITPOS with a range (Redis 7.0's bitposCommand after its lookup, {@code value} not null):
   * {@code end} is null when not given; units are bits with {@code bitUnit}.
   */
  public static long bitPos(Object value, int bit, long start, @Nullable Long end,
      boolean bitUnit) {
    byte[] p = bytes(value);
    long totlen = StringType.length(value);
    long e;
    if (end == null) {
      e = bitUnit ? (totlen << 3) + 7 : totlen - 1;
    } else {
      e = end;
    }
    Range r = Range.of(totlen, start, e, bitUnit);
    if (r.start > r.end) {
      return -1;
    }
    long s = r.start;
    e = r.end;
    int firstMask = r.firstMask;
    int lastMask = r.lastMask;
    long bytes = e - s + 1;
    long pos = -1;
    found: {
      if (firstMask != 0) {
        int c = bit == 1 ? p[(int) s] & ~firstMask : p[(int) s] | firstMask;
        if (lastMask != 0 && bytes == 1) {
          c = bit == 1 ? c & ~lastMask : c | lastMask;
        }
        pos = bitpos(new byte[] {(byte) c}, 0, 1, bit);
        if (bytes == 1 || (pos != -1 && pos != 8)) {
          break found;
        }
        s++;
        bytes--;
      }
      long cur = bytes - (lastMask != 0 ? 1 : 0);
      if (cur > 0) {
        pos = bitpos(p, (int) s, (int) cur, bit);
        if (bytes == cur || (pos != -1 && pos != cur << 3)) {
          break found;
        }
        s += cur;
        bytes -= cur;
      }
      int c = bit == 1 ? p[(int) e] & ~lastMask : p[(int) e] | lastMask;
      pos = bitpos(new byte[] {(byte) c}, 0, 1, bit);
    }
    if (end != null && bit == 0 && pos == bytes << 3) {
      return -1;
    }
    return pos == -1 ? -1 : pos + (s << 3);
  }

  /**
   * A BITCOUNT/BITPOS range after Redis's index arithmetic: inclusive byte indexes (start >
   * end when empty) and, for a range in bits, the masks of the bits of the first and last
   * byte that lie outside it.
   */
  private record Range(long start, long end, int firstMask, int lastMask) {
    /** The range {@code start..end} (negative from the end) over {@code bytes} bytes. */
    static Range of(long bytes, long start, long end, boolean bits) {
      long total = bits ? bytes << 3 : bytes;
      long s = Math.max(start < 0 ? total + start : start, 0);
      long e = Math.max(end < 0 ? total + end : end, 0);
      if (e >= total) {
        e = total - 1;
      }
      if (!bits || s > e) {
        return new Range(s, e, 0, 0);
      }
      return new Range(s >> 3, e >> 3, ~((1 << (8 - (int) (s & 7))) - 1) & 0xff,
          (1 << (7 - (int) (e & 7))) - 1);
    }
  }

  /**
   * Redis's redisBitpos over {@code count} bytes from {@code from}: the position of the first
   * bit equal to {@code bit}; when none, -1 for a 1 and {@code count * 8} for a 0.
   */
  static long bitpos(byte[] p, int from, int count, int bit) {
    int skip = bit == 1 ? 0 : 0xff;
    for (int i = 0; i < count; i++) {
      int b = p[from + i] & 0xff;
      if (b != skip) {
        int x = bit == 1 ? b : ~b & 0xff;
        return (long) i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return bit == 1 ? -1 : (long) count * 8;
  }

  // ------------------------------------------------------------------ writes

  /**
   * SETBIT: sets or clears the bit at {@code offset} (already checked, {@link #validOffset}),
   * creating or zero-extending the value, and returns the previous bit. Counts a change and
   * publishes {@code setbit} only when the value was created, grown or the bit changed.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static int setBit(LockedKey k, long offset, int on) {
    Grown g = writable(k, offset);
    StringValue raw = g.value;
    int index = (int) (offset >>> 3);
    int shift = 7 - (int) (offset & 7);
    byte[] a = raw.array();
    int old = (a[index] >> shift) & 1;
    if (g.grown || old != on) {
      a[index] = (byte) ((a[index] & ~(1 << shift)) | (on << shift));
      k.dirty(1);
      k.event(NotifyFlags.STRING, "setbit");
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(Argvs.of("SETBIT", k, offset, (long) on));
      }
    }
    return old;
  }

  /** A writable raw value and whether it was created or grown to reach the bit. */
  record Grown(StringValue value, boolean grown) {}

  /**
   * Redis's lookupStringForBitCommand: the key's value as a modifiable raw string of at least
   * {@code maxBit / 8 + 1} bytes, created (zeroed) when absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  static Grown writable(LockedKey k, long maxBit) {
    int bytes = (int) ((maxBit >>> 3) + 1);
    Entry e = k.lookup();
    if (e == null) {
      StringValue raw = new StringValue(new byte[bytes], bytes);
      k.insert(raw);
      return new Grown(raw, true);
    }
    if (!StringType.isString(e.value())) {
      throw new WrongTypeException();
    }
    StringValue raw = StringWrites.unshare(e);
    return new Grown(raw, raw.growZero(bytes) > 0);
  }

  /**
   * BITOP: the bitwise {@code op} ({@link #AND} ...) of the strings at {@code sources}
   * (missing keys are empty strings, shorter strings are zero-padded) stored in {@code dst}
   * as a raw string replacing any value and expiry ({@code set} event), or {@code dst}
   * deleted when every source is empty ({@code del} event when it existed). Returns the
   * length of the result. The caller holds the shards of every key.
   *
   * @throws LimeException with {@link Errors#BITOP_NOT_ONE_KEY} for NOT over several keys
   * @throws WrongTypeException if a source holds another type (nothing is changed)
   */
  public static long bitOp(LockedKey dst, int op, ByteArgs sources,
      SetType.@Nullable Reads reads) {
    Propagation p = dst.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("BITOP", OP_NAMES[op], dst, sources.copies()));
    }
    int n = sources.size();
    if (op == NOT && n != 1) {
      throw new LimeException(Errors.BITOP_NOT_ONE_KEY);
    }
    byte[][] src = new byte[n][];
    int[] len = new int[n];
    int maxlen = 0;
    for (int i = 0; i < n; i++) {
      LockedKey k = LockedKey.within(dst.db(), sources.array(i), sources.offset(i),
          sources.length(i), dst.now());
      Object v = read(k, reads);
      if (v != null) {
        src[i] = bytes(v);
        len[i] = StringType.length(v);
        maxlen = Math.max(maxlen, len[i]);
      }
    }
    if (maxlen == 0) {
      KeyOps.delete(dst);
      return 0;
    }
    byte[] res = new byte[maxlen];
    for (int j = 0; j < maxlen; j++) {
      int out = len[0] <= j ? 0 : src[0][j];
      if (op == NOT) {
        out = ~out;
      }
      for (int i = 1; i < n; i++) {
        int b = len[i] <= j ? 0 : src[i][j];
        out = switch (op) {
          case AND -> out & b;
          case OR -> out | b;
          default -> out ^ b;
        };
      }
      res[j] = (byte) out;
    }
    StringWrites.setKey(dst, dst.find(), new StringValue(res, maxlen), false);
    dst.dirty(1);
    dst.event(NotifyFlags.STRING, "set");
    return maxlen;
  }
}
