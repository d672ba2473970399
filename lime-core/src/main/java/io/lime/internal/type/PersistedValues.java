package io.lime.internal.type;

import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.util.Numbers;
import org.jspecify.annotations.Nullable;

/**
 * What persistence codecs (RDB, AOF rewrite) need from the value representations: walking a
 * value's contents in its encoding's order, and building values from loaded elements with
 * the encoding Redis 7.0's rdbLoadObject would choose. Callers hold the lock of the shard
 * holding a value they read; values they build are private until stored.
 */
public final class PersistedValues {
  private PersistedValues() {}

  /** The value families. */
  public enum Kind { STRING, LIST, SET, ZSET, HASH, STREAM }

  /** Receives one element (a slice; copy to keep). */
  public interface Slice {
    void accept(byte[] b, int off, int len);
  }

  /** Receives the nodes of a list. */
  public interface NodeVisitor {
    /** A node of {@code count} elements begins. */
    void begin(int count);

    /** One element of the current node (a slice; copy to keep). */
    void element(byte[] b, int off, int len);

    /** The current node ends. */
    void end();
  }

  /** The family of a stored value. */
  public static Kind kind(Object value) {
    if (StringType.isString(value)) {
      return Kind.STRING;
    }
    if (value instanceof ListValue) {
      return Kind.LIST;
    }
    if (value instanceof SortedSetValue) {
      return Kind.ZSET;
    }
    if (value instanceof SetValue) {
      return Kind.SET;
    }
    if (value instanceof HashValue) {
      return Kind.HASH;
    }
    if (value instanceof StreamValue) {
      return Kind.STREAM;
    }
    throw new IllegalArgumentException("not a value: " + value.getClass());
  }

  // ------------------------------------------------------------------ reading

  /** A list's nodes in order, head first. */
  public static void forEachNode(ListValue list, NodeVisitor v) {
    for (int i = 0; i < list.nodeCount(); i++) {
      ListNode n = list.nodeAt(i);
      v.begin(n.count);
      for (int p = n.start; p < n.end; p = n.next(p)) {
        v.element(n.buf, n.dataOffset(p), n.length(p));
      }
      v.end();
    }
  }

  /** A set's intset array ({@code width byte, values LE}), or null when hashtable-encoded. */
  public static byte @Nullable [] intset(SetValue set) {
    return set.intset();
  }

  /** Width in bytes (2, 4, 8) of the values of an intset array. */
  public static int intsetWidth(byte[] intset) {
    return SetIntset.width(intset);
  }

  /** Number of values of an intset array. */
  public static int intsetCount(byte[] intset) {
    return SetIntset.count(intset);
  }

  /** Visits every member of a set (intset members as decimal text). */
  public static void forEachMember(SetValue set, Slice v) {
    SetValue.Cursor c = set.cursor();
    while (c.next()) {
      if (c.isInteger()) {
        byte[] b = Numbers.toBytes(c.integer());
        v.accept(b, 0, b.length);
      } else {
        byte[] b = c.bytes();
        v.accept(b, 0, b.length);
      }
    }
  }

  /** Whether a hash uses the listpack encoding. */
  public static boolean isListpack(HashValue h) {
    return h instanceof ListpackHash;
  }

  /** Whether a sorted set uses the listpack encoding. */
  public static boolean isListpack(SortedSetValue z) {
    return z.isListpack();
  }

  // ------------------------------------------------------------------ building

  /** A new empty list. */
  public static ListValue newList() {
    return new ListValue();
  }

  /** Appends to a list being built, with the node size limit {@code fill}. */
  public static void listAppend(ListValue list, byte[] b, int fill) {
    list.push(false, b, 0, b.length, fill);
  }

  /** A new empty set (intset until a member requires the hashtable). */
  public static SetValue newSet() {
    return SetValue.emptyIntset();
  }

  /**
   * Adds a loaded member (converting at Redis's thresholds, as rdbLoadObject); false when it
   * was already present (a corrupt file).
   */
  public static boolean setAdd(SetValue set, byte[] member, EncodingLimits limits) {
    return set.add(member, 0, member.length, limits.setMaxIntsetEntries);
  }

