package io.lime.internal.type;

import io.lime.internal.engine.Hashing;
import io.lime.resp.ReplySink;
import io.lime.internal.engine.MemoryLayout;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hashtable} hash encoding (Redis's dict of sds fields and values): a
 * {@link ChainedTable} of field nodes carrying their values, for hashes past the listpack
 * thresholds.
 *
 * <p>Implementation notes. Sizing follows Redis's dict ({@link ChainedTable}): 4 buckets
 * initially, grown to the next power of two above the size when the size reaches the bucket
 * count, shrunk (never below 4) when a deletion leaves it under 10% full (t_hash.c's
 * htNeedsResize after hashTypeDelete). There is no incremental rehash: a resize happens at
 * once under the shard lock. {@link #scan} is Redis's dictScan reverse-binary cursor, which
 * returns every pair present for a whole scan at least once even when the table is resized
 * between steps.
 *
 * <p>Not thread-safe: guarded by the shard lock.
 */
public final class TableHash implements HashValue {
  /** Up to this many repeated random picks use bucket sampling; more build an index. */
  private static final int SAMPLED_RANDOM_PICKS = 16;

  /** A chain link: a field (the key) with its cached hash and its value. */
  private static final class Node extends ChainedTable.Node<Node> {
    byte[] value;

    Node(byte[] field, byte[] value, int hash) {
      super(field, hash);
      this.value = value;
    }
  }

  private final ChainedTable<Node> table;
  /** Heap bytes of the value arrays (memory accounting). */
  private long valueBytes;
  /** A node: the chain link's fields and the value reference. */
  private static final long NODE_BYTES = MemoryLayout.object(16);
  private static final long HOLDER_BYTES = MemoryLayout.object(12);

  /** An empty table presized for {@code expected} fields. */
  public TableHash(int expected) {
    this.table = new ChainedTable<>(expected);
  }

  @Override public int size() { return table.size(); }

  /** One allocation per field (Redis's hashtable encoding). */
  @Override public long freeEffort() { return table.size(); }

  @Override public void release() { table.release(); }

  @Override public String encoding() { return "hashtable"; }

  /** Number of buckets (tests). */ int buckets() { return table.buckets(); }

  private @Nullable Node node(byte[] f, int off, int len) {
    return table.find(f, off, len, Hashing.hash(f, off, len));
  }

  // ------------------------------------------------------------------ reads

  @Override
  public int valueLength(byte[] f, int off, int len) {
    Node n = node(f, off, len);
    return n == null ? -1 : n.value.length;
  }

  @Override
  public boolean replyValue(ReplySink out, byte[] f, int off, int len) {
    Node n = node(f, off, len);
    if (n == null) {
      return false;
    }
    out.bulk(n.value);
    return true;
  }

  @Override
  public byte @Nullable [] get(byte[] f, int off, int len) {
    Node n = node(f, off, len);
    return n == null ? null : n.value.clone();
  }

  @Override
  public void forEach(PairVisitor v) {
    for (int i = 0; i < table.buckets(); i++) {
      for (Node n = table.head(i); n != null; n = n.next) {
        v.pair(n.key, 0, n.key.length, n.value, 0, n.value.length);
      }
    }
  }

  @Override
  public long scan(long cursor, long count, PairVisitor v) {
    if (table.size() == 0) {
      return 0;
    }
    long items = 0;
    long maxIterations = count * 10; // wraps for huge counts; != 0 below then never stops early, as in Redis
    long c = cursor;
    do {
      for (Node n = table.bucketAt(c); n != null; n = n.next) {
        v.pair(n.key, 0, n.key.length, n.value, 0, n.value.length);
        items += 2;
      }
      c = table.nextCursor(c);
    } while (c != 0 && maxIterations-- != 0 && items < count);
    return c;
  }

  @Override
  public void randomPairs(long count, PairVisitor v) {
    if (count <= SAMPLED_RANDOM_PICKS) {
      for (long i = 0; i < count; i++) {
        Node n = table.random();
        v.pair(n.key, 0, n.key.length, n.value, 0, n.value.length);
      }
      return;
    }
    Node[] all = nodes();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (long i = 0; i < count; i++) {
      Node n = all[rnd.nextInt(all.length)];
      v.pair(n.key, 0, n.key.length, n.value, 0, n.value.length);
    }
  }

  @Override
  public void randomDistinctPairs(int count, PairVisitor v) {
    Node[] all = nodes();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = 0; i < count; i++) {
      int j = i + rnd.nextInt(all.length - i);
      Node n = all[j];
      all[j] = all[i];
      all[i] = n;
      v.pair(n.key, 0, n.key.length, n.value, 0, n.value.length);
    }
  }

  private Node[] nodes() {
    Node[] all = new Node[table.size()];
    int k = 0;
    for (int i = 0; i < table.buckets(); i++) {
      for (Node n = table.head(i); n != null; n = n.next) {
        all[k++] = n;
      }
    }
    return all;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean put(byte[] f, int foff, int flen, byte[] v, int voff, int vlen) {
    int h = Hashing.hash(f, foff, flen);
    Node n = table.find(f, foff, flen, h);
    if (n != null) {
      if (n.value.length == vlen) { // in place: no allocation, no reference store (G1 barrier)
        System.arraycopy(v, voff, n.value, 0, vlen);
        return false;
      }
      valueBytes += MemoryLayout.byteArray(vlen) - MemoryLayout.byteArray(n.value.length);
      n.value = Arrays.copyOfRange(v, voff, voff + vlen);
      return false;
    }
    table.insert(new Node(Arrays.copyOfRange(f, foff, foff + flen),
        Arrays.copyOfRange(v, voff, voff + vlen), h));
    valueBytes += MemoryLayout.byteArray(vlen);
    return true;
  }

  @Override
  public boolean remove(byte[] f, int off, int len) {
    Node n = table.remove(f, off, len, Hashing.hash(f, off, len));
    if (n == null) {
      return false;
    }
    valueBytes -= MemoryLayout.byteArray(n.value.length);
    return true;
  }

  @Override
  public long memoryBytes() {
    return HOLDER_BYTES + table.memoryBytes(NODE_BYTES) + valueBytes;
  }

  @Override
  public TableHash copy() {
    TableHash t = new TableHash(table.size());
    forEach(t::put);
    return t;
  }
}
