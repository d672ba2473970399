package io.lime.internal.type;

/**
 * Redis's HyperLogLog representation (src/hyperloglog.c), byte for byte: the same 64-bit hash,
 * register layout, sparse and dense encodings and cached cardinality, so an HLL written by
 * Redis is read here and the other way round, and the same inputs give the same bytes.
 *
 * <pre>
 * header (16 bytes):  "HYLL" | encoding (0 dense, 1 sparse) | 3 unused | cardinality (8, LE)
 *   the cardinality's top bit (byte 15, 0x80) set = cache invalid, recompute
 * dense:  16384 registers of 6 bits, LSB first: |11000000|22221111|33333322|55444444|...
 *         12288 bytes, the string is exactly 12304 bytes long
 * sparse: run-length opcodes covering the 16384 registers in order
 *   ZERO   00xxxxxx           1..64 zero registers
 *   XZERO  01xxxxxx yyyyyyyy  1..16384 zero registers (14 bits)
 *   VAL    1vvvvvxx           1..4 registers of value 1..32
 * </pre>
 *
 * <p>Implementation notes. The value is a raw {@link StringValue} changed in place; its spare
 * capacity (zeroed) stands in for the sds terminator C's code reads past the end (the last
 * dense register, the byte after a final XZERO). Sparse updates follow hllSparseSet exactly
 * (split, then merge of adjacent equal VALs within five opcodes), promoting to dense when a
 * value exceeds 32 or the string would exceed {@code hll-sparse-max-bytes}. The estimate is
 * {@link HyperLogLogCount}'s. Not thread-safe: used under the key's shard lock.
 */
public final class HyperLogLog {
  static final int P = 14;
  static final int Q = 64 - P;
  static final int REGISTERS = 1 << P;
  static final int P_MASK = REGISTERS - 1;
  static final int BITS = 6;
  static final int REGISTER_MAX = (1 << BITS) - 1;
  static final int HDR_SIZE = 16;
  /** Length of a dense HLL string. */
  public static final int DENSE_SIZE = HDR_SIZE + (REGISTERS * BITS + 7) / 8;
  static final int DENSE = 0;
  static final int SPARSE = 1;
  static final int MAX_ENCODING = 1;
  static final int SPARSE_VAL_MAX_VALUE = 32;
  static final int SPARSE_VAL_MAX_LEN = 4;
  static final int SPARSE_ZERO_MAX_LEN = 64;
  static final int SPARSE_XZERO_MAX_LEN = 16384;
  private static final long SEED = 0xadc83b19L;

  private HyperLogLog() {}

  // ------------------------------------------------------------------ validity and header

  /** Redis's isHLLObjectOrReply on a string value: whether it is a valid HLL. */
  static boolean isValid(Object value) {
    if (value instanceof Long) {
      return false; // not sds-encoded
    }
    byte[] a = StringType.array(value);
    int len = StringType.length(value);
    if (len < HDR_SIZE || a[0] != 'H' || a[1] != 'Y' || a[2] != 'L' || a[3] != 'L') {
      return false;
    }
    int enc = a[4] & 0xff;
    return enc <= MAX_ENCODING && (enc != DENSE || len == DENSE_SIZE);
  }

  /** An empty HLL (Redis's createHLLObject): sparse, one XZERO for all registers. */
  static StringValue create() {
    int len = HDR_SIZE + ((REGISTERS + SPARSE_XZERO_MAX_LEN - 1) / SPARSE_XZERO_MAX_LEN) * 2;
    byte[] a = new byte[len + 3];
    a[0] = 'H';
    a[1] = 'Y';
    a[2] = 'L';
    a[3] = 'L';
    a[4] = SPARSE;
    int p = HDR_SIZE;
    for (int aux = REGISTERS; aux > 0; ) {
      int xzero = Math.min(SPARSE_XZERO_MAX_LEN, aux);
      xzeroSet(a, p, xzero);
      p += 2;
      aux -= xzero;
    }
    return new StringValue(a, len);
  }

  static int encoding(StringValue v) {
    return v.array()[4] & 0xff;
  }

  static boolean validCache(byte[] a) {
    return (a[15] & 0x80) == 0;
  }

