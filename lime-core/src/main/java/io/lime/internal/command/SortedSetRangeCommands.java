package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.ZSetRange;
import io.lime.internal.type.ZSetType;
import io.lime.internal.type.ZSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * ZRANGE and its family (ZRANGESTORE, ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX), one
 * generic routine as Redis's zrangeGenericCommand: options parsed first, then the conflict
 * checks, then the range, then the key; results go to the client (flat in RESP2, pairs in
 * RESP3 with WITHSCORES) or into a new sorted set (ZRANGESTORE).
 */
final class SortedSetRangeCommands {
  private static final int AUTO = 0;
  private static final int RANK = 1;
  private static final int SCORE = 2;
  private static final int LEX = 3;
  private static final int FORWARD = 1;
  private static final int REVERSE = 2;

  private SortedSetRangeCommands() {}

  /** ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]. */
  static void zrange(Call c) {
    generic(c, 1, false, AUTO, AUTO);
  }

  /** ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]. */
  static void zrangestore(Call c) {
    generic(c, 2, true, AUTO, AUTO);
  }

  /** ZREVRANGE key start stop [WITHSCORES]. */
  static void zrevrange(Call c) {
    generic(c, 1, false, RANK, REVERSE);
  }

  /** ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]. */
  static void zrangebyscore(Call c) {
    generic(c, 1, false, SCORE, FORWARD);
  }

  /** ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]. */
  static void zrevrangebyscore(Call c) {
    generic(c, 1, false, SCORE, REVERSE);
  }

  /** ZRANGEBYLEX key min max [LIMIT offset count]. */
  static void zrangebylex(Call c) {
    generic(c, 1, false, LEX, FORWARD);
  }

  /** ZREVRANGEBYLEX key max min [LIMIT offset count]. */
  static void zrevrangebylex(Call c) {
    generic(c, 1, false, LEX, REVERSE);
  }

  private static void generic(Call c, int keyIndex, boolean store, int rangeType,
      int direction) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int minIdx = keyIndex + 1;
    int maxIdx = keyIndex + 2;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    int type = rangeType;
    int dir = direction;
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
      } else if (dir == AUTO && a.is(j, "REV")) {
        dir = REVERSE;
      } else if (type == AUTO && a.is(j, "BYLEX")) {
        type = LEX;
      } else if (type == AUTO && a.is(j, "BYSCORE")) {
        type = SCORE;
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    if (dir == AUTO) {
      dir = FORWARD;
    }
    if (type == AUTO) {
      type = RANK;
    }
    if (limit != -1 && type == RANK) {
      out.error(Errors.ZSET_LIMIT_RANK);
      return;
    }
    if (withScores && type == LEX) {
      out.error(Errors.ZSET_WITHSCORES_LEX);
      return;
    }
    boolean reverse = dir == REVERSE;
    if (reverse && type != RANK) {
      int t = maxIdx;
      maxIdx = minIdx;
      minIdx = t;
    }
    long start = 0;
    long end = 0;
    ZSetRange range = null;
    if (type == RANK) {
      if (!StringArgs.isLong(a, minIdx) || !StringArgs.isLong(a, maxIdx)) {
        out.error(Errors.NOT_INTEGER);
        return;
      }
      start = StringArgs.longValue(a, minIdx);
      end = StringArgs.longValue(a, maxIdx);
    } else if (type == SCORE) {
      range = ZSetArgs.scoreRange(a, minIdx, maxIdx);
      if (range == null) {
        out.error(Errors.ZSET_MINMAX_FLOAT);
        return;
      }
    } else {
      range = ZSetArgs.lexRange(a, minIdx, maxIdx);
      if (range == null) {
        out.error(Errors.ZSET_MINMAX_LEX);
        return;
      }
    }
    Query q = new Query(range, start, end, reverse, offset, limit);
    if (store) {
      store(c, keyIndex, q);
    } else {
      reply(c, keyIndex, q, withScores);
    }
  }

  /** A parsed range request: by rank when {@code range} is null. */
  private record Query(@org.jspecify.annotations.Nullable ZSetRange range, long start, long end,
      boolean reverse, long offset, long limit) {
    int run(ZSetValue z, io.lime.internal.type.ZSetEncoding.@org.jspecify.annotations.Nullable
        Visitor v) {
      return range == null ? ZSetType.selectByRank(z, start, end, reverse, v)
          : ZSetType.select(z, range, reverse, offset, limit, v);
    }
  }

  private static void reply(Call c, int keyIndex, Query q, boolean withScores) {
    Argv a = c.argv();
    ReplySink out = c.out();
    byte[] k = a.array();
    int off = a.offset(keyIndex);
    int len = a.length(keyIndex);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = SortedSetCommands.readZSet(c, s, k, off, len, h);
      if (e == null) {
        out.arrayHeader(0);
        return;
      }
      ZSetValue z = ZSetType.of(e);
      int n = q.run(z, null);
      ZSetArgs.header(out, n, withScores);
      if (n > 0) {
        q.run(z, (b, o, l, score) -> {
          ZSetArgs.element(out, b, o, l, score, withScores);
          return true;
        });
      }
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  private static void store(Call c, int keyIndex, Query q) {
    Argv a = c.argv();
    ReplySink out = c.out();
    Database db = c.db();
    long mask = db.lockKeys(a, 1, 2, 1);
    try {
      byte[] k = a.array();
      int off = a.offset(keyIndex);
      int len = a.length(keyIndex);
      int h = Hashing.hash(k, off, len);
      Entry e = SortedSetCommands.readZSet(c, db.shard(h), k, off, len, h);
      ZSetValue dst = ZSetType.createListpack();
      if (e != null) {
        ZSetValue src = ZSetType.of(e);
        q.run(src, (b, o, l, score) -> {
          ZSetType.add(dst, c.engine().limits(), b, o, l, score, 0);
          return true;
        });
      }
      int dOff = a.offset(1);
      int dLen = a.length(1);
      int dh = Hashing.hash(k, dOff, dLen);
      int changed = ZSetType.store(db.shard(dh), k, dOff, dLen, dh, c.now(), dst);
      c.engine().dirty(changed);
      out.integer(dst.size());
      if (dst.size() > 0) { // the STORE command's name is the event (zunionstore, ...)
        KeyspaceEvents.signal(db.shard(dh), NotifyFlags.ZSET, c.spec().name(), k, dOff, dLen);
      } else if (changed > 0) {
        KeyspaceEvents.signal(db.shard(dh), NotifyFlags.GENERIC, "del", k, dOff, dLen);
      }
      c.engine().blocking().serveReady();
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      db.unlock(mask);
    }
  }
}
