package io.lime.internal.type;

import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The compact hash encoding (Redis's {@code listpack} for small hashes): every field and
 * value in one byte array, in insertion order, looked up by linear scan. Used while the hash
 * has at most {@code hash-max-listpack-entries} fields and no field or value longer than
 * {@code hash-max-listpack-value} bytes.
 *
 * <p>Layout: a sequence of strings {@code field0 value0 field1 value1 ...}, each a length
 * header followed by the bytes:
 * <pre>
 *   0xxxxxxx                       length 0..127          (1 byte header)
 *   10xxxxxx xxxxxxxx              length 128..16383      (2 bytes, big-endian 14 bits)
 *   11000000 xxxxxxxx*4            any other length       (5 bytes, big-endian int)
 * </pre>
 * A hash of ten 2-byte fields with 10-byte values takes 140 bytes of payload. The array is
 * sized exactly while small (as Redis reallocs its listpack on every change) and with 1/8
 * slack when larger, so a long run of HSETs on a big listpack copies in amortized O(1).
 *
 * <p>Not thread-safe: guarded by the shard lock.
 */
public final class ListpackHash implements HashValue {
  private static final byte[] EMPTY = new byte[0];
  /** Below this size the buffer grows to the exact size needed. */
  private static final int EXACT_GROWTH_BYTES = 512;

  private byte[] buf;
  private int used;
  private int size;

  /** An empty hash. */
  public ListpackHash() {
    this.buf = EMPTY;
  }

  private ListpackHash(byte[] buf, int used, int size) {
    this.buf = buf;
    this.used = used;
    this.size = size;
  }

  @Override
  public long memoryBytes() {
    return HOLDER_BYTES + io.lime.internal.engine.MemoryLayout.byteArray(buf.length);
  }

  private static final long HOLDER_BYTES = io.lime.internal.engine.MemoryLayout.object(12);

  @Override
  public int size() {
    return size;
  }

  @Override
  public String encoding() {
    return "listpack";
  }

  /** Bytes of payload in use (for memory accounting and tests). */
  int usedBytes() {
    return used;
  }

  // ------------------------------------------------------------------ string headers

  static int headerSize(int len) {
    return len < 0x80 ? 1 : len < 0x4000 ? 2 : 5;
  }

  private int headerAt(int p) {
    int b0 = buf[p] & 0xff;
    return b0 < 0x80 ? 1 : b0 < 0xC0 ? 2 : 5;
  }

  private int lengthAt(int p) {
    int b0 = buf[p] & 0xff;
    if (b0 < 0x80) {
      return b0;
    }
    if (b0 < 0xC0) {
      return (b0 & 0x3f) << 8 | (buf[p + 1] & 0xff);
    }
    return (buf[p + 1] & 0xff) << 24 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 8
        | (buf[p + 4] & 0xff);
  }

  /** Position just past the string at {@code p}. */
  private int next(int p) {
    return p + headerAt(p) + lengthAt(p);
  }

  private static int writeString(byte[] dst, int p, byte[] b, int off, int len) {
    if (len < 0x80) {
      dst[p++] = (byte) len;
    } else if (len < 0x4000) {
      dst[p++] = (byte) (0x80 | len >>> 8);
      dst[p++] = (byte) len;
    } else {
      dst[p++] = (byte) 0xC0;
      dst[p++] = (byte) (len >>> 24);
      dst[p++] = (byte) (len >>> 16);
      dst[p++] = (byte) (len >>> 8);
      dst[p++] = (byte) len;
    }
    System.arraycopy(b, off, dst, p, len);
    return p + len;
  }

  /** Position of the field's value string, or -1. */
  private int find(byte[] f, int off, int len) {
    int p = 0;
    while (p < used) {
      int h = headerAt(p);
      int n = lengthAt(p);
      int data = p + h;
      if (n == len && Arrays.equals(buf, data, data + n, f, off, off + len)) {
        return data + n;
      }
      p = next(data + n);
    }
    return -1;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public int valueLength(byte[] f, int off, int len) {
    int v = find(f, off, len);
    return v < 0 ? -1 : lengthAt(v);
  }

  @Override
  public boolean replyValue(ReplySink out, byte[] f, int off, int len) {
    int v = find(f, off, len);
    if (v < 0) {
      return false;
    }
    out.bulk(buf, v + headerAt(v), lengthAt(v));
    return true;
  }

  @Override
  public byte @Nullable [] get(byte[] f, int off, int len) {
    int v = find(f, off, len);
    if (v < 0) {
      return null;
    }
    int d = v + headerAt(v);
    return Arrays.copyOfRange(buf, d, d + lengthAt(v));
  }

  @Override
  public void forEach(PairVisitor visitor) {
    int p = 0;
    while (p < used) {
      p = visitAt(p, visitor);
    }
  }

  /** Visits the pair whose field is at {@code p}; returns the position after it. */
  private int visitAt(int p, PairVisitor visitor) {
    int fd = p + headerAt(p);
    int fl = lengthAt(p);
    int v = fd + fl;
    int vd = v + headerAt(v);
    int vl = lengthAt(v);
    visitor.pair(buf, fd, fl, buf, vd, vl);
    return vd + vl;
  }

  @Override
  public long scan(long cursor, long count, PairVisitor visitor) {
    forEach(visitor);
    return 0;
  }

  @Override
  public void randomPairs(long count, PairVisitor visitor) {
    int[] positions = new int[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      positions[i] = p;
      p = next(next(p));
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (long i = 0; i < count; i++) {
      visitAt(positions[rnd.nextInt(size)], visitor);
    }
  }

  /** Selection sampling (Knuth's algorithm S): distinct pairs, in listpack order, as Redis's lpRandomPairsUnique. */
  @Override
  public void randomDistinctPairs(int count, PairVisitor visitor) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int needed = count;
    int p = 0;
    for (int remaining = size; needed > 0 && p < used; remaining--) {
      if (rnd.nextInt(remaining) < needed) {
        p = visitAt(p, visitor);
        needed--;
      } else {
        p = next(next(p));
      }
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean put(byte[] f, int foff, int flen, byte[] v, int voff, int vlen) {
    int at = find(f, foff, flen);
    if (at >= 0) {
      replaceString(at, v, voff, vlen);
      return false;
    }
    int need = headerSize(flen) + flen + headerSize(vlen) + vlen;
    ensureCapacity(used + need);
    int p = writeString(buf, used, f, foff, flen);
    used = writeString(buf, p, v, voff, vlen);
    size++;
    return true;
  }

  /** Replaces the string at {@code p} with {@code b[off..off+len)}, shifting the tail. */
  private void replaceString(int p, byte[] b, int off, int len) {
    int oldEnd = next(p);
    int newLen = headerSize(len) + len;
    int delta = newLen - (oldEnd - p);
    if (delta > 0) {
      ensureCapacity(used + delta);
    }
    System.arraycopy(buf, oldEnd, buf, oldEnd + delta, used - oldEnd);
    writeString(buf, p, b, off, len);
    used += delta;
    if (delta < 0) {
      trim();
    }
  }

  @Override
  public boolean remove(byte[] f, int off, int len) {
    int v = find(f, off, len);
    if (v < 0) {
      return false;
    }
    int start = v - len - headerSize(len);
    int end = next(v);
    System.arraycopy(buf, end, buf, start, used - end);
    used -= end - start;
    size--;
    trim();
    return true;
  }

  private void ensureCapacity(int need) {
    if (need > buf.length) {
      int cap = need <= EXACT_GROWTH_BYTES ? need : Math.max(need, buf.length + (buf.length >>> 3));
      buf = Arrays.copyOf(buf, cap);
    }
  }

  /** Gives memory back after shrinking: exact while small, at most 1/4 slack otherwise. */
  private void trim() {
    if (used <= EXACT_GROWTH_BYTES ? buf.length != used : buf.length - used > buf.length >>> 2) {
      buf = used == 0 ? EMPTY : Arrays.copyOf(buf, used);
    }
  }

  @Override
  public ListpackHash copy() {
    return new ListpackHash(used == 0 ? EMPTY : Arrays.copyOf(buf, used), used, size);
  }

  /** Converts to the hashtable encoding (Redis's hashTypeConvertListpack), keeping every pair. */
  TableHash toTable() {
    TableHash t = new TableHash(size);
    forEach((fb, foff, flen, vb, voff, vlen) -> t.put(fb, foff, flen, vb, voff, vlen));
    return t;
  }
}
