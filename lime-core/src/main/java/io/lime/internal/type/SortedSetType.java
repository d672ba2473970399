package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.util.Glob;
import io.lime.resp.DoubleFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The sorted set type (Redis's src/t_zset.c type part): encoding-agnostic operations over
 * {@link SortedSetValue} and the key-level reads, shared by {@code SortedSetCommands} and the typed
 * embedded view; the key-level writes are {@link SortedSetWrites}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency: key-level methods take a {@link LockedKey}; value-level methods require
 *       the lock of the shard holding the value.
 *   <li>Conversions: {@link #add} converts listpack to skiplist exactly where zsetAdd does;
 *       {@link #create} picks the encoding as zaddGenericCommand does from the first member.
 *   <li>Range selection ({@link #select}) reproduces genericZrangebyrank/byscore/bylex:
 *       the first (or last, reversed) element in range, then {@code offset} steps without
 *       checking, then elements while in range and {@code limit} lasts (negative: no
 *       limit; a negative offset walks off the end, giving nothing, as in Redis).
 *   <li>Value-level methods count nothing dirty and signal nothing: the key-level operations
 *       of {@link SortedSetWrites} do, once for both doors.
 * </ul>
 */
public final class SortedSetType {
  /** {@link #add} flag: only add new members (NX). */ public static final int IN_NX = 1;
  /** {@link #add} flag: only update existing members (XX). */ public static final int IN_XX = 2;
  /** {@link #add} flag: only update when the new score is greater (GT). */ public static final int IN_GT = 4;
  /** {@link #add} flag: only update when the new score is less (LT). */ public static final int IN_LT = 8;
  /** {@link #add} flag: the score is an increment (INCR, ZINCRBY). */ public static final int IN_INCR = 16;
  /** ZADD flag: reply the members changed, not only added (CH); {@link #add} ignores it. */ public static final int IN_CH = 32;

  /** {@link #add} result: nothing done because of NX/XX/GT/LT. */ public static final int OUT_NOP = 1;
  /** {@link #add} result: the member was added. */ public static final int OUT_ADDED = 2;
  /** {@link #add} result: the member's score changed. */ public static final int OUT_UPDATED = 4;
  /** {@link #add} result: the resulting score would be NaN; nothing changed. */ public static final int OUT_NAN = 8;

  /** Redis's ZSCAN default COUNT. */ public static final long SCAN_DEFAULT_COUNT = 10;

  private SortedSetType() {}

  // ------------------------------------------------------------------ representation

  /** Whether a stored value is a sorted set. */
  public static boolean isSortedSet(@Nullable Object value) { return value instanceof SortedSetValue; }
  /** OBJECT ENCODING of a sorted set value. */
  static String encoding(Object value) { return ((SortedSetValue) value).encoding(); }
  /** A deep copy of a sorted set value (COPY). */
  static Object duplicate(Object value) { return ((SortedSetValue) value).copy(); }

  // ------------------------------------------------------------------ key level

  /**
   * The sorted set in an entry.
   *
   * @throws WrongTypeException if the entry holds another type
   */
  public static SortedSetValue of(Entry e) {
    if (e.value() instanceof SortedSetValue z) {
      return z;
    }
    throw new WrongTypeException();
  }

  /** The sorted set of a looked-up entry, null when the key is missing ({@link #of}). */
  public static @Nullable SortedSetValue valueOf(@Nullable Entry e) {
    return e == null ? null : of(e);
  }

  /**
   * The entry of a locked key holding a sorted set, looked up touching it (Redis's
   * lookupKeyWrite + checkType); null when missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Entry entry(LockedKey k) {
    Entry e = k.lookup();
    if (e != null) {
      of(e);
    }
    return e;
  }

  /**
   * The sorted set of a locked key for a read, null when missing. (The RESP door also counts
   * the lookup as a keyspace hit or miss, see {@code SortedSetCommands}.)
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable SortedSetValue read(LockedKey k) {
    return valueOf(k.lookup());
  }

  /**
   * An empty sorted set for a ZADD whose first member is {@code firstLen} bytes long: skiplist
   * when zset-max-listpack-entries is 0 or the member exceeds zset-max-listpack-value.
   */
  public static SortedSetValue create(EncodingLimits limits, long firstLen) {
    return limits.zsetMaxListpackEntries == 0 || limits.zsetMaxListpackValue < firstLen
        ? SortedSetValue.skiplist() : SortedSetValue.listpack();
  }

  /** An empty listpack sorted set to fill (ZRANGESTORE's destination). */
  public static SortedSetValue createListpack() {
    return SortedSetValue.listpack();
  }

  // ------------------------------------------------------------------ single members

  /**
   * Redis's zsetAdd: adds or updates one member under the {@code IN_*} flags; returns the
   * {@code OUT_*} flags. The resulting score is then {@link #score} of the member.
   */
  public static int add(SortedSetValue z, EncodingLimits limits, byte[] b, int off, int len,
      double score, int flags) {
    if (Double.isNaN(score)) {
      return OUT_NAN;
    }
    SortedSetEncoding rep = z.rep();
    // a skiplist's member is looked up once, for its score and its score change
    SortedSetSkiplist sl = rep instanceof SortedSetSkiplist x ? x : null;
    SkiplistNodes.@Nullable Node node = sl != null ? sl.node(b, off, len) : null;
    double cur = sl == null ? rep.score(b, off, len) : node != null ? node.score : Double.NaN;
    if (!Double.isNaN(cur)) {
      if ((flags & IN_NX) != 0) {
        return OUT_NOP;
      }
      double s = score;
      if ((flags & IN_INCR) != 0) {
        s += cur;
        if (Double.isNaN(s)) {
          return OUT_NAN;
        }
      }
      if (((flags & IN_LT) != 0 && s >= cur) || ((flags & IN_GT) != 0 && s <= cur)) {
        return OUT_NOP;
      }
      if (s != cur) {
        if (sl != null && node != null) {
          sl.updateScore(node, s);
        } else {
          rep.updateScore(b, off, len, cur, s);
        }
        return OUT_UPDATED;
      }
      return 0;
    }
    if ((flags & IN_XX) != 0) {
      return OUT_NOP;
    }
    if (z.isListpack() && ((long) z.size() + 1 > limits.zsetMaxListpackEntries
        || len > limits.zsetMaxListpackValue
        || ((SortedSetListpack) rep).bytes() + (long) len >= SortedSetValue.LISTPACK_MAX_SAFETY_BYTES)) {
      z.toSkiplist();
    }
    z.rep().insert(Arrays.copyOfRange(b, off, off + len), score);
    return OUT_ADDED;
  }

  /** Number of members; 0 for a missing key (null). */
  public static int size(@Nullable SortedSetValue z) {
    return z == null ? 0 : z.size();
  }

  /** The score of a member, or NaN when absent (or the key is missing: null). */
  public static double score(@Nullable SortedSetValue z, byte[] b, int off, int len) {
    return z == null ? Double.NaN : z.rep().score(b, off, len);
  }

  /** The 0-based rank of a member (from the highest score when {@code reverse}), or -1. */
  public static long rank(@Nullable SortedSetValue z, byte[] b, int off, int len, boolean reverse) {
    if (z == null) {
      return -1;
    }
    int r = z.rep().rank(b, off, len);
    return r < 0 ? -1 : reverse ? z.size() - 1 - r : r;
  }

  /** Removes a member; true when it was present. */
  public static boolean remove(SortedSetValue z, byte[] b, int off, int len) {
    return z.rep().delete(b, off, len);
  }

  // ------------------------------------------------------------------ ranges

  /** Visits the members of ranks {@code [start, end]} (normalized as ZRANGE); returns the count. */
  public static int selectByRank(SortedSetValue z, long start, long end, boolean reverse,
      SortedSetEncoding.@Nullable Visitor v) {
    int count = (int) Ranks.count(z.size(), start, end);
    if (count == 0) {
      return 0;
    }
    int first = (int) Ranks.first(z.size(), start);
    if (v != null) {
      int[] left = {count};
      z.rep().walk(reverse ? z.size() - 1 - first : first, reverse, (b, off, len, score) ->
          v.visit(b, off, len, score) && --left[0] > 0);
    }
    return count;
  }

  /**
   * Visits the members in a score or lex range as ZRANGEBYSCORE / ZRANGEBYLEX with
   * {@code LIMIT offset limit} ({@code limit} negative: all); returns the count.
   */
  public static int select(SortedSetValue z, SortedSetRange range, boolean reverse, long offset,
      long limit, SortedSetEncoding.@Nullable Visitor v) {
    int size = z.size();
    if (offset < 0 || (offset > 0 && offset >= size) || limit == 0) {
      return 0;
    }
    SortedSetEncoding rep = z.rep();
    int start = reverse ? rep.lastInRange(range) : rep.firstInRange(range);
    if (start < 0) {
      return 0;
    }
    long pos = reverse ? start - offset : start + offset;
    if (pos < 0 || pos >= size) {
      return 0;
    }
    RangeWalk w = new RangeWalk(range, reverse, limit, v);
    rep.walk((int) pos, reverse, w);
    return w.count;
  }

  /** Counts the members in a range (ZCOUNT, ZLEXCOUNT); 0 for a missing key (null). */
  public static long count(@Nullable SortedSetValue z, SortedSetRange range) {
    if (z == null) {
      return 0;
    }
    SortedSetEncoding rep = z.rep();
    if (rep instanceof SortedSetSkiplist) {
      int first = rep.firstInRange(range);
      if (first < 0) {
        return 0;
      }
      int last = rep.lastInRange(range);
      return last < 0 ? z.size() - first : last - first + 1;
    }
    return select(z, range, false, 0, -1, null);
  }

  /** Removes the members of normalized ranks; returns how many were removed. */
  public static int removeByRank(SortedSetValue z, long start, long end) {
    int count = (int) Ranks.count(z.size(), start, end);
    if (count > 0) {
      int first = (int) Ranks.first(z.size(), start);
      z.rep().deleteRange(first, first + count - 1);
    }
    return count;
  }

  /** Removes the members in a score or lex range (ZREMRANGEBYSCORE/LEX); returns the count. */
  public static int removeRange(SortedSetValue z, SortedSetRange range) {
    int first = z.rep().firstInRange(range);
    if (first < 0) {
      return 0;
    }
    RangeWalk w = new RangeWalk(range, false, -1, null);
    z.rep().walk(first, false, w);
    z.rep().deleteRange(first, first + w.count - 1);
    return w.count;
  }

  /**
   * Pops up to {@code count} members from the low end ({@code max}: the high end), visiting
   * each (with the removed member's bytes) in pop order; returns how many were popped.
   */
  public static int pop(SortedSetValue z, boolean max, long count, SortedSetEncoding.@Nullable Visitor v) {
    int n = (int) Math.min(count, z.size());
    if (n <= 0) {
      return 0;
    }
    if (v != null) {
      int[] left = {n};
      z.rep().walk(max ? z.size() - 1 : 0, max, (b, off, len, score) ->
          v.visit(b, off, len, score) && --left[0] > 0);
    }
    if (max) {
      z.rep().deleteRange(z.size() - n, z.size() - 1);
    } else {
      z.rep().deleteRange(0, n - 1);
    }
    return n;
  }

  /** Visits the member at a rank (random picks, ZRANDMEMBER). */
  public static void visitAt(SortedSetValue z, int rank, SortedSetEncoding.Visitor v) {
    z.rep().walk(rank, false, (b, off, len, score) -> {
      v.visit(b, off, len, score);
      return false;
    });
  }

  /** A uniformly random rank of a non-empty set. */
  public static int randomRank(SortedSetValue z) {
    return ThreadLocalRandom.current().nextInt(z.size());
  }

  /** Visits every member in order. */
  public static void forEach(SortedSetValue z, SortedSetEncoding.Visitor v) {
    z.rep().walk(0, false, v);
  }

  /** Visits every member from the highest (Redis's zui iterators walk from the tail). */
  public static void forEachReverse(SortedSetValue z, SortedSetEncoding.Visitor v) {
    z.rep().walk(z.size() - 1, true, v);
  }

  // ------------------------------------------------------------------ scan

  /**
   * One ZSCAN step: appends member, score-text pairs to {@code out} (scores as Redis formats
   * them, %.17g), filtered by the glob {@code pattern} when not null; returns the next
   * cursor. A listpack answers everything at once with cursor 0, as Redis does.
   */
  public static long scan(SortedSetValue z, long cursor, long count, byte @Nullable [] pattern,
      int poff, int plen, List<byte[]> out) {
    boolean all = pattern == null || Glob.matchesAll(pattern, poff, plen);
    SortedSetEncoding.Visitor collect = (b, off, len, score) -> {
      if (all || Glob.match(pattern, poff, plen, b, off, len, false)) {
        out.add(Arrays.copyOfRange(b, off, off + len));
        out.add(DoubleFormat.g17(score).getBytes(StandardCharsets.US_ASCII));
      }
      return true;
    };
    if (z.rep() instanceof SortedSetSkiplist sl) {
      return sl.scan(cursor, count, collect);
    }
    z.rep().walk(0, false, collect);
    return 0;
  }

  /** The walker of {@link #select}: in range and within the limit. */
  private static final class RangeWalk implements SortedSetEncoding.Visitor {
    private final SortedSetRange range;
    private final boolean reverse;
    private long limit;
    private final SortedSetEncoding.@Nullable Visitor target;
    int count;

    RangeWalk(SortedSetRange range, boolean reverse, long limit, SortedSetEncoding.@Nullable Visitor target) {
      this.range = range;
      this.reverse = reverse;
      this.limit = limit;
      this.target = target;
    }

    @Override
    public boolean visit(byte[] b, int off, int len, double score) {
      if (limit == 0) {
        return false;
      }
      if (reverse ? !range.gteMin(b, off, len, score) : !range.lteMax(b, off, len, score)) {
        return false;
      }
      limit--;
      count++;
      if (target != null) {
        target.visit(b, off, len, score);
      }
      return true;
    }
  }
}
