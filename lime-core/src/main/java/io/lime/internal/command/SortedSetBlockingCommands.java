package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import static io.lime.internal.command.CommandFlag.BLOCKING;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.NOSCRIPT;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Waiter;
import io.lime.internal.type.ZSetType;
import io.lime.internal.type.ZSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP (Redis's blockingGenericZpopCommand and
 * serveClientsBlockedOnSortedSetKey) on the engine's blocking infrastructure
 * ({@code engine.blocking()}, see {@link Blocking}): when a key has members the command pops
 * at once as ZPOPMIN / ZMPOP would (flat {@code [key, member, score]} for BZPOP*, nested
 * {@code [key, [[member, score], ...]]} for BZMPOP); otherwise the client waits on all its
 * keys until a sorted set is stored under one of them (ZADD, ZINCRBY, the STORE commands),
 * the timeout passes ({@code nil} array) or CLIENT UNBLOCK.
 */
final class SortedSetBlockingCommands {
  private SortedSetBlockingCommands() {}

  /** The specs of the blocking sorted set commands. */
  static List<CommandSpec> specs() {
    return List.of(
        SortedSetCommands.spec("bzmpop", -5, SortedSetBlockingCommands::bzmpop, "7.0.0",
            "Remove and return members with scores in a sorted set or block until one is"
                + " available", "O(K) + O(M*log(N)) where K is the number of provided keys, N"
                + " being the number of elements in the sorted set, and M being the number of"
                + " elements popped.", WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0)
            .acl("write", "sortedset", "slow", "blocking").build(),
        SortedSetCommands.spec("bzpopmax", -3, c -> bzpop(c, true), "5.0.0",
            "Remove and return the member with the highest score from one or more sorted sets,"
                + " or block until one is available",
            "O(log(N)) with N being the number of elements in the sorted set.", WRITE, NOSCRIPT,
            BLOCKING, FAST).keys(1, -2, 1).acl("write", "sortedset", "fast", "blocking").build(),
        SortedSetCommands.spec("bzpopmin", -3, c -> bzpop(c, false), "5.0.0",
            "Remove and return the member with the lowest score from one or more sorted sets,"
                + " or block until one is available",
            "O(log(N)) with N being the number of elements in the sorted set.", WRITE, NOSCRIPT,
            BLOCKING, FAST).keys(1, -2, 1).acl("write", "sortedset", "fast", "blocking")
            .build());
  }

  /** BZPOPMIN / BZPOPMAX key [key ...] timeout — O(log(N)). */
  static void bzpop(Call c, boolean max) {
    Argv a = c.argv();
    long deadline = Blocking.deadline(c, a.size() - 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    popOrBlock(c, 1, a.size() - 2, max, -1, false, deadline);
  }

  /** BZMPOP timeout numkeys key [key ...] MIN | MAX [COUNT count] — O(K) + O(M*log(N)). */
  static void bzmpop(Call c) {
    Argv a = c.argv();
    long parsed = SortedSetPopCommands.parseMpop(a, 2, c.out());
    if (parsed < 0) {
      return;
    }
    long deadline = Blocking.deadline(c, 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    int numkeys = (int) (parsed >>> 33);
    boolean max = (parsed & (1L << 32)) != 0;
    long count = parsed & 0xffffffffL;
    popOrBlock(c, 3, 2 + numkeys, max, count, true, deadline);
  }

  /**
   * Pops from the first of keys {@code [first, last]} holding a sorted set, or blocks on all
   * of them ({@code count} -1: one element, BZPOP*'s flat reply; else ZMPOP's nested reply).
   */
  private static void popOrBlock(Call c, int first, int last, boolean max, long count,
      boolean mpop, long deadline) {
    Argv a = c.argv();
    Database db = c.db();
    long mask = ZSetArgs.mask(db, a, first, last - first + 1, 0);
    db.lockMask(mask);
    try {
      byte[] k = a.array();
      for (int i = first; i <= last; i++) {
        int h = Hashing.hash(k, a.offset(i), a.length(i));
        Shard s = db.shard(h);
        Entry e = ZSetType.lookup(s, k, a.offset(i), a.length(i), h, c.now());
        if (e != null && ZSetType.of(e).size() > 0) {
          SortedSetPopCommands.popAndReply(c, s, e, max, count == -1 ? 1 : count, mpop, true);
          return;
        }
      }
      if (!Blocking.canBlock(c)) {
        c.out().nullArray();
        return;
      }
      ClientSession session = c.client();
      Executor loop = Objects.requireNonNull(session.loopExecutor(), "loopExecutor");
      ZSetWaiter w = new ZSetWaiter(c, loop, db, Blocking.keys(a, first, last), deadline, max,
          count == -1 ? 1 : count, mpop);
      session.waiter(w);
      c.engine().blocking().block(w);
    } catch (WrongTypeException ex) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      db.unlock(mask);
    }
  }

  /** A connection blocked in BZPOPMIN / BZPOPMAX / BZMPOP; replies on its loop thread. */
  static final class ZSetWaiter extends Waiter {
    private final Call call;
    private final ClientSession session;
    private final Executor loop;
    private final boolean max;
    private final long count;
    private final boolean mpop;

    ZSetWaiter(Call call, Executor loop, Database db, byte[][] keys, long deadline, boolean max,
        long count, boolean mpop) {
      super(db, keys, deadline);
      this.call = call;
      this.session = call.client();
      this.loop = loop;
      this.max = max;
      this.count = count;
      this.mpop = mpop;
    }

    @Override
    protected boolean ready(Entry e) {
      return e.value() instanceof ZSetValue z && z.size() > 0;
    }

    @Override
    protected void serve(Shard shard, Entry e, int keyIndex) {
      ZSetValue z = ZSetType.of(e);
      List<byte[]> members = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      int n = ZSetType.pop(z, max, count, (b, off, len, score) -> {
        members.add(Arrays.copyOfRange(b, off, off + len));
        scores.add(score);
        return true;
      });
      shard.database().engine().dirty(n);
      byte[] key = keys()[keyIndex];
      if (n > 0) {
        KeyspaceEvents.signal(shard, NotifyFlags.ZSET, max ? "zpopmax" : "zpopmin", key);
      }
      if (ZSetType.deleteIfEmpty(shard, e)) {
        KeyspaceEvents.event(shard, NotifyFlags.GENERIC, "del", key, 0, key.length);
      }
      io.lime.internal.engine.Propagation p = shard.database().engine().propagation();
      if (p != null && p.active()) { // Redis: ZPOPMIN/ZPOPMAX key [count]
        byte[] cmd = max ? Propagations.ZPOPMAX : Propagations.ZPOPMIN;
        p.served(db().index(), mpop ? new byte[][] {cmd, key, Propagations.number(n)}
            : new byte[][] {cmd, key});
      }
      loop.execute(() -> {
        ReplySink out = call.out();
        if (mpop) {
          out.arrayHeader(2);
          out.bulk(key);
          out.arrayHeader(members.size());
        } else {
          out.arrayHeader(members.size() * 2 + 1);
          out.bulk(key);
        }
        for (int i = 0; i < members.size(); i++) {
          if (mpop) {
            out.arrayHeader(2);
          }
          out.bulk(members.get(i));
          out.doubleValue(scores.get(i));
        }
        finish();
      });
    }

    @Override
    protected void timedOut(boolean error) {
      loop.execute(() -> {
        if (error) {
          call.out().error(Errors.UNBLOCKED);
        } else {
          call.out().nullArray();
        }
        finish();
      });
    }

    private void finish() {
      if (session.waiter() == this) {
        session.waiter(null);
      }
    }
  }
}
