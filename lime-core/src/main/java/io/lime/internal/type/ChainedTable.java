package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The chained hash table behind the {@code hashtable} encodings of sets ({@link SetHashtable}),
 * hashes ({@link TableHash}) and the member index of skiplist sorted sets
 * ({@link SortedSetSkiplist}): Redis's dict (src/dict.c) for byte-string keys, with the
 * caller's node objects as chain links.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Nodes.</b> A node is a {@link Node} subclass holding the key bytes, their cached
 *       hash and the chain link; each encoding adds its own fields (a hash field's value, a
 *       sorted-set member's score and skiplist links), so an element costs one object. Keys
 *       are owned by the table and never modified. Hashes are the caller's
 *       ({@code Hashing.hash} of the key bytes).</li>
 *   <li><b>Sizing.</b> Power-of-two bucket arrays, at least {@value #MIN_BUCKETS}: an insert
 *       into a full table (size >= buckets) grows it to the next power of two above the size
 *       (dictExpand(used + 1)); {@link #shrinkIfSparse} (called by {@link #remove}) shrinks a
 *       table under {@value #MIN_FILL_PERCENT}% full to the smallest power of two holding its
 *       nodes (htNeedsResize + dictResize, run by Redis after deletions). Resizing is done at
 *       once, not incrementally: a value is guarded by one shard lock and values are small
 *       compared to a keyspace.</li>
 *   <li><b>Scan.</b> {@link #bucketAt} and {@link #nextCursor} are dictScan's reverse-binary
 *       cursor over the bucket array, so a full scan returns every node present throughout at
 *       least once even if the table is resized between steps (nodes may repeat after a
 *       shrink). The scan loops stay with the callers, whose visitors and budgets differ.</li>
 * </ul>
 *
 * <p>Per-element loops walk the chains directly (no visitor calls, no allocation); the only
 * cost over a hand-written table is a type check when a node is handed back as {@code N}.
 *
 * <p>Not thread-safe: guarded by the lock of the shard holding the value.
 *
 * @param <N> the node type
 */
final class ChainedTable<N extends ChainedTable.Node<N>> {
  /** Redis's DICT_HT_INITIAL_SIZE. */
  static final int MIN_BUCKETS = 4;
  /** Redis's HASHTABLE_MIN_FILL: shrink when fewer nodes than this percent of buckets. */
  static final int MIN_FILL_PERCENT = 10;

  /** A chain link: the key with its cached hash; subclasses add the element's other fields. */
  static class Node<N extends Node<N>> {
    final byte[] key;
    final int hash;
    @Nullable N next;

    Node(byte[] key, int hash) {
      this.key = key;
      this.hash = hash;
    }
  }

  private @Nullable Node<?>[] buckets;
  private int size;
  /** An upper bound of the chain lengths once {@link #random} has needed one, else -1. */
  private int maxChain = -1;
  /** Heap bytes of the nodes' key arrays (memory accounting, kept by insert and unlink). */
  private long keyBytes;

  /** An empty table with room for {@code expected} nodes before its first resize. */
  ChainedTable(int expected) {
    this.buckets = new Node<?>[bucketsFor(expected)];
  }

  /** Number of nodes. */ int size() { return size; }

  /** Number of buckets. */ int buckets() { return buckets.length; }

  /**
   * Heap bytes of the table: itself, its bucket array, {@code nodeBytes} per node (the
   * node object of the caller's class) and the key arrays. O(1).
   */
  long memoryBytes(long nodeBytes) {
    return TABLE_BYTES + MemoryLayout.refArray(buckets.length) + size * nodeBytes + keyBytes;
  }

  /** The table object: header, buckets, size, keyBytes. */
  private static final long TABLE_BYTES = MemoryLayout.object(4 + 4 + 8);
  /** A node with no fields beyond the key, hash and link. */
  static final long NODE_BYTES = MemoryLayout.object(12);

  /**
   * Key comparisons a lookup of every key costs (the sum over chains of 1 + 2 + ... + n):
   * the operation count hash-flooding tests compare. O(size); tests only.
   */
  long probeCost() {
    long cost = 0;
    for (int i = 0; i < buckets.length; i++) {
      long n = 0;
      for (N x = head(i); x != null; x = x.next) {
        n++;
      }
      cost += n * (n + 1) / 2;
    }
    return cost;
  }

  /** The first node of bucket {@code i} ({@code 0 <= i < buckets()}), or null. */
  @Nullable N head(int i) {
    return cast(buckets[i]);
  }

  /** The node whose key is {@code b[off..off+len)} with hash {@code h}, or null. */
  @Nullable N find(byte[] b, int off, int len, int h) {
    for (N n = head(h & (buckets.length - 1)); n != null; n = n.next) {
      if (n.hash == h && keyEquals(n.key, b, off, len)) {
        return n;
      }
    }
    return null;
  }

  /** Links {@code n}, whose key must be absent, growing the table when it is full. */
  void insert(N n) {
    if (size >= buckets.length) {
      resize(bucketsFor(size + 1L));
    }
    int i = n.hash & (buckets.length - 1);
    n.next = head(i);
    buckets[i] = n;
    size++;
    if (maxChain >= 0) {
      int len = 0;
      for (N x = n; x != null; x = x.next) {
        len++;
      }
      maxChain = Math.max(maxChain, len);
    }
    keyBytes += MemoryLayout.byteArray(n.key.length);
  }

  /**
   * Unlinks and returns the node whose key is {@code b[off..off+len)} with hash {@code h}, or
   * returns null; then shrinks the table when it got sparse.
   */
  @Nullable N remove(byte[] b, int off, int len, int h) {
    int i = h & (buckets.length - 1);
    N prev = null;
    for (N n = head(i); n != null; prev = n, n = n.next) {
      if (n.hash == h && keyEquals(n.key, b, off, len)) {
        unlink(i, prev, n);
        shrinkIfSparse();
        return n;
      }
    }
    return null;
  }

  /** Unlinks {@code n} if it is in the table, without shrinking (see {@link #shrinkIfSparse}). */
  void remove(N n) {
    int i = n.hash & (buckets.length - 1);
    N prev = null;
    for (N x = head(i); x != null; prev = x, x = x.next) {
      if (x == n) {
        unlink(i, prev, n);
        return;
      }
    }
  }

  private void unlink(int i, @Nullable N prev, N n) {
    if (prev == null) {
      buckets[i] = n.next;
    } else {
      prev.next = n.next;
    }
    n.next = null;
    size--;
    keyBytes -= MemoryLayout.byteArray(n.key.length);
  }

  /**
   * Unlinks every node and empties the table (the lazy-free thread's release of a table no
   * longer reachable from the keyspace). O(N).
   */
  void release() {
    Node<?>[] b = buckets;
    for (int i = 0; i < b.length; i++) {
      Node<?> n = b[i];
      b[i] = null;
      while (n != null) {
        Node<?> next = n.next;
        n.next = null;
        n = next;
      }
    }
    size = 0;
    keyBytes = 0;
  }

  /** Shrinks a table under {@value #MIN_FILL_PERCENT}% full (htNeedsResize + dictResize). */
  void shrinkIfSparse() {
    if (buckets.length > MIN_BUCKETS && (long) size * 100 / buckets.length < MIN_FILL_PERCENT) {
      resize(bucketsFor(size));
    }
  }

  /** Grows the table to hold {@code expected} nodes without resizing (never shrinks it). */
  void presize(int expected) {
    int b = bucketsFor(expected);
    if (b > buckets.length) {
      resize(b);
    }
  }

  /**
   * A uniformly random node; the table must not be empty. Redis picks a random bucket, then a
   * node of its chain (dictGetRandomKey), which favours nodes of short chains; here a
   * (bucket, position) pair is drawn uniformly over buckets x the longest chain and drawn
   * again when that position is empty, so every node has the same chance. The bound is
   * computed once (O(buckets)), then kept by inserts and reset by resizes.
   */
  N random() {
    if (maxChain < 0) {
      maxChain = longestChain();
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int mask = buckets.length - 1;
    while (true) {
      N n = head(rnd.nextInt() & mask);
      for (int k = rnd.nextInt(maxChain); n != null && k > 0; k--) {
        n = n.next;
      }
      if (n != null) {
        return n;
      }
    }
  }

  private int longestChain() {
    int longest = 1;
    for (int i = 0; i < buckets.length; i++) {
      int len = 0;
      for (N n = head(i); n != null; n = n.next) {
        len++;
      }
      longest = Math.max(longest, len);
    }
    return longest;
  }

  /** The first node of the bucket a scan at {@code cursor} visits, or null. */
  @Nullable N bucketAt(long cursor) {
    return head((int) (cursor & (buckets.length - 1)));
  }

  /** The cursor after {@code cursor} (reverse-binary increment over the mask); 0 when done. */
  long nextCursor(long cursor) {
    long v = cursor | ~(long) (buckets.length - 1);
    return Long.reverse(Long.reverse(v) + 1);
  }

  /**
   * A copy with the same bucket array size holding {@code dup} of every node (chains come out
   * reversed, which no caller relies on).
   */
  ChainedTable<N> copy(UnaryOperator<N> dup) {
    ChainedTable<N> c = new ChainedTable<>(0);
    c.buckets = new Node<?>[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      for (N n = head(i); n != null; n = n.next) {
        N d = dup.apply(n);
        d.next = c.head(i);
        c.buckets[i] = d;
      }
    }
    c.size = size;
    c.keyBytes = keyBytes;
    return c;
  }

  private void resize(int length) {
    if (length == buckets.length) {
      return;
    }
    @Nullable Node<?>[] old = buckets;
    buckets = new Node<?>[length];
    maxChain = -1;
    int mask = length - 1;
    for (Node<?> first : old) {
      N n = cast(first);
      while (n != null) {
        N following = n.next;
        int i = n.hash & mask;
        n.next = head(i);
        buckets[i] = n;
        n = following;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <N extends Node<N>> @Nullable N cast(@Nullable Node<?> n) {
    return (N) n;
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

  private static boolean keyEquals(byte[] key, byte[] b, int off, int len) {
    return key.length == len && Arrays.equals(key, 0, len, b, off, off + len);
  }
}
