package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetQuery;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetRange;
import io.lime.internal.type.SortedSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * ZRANGE and its family (ZRANGESTORE, ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX), one
 * generic routine as Redis's zrangeGenericCommand: options parsed first, then the conflict
 * checks, then the range (a {@link SortedSetQuery}), then the key; results go to the client
 * (flat in RESP2, pairs in RESP3 with WITHSCORES) or into a new sorted set
 * ({@link SortedSetWrites#rangeStore}).
 */
final class SortedSetRangeCommands implements CommandGroup {
  /** What the range is over; AUTO: ZRANGE's default, RANK unless BYSCORE or BYLEX. */
  private enum By { AUTO, RANK, SCORE, LEX }

  /** Which way the range goes; AUTO: ZRANGE's default, FORWARD unless REV. */
  private enum Direction { AUTO, FORWARD, REVERSE }

  private SortedSetRangeCommands() {}

  /** ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]. */
  static void zrange(Call c) { generic(c, 1, false, By.AUTO, Direction.AUTO); }

  /** ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]. */
  static void zrangestore(Call c) { generic(c, 2, true, By.AUTO, Direction.AUTO); }

  /** ZREVRANGE key start stop [WITHSCORES]. */
  static void zrevrange(Call c) { generic(c, 1, false, By.RANK, Direction.REVERSE); }

  /** ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]. */
  static void zrangebyscore(Call c) { generic(c, 1, false, By.SCORE, Direction.FORWARD); }

  /** ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]. */
  static void zrevrangebyscore(Call c) { generic(c, 1, false, By.SCORE, Direction.REVERSE); }

  /** ZRANGEBYLEX key min max [LIMIT offset count]. */
  static void zrangebylex(Call c) { generic(c, 1, false, By.LEX, Direction.FORWARD); }

  /** ZREVRANGEBYLEX key max min [LIMIT offset count]. */
  static void zrevrangebylex(Call c) { generic(c, 1, false, By.LEX, Direction.REVERSE); }

  @SuppressWarnings("try") // the locks are held, not referenced
  private static void generic(Call c, int keyIndex, boolean store, By rangeType,
      Direction direction) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int minIdx = keyIndex + 1;
    int maxIdx = keyIndex + 2;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    By type = rangeType;
    Direction dir = direction;
    for (int j = keyIndex + 3; j < a.size(); j++) {
      int left = a.size() - j - 1;
      if (!store && a.is(j, "WITHSCORES")) {
        withScores = true;
      } else if (a.is(j, "LIMIT") && left >= 2) {
        if (!StringArgs.isLong(a, j + 1) || !StringArgs.isLong(a, j + 2)) {
          out.error(Errors.NOT_INTEGER);
          return;
        }
        offset = StringArgs.longValue(a, j + 1);
        limit = StringArgs.longValue(a, j + 2);
        j += 2;
      } else if (dir == Direction.AUTO && a.is(j, "REV")) {
        dir = Direction.REVERSE;
      } else if (type == By.AUTO && a.is(j, "BYLEX")) {
        type = By.LEX;
      } else if (type == By.AUTO && a.is(j, "BYSCORE")) {
        type = By.SCORE;
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    if (dir == Direction.AUTO) {
      dir = Direction.FORWARD;
    }
    if (type == By.AUTO) {
      type = By.RANK;
    }
    if (limit != -1 && type == By.RANK) {
      out.error(Errors.ZSET_LIMIT_RANK);
      return;
    }
    if (withScores && type == By.LEX) {
      out.error(Errors.ZSET_WITHSCORES_LEX);
      return;
    }
    boolean reverse = dir == Direction.REVERSE;
    if (reverse && type != By.RANK) {
      int t = maxIdx;
      maxIdx = minIdx;
      minIdx = t;
    }
    long start = 0;
    long end = 0;
    SortedSetRange range = null;
    if (type == By.RANK) {
      if (!StringArgs.isLong(a, minIdx) || !StringArgs.isLong(a, maxIdx)) {
        out.error(Errors.NOT_INTEGER);
        return;
      }
      start = StringArgs.longValue(a, minIdx);
      end = StringArgs.longValue(a, maxIdx);
    } else {
      range = type == By.SCORE ? SortedSetArgs.scoreRange(c, minIdx, maxIdx)
          : SortedSetArgs.lexRange(c, minIdx, maxIdx);
      if (range == SortedSetArgs.INVALID) {
        return;
      }
    }
    SortedSetQuery q = new SortedSetQuery(range, start, end, reverse, offset, limit);
    if (store) {
      try (KeyLocks locks = c.lockKeys(1, 2, 1)) {
        c.out().integer(SortedSetWrites.rangeStore(c.keyWithin(1),
            SortedSetCommands.read(c, c.keyWithin(2)), q));
      } catch (LimeException ex) {
        c.out().error(ex.getMessage());
      }
    } else {
      reply(c, q, withScores);
    }
  }

  /**
   * Replies the members {@code q} selects from the key at argument 1, with scores when asked.
   * (try/finally rather than try-with-resources: the smaller method is inlined into
   * {@link #generic}, so {@code q} is not allocated; measured.)
   */
  private static void reply(Call c, SortedSetQuery q, boolean withScores) {
    ReplySink out = c.out();
    LockedKey k = c.lockKey(1);
    try {
      SortedSetValue z = SortedSetCommands.read(c, k);
      int n = q.run(z, null);
      SortedSetArgs.header(out, n, withScores);
      if (n > 0) {
        q.run(z, (b, o, l, score) -> {
          SortedSetArgs.element(out, b, o, l, score, withScores);
          return true;
        });
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    } finally {
      k.close();
    }
  }
}
