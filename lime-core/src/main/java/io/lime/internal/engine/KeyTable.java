package io.lime.internal.engine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A chained hash table of entries with power-of-two buckets, looked up by byte slice so a
 * command never allocates a key object to find a key.
 *
 * <p>Implementation notes. Chaining (rather than open addressing) keeps deletion simple and
 * lets {@link #scan} use Redis's reverse-binary cursor, which visits every element present
 * for the whole scan exactly once or more even when the table grows or shrinks between calls.
 * The table doubles at load factor 1 and halves below 1/8 (never below the initial size).
 * Not thread-safe: the owning {@link Shard}'s lock guards it.
 */
final class KeyTable {
  private static final int MIN_CAPACITY = 16;

  private @Nullable Entry[] buckets = new Entry[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  int capacity() {
    return buckets.length;
  }

  @Nullable Entry get(byte[] b, int off, int len, int hash) {
    for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.keyEquals(b, off, len)) {
        return e;
      }
    }
    return null;
  }

  /**
   * {@link #get} without the shard's lock, for an optimistic read that validates the shard's
   * stamp afterwards: it may see a table in the middle of a change (a chain being relinked by
   * a resize, an entry whose fields are not yet visible), so it checks every bound instead of
   * trusting the table's invariants, never throws, and gives up (returns {@link #GAVE_UP})
   * after {@value #RACY_STEPS} entries of one chain. A null result means absent only once the
   * stamp is validated.
   */
  @Nullable Entry getRacy(byte[] b, int off, int len, int hash) {
    @Nullable Entry[] t = buckets;
    int steps = 0;
    for (Entry e = t[hash & (t.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.keyEqualsRacy(b, off, len)) {
        return e;
      }
      if (++steps == RACY_STEPS) {
        return GAVE_UP;
      }
    }
    return null;
  }

  /** {@link #getRacy(byte[], int, int, int)} of the key whose UTF-8 bytes are the ASCII {@code s}. */
  @Nullable Entry getRacy(String s, int hash) {
    @Nullable Entry[] t = buckets;
    int steps = 0;
    for (Entry e = t[hash & (t.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.keyEqualsRacy(s)) {
        return e;
      }
      if (++steps == RACY_STEPS) {
        return GAVE_UP;
      }
    }
    return null;
  }

  /** Longest chain {@link #getRacy} walks (a chain is 1 long on average at load factor 1). */
  static final int RACY_STEPS = 16;

  /** What {@link #getRacy} returns when it gave up: no key's entry (compare by identity). */
  static final Entry GAVE_UP = new Entry(new byte[0], 0, new Object());

  /** Inserts an entry whose key is known to be absent. */
  void insert(Entry e) {
    if (size >= buckets.length) {
      resize(buckets.length << 1);
    }
    int i = e.hash & (buckets.length - 1);
    e.next = buckets[i];
    buckets[i] = e;
    size++;
  }

  /** Removes {@code e}, which must be in this table. */
  void remove(Entry e) {
    int i = e.hash & (buckets.length - 1);
    Entry prev = null;
    for (Entry cur = buckets[i]; cur != null; prev = cur, cur = cur.next) {
      if (cur == e) {
        if (prev == null) {
          buckets[i] = cur.next;
        } else {
          prev.next = cur.next;
        }
        e.next = null;
        size--;
        if (buckets.length > MIN_CAPACITY && size < buckets.length >>> 3) {
          resize(buckets.length >>> 1);
        }
        return;
      }
    }
    throw new IllegalStateException("entry not in table");
  }

  void clear() {
    buckets = new Entry[MIN_CAPACITY];
    size = 0;
  }

  private void resize(int capacity) {
    @Nullable Entry[] old = buckets;
    @Nullable Entry[] fresh = new Entry[capacity];
    int mask = capacity - 1;
    for (Entry head : old) {
      Entry e = head;
      while (e != null) {
        Entry next = e.next;
        int i = e.hash & mask;
        e.next = fresh[i];
        fresh[i] = e;
        e = next;
      }
    }
    buckets = fresh;
  }

  /** A uniformly chosen bucket's random element, or null when empty (Redis's dictGetFairRandomKey in spirit). */
  @Nullable Entry random() {
    if (size == 0) {
      return null;
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int mask = buckets.length - 1;
    while (true) {
      Entry head = buckets[rnd.nextInt() & mask];
      if (head != null) {
        int n = 0;
        for (Entry e = head; e != null; e = e.next) {
          n++;
        }
        Entry e = head;
        for (int k = rnd.nextInt(n); k > 0; k--) {
          e = e.next;
        }
        return e;
      }
    }
  }

  /**
   * Visits the bucket at {@code cursor} (all entries of it) and returns the next cursor, 0
   * when the scan is complete. Cursor arithmetic is Redis's dictScan: reverse-binary
   * increment over the bucket mask.
   */
  long scan(long cursor, Consumer<Entry> visitor) {
    if (size == 0) {
      return 0;
    }
    long mask = buckets.length - 1;
    for (Entry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) {
      visitor.accept(e);
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    v = Long.reverse(v);
    return v;
  }

  /** Visits every entry (snapshot semantics are the caller's concern: hold the lock). */
  void forEach(Consumer<Entry> visitor) {
    for (Entry head : buckets) {
      for (Entry e = head; e != null; e = e.next) {
        visitor.accept(e);
      }
    }
  }
}
