package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.util.Glob;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The set type (Redis's src/t_set.c type part): the key-level operations of the set
 * commands, the one home of their Redis semantics whichever door called them ({@code
 * SetCommands} for RESP, {@code LocalSetView} for the typed API), and the encoding-agnostic
 * reads of {@link SetValue}s they share. The multi-key commands (SINTER, SUNION, SDIFF, their
 * STORE forms, SINTERCARD) are in {@link SetAlgebra}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Operations. Each write takes a {@link LockedKey} (two under a {@code KeyLocks} for
 *       SMOVE) and its parsed arguments ({@link ByteArgs}), and does what t_set.c does in
 *       order: the lookup, the type check (a {@link WrongTypeException} before anything is
 *       modified), creation in the encoding the first member suits, the mutation, deletion of
 *       an emptied key, the dirty count, the keyspace events and, for SPOP, its deterministic
 *       propagation (SREM of the popped members, or DEL when the whole set went). Reads look
 *       the key up with {@link #read} and then use the value-level methods below.</li>
 *   <li>Encodings and conversion: see {@link SetValue}. Results of SPOP with a count that
 *       takes the whole set are built as Redis builds them (through SUNION), so their order
 *       is Redis's.</li>
 *   <li>Read accounting. Redis counts keyspace hits and misses (and publishes {@code keymiss})
 *       in lookupKeyRead; that is the RESP door's business. Operations that make such a read
 *       inside a write (SPOP taking the whole set) or over several keys tell the door through
 *       {@link Reads}; the typed door passes null.</li>
 *   <li>Member arrays returned by the pops are the removed members themselves, which a
 *       {@code COPY} of the set may share: a door handing them to a caller copies them.</li>
 *   <li>Concurrency: the caller holds the locks of the shards of every key involved.</li>
 * </ul>
 */
public final class SetType {
  /** Redis's SCAN default COUNT. */
  public static final long SCAN_DEFAULT_COUNT = 10;
  /** Bytes to format any 64-bit integer (Redis's LONG_STR_SIZE). */
  private static final int LONG_TEXT_BYTES = Numbers.LONG_STR_SIZE;

  /**
   * A door's accounting of a read lookup Redis makes with lookupKeyRead ({@code key[off ..
   * off+len)} found or not): the RESP door counts a keyspace hit or miss and publishes
   * {@code keymiss}.
   */
  @FunctionalInterface
  public interface Reads {
    void lookedUp(boolean hit, byte[] key, int off, int len);
  }

  private SetType() {}

  /** Whether a stored value is a set. */
  public static boolean isSet(Object value) { return value instanceof SetValue; }
  /** OBJECT ENCODING of a set value. */
  static String encoding(Object value) { return ((SetValue) value).encoding(); }
  /** A deep copy of a set value (COPY). */
  static Object duplicate(Object value) { return ((SetValue) value).duplicate(); }

  // ------------------------------------------------------------------ key level

  /**
   * The set stored in an entry, null for no entry.
   *
   * @throws WrongTypeException if the entry holds another type
   */
  public static @Nullable SetValue of(@Nullable Entry e) {
    return ValueTypes.valueAs(e, SetValue.class);
  }

  /**
   * The set at {@code k} (touching it), or null when the key is missing: the lookup of SCARD,
   * SISMEMBER, SMISMEMBER, SMEMBERS, SRANDMEMBER and SSCAN.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable SetValue read(LockedKey k) {
    return of(k.lookup());
  }

  /**
   * SADD: adds {@code members} (at least one) to the set at {@code k}, creating it in the
   * encoding its first member suits (setTypeCreate) when missing. One change per member
   * added; event {@code sadd} when any was. Returns how many were added.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long add(LockedKey k, ByteArgs members) {
    SetValue set = of(k.lookup());
    if (set == null) {
      set = SetValue.createFor(members.array(0), members.offset(0), members.length(0));
      k.insert(set);
    }
    long max = k.engine().limits().setMaxIntsetEntries;
    long added = 0;
    for (int i = 0; i < members.size(); i++) {
      if (set.add(members.array(i), members.offset(i), members.length(i), max)) {
        added++;
      }
    }
    k.dirty(added);
    if (added > 0) {
      k.event(NotifyFlags.SET, "sadd");
      given(k, "SADD", members);
    }
    return added;
  }

  /**
   * SREM: removes {@code members} from the set at {@code k}, deleting the key when the last
   * one goes. One change per member removed; events {@code srem} and {@code del}. Returns
   * how many were removed.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long remove(LockedKey k, ByteArgs members) {
    Entry e = k.lookup();
    SetValue set = of(e);
    if (set == null) {
      return 0;
    }
    long removed = 0;
    for (int i = 0; i < members.size(); i++) {
      if (set.remove(members.array(i), members.offset(i), members.length(i))) {
        removed++;
        if (set.size() == 0) {
          k.delete(e);
          break;
        }
      }
    }
    k.dirty(removed);
    if (removed > 0) {
      k.event(NotifyFlags.SET, "srem");
      if (set.size() == 0) {
        notify(k, NotifyFlags.GENERIC, "del");
      }
      given(k, "SREM", members);
    }
    return removed;
  }

  /**
   * SPOP without a count: removes a random member and returns it (null when the key is
   * missing), deleting the key when it was the last. One change; events {@code spop} and
   * {@code del}; propagated as {@code SREM key member}.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static byte @Nullable [] pop(LockedKey k) {
    Entry e = k.lookup();
    SetValue set = of(e);
    if (set == null) {
      return null;
    }
    byte[] member = set.popRandom();
    boolean deleted = set.size() == 0;
    if (deleted) {
      k.delete(e);
    }
    k.dirty(1);
    k.event(NotifyFlags.SET, "spop");
    if (deleted) {
      notify(k, NotifyFlags.GENERIC, "del");
    }
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(Argvs.of(Argvs.SREM, k.keyCopy(), member));
    }
    return member;
  }

  /**
   * SPOP with a count (not negative): removes up to {@code count} distinct random members and
   * returns them in the order popped; when {@code count} reaches the size, the whole set in
   * the order of SUNION's reply (a read lookup for {@code reads}), deleting the key. Changes:
   * {@code count}, or 1 for the whole set; events {@code spop} (and {@code del}); propagated
   * as {@code SREM key members...}, or {@code DEL key} for the whole set. Empty, changing
   * nothing, when the key is missing or {@code count} is 0.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static List<byte[]> pop(LockedKey k, long count, @Nullable Reads reads) {
    Entry e = k.lookup();
    SetValue set = of(e);
    if (set == null || count == 0) {
      return new ArrayList<>();
    }
    Propagation p = k.propagation();
    if (count >= set.size()) {
      if (reads != null) {
        reads.lookedUp(true, k.array(), k.offset(), k.length());
      }
      long max = k.engine().limits().setMaxIntsetEntries;
      List<byte[]> all = members(SetAlgebra.union(new SetValue[] {set}, max));
      k.delete(e);
      k.dirty(1);
      k.event(NotifyFlags.SET, "spop");
      notify(k, NotifyFlags.GENERIC, "del");
      if (p != null) {
        p.rewrite(Argvs.of(Argvs.DEL, k.keyCopy()));
      }
      return all;
    }
    List<byte[]> popped = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      popped.add(set.popRandom());
    }
    k.dirty(count);
    k.event(NotifyFlags.SET, "spop");
    if (p != null) { // one SREM of every popped member (Redis: one SREM each, in MULTI)
      p.rewrite(Argvs.of(Argvs.SREM, k.keyCopy(), popped));
    }
    return popped;
  }

  /**
   * SMOVE: moves the member {@code b[off..off+len)} from the set at {@code src} to the set at
   * {@code dst} (created when missing), both locked. Returns false, changing nothing, when
   * {@code src} is missing or the member is not in it; when both name the same set, whether
   * the member is in it. Events {@code srem} (and {@code del}) on the source, {@code sadd} on
   * the destination if the member was new there; one change for the removal, one for the
   * addition.
   *
   * @throws WrongTypeException if the source (when present) or the destination holds another
   *     type (nothing is changed)
   */
  public static boolean move(LockedKey src, LockedKey dst, byte[] b, int off, int len) {
    Entry se = src.lookup();
    Entry de = dst.lookup();
    if (se == null) {
      return false;
    }
    SetValue from = of(se);
    SetValue to = of(de);
    if (from == to) {
      return from.contains(b, off, len);
    }
    if (!from.remove(b, off, len)) {
      return false;
    }
    notify(src, NotifyFlags.SET, "srem");
    if (from.size() == 0) {
      src.delete(se);
      notify(src, NotifyFlags.GENERIC, "del");
    }
    if (to == null) {
      to = SetValue.createFor(b, off, len);
      dst.insert(to);
    }
    src.engine().events().modified(src.db(), src.array(), src.offset(), src.length());
    src.dirty(1);
    Propagation p = src.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("SMOVE", src, dst, Arrays.copyOfRange(b, off, off + len)));
    }
    if (to.add(b, off, len, dst.engine().limits().setMaxIntsetEntries)) {
      dst.dirty(1);
      dst.event(NotifyFlags.SET, "sadd");
    }
    return true;
  }

  /**
   * Sets {@code command key members...} as the form of a typed write (SADD, SREM, ZREM; see
   * {@link LockedKey#asGiven()}).
   */
  static void given(LockedKey k, String command, ByteArgs members) {
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of(command, k, members.copies()));
    }
  }

  /** Publishes a keyspace event for {@code k} without signalling a modification (WATCH). */
  private static void notify(LockedKey k, int type, String event) {
    KeyspaceEvents.event(k.shard(), type, event, k.array(), k.offset(), k.length());
  }

  // ------------------------------------------------------------------ values

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
}
