package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import static io.lime.internal.command.CommandFlag.BLOCKING;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.NOSCRIPT;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
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
 * {@link SortedSetPopCommands}. Handlers parse in place, lock, call {@link ZSetType}, reply;
 * reads count keyspace hits and misses where Redis uses lookupKeyRead.
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

  /** ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...] — O(log(N)) each. */
  static void zadd(Call c) {
    zaddGeneric(c, 0);
  }

  /** ZINCRBY key increment member — O(log(N)). */
  static void zincrby(Call c) {
    zaddGeneric(c, ZSetType.IN_INCR);
  }

  private static void zaddGeneric(Call c, int initialFlags) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int flags = initialFlags;
    boolean ch = false;
    int idx = 2;
    while (idx < a.size()) {
      if (a.is(idx, "NX")) {
        flags |= ZSetType.IN_NX;
      } else if (a.is(idx, "XX")) {
        flags |= ZSetType.IN_XX;
      } else if (a.is(idx, "CH")) {
        ch = true;
      } else if (a.is(idx, "INCR")) {
        flags |= ZSetType.IN_INCR;
      } else if (a.is(idx, "GT")) {
        flags |= ZSetType.IN_GT;
      } else if (a.is(idx, "LT")) {
        flags |= ZSetType.IN_LT;
      } else {
        break;
      }
      idx++;
    }
    int elements = a.size() - idx;
    if (elements % 2 != 0 || elements == 0) {
      out.error(Errors.SYNTAX);
      return;
    }
    elements /= 2;
    boolean incr = (flags & ZSetType.IN_INCR) != 0;
    boolean nx = (flags & ZSetType.IN_NX) != 0;
    boolean gt = (flags & ZSetType.IN_GT) != 0;
    boolean lt = (flags & ZSetType.IN_LT) != 0;
    if (nx && (flags & ZSetType.IN_XX) != 0) {
      out.error(Errors.ZSET_XX_NX);
      return;
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      out.error(Errors.ZSET_GT_LT_NX);
      return;
    }
    if (incr && elements > 1) {
      out.error(Errors.ZSET_INCR_PAIR);
      return;
    }
    for (int j = 0; j < elements; j++) {
      if (Double.isNaN(ZSetArgs.score(a, idx + j * 2))) {
        out.error(Errors.NOT_FLOAT);
        return;
      }
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    long now = c.now();
    s.lock();
    try {
      Entry e = ZSetType.lookup(s, k, off, len, h, now);
      int added = 0;
      int updated = 0;
      int processed = 0;
      double score = 0;
      if (e != null || (flags & ZSetType.IN_XX) == 0) {
        ZSetValue z;
        if (e == null) {
          z = ZSetType.create(c.engine().limits(), a.length(idx + 1));
          s.insert(a.copy(1), h, z, now);
          ZSetType.signalReady(s, k, off, len, h);
        } else {
          z = ZSetType.of(e);
        }
        for (int j = 0; j < elements; j++) {
          int m = idx + 1 + j * 2;
          int r = ZSetType.add(z, c.engine().limits(), k, a.offset(m), a.length(m),
              ZSetArgs.score(a, idx + j * 2), flags);
          if ((r & ZSetType.OUT_NAN) != 0) {
            out.error(Errors.ZSET_NAN);
            return;
          }
          if ((r & ZSetType.OUT_ADDED) != 0) {
            added++;
          }
          if ((r & ZSetType.OUT_UPDATED) != 0) {
            updated++;
          }
          if ((r & ZSetType.OUT_NOP) == 0) {
            processed++;
            if (incr) {
              score = ZSetType.score(z, k, a.offset(m), a.length(m));
            }
          }
        }
        c.engine().dirty(added + updated);
      }
      if (incr) {
        if (processed > 0) {
          out.doubleValue(score);
        } else {
          out.nullBulk();
        }
      } else {
        out.integer(ch ? added + updated : added);
      }
      if (added + updated > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.ZSET, incr ? "zincr" : "zadd", k, off, len);
      }
      c.engine().blocking().serveReady();
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ ZREM, ZREMRANGEBY*

  /** ZREM key member [member ...] — O(M*log(N)). */
  static void zrem(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ZSetType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().integer(0);
        return;
      }
      ZSetValue z = ZSetType.of(e);
      int deleted = 0;
      for (int i = 2; i < a.size(); i++) {
        if (ZSetType.remove(z, k, a.offset(i), a.length(i))) {
          deleted++;
        }
        if (ZSetType.deleteIfEmpty(s, e)) {
          break;
        }
      }
      c.engine().dirty(deleted);
      c.out().integer(deleted);
      if (deleted > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.ZSET, "zrem", k, off, len);
        if (z.size() == 0) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        }
      }
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZREMRANGEBYRANK key start stop — O(log(N)+M). */
  static void zremrangebyrank(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2) || !StringArgs.isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long start = StringArgs.longValue(a, 2);
    long end = StringArgs.longValue(a, 3);
    removeRange(c, null, start, end);
  }

  /** ZREMRANGEBYSCORE key min max — O(log(N)+M). */
  static void zremrangebyscore(Call c) {
    ZSetRange r = ZSetArgs.scoreRange(c.argv(), 2, 3);
    if (r == null) {
      c.out().error(Errors.ZSET_MINMAX_FLOAT);
      return;
    }
    removeRange(c, r, 0, 0);
  }

  /** ZREMRANGEBYLEX key min max — O(log(N)+M). */
  static void zremrangebylex(Call c) {
    ZSetRange r = ZSetArgs.lexRange(c.argv(), 2, 3);
    if (r == null) {
      c.out().error(Errors.ZSET_MINMAX_LEX);
      return;
    }
    removeRange(c, r, 0, 0);
  }

  /** zremrangeGenericCommand: by rank when {@code range} is null. */
  private static void removeRange(Call c, @Nullable ZSetRange range, long start, long end) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ZSetType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().integer(0);
        return;
      }
      ZSetValue z = ZSetType.of(e);
      int deleted = range == null ? ZSetType.removeByRank(z, start, end)
          : ZSetType.removeRange(z, range);
      boolean removed = ZSetType.deleteIfEmpty(s, e);
      c.engine().dirty(deleted);
      c.out().integer(deleted);
      if (deleted > 0) { // the command's name is the event (zremrangebyscore, ...)
        KeyspaceEvents.signal(s, NotifyFlags.ZSET, c.spec().name(), k, off, len);
        if (removed) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        }
      }
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ reads

  /** The entry for a read of the key at argument 1, counting hits/misses; null if missing. */
  private static @Nullable Entry read(Call c, Shard s, int h) {
    Argv a = c.argv();
    return readZSet(c, s, a.array(), a.offset(1), a.length(1), h);
  }

  /**
   * Redis's lookupKeyRead then checkType of a sorted set: finds and touches the key, accounts
   * the lookup ({@link Call#readLookup}: a key of another type is a hit), then checks the type.
   *
   * @throws WrongTypeException if the key holds another type
   */
  static @Nullable Entry readZSet(Call c, Shard s, byte[] k, int off, int len, int h) {
    Entry e = StringType.lookup(s, k, off, len, h, c.now());
    c.readLookup(e != null, k, off, len);
    if (e != null && !ZSetType.isZSet(e.value())) {
      throw new WrongTypeException();
    }
    return e;
  }

  private static Shard shard(Call c) {
    Argv a = c.argv();
    return c.db().shard(Hashing.hash(a.array(), a.offset(1), a.length(1)));
  }

  private static int hash(Call c) {
    Argv a = c.argv();
    return Hashing.hash(a.array(), a.offset(1), a.length(1));
  }

  /** ZCARD key — O(1). */
  static void zcard(Call c) {
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      c.out().integer(e == null ? 0 : ZSetType.of(e).size());
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZSCORE key member — O(1). */
  static void zscore(Call c) {
    Argv a = c.argv();
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      double score = e == null ? Double.NaN
          : ZSetType.score(ZSetType.of(e), a.array(), a.offset(2), a.length(2));
      if (Double.isNaN(score)) {
        c.out().nullBulk();
      } else {
        c.out().doubleValue(score);
      }
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZMSCORE key member [member ...] — O(N). */
  static void zmscore(Call c) {
    Argv a = c.argv();
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      ZSetValue z = e == null ? null : ZSetType.of(e);
      ReplySink out = c.out();
      out.arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        double score = z == null ? Double.NaN
            : ZSetType.score(z, a.array(), a.offset(i), a.length(i));
        if (Double.isNaN(score)) {
          out.nullBulk();
        } else {
          out.doubleValue(score);
        }
      }
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZRANK key member — O(log(N)). */
  static void zrank(Call c) {
    rank(c, false);
  }

  /** ZREVRANK key member — O(log(N)). */
  static void zrevrank(Call c) {
    rank(c, true);
  }

  private static void rank(Call c, boolean reverse) {
    Argv a = c.argv();
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      long r = e == null ? -1
          : ZSetType.rank(ZSetType.of(e), a.array(), a.offset(2), a.length(2), reverse);
      if (r < 0) {
        c.out().nullBulk();
      } else {
        c.out().integer(r);
      }
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZCOUNT key min max — O(log(N)). */
  static void zcount(Call c) {
    ZSetRange r = ZSetArgs.scoreRange(c.argv(), 2, 3);
    if (r == null) {
      c.out().error(Errors.ZSET_MINMAX_FLOAT);
      return;
    }
    count(c, r);
  }

  /** ZLEXCOUNT key min max — O(log(N)). */
  static void zlexcount(Call c) {
    ZSetRange r = ZSetArgs.lexRange(c.argv(), 2, 3);
    if (r == null) {
      c.out().error(Errors.ZSET_MINMAX_LEX);
      return;
    }
    count(c, r);
  }

  private static void count(Call c, ZSetRange r) {
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      c.out().integer(e == null ? 0 : ZSetType.count(ZSetType.of(e), r));
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** ZSCAN key cursor [MATCH pattern] [COUNT count] — O(1) per call. */
  static void zscan(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (!ScanArgs.validCursor(a, 2, out)) {
      return;
    }
    long cursor = KeyArgs.cursorValue(a, 2);
    Shard s = shard(c);
    s.lock();
    try {
      Entry e = read(c, s, hash(c));
      if (e == null) {
        ScanArgs.replyEmpty(out);
        return;
      }
      ZSetValue z = ZSetType.of(e);
      if (!ScanArgs.validOptions(a, 3, false, out)) {
        return;
      }
      long count = ScanArgs.count(a, 3, ZSetType.SCAN_DEFAULT_COUNT);
      int pattern = ScanArgs.value(a, 3, "MATCH");
      List<byte[]> items = new ArrayList<>();
      long next = pattern < 0 ? ZSetType.scan(z, cursor, count, null, 0, 0, items)
          : ZSetType.scan(z, cursor, count, a.array(), a.offset(pattern), a.length(pattern),
              items);
      ScanArgs.reply(out, next, items);
    } catch (WrongTypeException ex) {
      out.error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }
}
