package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.ZSetType;
import io.lime.internal.type.ZSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP (Redis's genericZpopCommand and zmpopGenericCommand) and
 * ZRANDMEMBER (zrandmemberWithCountCommand: its four cases, so the reply sizes and the
 * uniqueness rules match; element order is random as in Redis).
 */
final class SortedSetPopCommands {
  /** zrandmember's ZRANDMEMBER_SUB_STRATEGY_MUL. */
  private static final int SUB_STRATEGY_MUL = 3;
  /** Largest reply LIME builds for ZRANDMEMBER with a negative count. */
  private static final long MAX_REPLY_ELEMENTS = Integer.MAX_VALUE / 2;

  private SortedSetPopCommands() {}

  /** ZPOPMIN key [count] — O(log(N)*M). */
  static void zpopmin(Call c) {
    zpop(c, false);
  }

  /** ZPOPMAX key [count] — O(log(N)*M). */
  static void zpopmax(Call c) {
    zpop(c, true);
  }

  private static void zpop(Call c, boolean max) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (a.size() > 3) {
      out.error(Errors.SYNTAX);
      return;
    }
    long count = -1;
    if (a.size() == 3) {
      count = ZSetArgs.positiveLong(a, 2, out, null);
      if (count < 0) {
        return;
      }
    }
    boolean nested = out.protocol() > 2 && count != -1;
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ZSetType.lookup(s, k, off, len, h, c.now());
      if (e == null || count == 0) {
        out.arrayHeader(0);
        return;
      }
      popAndReply(c, s, e, max, count == -1 ? 1 : count, nested, false);
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /**
   * Pops from a non-empty sorted set and replies as genericZpopCommand: flat
   * {@code [m, s, ...]} or nested {@code [[m, s], ...]}, prefixed by the key when
   * {@code emitKey} (ZMPOP, BZMPOP: {@code [key, [[m, s], ...]]}; BZPOPMIN: flat
   * {@code [key, m, s]}). Deletes the key when emptied; counts one dirty per element.
   */
  static void popAndReply(Call c, Shard s, Entry e, boolean max, long count, boolean nested,
      boolean emitKey) {
    ReplySink out = c.out();
    ZSetValue z = ZSetType.of(e);
    int n = (int) Math.min(count, z.size());
    if (!nested && !emitKey) {
      out.arrayHeader(n * 2);
    } else if (nested && !emitKey) {
      out.arrayHeader(n);
    } else if (!nested) {
      out.arrayHeader(n * 2 + 1);
      out.bulk(e.key());
    } else {
      out.arrayHeader(2);
      out.bulk(e.key());
      out.arrayHeader(n);
    }
    ZSetType.pop(z, max, n, (b, off, len, score) -> {
      if (nested) {
        out.arrayHeader(2);
      }
      out.bulk(b, off, len);
      out.doubleValue(score);
      return true;
    });
    c.engine().dirty(n);
    if (n > 0) {
      KeyspaceEvents.signal(s, NotifyFlags.ZSET, max ? "zpopmax" : "zpopmin", e.key());
    }
    if (ZSetType.deleteIfEmpty(s, e)) {
      KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", e.key(), 0, e.key().length);
    }
  }

  /** ZMPOP numkeys key [key ...] MIN | MAX [COUNT count] — O(K) + O(M*log(N)). */
  static void zmpop(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long parsed = parseMpop(a, 1, out);
    if (parsed < 0) {
      return;
    }
    int numkeys = (int) (parsed >>> 33);
    boolean max = (parsed & (1L << 32)) != 0;
    long count = parsed & 0xffffffffL;
    Database db = c.db();
    long mask = ZSetArgs.mask(db, a, 2, numkeys, 0);
    db.lockMask(mask);
    try {
      for (int i = 2; i < 2 + numkeys; i++) {
        byte[] k = a.array();
        int h = Hashing.hash(k, a.offset(i), a.length(i));
        Shard s = db.shard(h);
        Entry e = ZSetType.lookup(s, k, a.offset(i), a.length(i), h, c.now());
        if (e != null) {
          popAndReply(c, s, e, max, count, true, true);
          return;
        }
      }
      out.nullArray();
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      db.unlock(mask);
    }
  }

  /**
   * Parses {@code numkeys key... MIN|MAX [COUNT count]} from {@code numkeysIndex} (ZMPOP: 1,
   * BZMPOP: 2). Returns {@code numkeys << 33 | max << 32 | count} (count capped to 2^31-1),
   * or -1 after replying an error.
   */
  static long parseMpop(Argv a, int numkeysIndex, ReplySink out) {
    long numkeys = NumKeysArgs.numkeys(a, numkeysIndex, 1, Errors.SYNTAX, out);
    if (numkeys < 0) {
      return -1;
    }
    long whereIdx = numkeysIndex + numkeys + 1;
    boolean max;
    if (a.is((int) whereIdx, "MIN")) {
      max = false;
    } else if (a.is((int) whereIdx, "MAX")) {
      max = true;
    } else {
      out.error(Errors.SYNTAX);
      return -1;
    }
    long count = NumKeysArgs.popCount(a, (int) whereIdx + 1, out);
    if (count < 0) {
      return -1;
    }
    return numkeys << 33 | (max ? 1L << 32 : 0) | Math.min(count, Integer.MAX_VALUE);
  }

  // ------------------------------------------------------------------ ZRANDMEMBER

  /** ZRANDMEMBER key [count [WITHSCORES]] — O(N) where N is the number returned. */
  static void zrandmember(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long l = 0;
    boolean withScores = false;
    boolean withCount = a.size() >= 3;
    if (withCount) {
      if (!StringArgs.isLong(a, 2)) {
        out.error(Errors.NOT_INTEGER);
        return;
      }
      l = StringArgs.longValue(a, 2);
      if (l == Long.MIN_VALUE) {
        out.error(Errors.SET_RANDOM_COUNT_RANGE);
        return;
      }
      if (a.size() > 4 || (a.size() == 4 && !a.is(3, "WITHSCORES"))) {
        out.error(Errors.SYNTAX);
        return;
      }
      if (a.size() == 4) {
        withScores = true;
        if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
          out.error(Errors.ZSET_VALUE_OUT_OF_RANGE);
          return;
        }
      }
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = SortedSetCommands.readZSet(c, s, k, off, len, h);
      if (e == null) {
        if (withCount) {
          out.arrayHeader(0);
        } else {
          out.nullBulk();
        }
        return;
      }
      ZSetValue z = ZSetType.of(e);
      if (!withCount) {
        ZSetType.visitAt(z, ZSetType.randomRank(z), (b, o, n, score) -> {
          out.bulk(b, o, n);
          return false;
        });
        return;
      }
      randomWithCount(out, z, l, withScores);
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  private static void randomWithCount(ReplySink out, ZSetValue z, long l, boolean ws) {
    long count = l >= 0 ? l : -l;
    boolean unique = l >= 0;
    int size = z.size();
    if (count == 0) {
      out.arrayHeader(0);
      return;
    }
    if (!unique || count == 1) {
      // case 1: with repetitions (or a single pick), every pick independent
      if (count > MAX_REPLY_ELEMENTS) {
        out.error(Errors.ZSET_VALUE_OUT_OF_RANGE); // Redis would try to build the reply
        return;
      }
      ZSetArgs.header(out, (int) count, ws);
      for (long i = 0; i < count; i++) {
        ZSetType.visitAt(z, ZSetType.randomRank(z), (b, o, n, score) -> {
          ZSetArgs.element(out, b, o, n, score, ws);
          return false;
        });
      }
      return;
    }
    if (count >= size) {
      // case 2: the whole set
      ZSetArgs.header(out, size, ws);
      ZSetType.forEachReverse(z, (b, o, n, score) -> {
        ZSetArgs.element(out, b, o, n, score, ws);
        return true;
      });
      return;
    }
    int want = (int) count;
    ZSetArgs.header(out, want, ws);
    if (count * SUB_STRATEGY_MUL > size) {
      // case 3: drop random ranks from the whole set
      int[] ranks = new int[size];
      for (int i = 0; i < size; i++) {
        ranks[i] = i;
      }
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      for (int i = size - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = ranks[i];
        ranks[i] = ranks[j];
        ranks[j] = t;
      }
      for (int i = 0; i < want; i++) {
        ZSetType.visitAt(z, ranks[i], (b, o, n, score) -> {
          ZSetArgs.element(out, b, o, n, score, ws);
          return false;
        });
      }
      return;
    }
    // case 4: random picks until enough distinct members
    Set<ByteBuffer> seen = new HashSet<>();
    while (seen.size() < want) {
      ZSetType.visitAt(z, ZSetType.randomRank(z), (b, o, n, score) -> {
        if (seen.add(ByteBuffer.wrap(Arrays.copyOfRange(b, o, o + n)))) {
          ZSetArgs.element(out, b, o, n, score, ws);
        }
        return false;
      });
    }
  }
}
