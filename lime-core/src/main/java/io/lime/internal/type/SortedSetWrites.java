package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.SortedSetView;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The key-level sorted set writes (Redis's src/t_zset.c commands, after parsing): ZADD and
 * ZINCRBY, ZREM, ZREMRANGEBY*, the pops (ZPOPMIN, ZPOPMAX, ZMPOP, the BZ* family when a key
 * has members, and serving a blocked client) and the STORE commands. Both doors call them:
 * the RESP handlers of {@code SortedSetCommands} and friends, and the typed
 * {@code LocalSortedSetView}.
 *
 * <p>Each operation does, as Redis's command does: lookup (touching the key) and type check,
 * argument checks that need no key (the ZADD option conflicts, with Redis's texts), creating
 * the key, the mutation with its encoding conversions, deleting the key when it empties, the
 * dirty count, the keyspace events, serving clients blocked on a key it created, and the
 * propagation form when Redis rewrites the command (ZMPOP and the blocking pops as
 * {@code ZPOPMIN|ZPOPMAX key [count]}); the other commands propagate as given.
 *
 * <p>Errors are thrown, before anything is modified, as {@link LimeException}s carrying
 * Redis's text: {@link WrongTypeException}, {@link NotFloatException}, or
 * {@code new LimeException(Errors.ZSET_*)}.
 *
 * <p>Concurrency: the caller holds the key's shard ({@link LockedKey}); multi-key operations
 * take handles made under {@code KeyLocks}.
 */
public final class SortedSetWrites {
  /**
   * {@link #incr} flag of the typed door: the command as given is {@code ZINCRBY}, not
   * {@code ZADD ... INCR} (the same effect; the AOF keeps the client's spelling).
   */
  public static final int ZINCRBY = 1 << 16;

  private SortedSetWrites() {}

  // ------------------------------------------------------------------ ZADD, ZINCRBY

  /**
   * ZADD without INCR: adds or updates the pairs under the {@code SortedSetType.IN_*} conditions
   * ({@link SortedSetType#IN_CH}: count the changed members too). Returns the members added (with
   * CH: added or updated). The pairs are {@code args}, the command's score-member pairs with the
   * scores as text (the RESP door), when {@code scores} is null; else {@code args} holds the
   * members and {@code scores} their scores (the typed door).
   *
   * @throws LimeException for conflicting options, an invalid score, or a key of another type
   */
  public static long add(LockedKey k, int flags, ByteArgs args, double @Nullable [] scores) {
    return (long) addGeneric(k, flags & ~SortedSetType.IN_INCR, args, scores);
  }

  /**
   * ZINCRBY and ZADD ... INCR: adds the increment of the single pair (see {@link #add}) to the
   * member's score (a missing member starts at 0) under the conditions. Returns the new score,
   * or NaN when a condition prevented it (Redis replies nil).
   *
   * @throws LimeException as {@link #add}, and {@link Errors#ZSET_NAN} when the sum would be
   *     NaN (nothing changed)
   */
  public static double incr(LockedKey k, int flags, ByteArgs args, double @Nullable [] scores) {
    return addGeneric(k, flags | SortedSetType.IN_INCR, args, scores);
  }

  /** Redis's zaddGenericCommand after parsing: the count, or with INCR the score / NaN. */
  private static double addGeneric(LockedKey k, int flags, ByteArgs args,
      double @Nullable [] scores) {
    int pairs = scores == null ? args.size() / 2 : scores.length;
    checkAdd(flags, pairs);
    for (int j = 0; j < pairs; j++) {
      if (Double.isNaN(score(args, scores, j))) {
        throw new NotFloatException();
      }
    }
    boolean incr = (flags & SortedSetType.IN_INCR) != 0;
    Entry e = SortedSetType.entry(k);
    if (e == null && (flags & SortedSetType.IN_XX) != 0) {
      return incr ? Double.NaN : 0;
    }
    EncodingLimits limits = k.engine().limits();
    SortedSetValue z = e != null ? SortedSetType.of(e) : create(k, limits, args.length(member(scores, 0)));
    int added = 0;
    int updated = 0;
    double score = Double.NaN;
    for (int j = 0; j < pairs; j++) {
      int m = member(scores, j);
      byte[] b = args.array(m);
      int off = args.offset(m);
      int len = args.length(m);
      int r = SortedSetType.add(z, limits, b, off, len, score(args, scores, j), flags);
      if ((r & SortedSetType.OUT_NAN) != 0) {
        throw new LimeException(Errors.ZSET_NAN); // INCR: one pair, nothing changed yet
      }
      added += (r & SortedSetType.OUT_ADDED) != 0 ? 1 : 0;
      updated += (r & SortedSetType.OUT_UPDATED) != 0 ? 1 : 0;
      if (incr && (r & SortedSetType.OUT_NOP) == 0) {
        score = SortedSetType.score(z, b, off, len);
      }
    }
    k.dirty(added + updated);
    if (added + updated > 0) {
      k.event(NotifyFlags.ZSET, incr ? "zincr" : "zadd");
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(addForm(k, flags, args, scores, pairs));
      }
    }
    k.engine().blocking().serveReady();
    if (incr) {
      return score;
    }
    return (flags & SortedSetType.IN_CH) != 0 ? added + updated : added;
  }

  /** The argument holding the member of pair {@code j} (see {@link #add}). */
  private static int member(double @Nullable [] scores, int j) {
    return scores == null ? 2 * j + 1 : j;
  }

  /** The score of pair {@code j} (see {@link #add}); NaN when its text is not a float. */
  private static double score(ByteArgs args, double @Nullable [] scores, int j) {
    return scores != null ? scores[j]
        : SortedSetParse.score(args.array(2 * j), args.offset(2 * j), args.length(2 * j));
  }

  /** ZADD's option checks, before the scores and the key, in Redis's order, with its texts. */
  private static void checkAdd(int flags, int pairs) {
    boolean nx = (flags & SortedSetType.IN_NX) != 0;
    boolean gt = (flags & SortedSetType.IN_GT) != 0;
    boolean lt = (flags & SortedSetType.IN_LT) != 0;
    if (nx && (flags & SortedSetType.IN_XX) != 0) {
      throw new LimeException(Errors.ZSET_XX_NX);
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw new LimeException(Errors.ZSET_GT_LT_NX);
    }
    if ((flags & SortedSetType.IN_INCR) != 0 && pairs > 1) {
      throw new LimeException(Errors.ZSET_INCR_PAIR);
    }
  }

  /**
   * A new sorted set under the (absent) key, encoded as zaddGenericCommand picks from the first
   * member; inserting it signals clients blocked on the key.
   */
  private static SortedSetValue create(LockedKey k, EncodingLimits limits, int firstLength) {
    SortedSetValue z = SortedSetType.create(limits, firstLength);
    k.insert(z);
    return z;
  }

  // ------------------------------------------------------------------ ZREM, ZREMRANGEBY*

  /** ZREM: removes the members; returns how many were present. */
  public static long remove(LockedKey k, ByteArgs members) {
    Entry e = SortedSetType.entry(k);
    if (e == null) {
      return 0;
    }
    SortedSetValue z = SortedSetType.of(e);
    int deleted = 0;
    for (int i = 0; i < members.size() && z.size() > 0; i++) {
      if (SortedSetType.remove(z, members.array(i), members.offset(i), members.length(i))) {
        deleted++;
      }
    }
    if (deleted > 0) {
      SetType.given(k, "ZREM", members);
    }
    return removed(k, e, z, deleted, "zrem");
  }

  /**
   * ZREMRANGEBYSCORE / ZREMRANGEBYLEX ({@code range}), or ZREMRANGEBYRANK ({@code range}
   * null: ranks {@code start..end} normalized as ZRANGE); returns how many were removed.
   */
  public static long removeRange(LockedKey k, @Nullable SortedSetRange range, long start, long end) {
    Entry e = SortedSetType.entry(k);
    if (e == null) {
      return 0;
    }
    SortedSetValue z = SortedSetType.of(e);
    int deleted = range == null ? SortedSetType.removeByRank(z, start, end)
        : SortedSetType.removeRange(z, range);
    Propagation p = deleted > 0 ? k.asGiven() : null;
    if (p != null) {
      p.rewrite(range == null ? Argvs.of("ZREMRANGEBYRANK", k, start, end) : Argvs.of(
          range instanceof SortedSetRange.Lex ? "ZREMRANGEBYLEX" : "ZREMRANGEBYSCORE", k,
          range.args()));
    }
    return removed(k, e, z, deleted, range == null ? "zremrangebyrank"
        : range instanceof SortedSetRange.Score ? "zremrangebyscore" : "zremrangebylex");
  }

  /** After removing {@code n} members: deletes an emptied key, counts, signals. */
  private static long removed(LockedKey k, Entry e, SortedSetValue z, int n, String event) {
    boolean emptied = z.size() == 0;
    if (emptied) {
      k.delete(e);
    }
    k.dirty(n);
    if (n > 0) {
      k.event(NotifyFlags.ZSET, event);
      if (emptied) {
        KeyspaceEvents.event(k.shard(), NotifyFlags.GENERIC, "del", k.array(), k.offset(),
            k.length());
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ pops

  /** Receives a pop: first how many members come from which key, then each in pop order. */
  public interface Popped extends SortedSetEncoding.Visitor {
    /** Called once, before the members: {@code n} (>= 0) members come from {@code key}. */
    default void begin(LockedKey key, int n) {}
  }

  /**
   * ZPOPMIN / ZPOPMAX key [count] (Redis's genericZpopCommand on one key): pops up to
   * {@code count} members from the low ({@code max}: high) end into {@code out}; returns how
   * many, or -1 (nothing received) when the key is missing. Propagated as given.
   */
  public static int pop(LockedKey k, boolean max, long count, Popped out) {
    Entry e = SortedSetType.entry(k);
    Propagation p = e == null ? null : k.asGiven();
    if (p != null) {
      p.rewrite(popForm(k.keyCopy(), max, count));
    }
    return e == null ? -1 : popFrom(k, e, max, count, out);
  }

  /**
   * ZMPOP, and BZPOPMIN / BZPOPMAX / BZMPOP when a key has members: pops from the first of
   * {@code keys} keys ({@code key.apply(i)}, all locked by the caller) holding a sorted set
   * (WRONGTYPE for the first existing key of another type), and propagates as Redis does:
   * {@code ZPOPMIN|ZPOPMAX key [count]}. {@code count} -1: one member, no count (BZPOPMIN).
   * Returns how many were popped, or -1 when no key holds a sorted set.
   */
  public static int popFirst(int keys, IntFunction<LockedKey> key, boolean max, long count,
      Popped out) {
    for (int i = 0; i < keys; i++) {
      LockedKey k = key.apply(i);
      Entry e = SortedSetType.entry(k);
      if (e != null) {
        int n = popFrom(k, e, max, count < 0 ? 1 : count, out);
        Propagation p = k.propagation();
        if (p != null) {
          p.rewrite(popForm(k.keyCopy(), max, count));
        }
        return n;
      }
    }
    return -1;
  }

  /** What a pop of {@code key} propagates: {@code ZPOPMIN|ZPOPMAX key [count]} (count -1: none). */
  public static byte[][] popForm(byte[] key, boolean max, long count) {
    byte[] cmd = max ? Argvs.ZPOPMAX : Argvs.ZPOPMIN;
    return count < 0 ? new byte[][] {cmd, key} : new byte[][] {cmd, key, Argvs.number(count)};
  }

  /** The ZADD flags ({@link SortedSetType#IN_NX} ...) of the typed door's options. */
  public static int flags(SortedSetView.AddOptions o) {
    return (o.nx() ? SortedSetType.IN_NX : 0) | (o.xx() ? SortedSetType.IN_XX : 0)
        | (o.gt() ? SortedSetType.IN_GT : 0) | (o.lt() ? SortedSetType.IN_LT : 0)
        | (o.ch() ? SortedSetType.IN_CH : 0);
  }

  /**
   * ZADD as a client writes it, {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ...}
   * from the {@code SortedSetType.IN_*} flags, or {@code ZINCRBY key increment member} with
   * {@link #ZINCRBY}: the typed door's command as given.
   */
  private static byte[][] addForm(LockedKey k, int flags, ByteArgs args,
      double @Nullable [] scores, int pairs) {
    List<Object> argv = new ArrayList<>(8 + 2 * pairs);
    argv.add((flags & ZINCRBY) != 0 ? "ZINCRBY" : "ZADD");
    argv.add(k);
    for (int i = 0; i < FLAG_NAMES.length && (flags & ZINCRBY) == 0; i++) {
      if ((flags & FLAG_BITS[i]) != 0) {
        argv.add(FLAG_NAMES[i]);
      }
    }
    for (int j = 0; j < pairs; j++) {
      argv.add(score(args, scores, j));
      argv.add(args.copy(member(scores, j)));
    }
    return Argvs.of(argv);
  }

  private static final int[] FLAG_BITS = {SortedSetType.IN_NX, SortedSetType.IN_XX, SortedSetType.IN_GT,
      SortedSetType.IN_LT, SortedSetType.IN_CH, SortedSetType.IN_INCR};
  private static final String[] FLAG_NAMES = {"NX", "XX", "GT", "LT", "CH", "INCR"};

  /** Pops from the sorted set of entry {@code e} of {@code k}, deleting the key when emptied. */
  static int popFrom(LockedKey k, Entry e, boolean max, long count, Popped out) {
    SortedSetValue z = SortedSetType.of(e);
    int n = (int) Math.min(count, z.size());
    out.begin(k, n);
    if (n == 0) {
      return 0;
    }
    SortedSetType.pop(z, max, n, out);
    return (int) removed(k, e, z, n, max ? "zpopmax" : "zpopmin");
  }

  // ------------------------------------------------------------------ STORE commands

  /**
   * ZRANGESTORE: stores the members of {@code src} (null: missing) that {@code q} selects under
   * {@code dst} (see {@link #store}); returns how many.
   */
  public static int rangeStore(LockedKey dst, @Nullable SortedSetValue src, SortedSetQuery q) {
    SortedSetValue result = SortedSetType.createListpack();
    EncodingLimits limits = dst.engine().limits();
    q.run(src, (b, off, len, score) -> {
      SortedSetType.add(result, limits, b, off, len, score, 0);
      return true;
    });
    return store(dst, result, "zrangestore", 1);
  }

  /**
   * ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE ({@code event}: the command's name): stores a
   * computed {@link SortedSetAlgebra} result under {@code dst}, as a listpack when it fits (see
   * {@link #store}); returns its size.
   */
  public static int storeResult(LockedKey dst, SortedSetValue result, String event) {
    if (result.size() > 0) {
      SortedSetAlgebra.fitForStore(result, dst.engine().limits());
    }
    return store(dst, result, event, 1);
  }

  /**
   * GEORADIUS ... STORE and GEOSEARCHSTORE: stores a sorted set built as a skiplist (converted
   * to a listpack when it fits, as zsetConvertToListpackIfNeeded) under {@code dst} as
   * {@link #storeResult} does, counting each member dirty as Redis's georadiusGeneric does.
   */
  public static int storeEach(LockedKey dst, SortedSetValue result, String event) {
    if (result.size() > 0) {
      SortedSetAlgebra.fitForStore(result, dst.engine().limits());
    }
    return store(dst, result, event, result.size());
  }

  /**
   * Stores a computed sorted set as the STORE commands do: replaces any value (dropping its
   * expiry; clients blocked on the key are served) when {@code result} is not empty, else
   * deletes the key; counts {@code dirty} changes for a stored result, one for a deletion.
   * Returns the result's size.
   */
  private static int store(LockedKey dst, SortedSetValue result, String event, int dirty) {
    int size = result.size();
    KeyOps.storeOrDelete(dst, size > 0 ? result : null, dirty, NotifyFlags.ZSET, event);
    return size;
  }
}
