package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.type.SortedSetWaiter;
import io.lime.resp.Argv;
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
final class SortedSetBlockingCommands implements CommandGroup {
  private SortedSetBlockingCommands() {}

  /** BZPOPMIN key [key ...] timeout — O(log(N)). */
  static void bzpopmin(Call c) { bzpop(c, false); }

  /** BZPOPMAX key [key ...] timeout — O(log(N)). */
  static void bzpopmax(Call c) { bzpop(c, true); }

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
   * of them ({@code count} -1: one member, BZPOP*'s flat reply; else ZMPOP's nested reply).
   */
  private static void popOrBlock(Call c, int first, int last, boolean max, long count,
      boolean mpop, long deadline) {
    SortedSetPopCommands.popFirst(c, first, last - first + 1, max, count, mpop,
        call -> block(call, first, last, max, count, mpop, deadline));
  }

  /** Blocks the client on keys {@code [first, last]}, whose shards the caller holds. */
  private static void block(Call c, int first, int last, boolean max, long count, boolean mpop,
      long deadline) {
    if (!Blocking.canBlock(c)) {
      c.out().nullArray();
      return;
    }
    ClientSession session = c.client();
    Executor loop = Objects.requireNonNull(session.loopExecutor(), "loopExecutor");
    ClientPopWaiter w = new ClientPopWaiter(c, loop, c.db(), Blocking.keys(c.argv(), first, last),
        deadline, max, count, mpop);
    session.waiter(w);
    c.engine().blocking().block(w);
  }

  /** A connection blocked in BZPOPMIN / BZPOPMAX / BZMPOP; replies on its loop thread. */
  static final class ClientPopWaiter extends SortedSetWaiter {
    private final Call call;
    private final Executor loop;
    private final boolean mpop;

    ClientPopWaiter(Call call, Executor loop, Database db, byte[][] keys, long deadline, boolean max,
        long count, boolean mpop) {
      super(db, keys, deadline, max, count);
      this.call = call;
      this.loop = loop;
      this.mpop = mpop;
    }

    @Override
    protected void served(byte[] key, List<byte[]> members, List<Double> scores) {
      Blocking.finish(call, loop, this, out -> {
        SortedSetArgs.PopReply reply = new SortedSetArgs.PopReply(out, mpop, true);
        reply.begin(key, 0, key.length, members.size());
        for (int i = 0; i < members.size(); i++) {
          byte[] m = members.get(i);
          reply.visit(m, 0, m.length, scores.get(i));
        }
      });
    }

    @Override
    protected void timedOut(boolean error) {
      Blocking.timedOut(call, loop, this, error);
    }
  }
}
