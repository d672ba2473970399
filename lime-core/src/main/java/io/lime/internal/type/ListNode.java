package io.lime.internal.type;

import java.util.Arrays;

/**
 * One node of a {@link ListValue}: a run of elements packed into one byte array, the role
 * Redis's listpack plays inside a quicklist node.
 *
 * <pre>
 * buf: [ free ... | entry | entry | ... | entry | ... free ]
 *                 ^start                        ^end
 * entry:  len (1 or 5 bytes) | data (len bytes) | backlen (1 or 5 bytes)
 *   len < 128:  one byte holding len            (forward and backward)
 *   otherwise:  0xFF then 4 bytes big-endian    (forward)
 *               4 bytes big-endian then 0xFF    (backward)
 * </pre>
 *
 * <p>The length is written at both ends of an entry so the node is walked in both directions,
 * as a listpack's backlen allows. Free room is kept at both ends (a gap buffer), so pushing
 * and popping at either end of a node are O(1) amortised; an insertion or removal inside the
 * node moves the shorter side. Positions are offsets of an entry's first byte in {@link #buf}.
 *
 * <p>Not thread-safe: guarded by the lock of the shard whose entry holds the list.
 */
final class ListNode {
  /** Marker of a 5-byte length. */
  private static final int LONG_LEN = 0xFF;
  /** Lengths below this take one byte. */
  private static final int SHORT_LEN_LIMIT = 128;
  private static final int MIN_CAPACITY = 16;

  /** Redis's SIZE_SAFETY_LIMIT: a node never grows past this with a positive fill. */
  static final int SIZE_SAFETY_LIMIT_BYTES = 8192;
  /** Redis's optimization_level: node byte limits for fill -1..-5. */
  private static final int[] NODE_LIMIT_BYTES = {4096, 8192, 16384, 32768, 65536};
  /** A listpack's header and end byte, counted as Redis counts a node's size. */
  private static final int LISTPACK_OVERHEAD_BYTES = 7;

  byte[] buf;
  int start;
  int end;
  int count;

  ListNode(int capacity) {
    this.buf = new byte[Math.max(MIN_CAPACITY, capacity)];
    this.start = buf.length / 2;
    this.end = start;
  }

