package io.lime.internal.type;

import io.lime.internal.engine.Hashing;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hashtable} hash encoding (Redis's dict of sds fields and values): a chained hash
 * table with power-of-two buckets, for hashes past the listpack thresholds.
 *
 * <p>Implementation notes. Sizing follows Redis's dict: 4 buckets initially, grown to the
 * next power of two above the size when the size reaches the bucket count, shrunk (never
 * below 4) when a deletion leaves it under 10% full (t_hash.c's htNeedsResize after
 * hashTypeDelete). There is no incremental rehash: a resize happens at once under the shard
 * lock. {@link #scan} is Redis's dictScan reverse-binary cursor, which returns every pair
 * present for a whole scan at least once even when the table is resized between steps.
 *
 * <p>Not thread-safe: guarded by the shard lock.
 */
public final class TableHash implements HashValue {
  private static final int MIN_BUCKETS = 4;
  private static final int MIN_FILL_PERCENT = 10;
  /** Up to this many repeated random picks use bucket sampling; more build an index. */
  private static final int SAMPLED_RANDOM_PICKS = 16;

  private static final class Node {
    final byte[] field;
    byte[] value;
    final int hash;
    @Nullable Node next;

    Node(byte[] field, byte[] value, int hash) {
      this.field = field;
      this.value = value;
      this.hash = hash;
    }
  }

  private @Nullable Node[] buckets;
  private int size;

  /** An empty table presized for {@code expected} fields. */
  public TableHash(int expected) {
    this.buckets = new Node[capacityFor(expected)];
  }

  private static int capacityFor(int n) {
    int c = MIN_BUCKETS;
    while (c < n && c < (1 << 30)) {
      c <<= 1;
    }
    return c;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String encoding() {
    return "hashtable";
  }

  /** Number of buckets (tests). */
  int buckets() {
    return buckets.length;
  }

  private @Nullable Node node(byte[] f, int off, int len) {
    int h = Hashing.hash(f, off, len);
    for (Node n = buckets[h & (buckets.length - 1)]; n != null; n = n.next) {
      if (n.hash == h && n.field.length == len
          && Arrays.equals(n.field, 0, len, f, off, off + len)) {
        return n;
      }
    }
    return null;
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
    for (Node head : buckets) {
      for (Node n = head; n != null; n = n.next) {
        v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
      }
    }
  }

  @Override
  public long scan(long cursor, long count, PairVisitor v) {
    if (size == 0) {
      return 0;
    }
    long items = 0;
    long maxIterations = count * 10; // wraps for huge counts; != 0 below then never stops early, as in Redis
    long c = cursor;
    do {
      long mask = buckets.length - 1;
      for (Node n = buckets[(int) (c & mask)]; n != null; n = n.next) {
        v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
        items += 2;
      }
      c |= ~mask;
      c = Long.reverse(c);
      c++;
      c = Long.reverse(c);
    } while (c != 0 && maxIterations-- != 0 && items < count);
    return c;
  }

  @Override
  public void randomPairs(long count, PairVisitor v) {
    if (count <= SAMPLED_RANDOM_PICKS) {
      for (long i = 0; i < count; i++) {
        Node n = sample();
        v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
      }
      return;
    }
    Node[] all = nodes();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (long i = 0; i < count; i++) {
      Node n = all[rnd.nextInt(all.length)];
      v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
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
      v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
    }
  }

  /** A random pair: a random non-empty bucket, then a random node of its chain. */
  private Node sample() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int mask = buckets.length - 1;
    while (true) {
      Node head = buckets[rnd.nextInt() & mask];
      if (head != null) {
        int len = 0;
        for (Node n = head; n != null; n = n.next) {
          len++;
        }
        Node n = head;
        for (int k = rnd.nextInt(len); k > 0; k--) {
          n = n.next;
        }
        return n;
      }
    }
  }

  private Node[] nodes() {
    Node[] all = new Node[size];
    int i = 0;
    for (Node head : buckets) {
      for (Node n = head; n != null; n = n.next) {
        all[i++] = n;
      }
    }
    return all;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean put(byte[] f, int foff, int flen, byte[] v, int voff, int vlen) {
    Node n = node(f, foff, flen);
    if (n != null) {
      n.value = Arrays.copyOfRange(v, voff, voff + vlen);
      return false;
    }
    if (size >= buckets.length) {
      resize(capacityFor(size + 1));
    }
    int h = Hashing.hash(f, foff, flen);
    Node fresh = new Node(Arrays.copyOfRange(f, foff, foff + flen),
        Arrays.copyOfRange(v, voff, voff + vlen), h);
    int i = h & (buckets.length - 1);
    fresh.next = buckets[i];
    buckets[i] = fresh;
    size++;
    return true;
  }

  @Override
  public boolean remove(byte[] f, int off, int len) {
    int h = Hashing.hash(f, off, len);
    int i = h & (buckets.length - 1);
    Node prev = null;
    for (Node n = buckets[i]; n != null; prev = n, n = n.next) {
      if (n.hash == h && n.field.length == len
          && Arrays.equals(n.field, 0, len, f, off, off + len)) {
        if (prev == null) {
          buckets[i] = n.next;
        } else {
          prev.next = n.next;
        }
        size--;
        if (buckets.length > MIN_BUCKETS && (long) size * 100 / buckets.length < MIN_FILL_PERCENT) {
          resize(capacityFor(size));
        }
        return true;
      }
    }
    return false;
  }

  private void resize(int capacity) {
    @Nullable Node[] fresh = new Node[capacity];
    int mask = capacity - 1;
    for (Node head : buckets) {
      Node n = head;
      while (n != null) {
        Node next = n.next;
        int i = n.hash & mask;
        n.next = fresh[i];
        fresh[i] = n;
        n = next;
      }
    }
    buckets = fresh;
  }

  @Override
  public TableHash copy() {
    TableHash t = new TableHash(size);
    forEach(t::put);
    return t;
  }
}
