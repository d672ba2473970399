package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.Glob;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The set type (Redis's src/t_set.c type part): encoding-agnostic operations on
 * {@link SetValue}s and the key-level helpers shared by {@code SetCommands} and the typed
 * {@code SetView}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Encodings and conversion: see {@link SetValue}. Results of SUNION, SDIFF, SINTER
 *       ...STORE and SPOP are built as Redis builds them (an intset that converts as members
 *       are added), so OBJECT ENCODING of a stored result and the order of an intset result
 *       are Redis's.</li>
 *   <li>Concurrency: every method taking a {@link Shard} or values requires the caller to
 *       hold the locks of the shards of every key involved.</li>
 *   <li>Errors: {@link WrongTypeException} is thrown before anything is modified.</li>
 *   <li>Empty sets are never stored: the callers delete the key when the last member goes
 *       ({@link #deleteIfEmpty}).</li>
 * </ul>
 */
public final class SetType {
  /** Redis's SCAN default COUNT. */
  public static final long SCAN_DEFAULT_COUNT = 10;
  /** Bytes to format any 64-bit integer (Redis's LONG_STR_SIZE). */
  private static final int LONG_TEXT_BYTES = Numbers.LONG_STR_SIZE;

  private SetType() {}

  /** Whether a stored value is a set. */
  public static boolean isSet(Object value) {
    return value instanceof SetValue;
  }

  /** OBJECT ENCODING of a set value. */
  static String encoding(Object value) {
    return ((SetValue) value).encoding();
  }

  /** A deep copy of a set value (COPY). */
  static Object duplicate(Object value) {
    return ((SetValue) value).duplicate();
  }

  /** A new empty set (intset-encoded, as Redis's createIntsetObject); never stored empty. */
  public static SetValue empty() {
    return SetValue.emptyIntset();
  }

  // ------------------------------------------------------------------ key level

  /**
   * The set stored in an entry.
   *
   * @throws WrongTypeException if the entry holds another type
   */
  public static SetValue of(Entry e) {
    if (e.value() instanceof SetValue v) {
      return v;
    }
    throw new WrongTypeException();
  }

  /**
   * The set at a key (looked up with {@link StringType#lookup}, touching it), or null when
   * the key is missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable SetValue get(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = StringType.lookup(s, k, off, len, hash, now);
    return e == null ? null : of(e);
  }

  /**
   * The set at a key for adding {@code first} to it: the existing one, or a new empty set in
   * the encoding suited to {@code first} (setTypeCreate), inserted under a copy of the key.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static SetValue getOrCreate(Shard s, byte[] k, int off, int len, int hash, long now,
      byte[] first, int foff, int flen) {
    Entry e = StringType.lookup(s, k, off, len, hash, now);
    if (e != null) {
      return of(e);
    }
    SetValue v = SetValue.createFor(first, foff, flen);
    s.insert(Arrays.copyOfRange(k, off, off + len), hash, v, now);
    return v;
  }

  /** Deletes the key of {@code e} when its set has become empty; true when it did. */
  public static boolean deleteIfEmpty(Shard s, Entry e) {
    if (e.value() instanceof SetValue v && v.size() == 0) {
      s.delete(e);
      return true;
    }
    return false;
  }

  /**
   * Stores a computed set under a key as the STORE commands do: replaces any value (of any
   * type, dropping its expiry) when {@code result} is not empty, else deletes the key.
   * Returns 1 when the keyspace changed (what Redis adds to {@code server.dirty}), else 0.
   */
  public static int store(Shard s, byte[] k, int off, int len, int hash, long now,
      SetValue result) {
    if (result.size() > 0) {
      StringType.setKey(s, k, off, len, hash, now, result, false);
      return 1;
    }
    Entry e = s.find(k, off, len, hash, now);
    if (e == null) {
      return 0;
    }
    s.delete(e);
    return 1;
  }

  // ------------------------------------------------------------------ single set

  /** SADD of one member; true when added. */
  public static boolean add(SetValue set, byte[] b, int off, int len, long maxIntsetEntries) {
    return set.add(b, off, len, maxIntsetEntries);
  }

  /** SREM of one member; true when removed (the caller deletes an emptied key). */
  public static boolean remove(SetValue set, byte[] b, int off, int len) {
    return set.remove(b, off, len);
  }

  /** SISMEMBER. */
  public static boolean contains(SetValue set, byte[] b, int off, int len) {
    return set.contains(b, off, len);
  }

  /** SCARD. */
  public static int size(SetValue set) {
    return set.size();
  }

  /** Every member as a new array, in encoding order (ascending for an intset). */
  public static List<byte[]> members(SetValue set) {
    List<byte[]> out = new ArrayList<>(set.size());
    SetValue.Cursor c = set.cursor();
    while (c.next()) {
      out.add(c.copy());
    }
    return out;
  }

  /** Replies every member, as a set (RESP3 {@code ~}) or as an array. */
  public static void reply(ReplySink out, SetValue set, boolean asSet) {
    if (asSet) {
      out.setHeader(set.size());
    } else {
      out.arrayHeader(set.size());
    }
    SetValue.Cursor c = set.cursor();
    while (c.next()) {
      if (c.isInteger()) {
        out.bulk(c.integer());
      } else {
        out.bulk(c.bytes());
      }
    }
  }

  /** A random member as a new array (the set is not empty). */
  public static byte[] random(SetValue set) {
    byte[] m = set.randomMember();
    return set.isIntset() ? m : m.clone();
  }

  /** SPOP without count: removes a random member (the caller deletes an emptied key). */
  public static byte[] pop(SetValue set) {
    return set.popRandom();
  }

  /**
   * SPOP with a count below the size: removes {@code count} random members and returns them
   * in the order popped.
   */
  public static List<byte[]> pop(SetValue set, int count) {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(set.popRandom());
    }
    return out;
  }

  /**
   * SRANDMEMBER with a count: {@code count} random members, with repeats when {@code unique}
   * is false, else distinct ones (all of them, in encoding order, when {@code count} reaches
   * the size, as Redis's "CASE 2"). Members are new arrays.
   */
  public static List<byte[]> randomMembers(SetValue set, long count, boolean unique) {
    int size = set.size();
    if (!unique || count == 1) {
      List<byte[]> out = new ArrayList<>((int) Math.min(count, 1 << 16));
      for (long i = 0; i < count; i++) {
        out.add(random(set));
      }
      return out;
    }
    if (count >= size) {
      return members(set);
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int n = (int) count;
    if (count * 3 <= size) {
      // few of many (Redis's CASE 4): random picks until count distinct ones, O(count)
      byte[] ints = set.intset();
      List<byte[]> out = new ArrayList<>(n);
      if (ints != null) {
        Set<Integer> picked = new HashSet<>();
        while (out.size() < n) {
          int i = rnd.nextInt(size);
          if (picked.add(i)) {
            out.add(Numbers.toBytes(SetIntset.get(ints, i)));
          }
        }
      } else {
        Set<byte[]> picked = Collections.newSetFromMap(new IdentityHashMap<>());
        while (out.size() < n) {
          byte[] m = set.randomMember(); // the set's own array: identity is membership
          if (picked.add(m)) {
            out.add(m.clone());
          }
        }
      }
      return out;
    }
    // a partial Fisher-Yates shuffle of the members picks count distinct ones
    List<byte[]> all = members(set);
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(size - i);
      byte[] t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    return new ArrayList<>(all.subList(0, n));
  }

  /**
   * One SSCAN step: an intset returns every member matching {@code pattern} (null: all) with
   * cursor 0; a hashtable is scanned as dictScan is by SCAN, visiting buckets until
   * {@code count} members were collected or {@code count * 10} buckets were visited, then
   * filtered by the pattern. Returns the next cursor; members (new arrays) go to {@code out}.
   */
  public static long scan(SetValue set, long cursor, byte @Nullable [] pattern, int poff,
      int plen, long count, List<byte[]> out) {
    SetHashtable t = set.hashtable();
    if (t == null) {
      SetValue.Cursor c = set.cursor();
      byte[] scratch = new byte[LONG_TEXT_BYTES];
      while (c.next()) {
        int n = Numbers.write(c.integer(), scratch, 0);
        if (pattern == null || Glob.match(pattern, poff, plen, scratch, 0, n, false)) {
          out.add(Arrays.copyOf(scratch, n));
        }
      }
      return 0;
    }
    List<byte[]> found = new ArrayList<>();
    long next = cursor;
    long maxIterations = count * 10;
    do {
      next = t.scan(next, found::add);
    } while (next != 0 && maxIterations-- > 0 && found.size() < count);
    for (byte[] m : found) {
      if (pattern == null || Glob.match(pattern, poff, plen, m, 0, m.length, false)) {
        out.add(m.clone());
      }
    }
    return next;
  }

  // ------------------------------------------------------------------ multi-set

  /**
   * SUNION: a new set holding every member of the given sets (null = missing key = empty),
   * built as Redis builds it (intset first, converting at {@code maxIntsetEntries}).
   */
  public static SetValue union(@Nullable SetValue[] sets, long maxIntsetEntries) {
    SetValue dst = SetValue.emptyIntset();
    for (SetValue s : sets) {
      if (s == null) {
        continue;
      }
      SetValue.Cursor c = s.cursor();
      while (c.next()) {
        dst.add(c, maxIntsetEntries);
      }
    }
    return dst;
  }

  /**
   * SDIFF: the members of the first set that are in none of the others, computed with the
   * algorithm Redis 7.0 would choose for these sizes (which decides the result's encoding
   * when an intset-to-hashtable conversion happens on the way).
   */
  public static SetValue difference(@Nullable SetValue[] sets, long maxIntsetEntries) {
    SetValue dst = SetValue.emptyIntset();
    SetValue first = sets[0];
    if (first == null) {
      return dst;
    }
    for (int j = 1; j < sets.length; j++) {
      if (sets[j] == first) {
        return dst; // same key subtracted from itself
      }
    }
    long algoOneWork = 0;
    long algoTwoWork = 0;
    for (SetValue s : sets) {
      if (s != null) {
        algoOneWork += first.size();
        algoTwoWork += s.size();
      }
    }
    algoOneWork /= 2;
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    if (algoOneWork <= algoTwoWork) {
      @Nullable SetValue[] others = Arrays.copyOfRange(sets, 1, sets.length);
      // largest first: duplicates are found sooner (stable, as glibc's merge-sort qsort)
      Arrays.sort(others, Comparator.comparingInt((@Nullable SetValue s) ->
          s == null ? 0 : s.size()).reversed());
      SetValue.Cursor c = first.cursor();
      next:
      while (c.next()) {
        for (SetValue o : others) {
          if (o != null && o.contains(c, scratch)) {
            continue next;
          }
        }
        dst.add(c, maxIntsetEntries);
      }
      return dst;
    }
    for (int j = 0; j < sets.length; j++) {
      SetValue s = sets[j];
      if (s == null) {
        continue;
      }
      SetValue.Cursor c = s.cursor();
      while (c.next()) {
        if (j == 0) {
          dst.add(c, maxIntsetEntries);
        } else if (c.isInteger()) {
          int n = Numbers.write(c.integer(), scratch, 0);
          dst.remove(scratch, 0, n);
        } else {
          byte[] m = c.bytes();
          dst.remove(m, 0, m.length);
        }
      }
      if (dst.size() == 0) {
        break;
      }
    }
    return dst;
  }

  /**
   * The sets of an intersection ordered as Redis orders them: by ascending size, stable.
   * All must be present (a missing key makes the intersection empty: check first).
   */
  private static SetValue[] bySize(SetValue[] sets) {
    SetValue[] sorted = sets.clone();
    Arrays.sort(sorted, Comparator.comparingInt(SetValue::size));
    return sorted;
  }

  /**
   * SINTERCARD: the size of the intersection of present sets, counting no further than
   * {@code limit} (0 = no limit).
   */
  public static long intersectionSize(SetValue[] sets, long limit) {
    SetValue[] sorted = bySize(sets);
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    long n = 0;
    SetValue.Cursor c = sorted[0].cursor();
    while (c.next()) {
      if (inAllOthers(sorted, c, scratch)) {
        n++;
        if (limit != 0 && n >= limit) {
          break;
        }
      }
    }
    return n;
  }

  /** SINTERSTORE: the intersection of present sets as a new set (intset first). */
  public static SetValue intersection(SetValue[] sets, long maxIntsetEntries) {
    SetValue[] sorted = bySize(sets);
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    SetValue dst = SetValue.emptyIntset();
    SetValue.Cursor c = sorted[0].cursor();
    while (c.next()) {
      if (inAllOthers(sorted, c, scratch)) {
        dst.add(c, maxIntsetEntries);
      }
    }
    return dst;
  }

  /**
   * SINTER's reply: the members of the intersection of present sets in the iteration order of
   * the smallest set (as Redis), as a RESP3 set. Two passes (count, then reply): no buffer.
   */
  public static void replyIntersection(ReplySink out, SetValue[] sets) {
    SetValue[] sorted = bySize(sets);
    out.setHeader((int) intersectionSize(sorted, 0));
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    SetValue.Cursor c = sorted[0].cursor();
    while (c.next()) {
      if (inAllOthers(sorted, c, scratch)) {
        if (c.isInteger()) {
          out.bulk(c.integer());
        } else {
          out.bulk(c.bytes());
        }
      }
    }
  }

  /** The intersection of present sets as new arrays, in the smallest set's order. */
  public static List<byte[]> intersectionMembers(SetValue[] sets) {
    SetValue[] sorted = bySize(sets);
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    List<byte[]> out = new ArrayList<>();
    SetValue.Cursor c = sorted[0].cursor();
    while (c.next()) {
      if (inAllOthers(sorted, c, scratch)) {
        out.add(c.copy());
      }
    }
    return out;
  }

  private static boolean inAllOthers(SetValue[] sorted, SetValue.Cursor c, byte[] scratch) {
    for (int j = 1; j < sorted.length; j++) {
      if (sorted[j] != sorted[0] && !sorted[j].contains(c, scratch)) {
        return false;
      }
    }
    return true;
  }
}