  private ListNode(byte[] buf, int start, int end, int count) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.count = count;
  }

  /** Bytes the entries take. */
  int bytes() {
    return end - start;
  }

  /** Bytes an element of {@code len} bytes takes in a node. */
  static int entrySize(int len) {
    return len + (len < SHORT_LEN_LIMIT ? 2 : 10);
  }

  // ------------------------------------------------------------------ node limits
  // list-max-listpack-size ({@code fill}) positive: at most that many elements per node, and
  // at most SIZE_SAFETY_LIMIT_BYTES; -1..-5: at most 4/8/16/32/64 KiB per node.

  /** Whether an element of {@code len} bytes can join node {@code n} under {@code fill}. */
  static boolean fits(ListNode n, int len, int fill) {
    long bytes = (long) n.bytes() + entrySize(len) + LISTPACK_OVERHEAD_BYTES;
    if (fill >= 0) {
      return n.count + 1 <= fill && bytes <= SIZE_SAFETY_LIMIT_BYTES;
    }
    return bytes <= NODE_LIMIT_BYTES[Math.min(5, -fill) - 1];
  }

  /** Whether node {@code n} is over the limit of {@code fill} (to be split). */
  static boolean overfull(ListNode n, int fill) {
    long bytes = (long) n.bytes() + LISTPACK_OVERHEAD_BYTES;
    if (fill >= 0) {
      return n.count > Math.max(1, fill) || (n.count > 1 && bytes > SIZE_SAFETY_LIMIT_BYTES);
    }
    return n.count > 1 && bytes > NODE_LIMIT_BYTES[Math.min(5, -fill) - 1];
  }

  /** Whether nodes {@code a} and {@code b} fit in one under {@code fill}. */
  static boolean mergeable(ListNode a, ListNode b, int fill) {
    long bytes = (long) a.bytes() + b.bytes() + LISTPACK_OVERHEAD_BYTES;
    if (fill >= 0) {
      return a.count + b.count <= fill && bytes <= SIZE_SAFETY_LIMIT_BYTES;
    }
    return bytes <= NODE_LIMIT_BYTES[Math.min(5, -fill) - 1];
  }

  // ------------------------------------------------------------------ reading

  /** Length of the element whose entry starts at {@code p}. */
  int length(int p) {
    int b = buf[p] & 0xFF;
    return b != LONG_LEN ? b : readInt(p + 1);
  }

  /** Offset of the data of the entry starting at {@code p}. */
  int dataOffset(int p) {
    return (buf[p] & 0xFF) != LONG_LEN ? p + 1 : p + 5;
  }

  /** Position of the entry after the one at {@code p} ({@link #end} when last). */
  int next(int p) {
    return p + entrySize(length(p));
  }

  /** Position of the entry before the one at {@code p} (which may be {@link #end}). */
  int prev(int p) {
    int b = buf[p - 1] & 0xFF;
    int len = b != LONG_LEN ? b : readInt(p - 5);
    return p - entrySize(len);
  }

  /** Position of the last entry; the node must not be empty. */
  int last() {
    return prev(end);
  }

  /** A copy of the element at {@code p}. */
  byte[] copy(int p) {
    int d = dataOffset(p);
    return Arrays.copyOfRange(buf, d, d + length(p));
  }

  /** Whether the element at {@code p} equals {@code b[off..off+len)}. */
  boolean matches(int p, byte[] b, int off, int len) {
    int d = dataOffset(p);
    return length(p) == len && Arrays.equals(buf, d, d + len, b, off, off + len);
  }

  /** Position of the {@code i}-th entry (0-based), walking from the nearer end. */
  int positionOf(int i) {
    if (i <= count / 2) {
      int p = start;
      for (int k = 0; k < i; k++) {
        p = next(p);
      }
      return p;
    }
    int p = end;
    for (int k = count; k > i; k--) {
      p = prev(p);
    }
    return p;
  }

  // ------------------------------------------------------------------ writing

  /** Prepends an element. */
  void pushHead(byte[] b, int off, int len) {
    int size = entrySize(len);
    if (start < size) {
      regrow(size, true);
    }
    start -= size;
    write(start, b, off, len);
    count++;
  }

  /** Shrinks the buffer to the entries (at least the minimum capacity). */
  void fitToSize() {
    int cap = Math.max(MIN_CAPACITY, bytes());
    if (cap < buf.length) {
      recentre(cap);
    }
  }

  /** Appends an element. */
  void pushTail(byte[] b, int off, int len) {
    int size = entrySize(len);
    if (buf.length - end < size) {
      regrow(size, false);
    }
    write(end, b, off, len);
    end += size;
    count++;
  }

  /**
   * Inserts an element before the entry at {@code p} (or at the end when {@code p} is
   * {@link #end}); returns the position of the new entry.
   */
  int insertAt(int p, byte[] b, int off, int len) {
    int size = entrySize(len);
    if (p == start) {
      pushHead(b, off, len);
      return start;
    }
    if (p == end) {
      pushTail(b, off, len);
      return end - size;
    }
    count++;
    if (p - start <= end - p && start >= size) {
      System.arraycopy(buf, start, buf, start - size, p - start);
      start -= size;
      write(p - size, b, off, len);
      return p - size;
    }
    if (buf.length - end < size) {
      int rel = p - start;
      regrow(size, false);
      p = start + rel;
    }
    System.arraycopy(buf, p, buf, p + size, end - p);
    end += size;
    write(p, b, off, len);
    return p;
  }

  /** Removes the entry at {@code p}; returns the position of the entry that followed it. */
  int removeAt(int p) {
    int size = entrySize(length(p));
    count--;
    if (p - start < end - p - size) {
      System.arraycopy(buf, start, buf, start + size, p - start);
      start += size;
      return p + size;
    }
    System.arraycopy(buf, p + size, buf, p, end - p - size);
    end -= size;
    return p;
  }

  /** Removes the first ({@code head}) or the last {@code n} entries. */
  void removeEnd(boolean head, int n) {
    int p = head ? start : end;
    for (int k = 0; k < n; k++) {
      p = head ? next(p) : prev(p);
    }
    if (head) {
      start = p;
    } else {
      end = p;
    }
    count -= n;
    maybeShrink();
  }

  /** Replaces the element at {@code p}; returns its new position. */
  int replaceAt(int p, byte[] b, int off, int len) {
    if (length(p) == len) {
      System.arraycopy(b, off, buf, dataOffset(p), len);
      return p;
    }
    return insertAt(removeAt(p), b, off, len);
  }

  /**
   * Moves the entries from position {@code p} on (the {@code i}-th entry on) into a new node
   * and returns it.
   */
  ListNode splitAt(int p, int i) {
    int n = end - p;
    byte[] nb = new byte[Math.max(MIN_CAPACITY, n + n / 2)];
    int ns = (nb.length - n) / 2;
    System.arraycopy(buf, p, nb, ns, n);
    ListNode tail = new ListNode(nb, ns, ns + n, count - i);
    end = p;
    count = i;
    maybeShrink();
    return tail;
  }

  /** Appends every entry of {@code other} (which is left unchanged). */
  void append(ListNode other) {
    int n = other.bytes();
    if (buf.length - end < n) {
      regrow(n, false);
    }
    System.arraycopy(other.buf, other.start, buf, end, n);
    end += n;
    count += other.count;
  }

  /** A deep copy. */
  ListNode duplicate() {
    int n = bytes();
    byte[] nb = new byte[Math.max(MIN_CAPACITY, n)];
    int ns = (nb.length - n) / 2;
    System.arraycopy(buf, start, nb, ns, n);
    return new ListNode(nb, ns, ns + n, count);
  }

  private void write(int p, byte[] b, int off, int len) {
    int d;
    if (len < SHORT_LEN_LIMIT) {
      buf[p] = (byte) len;
      d = p + 1;
      System.arraycopy(b, off, buf, d, len);
      buf[d + len] = (byte) len;
    } else {
      buf[p] = (byte) LONG_LEN;
      writeInt(p + 1, len);
      d = p + 5;
      System.arraycopy(b, off, buf, d, len);
      writeInt(d + len, len);
      buf[d + len + 4] = (byte) LONG_LEN;
    }
  }

  /** Re-centres or grows the buffer so {@code need} more bytes fit at the head or tail. */
  private void regrow(int need, boolean atHead) {
    int used = bytes();
    int cap = buf.length;
    if (used + need > cap * 3 / 4 || cap - used < 2 * need) {
      cap = Math.max(MIN_CAPACITY, (used + need) * 3 / 2 + need);
    }
    byte[] nb = cap == buf.length ? buf : new byte[cap];
    int free = cap - used;
    int ns = atHead ? Math.max(need, free - free / 2) : Math.min(free - need, free / 2);
    System.arraycopy(buf, start, nb, ns, used);
    buf = nb;
    end = ns + used;
    start = ns;
  }

  /** Gives memory back once the node is much smaller than its buffer. */
  private void maybeShrink() {
    int used = bytes();
    if (buf.length > 4 * MIN_CAPACITY && used < buf.length / 4) {
      recentre(Math.max(MIN_CAPACITY, used * 2));
    }
  }

  /** Moves the entries to the middle of a new buffer of {@code cap} bytes. */
  private void recentre(int cap) {
    int used = bytes();
    byte[] nb = new byte[cap];
    int ns = (cap - used) / 2;
    System.arraycopy(buf, start, nb, ns, used);
    buf = nb;
    start = ns;
    end = ns + used;
  }

  private int readInt(int p) {
    return (buf[p] & 0xFF) << 24 | (buf[p + 1] & 0xFF) << 16 | (buf[p + 2] & 0xFF) << 8
        | (buf[p + 3] & 0xFF);
  }

  private void writeInt(int p, int v) {
    buf[p] = (byte) (v >>> 24);
    buf[p + 1] = (byte) (v >>> 16);
    buf[p + 2] = (byte) (v >>> 8);
    buf[p + 3] = (byte) v;
  }
}
