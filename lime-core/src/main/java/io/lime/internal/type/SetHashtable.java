package io.lime.internal.type;

import io.lime.internal.engine.Hashing;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The {@code hashtable} encoding of sets: a {@link ChainedTable} of member byte arrays, sized
 * as Redis's dict (src/dict.c) so that it grows, shrinks and scans the way Redis's does.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Sizing.</b> {@link ChainedTable}'s: an insert into a full table grows it to the
 *       next power of two above the member count (dictExpand(used + 1)); a removal leaving it
 *       sparse shrinks it (htNeedsResize + dictResize, which Redis runs on SREM).</li>
 *   <li><b>Scan.</b> {@link #scan} is dictScan's reverse-binary cursor over the bucket
 *       array, so a full scan returns every member present throughout at least once even if
 *       the table is resized between steps (members may repeat after a shrink).</li>
 *   <li><b>Members</b> are exact-size arrays owned by the table, never modified.</li>
 * </ul>
 *
 * <p>Not thread-safe: guarded by the lock of the shard holding the set.
 */
final class SetHashtable {
  /** A chain link: one member (the key) with its cached hash. */
  static final class Node extends ChainedTable.Node<Node> {
    Node(byte[] member, int hash) {
      super(member, hash);
    }
  }

  private final ChainedTable<Node> table;

  /** An empty table with room for {@code expected} members before its first resize. */
  SetHashtable(int expected) {
    this.table = new ChainedTable<>(expected);
  }

  private SetHashtable(ChainedTable<Node> table) {
    this.table = table;
  }

  /** Number of members. */ int size() { return table.size(); }

  /** Unlinks every member (lazy free of an unreachable set). */ void release() { table.release(); }

  /** The holder, the table, a node and the bytes per member (O(1)). */
  long memoryBytes() {
    return io.lime.internal.engine.MemoryLayout.object(4) + table.memoryBytes(ChainedTable.NODE_BYTES);
  }

  /** Number of buckets (for tests). */ int buckets() { return table.buckets(); }

  /** Whether the member of {@code len} bytes of {@code b} from {@code off} is present. */
  boolean contains(byte[] b, int off, int len) {
    return table.find(b, off, len, Hashing.hash(b, off, len)) != null;
  }

  /** Adds a copy of the slice; false when present. */
  boolean add(byte[] b, int off, int len) {
    int h = Hashing.hash(b, off, len);
    if (table.find(b, off, len, h) != null) {
      return false;
    }
    table.insert(new Node(Arrays.copyOfRange(b, off, off + len), h));
    return true;
  }

  /** Adds {@code member}, taking ownership of the array; false when present. */
  boolean addOwned(byte[] member) {
    int h = Hashing.hash(member, 0, member.length);
    if (table.find(member, 0, member.length, h) != null) {
      return false;
    }
    table.insert(new Node(member, h));
    return true;
  }

  /** Removes the slice; false when absent. Shrinks the table when it gets sparse. */
  boolean remove(byte[] b, int off, int len) {
    return table.remove(b, off, len, Hashing.hash(b, off, len)) != null;
  }

  /** A uniformly chosen bucket's random member (dictGetRandomKey); the set must not be empty. */
  byte[] random() {
    return table.random().key;
  }

  /**
   * One dictScan step: visits the members of bucket {@code cursor & mask} and returns the next
   * cursor (reverse-binary increment), 0 when the scan is complete.
   */
  long scan(long cursor, Consumer<byte[]> visitor) {
    if (table.size() == 0) {
      return 0;
    }
    for (Node n = table.bucketAt(cursor); n != null; n = n.next) {
      visitor.accept(n.key);
    }
    return table.nextCursor(cursor);
  }

  /** The table, for iteration by {@link SetValue.Cursor}; do not modify. */
  ChainedTable<Node> table() {
    return table;
  }

  /** A copy sharing the (immutable) member arrays. */
  SetHashtable copy() {
    return new SetHashtable(table.copy(n -> new Node(n.key, n.hash)));
  }
}
