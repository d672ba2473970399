package io.lime.internal.type;

import io.lime.internal.util.Numbers;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A set value (Redis's set object) in one of two encodings, as Redis 7.0:
 * <ul>
 *   <li>{@code intset} ({@link SetIntset}): while every member is an integer in canonical
 *       form (string2ll accepts it) and there are at most {@code set-max-intset-entries};
 *       members are kept in ascending numeric order, packed at 2, 4 or 8 bytes each;</li>
 *   <li>{@code hashtable} ({@link SetHashtable}): otherwise. Redis never converts back, not
 *       even when the set shrinks or holds only integers again; neither does LIME.</li>
 * </ul>
 *
 * <p>Memory: the object is a header and one reference (16 bytes with compressed oops) to
 * either the intset's byte array or the table; a set of ten small integers costs 56 bytes
 * (Redis: a 16-byte robj plus a 32-byte intset allocation).
 *
 * <p>Members handed in are copied; member arrays handed out (by {@link Cursor#bytes()},
 * {@link #randomMember()}) belong to the set and must not be modified. Empty sets are never
 * stored: the type layer deletes the key when the last member goes.
 *
 * <p>Not thread-safe: guarded by the lock of the shard whose entry holds it.
 */
public final class SetValue implements io.lime.internal.engine.MemorySized {
  /** The intset {@code byte[]} or the {@link SetHashtable}. */
  private Object data;

  private SetValue(Object data) {
    this.data = data;
  }

  /** The holder plus the packed intset or the table (O(1)). */
  @Override
  public long memoryBytes() {
    return io.lime.internal.engine.MemoryLayout.object(4) + (data instanceof byte[] s ? io.lime.internal.engine.MemoryLayout.byteArray(s.length)
        : ((SetHashtable) data).memoryBytes());
  }

  /** Members of the hashtable encoding (Redis frees one allocation per member), else 1. */
  @Override
  public long freeEffort() {
    return data instanceof SetHashtable t ? t.size() : 1;
  }

  @Override
  public void release() {
    if (data instanceof SetHashtable t) {
      t.release();
    }
  }

  /** An empty intset-encoded set (Redis's createIntsetObject), to fill by adding. */
  static SetValue emptyIntset() {
    return new SetValue(SetIntset.empty());
  }

  /**
   * An empty set in the encoding suited to its first member (setTypeCreate): intset when the
   * member is an integer, else hashtable.
   */
  static SetValue createFor(byte[] b, int off, int len) {
    return Numbers.isLong(b, off, len) ? emptyIntset() : new SetValue(new SetHashtable(0));
  }

  /** Whether the set is intset-encoded. */
  boolean isIntset() {
    return data instanceof byte[];
  }

  /** OBJECT ENCODING's answer: {@code intset} or {@code hashtable}. */
  String encoding() {
    return isIntset() ? "intset" : "hashtable";
  }

  /** Number of members. */
  public int size() {
    return data instanceof byte[] s ? SetIntset.count(s) : ((SetHashtable) data).size();
  }

  /** Whether the slice is a member. */
  boolean contains(byte[] b, int off, int len) {
    if (data instanceof byte[] s) {
      return Numbers.isLong(b, off, len) && SetIntset.contains(s, Numbers.parseLong(b, off, len));
    }
    return ((SetHashtable) data).contains(b, off, len);
  }

  /** Whether the integer's decimal text is a member; {@code scratch} holds 21 bytes. */
  boolean containsLong(long v, byte[] scratch) {
    if (data instanceof byte[] s) {
      return SetIntset.contains(s, v);
    }
    int n = Numbers.write(v, scratch, 0);
    return ((SetHashtable) data).contains(scratch, 0, n);
  }

  /** Whether the member under {@code c} is a member of this set. */
  boolean contains(Cursor c, byte[] scratch) {
    if (c.isInteger()) {
      return containsLong(c.integer(), scratch);
    }
    byte[] m = c.bytes();
    return contains(m, 0, m.length);
  }

  /**
   * Adds the slice (setTypeAdd): an intset takes integers until it holds more than
   * {@code maxIntsetEntries}, then converts; a non-integer converts it at once. Returns
   * false when already a member.
   */
  boolean add(byte[] b, int off, int len, long maxIntsetEntries) {
    if (data instanceof byte[] s) {
      if (Numbers.isLong(b, off, len)) {
        return addToIntset(s, Numbers.parseLong(b, off, len), maxIntsetEntries);
      }
      convertToHashtable(SetIntset.count(s));
    }
    return ((SetHashtable) data).add(b, off, len);
  }

  /** Adds an integer member (its decimal text); as {@link #add(byte[], int, int, long)}. */
  boolean addLong(long v, long maxIntsetEntries) {
    if (data instanceof byte[] s) {
      return addToIntset(s, v, maxIntsetEntries);
    }
    return ((SetHashtable) data).addOwned(Numbers.toBytes(v));
  }

  /** Adds the member under a cursor of another set. */
  boolean add(Cursor c, long maxIntsetEntries) {
    if (c.isInteger()) {
      return addLong(c.integer(), maxIntsetEntries);
    }
    byte[] m = c.bytes();
    return add(m, 0, m.length, maxIntsetEntries);
  }

  private boolean addToIntset(byte[] s, long v, long maxIntsetEntries) {
    byte[] r = SetIntset.add(s, v);
    if (r == s) {
      return false;
    }
    data = r;
    if (SetIntset.count(r) > maxIntsetEntries) {
      convertToHashtable(SetIntset.count(r));
    }
    return true;
  }

  /** Removes the slice; false when not a member. */
  boolean remove(byte[] b, int off, int len) {
    if (data instanceof byte[] s) {
      if (!Numbers.isLong(b, off, len)) {
        return false;
      }
      byte[] r = SetIntset.remove(s, Numbers.parseLong(b, off, len));
      data = r;
      return r != s;
    }
    return ((SetHashtable) data).remove(b, off, len);
  }

  /** A random member (a fresh array for an intset, the set's own array otherwise). */
  byte[] randomMember() {
    if (data instanceof byte[] s) {
      return Numbers.toBytes(SetIntset.get(s, ThreadLocalRandom.current().nextInt(SetIntset.count(s))));
    }
    return ((SetHashtable) data).random();
  }

  /** Removes and returns a random member (setTypePopRandom); the set must not be empty. */
  byte[] popRandom() {
    if (data instanceof byte[] s) {
      int i = ThreadLocalRandom.current().nextInt(SetIntset.count(s));
      long v = SetIntset.get(s, i);
      data = SetIntset.removeAt(s, i);
      return Numbers.toBytes(v);
    }
    SetHashtable t = (SetHashtable) data;
    byte[] m = t.random();
    t.remove(m, 0, m.length);
    return m;
  }

  /** A deep copy (COPY); member arrays are immutable and shared. */
  SetValue duplicate() {
    if (data instanceof byte[] s) {
      return new SetValue(s.clone());
    }
    return new SetValue(((SetHashtable) data).copy());
  }

  /** The intset array, or null when hashtable-encoded. */
  byte @Nullable [] intset() {
    return data instanceof byte[] s ? s : null;
  }

  /** The table, or null when intset-encoded. */
  @Nullable SetHashtable hashtable() {
    return data instanceof SetHashtable t ? t : null;
  }

  /** A cursor over the members, in encoding order (ascending for an intset). */
  Cursor cursor() {
    return new Cursor(this);
  }

  private void convertToHashtable(int expected) {
    byte[] s = (byte[]) data;
    SetHashtable t = new SetHashtable(expected);
    int n = SetIntset.count(s);
    for (int i = 0; i < n; i++) {
      t.addOwned(Numbers.toBytes(SetIntset.get(s, i)));
    }
    data = t;
  }

  /**
   * Walks a set's members without copying them (Redis's setTypeIterator): an intset member
   * is read with {@link #integer()}, a hashtable member with {@link #bytes()}. Invalid once
   * the set changes.
   */
  static final class Cursor {
    private final byte @Nullable [] ints;
    private final @Nullable ChainedTable<SetHashtable.Node> table;
    private final int count;
    private int pos = -1;
    private SetHashtable.@Nullable Node node;

    Cursor(SetValue set) {
      this.ints = set.intset();
      SetHashtable t = set.hashtable();
      this.table = t == null ? null : t.table();
      this.count = ints != null ? SetIntset.count(ints) : 0;
    }

    /** Moves to the next member; false when there is none. */
    boolean next() {
      if (ints != null) {
        return ++pos < count;
      }
      ChainedTable<SetHashtable.Node> t = table;
      if (node != null && node.next != null) {
        node = node.next;
        return true;
      }
      while (++pos < t.buckets()) {
        if ((node = t.head(pos)) != null) {
          return true;
        }
      }
      node = null;
      return false;
    }

    /** Whether the current member is an intset integer (read it with {@link #integer()}). */
    boolean isInteger() {
      return ints != null;
    }

    /** The current intset member. */
    long integer() {
      return SetIntset.get(ints, pos);
    }

    /** The current hashtable member (the set's own array: do not modify). */
    byte[] bytes() {
      return node.key;
    }

    /** The current member as a new array (either encoding). */
    byte[] copy() {
      return ints != null ? Numbers.toBytes(integer()) : node.key.clone();
    }
  }
}
