package io.lime.internal.command;

import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.ZSetRange;
import io.lime.internal.type.ZSetType;
import io.lime.internal.type.ZSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sorted set commands (Redis's src/t_zset.c command half): specs for the whole group and
 * the single-key handlers. Ranges live in {@link SortedSetRangeCommands}, the multi-set
 * operations in {@link SortedSetAlgebraCommands}, pops and random picks in
 * {@link SortedSetPopCommands}. Handlers parse in place, lock the key, call the key-level
 * operation ({@link SortedSetWrites}, or a {@link ZSetType} read), and reply; the operations
 * are the ones the typed API calls. Reads count keyspace hits and misses where Redis uses
 * lookupKeyRead.
 */
public final class SortedSetCommands implements CommandGroup {
  private static final String LOG_N = "O(log(N)) with N being the number of elements in the"
      + " sorted set.";
  private static final String RANGE = "O(log(N)+M) with N being the number of elements in the"
      + " sorted set and M the number of elements returned.";
  private static final String RANGE_LIMIT = "O(log(N)+M) with N being the number of elements in"
      + " the sorted set and M the number of elements being returned. If M is constant (e.g."
      + " always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).";
  private static final String REMOVED = "O(log(N)+M) with N being the number of elements in the"
      + " sorted set and M the number of elements removed by the operation.";
  private static final String UNION = "O(N)+O(M*log(M)) with N being the sum of the sizes of the"
      + " input sorted sets, and M being the number of elements in the resulting sorted set.";
  private static final String UNION_STORE = "O(N)+O(M log(M)) with N being the sum of the sizes"
      + " of the input sorted sets, and M being the number of elements in the resulting sorted"
      + " set.";
  private static final String INTER = "O(N*K)+O(M*log(M)) worst case with N being the smallest"
      + " input sorted set, K being the number of input sorted sets and M being the number of"
      + " elements in the resulting sorted set.";
  private static final String DIFF = "O(L + (N-K)log(N)) worst case where L is the total number"
      + " of elements in all the sets, N is the size of the first set, and K is the size of the"
      + " result set.";
  private static final String POP = "O(log(N)*M) with N being the number of elements in the"
      + " sorted set, and M being the number of elements popped.";
  private static final String MPOP = "O(K) + O(M*log(N)) where K is the number of provided keys,"
      + " N being the number of elements in the sorted set, and M being the number of elements"
      + " popped.";

  @Override
  public List<CommandSpec> commands() {
    List<CommandSpec> l = new ArrayList<>();
    l.add(spec("zadd", -4, handler(OP_ZADD), "1.2.0",
        "Add one or more members to a sorted set, or update its score if it already exists",
        "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
        WRITE, DENYOOM, FAST).acl("write", "sortedset", "fast").build());
    l.add(spec("zcard", 2, handler(OP_ZCARD), "1.2.0",
        "Get the number of members in a sorted set", "O(1)", READONLY, FAST)
        .acl("read", "sortedset", "fast").build());
    l.add(spec("zcount", 4, handler(OP_ZCOUNT), "2.0.0",
        "Count the members in a sorted set with scores within the given values", LOG_N,
        READONLY, FAST).acl("read", "sortedset", "fast").build());
    l.add(spec("zdiff", -3, handler(OP_ZDIFF), "6.2.0",
        "Subtract multiple sorted sets", DIFF, READONLY, MOVABLEKEYS).keys(0, 0, 0)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zdiffstore", -4, handler(OP_ZDIFFSTORE), "6.2.0",
        "Subtract multiple sorted sets and store the resulting sorted set in a new key", DIFF,
        WRITE, DENYOOM, MOVABLEKEYS).acl("write", "sortedset", "slow").build());
    l.add(spec("zincrby", 4, handler(OP_ZINCRBY), "1.2.0",
        "Increment the score of a member in a sorted set",
        "O(log(N)) where N is the number of elements in the sorted set.", WRITE, DENYOOM, FAST)
        .acl("write", "sortedset", "fast").build());
    l.add(spec("zinter", -3, handler(OP_ZINTER), "6.2.0",
        "Intersect multiple sorted sets", INTER, READONLY, MOVABLEKEYS).keys(0, 0, 0)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zintercard", -3, handler(OP_ZINTERCARD), "7.0.0",
        "Intersect multiple sorted sets and return the cardinality of the result",
        "O(N*K) worst case with N being the smallest input sorted set, K being the number of"
            + " input sorted sets.", READONLY, MOVABLEKEYS).keys(0, 0, 0)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zinterstore", -4, handler(OP_ZINTERSTORE), "2.0.0",
        "Intersect multiple sorted sets and store the resulting sorted set in a new key", INTER,
        WRITE, DENYOOM, MOVABLEKEYS).acl("write", "sortedset", "slow").build());
    l.add(spec("zlexcount", 4, handler(OP_ZLEXCOUNT), "2.8.9",
        "Count the number of members in a sorted set between a given lexicographical range",
        LOG_N, READONLY, FAST).acl("read", "sortedset", "fast").build());
    l.add(spec("zmpop", -4, handler(OP_ZMPOP), "7.0.0",
        "Remove and return members with scores in a sorted set", MPOP, WRITE, MOVABLEKEYS)
        .keys(0, 0, 0).acl("write", "sortedset", "slow").build());
    l.add(spec("zmscore", -3, handler(OP_ZMSCORE), "6.2.0",
        "Get the score associated with the given members in a sorted set",
        "O(N) where N is the number of members being requested.", READONLY, FAST)
        .acl("read", "sortedset", "fast").build());
    l.add(spec("zpopmax", -2, handler(OP_ZPOPMAX), "5.0.0",
        "Remove and return members with the highest scores in a sorted set", POP, WRITE, FAST)
        .acl("write", "sortedset", "fast").build());
    l.add(spec("zpopmin", -2, handler(OP_ZPOPMIN), "5.0.0",
        "Remove and return members with the lowest scores in a sorted set", POP, WRITE, FAST)
        .acl("write", "sortedset", "fast").build());
    l.add(spec("zrandmember", -2, handler(OP_ZRANDMEMBER), "6.2.0",
        "Get one or multiple random elements from a sorted set",
        "O(N) where N is the number of elements returned", READONLY)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zrange", -4, handler(OP_ZRANGE), "1.2.0",
        "Return a range of members in a sorted set", RANGE, READONLY)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zrangebylex", -4, handler(OP_ZRANGEBYLEX), "2.8.9",
        "Return a range of members in a sorted set, by lexicographical range", RANGE_LIMIT,
        READONLY).acl("read", "sortedset", "slow").build());
    l.add(spec("zrangebyscore", -4, handler(OP_ZRANGEBYSCORE), "1.0.5",
        "Return a range of members in a sorted set, by score", RANGE_LIMIT, READONLY)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zrangestore", -5, handler(OP_ZRANGESTORE), "6.2.0",
        "Store a range of members from sorted set into another key",
        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of"
            + " elements stored into the destination key.", WRITE, DENYOOM).keys(1, 2, 1)
        .acl("write", "sortedset", "slow").build());
    l.add(spec("zrank", 3, handler(OP_ZRANK), "2.0.0",
        "Determine the index of a member in a sorted set", "O(log(N))", READONLY, FAST)
        .acl("read", "sortedset", "fast").build());
    l.add(spec("zrem", -3, handler(OP_ZREM), "1.2.0",
        "Remove one or more members from a sorted set",
        "O(M*log(N)) with N being the number of elements in the sorted set and M the number of"
            + " elements to be removed.", WRITE, FAST).acl("write", "sortedset", "fast").build());
    l.add(spec("zremrangebylex", 4, handler(OP_ZREMRANGEBYLEX), "2.8.9",
        "Remove all members in a sorted set between the given lexicographical range", REMOVED,
        WRITE).acl("write", "sortedset", "slow").build());
    l.add(spec("zremrangebyrank", 4, handler(OP_ZREMRANGEBYRANK), "2.0.0",
        "Remove all members in a sorted set within the given indexes", REMOVED, WRITE)
        .acl("write", "sortedset", "slow").build());
    l.add(spec("zremrangebyscore", 4, handler(OP_ZREMRANGEBYSCORE), "1.2.0",
        "Remove all members in a sorted set within the given scores", REMOVED, WRITE)
        .acl("write", "sortedset", "slow").build());
    l.add(spec("zrevrange", -4, handler(OP_ZREVRANGE), "1.2.0",
        "Return a range of members in a sorted set, by index, with scores ordered from high to"
            + " low", RANGE, READONLY).acl("read", "sortedset", "slow").build());
    l.add(spec("zrevrangebylex", -4, handler(OP_ZREVRANGEBYLEX), "2.8.9",
        "Return a range of members in a sorted set, by lexicographical range, ordered from"
            + " higher to lower strings.", RANGE_LIMIT, READONLY)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zrevrangebyscore", -4, handler(OP_ZREVRANGEBYSCORE), "2.2.0",
        "Return a range of members in a sorted set, by score, with scores ordered from high to"
            + " low", RANGE_LIMIT, READONLY).acl("read", "sortedset", "slow").build());
    l.add(spec("zrevrank", 3, handler(OP_ZREVRANK), "2.0.0",
        "Determine the index of a member in a sorted set, with scores ordered from high to low",
        "O(log(N))", READONLY, FAST).acl("read", "sortedset", "fast").build());
    l.add(spec("zscan", -3, handler(OP_ZSCAN), "2.8.0",
        "Incrementally iterate sorted sets elements and associated scores",
        "O(1) for every call. O(N) for a complete iteration, including enough command calls for"
            + " the cursor to return back to 0. N is the number of elements inside the"
            + " collection..", READONLY).acl("read", "sortedset", "slow").build());
    l.add(spec("zscore", 3, handler(OP_ZSCORE), "1.2.0",
        "Get the score associated with the given member in a sorted set", "O(1)", READONLY,
        FAST).acl("read", "sortedset", "fast").build());
    l.add(spec("zunion", -3, handler(OP_ZUNION), "6.2.0",
        "Add multiple sorted sets", UNION, READONLY, MOVABLEKEYS).keys(0, 0, 0)
        .acl("read", "sortedset", "slow").build());
    l.add(spec("zunionstore", -4, handler(OP_ZUNIONSTORE), "2.0.0",
        "Add multiple sorted sets and store the resulting sorted set in a new key", UNION_STORE,
        WRITE, DENYOOM, MOVABLEKEYS).acl("write", "sortedset", "slow").build());
    l.addAll(SortedSetBlockingCommands.specs());
    return l;
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_ZADD = 0;
  private static final int OP_ZCARD = 1;
  private static final int OP_ZCOUNT = 2;
  private static final int OP_ZDIFF = 3;
  private static final int OP_ZDIFFSTORE = 4;
  private static final int OP_ZINCRBY = 5;
  private static final int OP_ZINTER = 6;
  private static final int OP_ZINTERCARD = 7;
  private static final int OP_ZINTERSTORE = 8;
  private static final int OP_ZLEXCOUNT = 9;
  private static final int OP_ZMPOP = 10;
  private static final int OP_ZMSCORE = 11;
  private static final int OP_ZPOPMAX = 12;
  private static final int OP_ZPOPMIN = 13;
  private static final int OP_ZRANDMEMBER = 14;
  private static final int OP_ZRANGE = 15;
  private static final int OP_ZRANGEBYLEX = 16;
  private static final int OP_ZRANGEBYSCORE = 17;
  private static final int OP_ZRANGESTORE = 18;
  private static final int OP_ZRANK = 19;
  private static final int OP_ZREM = 20;
  private static final int OP_ZREMRANGEBYLEX = 21;
  private static final int OP_ZREMRANGEBYRANK = 22;
  private static final int OP_ZREMRANGEBYSCORE = 23;
  private static final int OP_ZREVRANGE = 24;
  private static final int OP_ZREVRANGEBYLEX = 25;
  private static final int OP_ZREVRANGEBYSCORE = 26;
  private static final int OP_ZREVRANK = 27;
  private static final int OP_ZSCAN = 28;
  private static final int OP_ZSCORE = 29;
  private static final int OP_ZUNION = 30;
  private static final int OP_ZUNIONSTORE = 31;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_ZADD -> zadd(c);
      case OP_ZCARD -> zcard(c);
      case OP_ZCOUNT -> zcount(c);
      case OP_ZDIFF -> SortedSetAlgebraCommands.zdiff(c);
      case OP_ZDIFFSTORE -> SortedSetAlgebraCommands.zdiffstore(c);
      case OP_ZINCRBY -> zincrby(c);
      case OP_ZINTER -> SortedSetAlgebraCommands.zinter(c);
      case OP_ZINTERCARD -> SortedSetAlgebraCommands.zintercard(c);
      case OP_ZINTERSTORE -> SortedSetAlgebraCommands.zinterstore(c);
      case OP_ZLEXCOUNT -> zlexcount(c);
      case OP_ZMPOP -> SortedSetPopCommands.zmpop(c);
      case OP_ZMSCORE -> zmscore(c);
      case OP_ZPOPMAX -> SortedSetPopCommands.zpopmax(c);
      case OP_ZPOPMIN -> SortedSetPopCommands.zpopmin(c);
      case OP_ZRANDMEMBER -> SortedSetPopCommands.zrandmember(c);
      case OP_ZRANGE -> SortedSetRangeCommands.zrange(c);
      case OP_ZRANGEBYLEX -> SortedSetRangeCommands.zrangebylex(c);
      case OP_ZRANGEBYSCORE -> SortedSetRangeCommands.zrangebyscore(c);
      case OP_ZRANGESTORE -> SortedSetRangeCommands.zrangestore(c);
      case OP_ZRANK -> zrank(c);
      case OP_ZREM -> zrem(c);
      case OP_ZREMRANGEBYLEX -> zremrangebylex(c);
      case OP_ZREMRANGEBYRANK -> zremrangebyrank(c);
      case OP_ZREMRANGEBYSCORE -> zremrangebyscore(c);
      case OP_ZREVRANGE -> SortedSetRangeCommands.zrevrange(c);
      case OP_ZREVRANGEBYLEX -> SortedSetRangeCommands.zrevrangebylex(c);
      case OP_ZREVRANGEBYSCORE -> SortedSetRangeCommands.zrevrangebyscore(c);
      case OP_ZREVRANK -> zrevrank(c);
      case OP_ZSCAN -> zscan(c);
      case OP_ZSCORE -> zscore(c);
      case OP_ZUNION -> SortedSetAlgebraCommands.zunion(c);
      case OP_ZUNIONSTORE -> SortedSetAlgebraCommands.zunionstore(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** A sorted set command's spec builder (key at 1 unless overridden, group sorted-set). */
  static CommandSpec.Builder spec(String name, int arity, CommandHandler h, String since,
      String summary, String complexity, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, h).flags(flags).keys(1, 1, 1).group("sorted-set")
        .since(since).summary(summary).complexity(complexity);
  }

  // ------------------------------------------------------------------ ZADD / ZINCRBY

  /** ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...] — O(log(N)). */
  static void zadd(Call c) {
    zaddGeneric(c, 0);
  }

  /** ZINCRBY key increment member — O(log(N)). */
  static void zincrby(Call c) {
    zaddGeneric(c, ZSetType.IN_INCR);
  }

  /** Redis's zaddGenericCommand: options, then score-member pairs; checked by the operation. */
  private static void zaddGeneric(Call c, int initialFlags) {
    Argv a = c.argv();
    int flags = initialFlags;
    int idx = 2;
    for (int f; idx < a.size() && (f = ZSetArgs.addFlag(a, idx)) != 0; idx++) {
      flags |= f;
    }
    int args = a.size() - idx;
    if (args == 0 || args % 2 != 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      if ((flags & ZSetType.IN_INCR) == 0) {
        c.out().integer(SortedSetWrites.add(k, flags, c.args(idx, -1), null));
      } else {
        ZSetArgs.replyScore(c.out(), SortedSetWrites.incr(k, flags, c.args(idx, -1), null));
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
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2) || !StringArgs.isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    removeRange(c, null, StringArgs.longValue(a, 2), StringArgs.longValue(a, 3));
  }

  /** ZREMRANGEBYSCORE key min max — O(log(N)+M). */
  static void zremrangebyscore(Call c) {
    removeRange(c, ZSetArgs.scoreRange(c, 2, 3), 0, 0);
  }

  /** ZREMRANGEBYLEX key min max — O(log(N)+M). */
  static void zremrangebylex(Call c) {
    removeRange(c, ZSetArgs.lexRange(c, 2, 3), 0, 0);
  }

  /** zremrangeGenericCommand: by rank when {@code range} is null. */
  private static void removeRange(Call c, @Nullable ZSetRange range, long start, long end) {
    if (range == ZSetArgs.INVALID) {
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
    void reply(Call c, @Nullable ZSetValue z);
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
  static @Nullable ZSetValue read(Call c, LockedKey k) {
    Entry e = k.lookup();
    c.readLookup(e != null, k.array(), k.offset(), k.length());
    return ZSetType.valueOf(e);
  }

  /** ZCARD key — O(1). */
  static void zcard(Call c) {
    read(c, (call, z) -> call.out().integer(ZSetType.size(z)));
  }

  /** ZSCORE key member — O(1). */
  static void zscore(Call c) {
    read(c, (call, z) ->
        ZSetArgs.replyScore(call.out(), ZSetArgs.memberScore(z, call.argv(), 2)));
  }

  /** ZMSCORE key member [member ...] — O(N). */
  static void zmscore(Call c) {
    read(c, (call, z) -> {
      Argv a = call.argv();
      call.out().arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        ZSetArgs.replyScore(call.out(), ZSetArgs.memberScore(z, a, i));
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

  private static void rank(Call c, @Nullable ZSetValue z, boolean reverse) {
    Argv a = c.argv();
    long r = ZSetType.rank(z, a.array(), a.offset(2), a.length(2), reverse);
    if (r < 0) {
      c.out().nullBulk();
    } else {
      c.out().integer(r);
    }
  }

  /** ZCOUNT key min max — O(log(N)). */
  static void zcount(Call c) {
    count(c, ZSetArgs.scoreRange(c, 2, 3));
  }

  /** ZLEXCOUNT key min max — O(log(N)). */
  static void zlexcount(Call c) {
    count(c, ZSetArgs.lexRange(c, 2, 3));
  }

  private static void count(Call c, ZSetRange r) {
    if (r == ZSetArgs.INVALID) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(ZSetType.count(read(c, k), r));
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

  private static void scan(Call c, @Nullable ZSetValue z) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (z == null) {
      ScanArgs.replyEmpty(out);
    } else if (ScanArgs.validOptions(a, 3, false, out)) {
      long count = ScanArgs.count(a, 3, ZSetType.SCAN_DEFAULT_COUNT);
      int pattern = ScanArgs.value(a, 3, "MATCH");
      List<byte[]> items = new ArrayList<>();
      long next = ZSetType.scan(z, KeyArgs.cursorValue(a, 2), count,
          pattern < 0 ? null : a.array(), pattern < 0 ? 0 : a.offset(pattern),
          pattern < 0 ? 0 : a.length(pattern), items);
      ScanArgs.reply(out, next, items);
    }
  }
}
