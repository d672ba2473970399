package io.lime.internal.type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code listpack} encoding of small sorted sets (Redis's zzl* functions over a
 * listpack): every (member, score) pair packed in order into one {@code byte[]} of exactly
 * the needed size.
 *
 * <pre>
 *  entry:  +--------+---------+-----------+---------+
 *          | len    | member  | score     | backlen |   len: LEB128 varint of the member
 *          | varint | len B   | 1/5/9 B   | varint  |   length; score: see below; backlen:
 *          +--------+---------+-----------+---------+   the entry size without itself,
 *                                                       written back to front so that a walk
 *                                                       from the next entry can step back.
 * </pre>
 *
 * <p>Scores take one byte for the integers 0..{@value #MAX_BYTE_SCORE} (the byte itself),
 * five for other integers that fit an {@code int} ({@value #INT_SCORE} then the int, little
 * endian) and nine otherwise ({@value #DOUBLE_SCORE} then the IEEE bits): Redis's listpack,
 * likewise, stores integral scores as integers (issue 18: fewer bytes per key).
 *
 * <p>Entries are ordered by score, then member bytes (unsigned), as zzlInsert keeps them.
 * Lookups are linear scans (O(N)); every change builds a new array of the exact size, as
 * Redis reallocs its listpack. Used only while the set is small (zset-max-listpack-*).
 */
final class SortedSetListpack extends SortedSetEncoding {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** Largest score stored as one byte. */
  static final int MAX_BYTE_SCORE = 0xFD;
  /** Score tag: a 4-byte integer follows. */
  static final int INT_SCORE = 0xFE;
  /** Score tag: the 8 bytes of a double follow. */
  static final int DOUBLE_SCORE = 0xFF;
  private static final byte[] EMPTY = new byte[0];

  private byte[] data;
  private int size;

  SortedSetListpack() {
    this(EMPTY, 0);
  }

  private SortedSetListpack(byte[] data, int size) {
    this.data = data;
    this.size = size;
  }

  /** A listpack holding every member of {@code src}, in order. */
  static SortedSetListpack of(SortedSetEncoding src) {
    int[] total = new int[1];
    src.walk(0, false, (b, off, len, score) -> {
      total[0] += entrySize(len, score);
      return true;
    });
    byte[] d = new byte[total[0]];
    int[] p = new int[1];
    src.walk(0, false, (b, off, len, score) -> {
      p[0] = write(d, p[0], b, off, len, score);
      return true;
    });
    return new SortedSetListpack(d, src.size());
  }

  /** Bytes of the packed form (for memory estimates). */
  int bytes() {
    return data.length;
  }

  @Override public int size() { return size; }

  @Override
  long memoryBytes() {
    return io.lime.internal.engine.MemoryLayout.object(8) + io.lime.internal.engine.MemoryLayout.byteArray(data.length);
  }

  @Override
  public double score(byte[] b, int off, int len) {
    int p = find(b, off, len);
    return p < 0 ? Double.NaN : scoreAt(p);
  }

  @Override
  public int rank(byte[] b, int off, int len) {
    long at = locate(b, off, len);
    return at < 0 ? -1 : (int) (at >>> 32);
  }

  @Override
  void insert(byte[] member, double score) {
    int p = 0;
    for (int i = 0; i < size; i++) {
      double s = scoreAt(p);
      if (s > score || (s == score && compareMember(p, member, 0, member.length) > 0)) {
        break;
      }
      p = next(p);
    }
    int es = entrySize(member.length, score);
    byte[] d = new byte[data.length + es];
    System.arraycopy(data, 0, d, 0, p);
    write(d, p, member, 0, member.length, score);
    System.arraycopy(data, p, d, p + es, data.length - p);
    data = d;
    size++;
  }

  @Override
  void updateScore(byte[] b, int off, int len, double current, double score) {
    byte[] member = Arrays.copyOfRange(b, off, off + len);
    delete(b, off, len);
    insert(member, score);
  }

  @Override
  boolean delete(byte[] b, int off, int len) {
    int p = find(b, off, len);
    if (p < 0) {
      return false;
    }
    cut(p, next(p), 1);
    return true;
  }

  @Override
  void deleteRange(int start, int end) {
    int from = offsetOf(start);
    int to = from;
    for (int i = start; i <= end; i++) {
      to = next(to);
    }
    cut(from, to, end - start + 1);
  }

  private void cut(int from, int to, int count) {
    byte[] d = new byte[data.length - (to - from)];
    System.arraycopy(data, 0, d, 0, from);
    System.arraycopy(data, to, d, from, data.length - to);
    data = d;
    size -= count;
  }

  @Override
  public void walk(int rank, boolean reverse, Visitor v) {
    if (rank < 0 || rank >= size) {
      return;
    }
    int p = offsetOf(rank);
    if (!reverse) {
      for (int i = rank; i < size; i++) {
        int mlen = readVarint(data, p);
        int m = p + varintSize(mlen);
        if (!v.visit(data, m, mlen, readScore(m + mlen))) {
          return;
        }
        p = after(m, mlen);
      }
    } else {
      for (int i = rank; i >= 0; i--) {
        int mlen = readVarint(data, p);
        int m = p + varintSize(mlen);
        if (!v.visit(data, m, mlen, readScore(m + mlen)) || i == 0) {
          return;
        }
        p = prev(p);
      }
    }
  }

  @Override
  public int firstInRange(SortedSetRange r) {
    if (!isInRange(r)) {
      return -1;
    }
    int p = 0;
    for (int i = 0; i < size; i++) {
      int mlen = readVarint(data, p);
      int m = p + varintSize(mlen);
      double s = readScore(m + mlen);
      if (r.gteMin(data, m, mlen, s)) {
        return r.lteMax(data, m, mlen, s) ? i : -1;
      }
      p = next(p);
    }
    return -1;
  }

  @Override
  public int lastInRange(SortedSetRange r) {
    if (!isInRange(r)) {
      return -1;
    }
    int p = data.length;
    for (int i = size - 1; i >= 0; i--) {
      p = prev(p);
      int mlen = readVarint(data, p);
      int m = p + varintSize(mlen);
      double s = readScore(m + mlen);
      if (r.lteMax(data, m, mlen, s)) {
        return r.gteMin(data, m, mlen, s) ? i : -1;
      }
    }
    return -1;
  }

  /** zzlIsInRange / zzlIsInLexRange: a quick test against the first and last entries. */
  private boolean isInRange(SortedSetRange r) {
    if (size == 0 || r.alwaysEmpty()) {
      return false;
    }
    int last = prev(data.length);
    int mlen = readVarint(data, last);
    int m = last + varintSize(mlen);
    if (!r.gteMin(data, m, mlen, readScore(m + mlen))) {
      return false;
    }
    mlen = readVarint(data, 0);
    m = varintSize(mlen);
    return r.lteMax(data, m, mlen, readScore(m + mlen));
  }

  @Override
  SortedSetEncoding copy() {
    return new SortedSetListpack(data.clone(), size);
  }

  // ------------------------------------------------------------------ layout

  /** Byte offset of the entry holding a member, or -1. */
  private int find(byte[] b, int off, int len) {
    long at = locate(b, off, len);
    return at < 0 ? -1 : (int) at;
  }

  /** The entry holding a member: {@code rank << 32 | byte offset}, or -1. */
  private long locate(byte[] b, int off, int len) {
    int p = 0;
    for (int i = 0; i < size; i++) {
      int mlen = readVarint(data, p);
      int m = p + varintSize(mlen);
      if (mlen == len && Arrays.equals(data, m, m + mlen, b, off, off + len)) {
        return (long) i << 32 | p;
      }
      p = after(m, mlen);
    }
    return -1;
  }

  /** Byte offset of the entry of rank {@code rank} (or the end when rank == size). */
  private int offsetOf(int rank) {
    if (rank > size / 2) {
      int p = data.length;
      for (int i = size; i > rank; i--) {
        p = prev(p);
      }
      return p;
    }
    int p = 0;
    for (int i = 0; i < rank; i++) {
      p = next(p);
    }
    return p;
  }

  private double scoreAt(int p) {
    int mlen = readVarint(data, p);
    return readScore(p + varintSize(mlen) + mlen);
  }

  private double readScore(int at) {
    int t = data[at] & 0xff;
    if (t <= MAX_BYTE_SCORE) {
      return t;
    }
    return t == INT_SCORE ? (int) INT.get(data, at + 1)
        : Double.longBitsToDouble((long) LONG.get(data, at + 1));
  }

  /** Bytes of the score written at {@code at}. */
  private int scoreSizeAt(int at) {
    int t = data[at] & 0xff;
    return t <= MAX_BYTE_SCORE ? 1 : t == INT_SCORE ? 5 : 9;
  }

  /** Bytes {@link #write} uses for {@code score}. */
  static int scoreSize(double score) {
    if (score == (int) score) { // -0.0 too: stored as 0, as Redis's text does
      int i = (int) score;
      return i >= 0 && i <= MAX_BYTE_SCORE ? 1 : 5;
    }
    return 9;
  }

  /** Offset of the entry after the one whose member ({@code mlen} bytes) starts at {@code m}. */
  private int after(int m, int mlen) {
    int sb = scoreSizeAt(m + mlen);
    return m + mlen + sb + varintSize(varintSize(mlen) + mlen + sb);
  }

  private int compareMember(int p, byte[] b, int off, int len) {
    int mlen = readVarint(data, p);
    int m = p + varintSize(mlen);
    return Arrays.compareUnsigned(data, m, m + mlen, b, off, off + len);
  }

  private int next(int p) {
    int mlen = readVarint(data, p);
    return after(p + varintSize(mlen), mlen);
  }

  /** Offset of the entry ending at {@code p} (reads the backlen backwards). */
  private int prev(int p) {
    int i = 0;
    int b = data[p - 1];
    int v = b & 0x7f;
    while ((b & 0x80) != 0) {
      i++;
      b = data[p - 1 - i];
      v |= (b & 0x7f) << (7 * i);
    }
    return p - (i + 1) - v;
  }

  static int entrySize(int memberLen, double score) {
    int body = varintSize(memberLen) + memberLen + scoreSize(score);
    return body + varintSize(body);
  }

  private static int write(byte[] d, int p, byte[] b, int off, int len, double score) {
    int q = writeVarint(d, p, len);
    System.arraycopy(b, off, d, q, len);
    q += len;
    // Redis stores the score as text that listpack turns into an integer: -0 reads back 0
    int sb = scoreSize(score);
    if (sb == 1) {
      d[q] = (byte) (int) score;
    } else if (sb == 5) {
      d[q] = (byte) INT_SCORE;
      INT.set(d, q + 1, (int) score);
    } else {
      d[q] = (byte) DOUBLE_SCORE;
      LONG.set(d, q + 1, Double.doubleToRawLongBits(score));
    }
    q += sb;
    int body = q - p;
    int k = varintSize(body);
    for (int i = 0; i < k; i++) {
      d[q + k - 1 - i] = (byte) (((body >>> (7 * i)) & 0x7f) | (i < k - 1 ? 0x80 : 0));
    }
    return q + k;
  }

  static int varintSize(int v) {
    if (v < (1 << 7)) {
      return 1;
    }
    if (v < (1 << 14)) {
      return 2;
    }
    if (v < (1 << 21)) {
      return 3;
    }
    return v < (1 << 28) ? 4 : 5;
  }

  private static int writeVarint(byte[] d, int p, int v) {
    int q = p;
    int x = v;
    while (x >= 0x80) {
      d[q++] = (byte) ((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    d[q++] = (byte) x;
    return q;
  }

  private static int readVarint(byte[] d, int p) {
    int v = 0;
    int shift = 0;
    int q = p;
    while (true) {
      int b = d[q++];
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
    }
  }
}