  static void invalidateCache(byte[] a) {
    a[15] |= (byte) 0x80;
  }

  static long cachedCard(byte[] a) {
    long card = 0;
    for (int i = 7; i >= 0; i--) {
      card = card << 8 | (a[8 + i] & 0xff);
    }
    return card;
  }

  static void storeCard(byte[] a, long card) {
    for (int i = 0; i < 8; i++) {
      a[8 + i] = (byte) (card >>> (8 * i));
    }
  }

  // ------------------------------------------------------------------ hash

  /** Redis's MurmurHash64A (endian neutral: little-endian 8-byte words). */
  static long murmurHash64A(byte[] key, int off, int len, long seed) {
    final long m = 0xc6a4a7935bd1e995L;
    final int r = 47;
    long h = seed ^ (len * m);
    int end = off + (len - (len & 7));
    int i = off;
    for (; i != end; i += 8) {
      long k = (key[i] & 0xffL) | (key[i + 1] & 0xffL) << 8 | (key[i + 2] & 0xffL) << 16
          | (key[i + 3] & 0xffL) << 24 | (key[i + 4] & 0xffL) << 32 | (key[i + 5] & 0xffL) << 40
          | (key[i + 6] & 0xffL) << 48 | (key[i + 7] & 0xffL) << 56;
      k *= m;
      k ^= k >>> r;
      k *= m;
      h ^= k;
      h *= m;
    }
    int rest = len & 7;
    if (rest > 0) {
      for (int j = rest - 1; j >= 0; j--) {
        h ^= (key[i + j] & 0xffL) << (8 * j);
      }
      h *= m;
    }
    h ^= h >>> r;
    h *= m;
    h ^= h >>> r;
    return h;
  }

  /**
   * Redis's hllPatLen: the register index of an element (low 32 bits of the result) and the
   * length of its 000..1 pattern (high bits).
   */
  static long patLen(byte[] ele, int off, int len) {
    long hash = murmurHash64A(ele, off, len, SEED);
    int index = (int) (hash & P_MASK);
    hash >>>= P;
    hash |= 1L << Q;
    int count = Long.numberOfTrailingZeros(hash) + 1;
    return (long) count << 32 | index;
  }

  // ------------------------------------------------------------------ dense

