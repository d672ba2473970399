package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetRange;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sorted set commands (Redis's src/t_zset.c command half):
 * the single-key handlers. Ranges live in {@link SortedSetRangeCommands}, the multi-set
 * operations in {@link SortedSetAlgebraCommands}, pops and random picks in
 * {@link SortedSetPopCommands}. Handlers parse in place, lock the key, call the key-level
 * operation ({@link SortedSetWrites}, or a {@link SortedSetType} read), and reply; the operations
 * are the ones the typed API calls. Reads count keyspace hits and misses where Redis uses
 * lookupKeyRead.
 */
public final class SortedSetCommands implements CommandGroup {
  // ------------------------------------------------------------------ ZADD / ZINCRBY

  /** ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...] — O(log(N)). */
  static void zadd(Call c) {
    zaddGeneric(c, 0);
  }

  /** ZINCRBY key increment member — O(log(N)). */
  static void zincrby(Call c) {
    zaddGeneric(c, SortedSetType.IN_INCR);
  }

  /** Redis's zaddGenericCommand: options, then score-member pairs; checked by the operation. */
  private static void zaddGeneric(Call c, int initialFlags) {
    Argv a = c.argv();
    int flags = initialFlags;
    int idx = 2;
    for (int f; idx < a.size() && (f = SortedSetArgs.addFlag(a, idx)) != 0; idx++) {
      flags |= f;
    }
    int args = a.size() - idx;
    if (args == 0 || args % 2 != 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      if ((flags & SortedSetType.IN_INCR) == 0) {
        c.out().integer(SortedSetWrites.add(k, flags, c.args(idx, -1), null));
      } else {
        SortedSetArgs.replyScore(c.out(), SortedSetWrites.incr(k, flags, c.args(idx, -1), null));
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ ZREM, ZREMRANGEBY*

  /** ZREM key member [member ...] — O(M*log(N)). */
  static void zrem(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(SortedSetWrites.remove(k, c.args(2, -1)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** ZREMRANGEBYRANK key start stop — O(log(N)+M). */
  static void zremrangebyrank(Call c) {
    if (KeyArgs.integersOrReply(c, 2, 3)) {
      removeRange(c, null, KeyArgs.longValue(c.argv(), 2), KeyArgs.longValue(c.argv(), 3));
    }
  }

  /** ZREMRANGEBYSCORE key min max — O(log(N)+M). */
  static void zremrangebyscore(Call c) {
    removeRange(c, SortedSetArgs.scoreRange(c, 2, 3), 0, 0);
  }

  /** ZREMRANGEBYLEX key min max — O(log(N)+M). */
  static void zremrangebylex(Call c) {
    removeRange(c, SortedSetArgs.lexRange(c, 2, 3), 0, 0);
  }

  /** zremrangeGenericCommand: by rank when {@code range} is null. */
  private static void removeRange(Call c, @Nullable SortedSetRange range, long start, long end) {
    if (range == SortedSetArgs.INVALID) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(SortedSetWrites.removeRange(k, range, start, end));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ reads

  /** A read's reply from the sorted set at argument 1 (null: missing). */
  interface Read {
    void reply(Call c, @Nullable SortedSetValue z);
  }

  /**
   * Runs a read of the key at argument 1: Redis's lookupKeyRead (a keyspace hit or miss, a key
   * of another type being a hit) then checkType, then {@code read}.
   */
  static void read(Call c, Read read) {
    try (LockedKey k = c.lockKey(1)) {
      read.reply(c, read(c, k));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /**
   * The sorted set of {@code k} for a read, counted as Redis's lookupKeyRead; null when
   * missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  static @Nullable SortedSetValue read(Call c, LockedKey k) {
    Entry e = k.lookup();
    c.readLookup(e != null, k.array(), k.offset(), k.length());
    return SortedSetType.valueOf(e);
  }

  /** ZCARD key — O(1). */
  static void zcard(Call c) {
    read(c, (call, z) -> call.out().integer(SortedSetType.size(z)));
  }

  /** ZSCORE key member — O(1). */
  static void zscore(Call c) {
    read(c, (call, z) ->
        SortedSetArgs.replyScore(call.out(), SortedSetArgs.memberScore(z, call.argv(), 2)));
  }

  /** ZMSCORE key member [member ...] — O(N). */
  static void zmscore(Call c) {
    read(c, (call, z) -> {
      Argv a = call.argv();
      call.out().arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        SortedSetArgs.replyScore(call.out(), SortedSetArgs.memberScore(z, a, i));
      }
    });
  }

  /** ZRANK key member — O(log(N)). */
  static void zrank(Call c) {
    read(c, (call, z) -> rank(call, z, false));
  }

  /** ZREVRANK key member — O(log(N)). */
  static void zrevrank(Call c) {
    read(c, (call, z) -> rank(call, z, true));
  }

  private static void rank(Call c, @Nullable SortedSetValue z, boolean reverse) {
    Argv a = c.argv();
    long r = SortedSetType.rank(z, a.array(), a.offset(2), a.length(2), reverse);
    if (r < 0) {
      c.out().nullBulk();
    } else {
      c.out().integer(r);
    }
  }

  /** ZCOUNT key min max — O(log(N)). */
  static void zcount(Call c) {
    count(c, SortedSetArgs.scoreRange(c, 2, 3));
  }

  /** ZLEXCOUNT key min max — O(log(N)). */
  static void zlexcount(Call c) {
    count(c, SortedSetArgs.lexRange(c, 2, 3));
  }

  private static void count(Call c, SortedSetRange r) {
    if (r == SortedSetArgs.INVALID) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(SortedSetType.count(read(c, k), r));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** ZSCAN key cursor [MATCH pattern] [COUNT count] — O(1) per call. */
  static void zscan(Call c) {
    if (ScanArgs.validCursor(c.argv(), 2, c.out())) {
      read(c, SortedSetCommands::scan);
    }
  }

  private static void scan(Call c, @Nullable SortedSetValue z) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (z == null) {
      ScanArgs.replyEmpty(out);
    } else if (ScanArgs.validOptions(a, 3, false, out)) {
      long count = ScanArgs.count(a, 3, SortedSetType.SCAN_DEFAULT_COUNT);
      int pattern = ScanArgs.value(a, 3, "MATCH");
      List<byte[]> items = new ArrayList<>();
      long next = SortedSetType.scan(z, KeyArgs.cursorValue(a, 2), count,
          pattern < 0 ? null : a.array(), pattern < 0 ? 0 : a.offset(pattern),
          pattern < 0 ? 0 : a.length(pattern), items);
      ScanArgs.reply(out, next, items);
    }
  }
}
