package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD (Redis's sinterGenericCommand and
 * sunionDiffGenericCommand): the key-level operations both doors call, and the computations
 * on {@link SetValue}s they are made of.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Lookups. {@link #sources} looks every source up as Redis's lookupKeyRead, in argument
 *       order, checking each type as it goes (so a WRONGTYPE after a missing key is still
 *       reported) and telling the door's {@link SetType.Reads} about each lookup (the RESP
 *       door counts keyspace hits and misses; the typed door passes null).</li>
 *   <li>Results are built as Redis builds them (an intset that converts as members are
 *       added), so OBJECT ENCODING of a stored result and the order of an intset result are
 *       Redis's. SDIFF picks the algorithm Redis 7.0 would pick for these sizes, which decides
 *       the result's encoding when a conversion happens on the way.</li>
 *   <li>Concurrency: the caller holds the locks of the shards of every key
 *       ({@link io.lime.internal.engine.KeyLocks}).</li>
 * </ul>
 */
public final class SetAlgebra {
  /** Bytes to format any 64-bit integer (Redis's LONG_STR_SIZE). */
  private static final int LONG_TEXT_BYTES = Numbers.LONG_STR_SIZE;

  /** The three set operations, with the keyspace event of their STORE form. */
  public enum Kind {
    INTER("sinterstore"), UNION("sunionstore"), DIFF("sdiffstore");

    private final String storeEvent;

    Kind(String storeEvent) {
      this.storeEvent = storeEvent;
    }
  }

  private SetAlgebra() {}

  // ------------------------------------------------------------------ key level

  /**
   * The sets at {@code keys} of {@code db} (shards locked), null for a missing key, each type
   * checked in order as the lookups go.
   *
   * @throws WrongTypeException at the first key holding another type
   */
  public static @Nullable SetValue[] sources(Database db, long now, ByteArgs keys,
      SetType.@Nullable Reads reads) {
    @Nullable SetValue[] sets = new SetValue[keys.size()];
    for (int i = 0; i < sets.length; i++) {
      LockedKey k = LockedKey.within(db, keys.array(i), keys.offset(i), keys.length(i), now);
      Entry e = k.lookup();
      if (reads != null) {
        reads.lookedUp(e != null, k.array(), k.offset(), k.length());
      }
      sets[i] = SetType.of(e);
    }
    return sets;
  }

  /**
   * SINTERSTORE, SUNIONSTORE, SDIFFSTORE into {@code dst}: computes the result of the sets at
   * {@code sources} and stores it, replacing any value of any type (and its expiry), or
   * deletes {@code dst} when the result is empty; one change, the STORE command's event (or
   * {@code del}). Returns the size stored.
   *
   * @throws WrongTypeException if a source holds another type (nothing is changed)
   */
  public static long store(LockedKey dst, ByteArgs sources, Kind kind,
      SetType.@Nullable Reads reads) {
    long max = dst.engine().limits().setMaxIntsetEntries;
    SetValue result = combine(kind, sources(dst.db(), dst.now(), sources, reads), max);
    Propagation p = dst.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("S" + kind + "STORE", dst, sources.copies()));
    }
    int size = result.size();
    if (size > 0) {
      StringType.setKey(dst.shard(), dst.array(), dst.offset(), dst.length(), dst.hash(),
          dst.now(), result, false);
      dst.dirty(1);
      dst.event(NotifyFlags.SET, kind.storeEvent);
      return size;
    }
    Entry e = dst.find();
    if (e != null) {
      dst.delete(e, dst.lazyFree().lazyServerDel);
      dst.dirty(1);
      dst.event(NotifyFlags.GENERIC, "del");
    }
    return 0;
  }

  // ------------------------------------------------------------------ values

  /**
   * The result of {@code kind} over {@code sets} (null = missing key = empty set) as a new set;
   * an intersection with a missing set is empty.
   */
  public static SetValue combine(Kind kind, @Nullable SetValue[] sets, long maxIntsetEntries) {
    return switch (kind) {
      case INTER -> anyMissing(sets) ? SetValue.emptyIntset()
          : intersection(sets, maxIntsetEntries);
      case UNION -> union(sets, maxIntsetEntries);
      case DIFF -> difference(sets, maxIntsetEntries);
    };
  }

  /** SUNION: a new set holding every member of the given sets. */
  static SetValue union(@Nullable SetValue[] sets, long maxIntsetEntries) {
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

  /** SDIFF: the members of the first set that are in none of the others. */
  static SetValue difference(@Nullable SetValue[] sets, long maxIntsetEntries) {
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

  /** SINTERSTORE: the intersection of present sets as a new set (intset first). */
  static SetValue intersection(SetValue[] sets, long maxIntsetEntries) {
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
   * SINTERCARD: the size of the intersection (0 when a set is missing), counting no further
   * than {@code limit} (0 = no limit).
   */
  public static long intersectionSize(@Nullable SetValue[] sets, long limit) {
    if (anyMissing(sets)) {
      return 0;
    }
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

  /**
   * SINTER's reply: the members of the intersection (none when a set is missing) in the
   * iteration order of the smallest set (as Redis), as a RESP3 set. Two passes (count, then
   * reply): no buffer.
   */
  public static void replyIntersection(ReplySink out, @Nullable SetValue[] sets) {
    if (anyMissing(sets)) {
      out.setHeader(0);
      return;
    }
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

  /** SINTER's members as new arrays, in the order of {@link #replyIntersection}. */
  public static List<byte[]> intersectionMembers(@Nullable SetValue[] sets) {
    List<byte[]> out = new ArrayList<>();
    if (anyMissing(sets)) {
      return out;
    }
    SetValue[] sorted = bySize(sets);
    byte[] scratch = new byte[LONG_TEXT_BYTES];
    SetValue.Cursor c = sorted[0].cursor();
    while (c.next()) {
      if (inAllOthers(sorted, c, scratch)) {
        out.add(c.copy());
      }
    }
    return out;
  }

  private static boolean anyMissing(@Nullable SetValue[] sets) {
    for (SetValue s : sets) {
      if (s == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sets of an intersection ordered as Redis orders them: by ascending size, stable.
   * All must be present.
   */
  private static SetValue[] bySize(SetValue[] sets) {
    SetValue[] sorted = sets.clone();
    Arrays.sort(sorted, Comparator.comparingInt(SetValue::size));
    return sorted;
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