  static int denseGet(byte[] a, int regnum) {
    int b = HDR_SIZE + regnum * BITS / 8;
    int fb = regnum * BITS & 7;
    int b0 = a[b] & 0xff;
    int b1 = b + 1 < a.length ? a[b + 1] & 0xff : 0;
    return ((b0 >> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
  }

  static void denseSetRegister(byte[] a, int regnum, int val) {
    int b = HDR_SIZE + regnum * BITS / 8;
    int fb = regnum * BITS & 7;
    int fb8 = 8 - fb;
    a[b] = (byte) ((a[b] & ~(REGISTER_MAX << fb)) | (val << fb));
    if (b + 1 < a.length) {
      a[b + 1] = (byte) ((a[b + 1] & ~(REGISTER_MAX >> fb8)) | (val >> fb8));
    }
  }

  /** Redis's hllDenseSet: 1 when the register grew to {@code count}. */
  static int denseSet(byte[] a, int index, int count) {
    if (count > denseGet(a, index)) {
      denseSetRegister(a, index, count);
      return 1;
    }
    return 0;
  }

  // ------------------------------------------------------------------ sparse

  private static boolean isZero(int op) {
    return (op & 0xc0) == 0;
  }

  private static boolean isXzero(int op) {
    return (op & 0xc0) == 0x40;
  }

  private static int valSet(int val, int len) {
    return ((val - 1) << 2 | (len - 1)) | 0x80;
  }

  private static void xzeroSet(byte[] a, int p, int len) {
    int l = len - 1;
    a[p] = (byte) ((l >> 8) | 0x40);
    a[p + 1] = (byte) (l & 0xff);
  }

  /** An XZERO's length; a missing second byte reads as the zero C's terminator gives. */
  private static int xzeroLen(byte[] a, int p) {
    return (((a[p] & 0x3f) << 8) | (p + 1 < a.length ? a[p + 1] & 0xff : 0)) + 1;
  }

  /** Receives the runs of a sparse HLL in order. */
  @FunctionalInterface
  interface Runs {
    /**
     * A run of {@code length} registers from {@code first} with {@code value} (0 for ZERO
     * and XZERO runs; {@code opcode} tells them apart); false stops the walk.
     */
    boolean run(int first, int value, int length, int opcode);
  }

  /**
   * Walks the opcodes of the sparse HLL in {@code a[HDR_SIZE..end)}: the number of registers
   * they cover, or -1 when {@code runs} stopped the walk.
   */
  static int walk(byte[] a, int end, Runs runs) {
    int p = HDR_SIZE;
    int idx = 0;
    while (p < end) {
      int op = a[p] & 0xff;
      int value = 0;
      int length;
      if (isZero(op)) {
        length = (op & 0x3f) + 1;
        p++;
      } else if (isXzero(op)) {
        length = xzeroLen(a, p);
        p += 2;
      } else {
        value = ((op >> 2) & 0x1f) + 1;
        length = (op & 3) + 1;
        p++;
      }
      if (!runs.run(idx, value, length, op)) {
        return -1;
      }
      idx += length;
    }
    return idx;
  }

  /**
   * Redis's hllSparseToDense: converts a sparse HLL in place to dense (keeping the header's
   * cached cardinality); false when the sparse form is corrupted (nothing changed).
   */
  static boolean toDense(StringValue v) {
    byte[] s = v.array();
    if ((s[4] & 0xff) == DENSE) {
      return true;
    }
    byte[] d = new byte[DENSE_SIZE + 1];
    System.arraycopy(s, 0, d, 0, HDR_SIZE);
    d[4] = DENSE;
    // a VAL run overflowing the registers is corrupt (Debian's 7.0.15 rejects it, as later
    // Redis does)
    int covered = walk(s, v.length(), (first, value, length, op) -> {
      if (value == 0) {
        return true;
      }
      if (first + length > REGISTERS) {
        return false;
      }
      for (int i = first; i < first + length; i++) {
        denseSetRegister(d, i, value);
      }
      return true;
    });
    if (covered != REGISTERS) {
      return false;
    }
    v.replace(d, DENSE_SIZE);
    return true;
  }

  /**
   * Redis's hllSparseSet: raises register {@code index} to {@code count} in a sparse HLL,
   * promoting it to dense when needed. Returns 1 when changed, 0 when not, -1 when the
   * representation is corrupted.
   */
  static int sparseSet(StringValue v, int index, int count, long maxSparseBytes) {
    if (count > SPARSE_VAL_MAX_VALUE) {
      return promote(v, index, count);
    }
    v.reserve(v.length() + 4); // room for the widest split and the terminator C reads
    byte[] a = v.array();
    int len = v.length();
    int sparse = HDR_SIZE;
    int p = sparse;
    int end = len;
    int first = 0;
    int prev = -1;
    int span = 0;
    while (p < end) {
      int op = a[p] & 0xff;
      int oplen = 1;
      if (isZero(op)) {
        span = (op & 0x3f) + 1;
      } else if ((op & 0x80) != 0) {
        span = (op & 3) + 1;
      } else {
        span = xzeroLen(a, p);
        oplen = 2;
      }
      if (index <= first + span - 1) {
        break;
      }
      prev = p;
      p += oplen;
      first += span;
    }
    if (span == 0 || p >= end) {
      return -1;
    }
    int op = a[p] & 0xff;
    int next = isXzero(op) ? p + 2 : p + 1;
    if (next >= end) {
      next = -1;
    }
    boolean isZero = isZero(op);
    boolean isXzero = isXzero(op);
    boolean isVal = !isZero && !isXzero;
    int runlen = isZero ? (op & 0x3f) + 1 : isXzero ? xzeroLen(a, p) : (op & 3) + 1;
    boolean updated = false;
    if (isVal) {
      int oldcount = ((op >> 2) & 0x1f) + 1;
      if (oldcount >= count) {
        return 0;
      }
      if (runlen == 1) {
        a[p] = (byte) valSet(count, 1);
        updated = true;
      }
    }
    if (!updated && isZero && runlen == 1) {
      a[p] = (byte) valSet(count, 1);
      updated = true;
    }
    if (!updated) {
      byte[] seq = new byte[5];
      int n = 0;
      int last = first + span - 1;
      if (isZero || isXzero) {
        if (index != first) {
          n = zeroRun(seq, n, index - first);
        }
        seq[n++] = (byte) valSet(count, 1);
        if (index != last) {
          n = zeroRun(seq, n, last - index);
        }
      } else {
        int curval = ((op >> 2) & 0x1f) + 1;
        if (index != first) {
          seq[n++] = (byte) valSet(curval, index - first);
        }
        seq[n++] = (byte) valSet(count, 1);
        if (index != last) {
          seq[n++] = (byte) valSet(curval, last - index);
        }
      }
      int oldlen = isXzero ? 2 : 1;
      int delta = n - oldlen;
      if (delta > 0 && len + delta > maxSparseBytes) {
        return promote(v, index, count);
      }
      if (delta != 0 && next >= 0) {
        System.arraycopy(a, next, a, next + delta, end - next);
      }
      len += delta;
      System.arraycopy(seq, 0, a, p, n);
      end += delta;
      if (delta < 0) {
        a[end] = 0;
      }
    }
    // merge adjacent VALs of the same value, scanning up to five opcodes from prev
    p = prev >= 0 ? prev : sparse;
    int scanlen = 5;
    while (p < end && scanlen-- > 0) {
      int o = a[p] & 0xff;
      if (isXzero(o)) {
        p += 2;
        continue;
      } else if (isZero(o)) {
        p++;
        continue;
      }
      if (p + 1 < end && (a[p + 1] & 0x80) != 0) {
        int v1 = ((o >> 2) & 0x1f) + 1;
        int o2 = a[p + 1] & 0xff;
        int v2 = ((o2 >> 2) & 0x1f) + 1;
        if (v1 == v2) {
          int l = (o & 3) + 1 + (o2 & 3) + 1;
          if (l <= SPARSE_VAL_MAX_LEN) {
            a[p + 1] = (byte) valSet(v1, l);
            System.arraycopy(a, p + 1, a, p, end - p); // the zero terminator moves too
            len--;
            end--;
            continue;
          }
        }
      }
      p++;
    }
    v.length(len);
    invalidateCache(a);
    return 1;
  }

  private static int zeroRun(byte[] seq, int n, int len) {
    if (len > SPARSE_ZERO_MAX_LEN) {
      xzeroSet(seq, n, len);
      return n + 2;
    }
    seq[n] = (byte) (len - 1);
    return n + 1;
  }

  private static int promote(StringValue v, int index, int count) {
    if (!toDense(v)) {
      return -1;
    }
    return denseSet(v.array(), index, count); // 1: the register needed the update
  }

  /** Redis's hllAdd: 1 when a register changed, 0 when not, -1 when corrupted. */
  static int add(StringValue v, byte[] ele, int off, int len, long maxSparseBytes) {
    long pl = patLen(ele, off, len);
    int index = (int) pl;
    int count = (int) (pl >>> 32);
    return switch (encoding(v)) {
      case DENSE -> denseSet(v.array(), index, count);
      case SPARSE -> sparseSet(v, index, count, maxSparseBytes);
      default -> -1;
    };
  }

  // ------------------------------------------------------------------ merge and count

  /**
   * Redis's hllMerge: {@code max[i] = max(max[i], register i)} over a valid HLL value; false
   * when its sparse form is corrupted.
   */
  static boolean merge(byte[] max, Object value) {
    byte[] a = StringType.array(value);
    if ((a[4] & 0xff) == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        int val = denseGet(a, i);
        if (val > max[i]) {
          max[i] = (byte) val;
        }
      }
      return true;
    }
    int covered = walk(a, StringType.length(value), (first, val, length, op) -> {
      if (val == 0) {
        return true;
      }
      if (first + length > REGISTERS) {
        return false; // an overflowing run, as toDense
      }
      for (int i = first; i < first + length; i++) {
        if (val > max[i]) {
          max[i] = (byte) val;
        }
      }
      return true;
    });
    return covered == REGISTERS;
  }
}
