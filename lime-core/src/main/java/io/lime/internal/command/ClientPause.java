package io.lime.internal.command;

import io.lime.internal.engine.RareChecks;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Waiter;
import io.lime.internal.util.DaemonThreads;
import io.lime.resp.Argv;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * CLIENT PAUSE and UNPAUSE (Redis 7.0's pauseClients / blockPostponeClient): while paused, a
 * command of any client (ALL), or one that may write or replicate (WRITE: the {@code write}
 * and {@code may_replicate} flags, EXEC of such commands), is postponed before it runs, MULTI
 * queueing included; its client stops executing commands until the pause ends (UNPAUSE or the
 * timeout), then the postponed commands run in arrival order. A later pause never shortens
 * nor weakens the current one. Postponed clients count in {@code blocked_clients}.
 *
 * <p>While paused, expiry and eviction are suspended too ({@link
 * io.lime.internal.engine.Engine#expiryPaused(boolean)}), as Redis 7.0.
 *
 * <p>Thread-safety: the state is guarded by this object; postponed commands run on their
 * connection's loop thread.
 */
final class ClientPause {
  /** Pause kinds, ordered from weakest. */
  static final int NONE = 0;
  static final int WRITE = 1;
  static final int ALL = 2;

  private static final ScheduledThreadPoolExecutor TIMER =
      new ScheduledThreadPoolExecutor(1, new DaemonThreads("lime-client-pause"));

  private volatile int kind = NONE;
  private final RareChecks rare;
  private volatile long endMillis;
  private @Nullable ScheduledFuture<?> timer;
  private final ArrayDeque<Postponed> postponed = new ArrayDeque<>();
  /** The clock ({@code now()}) and the expiry switch ({@code expiryPaused}). */
  private final io.lime.internal.engine.Engine engine;

  ClientPause(io.lime.internal.engine.Engine engine) {
    this.engine = engine;
    this.rare = engine.rareChecks();
  }

  /** A client whose command waits for the end of the pause. */
  private static final class Postponed extends Waiter {
    final Dispatcher dispatcher;
    final Call call;
    final Argv argv;
    final Executor loop;

    Postponed(Dispatcher dispatcher, Call call, Argv argv, Executor loop) {
      super(call.db(), new byte[0][], 0);
      this.dispatcher = dispatcher;
      this.call = call;
      this.argv = argv;
      this.loop = loop;
    }

    @Override protected boolean ready(Entry e) { return false; }
    @Override protected void serve(Shard shard, Entry e, int keyIndex) {}
    @Override protected void timedOut(boolean error) {}
  }

  /** CLIENT PAUSE: pauses {@code kind} until {@code endMillis}, keeping a stronger or longer one. */
  synchronized void pause(int kind, long endMillis) {
    rare.set(RareChecks.PAUSE, true); // before the pause takes effect
    this.kind = Math.max(this.kind, kind);
    engine.expiryPaused(true);
    if (endMillis > this.endMillis) {
      this.endMillis = endMillis;
      if (timer != null) {
        timer.cancel(false);
      }
      timer = TIMER.schedule(this::expire, Math.max(0, endMillis - engine.now()) + 1,
          TimeUnit.MILLISECONDS);
    }
  }

  private void expire() {
    synchronized (this) {
      if (kind == NONE || engine.now() < endMillis) {
        return;
      }
    }
    unpause();
  }

  /** CLIENT UNPAUSE or the timeout: ends the pause and runs the postponed commands in order. */
  void unpause() {
    List<Postponed> release;
    synchronized (this) {
      kind = NONE;
      rare.set(RareChecks.PAUSE, false);
      endMillis = 0;
      engine.expiryPaused(false);
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      release = List.copyOf(postponed);
      postponed.clear();
    }
    for (Postponed p : release) {
      release(p);
    }
  }

  /** Runs a postponed command again on its connection's loop; it may be postponed again. */
  private static void release(Postponed p) {
    p.loop.execute(() -> {
      ClientSession s = p.call.client();
      if (s.waiter() == p) {
        s.waiter(null);
      }
      p.dispatcher.execute(p.call, p.argv, s.replyGate().target());
    });
  }

  /** Number of postponed clients (part of INFO {@code blocked_clients}). */
  synchronized int postponedCount() {
    return postponed.size();
  }

  /**
   * Whether the command about to run must wait for the end of the pause (Redis's
   * processCommand check); {@code spec} is the command, {@code target} the subcommand run.
   */
  boolean postpones(Call call, CommandSpec target, CommandTable table) {
    int k = kind;
    if (k == NONE || call.client().loopExecutor() == null) {
      return false;
    }
    if (engine.now() >= endMillis) {
      unpause(); // its time is over (a 0 timeout pauses nothing)
      return false;
    }
    if (k == ALL) {
      return true;
    }
    if (mayReplicate(target)) {
      return true;
    }
    MultiState m = call.client().multiOrNull();
    if (target.name().equals("exec") && m != null && m.active()) {
      for (int i = 0; i < m.size(); i++) {
        CommandSpec q = table.lookup(m.queued(i), 0);
        if (q != null && mayReplicate(q)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mayReplicate(CommandSpec s) {
    return s.has(CommandFlag.WRITE) || s.has(CommandFlag.MAY_REPLICATE);
  }

  /** Postpones the command {@code argv} of {@code call}'s client (blockPostponeClient). */
  void postpone(Dispatcher dispatcher, Call call, Argv argv) {
    ClientSession s = call.client();
    Executor loop = java.util.Objects.requireNonNull(s.loopExecutor());
    Postponed p = new Postponed(dispatcher, call, Argv.ofBytes(argv.toArrays()), loop);
    s.waiter(p);
    synchronized (this) {
      if (kind != NONE) {
        postponed.addLast(p);
        return;
      }
    }
    release(p); // the pause ended meanwhile
  }
}
