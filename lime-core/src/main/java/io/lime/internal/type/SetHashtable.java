package io.lime.internal.type;

import io.lime.internal.engine.Hashing;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hashtable} encoding of sets: a chained hash table of member byte arrays, sized
 * as Redis's dict (src/dict.c) so that it grows, shrinks and scans the way Redis's does.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Sizing.</b> Power-of-two bucket arrays, at least {@value #MIN_BUCKETS}: an insert
 *       into a full table (members >= buckets) grows it to the next power of two above the
 *       member count (dictExpand(used + 1)); a removal leaving it under
 *       {@value #MIN_FILL_PERCENT}% full shrinks it to the smallest power of two holding the
 *       members (htNeedsResize + dictResize, which Redis runs on SREM). Resizing is done at
 *       once, not incrementally: a set is guarded by one shard lock and sets are small
 *       compared to a keyspace.</li>
 *   <li><b>Scan.</b> {@link #scan} is dictScan's reverse-binary cursor over the bucket
 *       array, so a full scan returns every member present throughout at least once even if
 *       the table is resized between steps (members may repeat after a shrink).</li>
 *   <li><b>Members</b> are exact-size arrays owned by the table, never modified.</li>
 * </ul>
 *
 * <p>Not thread-safe: guarded by the lock of the shard holding the set.
 */
final class SetHashtable {
  /** Redis's DICT_HT_INITIAL_SIZE. */
  static final int MIN_BUCKETS = 4;
  /** Redis's HASHTABLE_MIN_FILL: shrink when fewer members than this percent of buckets. */
  static final int MIN_FILL_PERCENT = 10;

  /** A chain link: one member with its cached hash. */
  static final class Node {
    final byte[] member;
    final int hash;
    @Nullable Node next;

    Node(byte[] member, int hash, @Nullable Node next) {
      this.member = member;
      this.hash = hash;
      this.next = next;
    }
  }

  private @Nullable Node[] table;
  private int size;

  /** An empty table with room for {@code expected} members before its first resize. */
  SetHashtable(int expected) {
    this.table = new Node[bucketsFor(expected)];
  }

  /** Number of members. */
  int size() {
    return size;
  }

  /** Number of buckets (for tests). */
  int buckets() {
    return table.length;
  }

  /** Whether the member of {@code len} bytes of {@code b} from {@code off} is present. */
  boolean contains(byte[] b, int off, int len) {
    return find(b, off, len, Hashing.hash(b, off, len)) != null;
  }

  /** Adds a copy of the slice; false when present. */
  boolean add(byte[] b, int off, int len) {
    int h = Hashing.hash(b, off, len);
    if (find(b, off, len, h) != null) {
      return false;
    }
    insert(Arrays.copyOfRange(b, off, off + len), h);
    return true;
  }

  /** Adds {@code member}, taking ownership of the array; false when present. */
  boolean addOwned(byte[] member) {
    int h = Hashing.hash(member, 0, member.length);
    if (find(member, 0, member.length, h) != null) {
      return false;
    }
    insert(member, h);
    return true;
  }

  /** Removes the slice; false when absent. Shrinks the table when it gets sparse. */
  boolean remove(byte[] b, int off, int len) {
    int h = Hashing.hash(b, off, len);
    int i = h & (table.length - 1);
    Node prev = null;
    for (Node n = table[i]; n != null; prev = n, n = n.next) {
      if (n.hash == h && equal(n.member, b, off, len)) {
        if (prev == null) {
          table[i] = n.next;
        } else {
          prev.next = n.next;
        }
        size--;
        if (table.length > MIN_BUCKETS && (long) size * 100 / table.length < MIN_FILL_PERCENT) {
          resize(bucketsFor(size));
        }
        return true;
      }
    }
    return false;
  }

  /** A uniformly chosen bucket's random member (dictGetRandomKey); the set must not be empty. */
  byte[] random() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int mask = table.length - 1;
    Node head;
    do {
      head = table[rnd.nextInt() & mask];
    } while (head == null);
    int len = 0;
    for (Node n = head; n != null; n = n.next) {
      len++;
    }
    Node n = head;
    for (int k = rnd.nextInt(len); k > 0; k--) {
      n = n.next;
    }
    return n.member;
  }

  /**
   * One dictScan step: visits the members of bucket {@code cursor & mask} and returns the next
   * cursor (reverse-binary increment), 0 when the scan is complete.
   */
  long scan(long cursor, Consumer<byte[]> visitor) {
    if (size == 0) {
      return 0;
    }
    long mask = table.length - 1;
    for (Node n = table[(int) (cursor & mask)]; n != null; n = n.next) {
      visitor.accept(n.member);
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    return Long.reverse(v);
  }

  /** The bucket array, for iteration by {@link SetValue.Cursor}; do not modify. */
  @Nullable Node[] table() {
    return table;
  }

  /** A copy sharing the (immutable) member arrays. */
  SetHashtable copy() {
    SetHashtable c = new SetHashtable(0);
    c.table = new Node[table.length];
    for (int i = 0; i < table.length; i++) {
      for (Node n = table[i]; n != null; n = n.next) {
        c.table[i] = new Node(n.member, n.hash, c.table[i]);
      }
    }
    c.size = size;
    return c;
  }

  private @Nullable Node find(byte[] b, int off, int len, int h) {
    for (Node n = table[h & (table.length - 1)]; n != null; n = n.next) {
      if (n.hash == h && equal(n.member, b, off, len)) {
        return n;
      }
    }
    return null;
  }

  private void insert(byte[] member, int h) {
    if (size >= table.length) {
      resize(bucketsFor(size + 1));
    }
    int i = h & (table.length - 1);
    table[i] = new Node(member, h, table[i]);
    size++;
  }

  private void resize(int buckets) {
    if (buckets == table.length) {
      return;
    }
    Node[] old = table;
    Node[] t = new Node[buckets];
    int mask = buckets - 1;
    for (Node head : old) {
      Node n = head;
      while (n != null) {
        Node next = n.next;
        int i = n.hash & mask;
        n.next = t[i];
        t[i] = n;
        n = next;
      }
    }
    table = t;
  }

  /** The smallest power of two >= {@code n}, at least {@link #MIN_BUCKETS} (_dictNextExp). */
  static int bucketsFor(long n) {
    if (n <= MIN_BUCKETS) {
      return MIN_BUCKETS;
    }
    if (n >= 1 << 30) {
      return 1 << 30;
    }
    return Integer.highestOneBit((int) n - 1) << 1;
  }

  private static boolean equal(byte[] m, byte[] b, int off, int len) {
    return m.length == len && Arrays.equals(m, 0, len, b, off, off + len);
  }
}