  /**
   * A set from an RDB intset blob's values, converted to a hashtable when it has more than
   * {@code set-max-intset-entries} members (as rdbLoadObject for RDB_TYPE_SET_INTSET).
   * Returns null when the values are not strictly ascending (a corrupt intset).
   */
  public static @Nullable SetValue setFromIntset(long[] values, EncodingLimits limits) {
    SetValue set = SetValue.emptyIntset();
    for (int i = 0; i < values.length; i++) {
      if (i > 0 && values[i] <= values[i - 1]) {
        return null;
      }
      set.addLong(values[i], limits.setMaxIntsetEntries);
    }
    return set;
  }

  /** A new empty hash (listpack). */
  public static HashValue newHash() {
    return new ListpackHash();
  }

  /**
   * Adds a loaded field to a hash being built, converting to the hashtable as rdbLoadObject
   * does for RDB_TYPE_HASH (a field or value longer than {@code hash-max-listpack-value}, or
   * more than {@code hash-max-listpack-entries} fields). Returns the hash (possibly a new
   * representation), or null when the field was already present (a corrupt file).
   */
  public static @Nullable HashValue hashPut(HashValue h, byte[] f, byte[] v,
      EncodingLimits limits) {
    HashValue r = h;
    if (r instanceof ListpackHash lp && (f.length > limits.hashMaxListpackValue
        || v.length > limits.hashMaxListpackValue)) {
      r = lp.toTable();
    }
    if (!r.put(f, 0, f.length, v, 0, v.length)) {
      return null;
    }
    if (r instanceof ListpackHash lp && lp.size() > limits.hashMaxListpackEntries) {
      r = lp.toTable();
    }
    return r;
  }

  /**
   * Finishes a hash loaded from a listpack or ziplist blob: Redis keeps the packed encoding
   * unless there are more than {@code hash-max-listpack-entries} fields or one is longer than
   * {@code hash-max-listpack-value}.
   */
  public static @Nullable HashValue hashFromPacked(java.util.List<byte[]> pairs, EncodingLimits limits) {
    boolean table = pairs.size() / 2 > limits.hashMaxListpackEntries;
    for (byte[] b : pairs) {
      table |= b.length > limits.hashMaxListpackValue;
    }
    HashValue h = table ? new TableHash(pairs.size() / 2) : new ListpackHash();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      byte[] f = pairs.get(i);
      byte[] v = pairs.get(i + 1);
      if (!h.put(f, 0, f.length, v, 0, v.length)) {
        return null;
      }
    }
    return h;
  }

  /** A new empty sorted set (skiplist, as rdbLoadObject for RDB_TYPE_ZSET_2). */
  public static SortedSetValue newSortedSet() {
    return SortedSetValue.skiplist();
  }

  /** Adds a loaded member; false when already present (a corrupt file). */
  public static boolean zsetAdd(SortedSetValue z, byte[] member, double score) {
    if (!Double.isNaN(z.rep().score(member, 0, member.length))) {
      return false;
    }
    z.rep().insert(member, score);
    return true;
  }

  /**
   * Finishes a sorted set loaded from RDB_TYPE_ZSET(_2): back to listpack when it fits the
   * thresholds (zsetConvert after loading).
   */
  public static void zsetFinish(SortedSetValue z, EncodingLimits limits) {
    long[] lens = new long[2];
    z.rep().walk(0, false, (b, off, len, score) -> {
      lens[0] = Math.max(lens[0], len);
      lens[1] += len;
      return true;
    });
    z.toListpackIfFits(limits, lens[0], lens[1]);
  }

  /**
   * A sorted set from a listpack or ziplist blob's member/score pairs: listpack unless it has
   * more than {@code zset-max-listpack-entries} members. Null on a duplicate member.
   */
  public static @Nullable SortedSetValue zsetFromPacked(java.util.List<byte[]> members,
      double[] scores, EncodingLimits limits) {
    SortedSetValue z = members.size() > limits.zsetMaxListpackEntries
        ? SortedSetValue.skiplist() : SortedSetValue.listpack();
    for (int i = 0; i < members.size(); i++) {
      if (!zsetAdd(z, members.get(i), scores[i])) {
        return null;
      }
    }
    return z;
  }
}
