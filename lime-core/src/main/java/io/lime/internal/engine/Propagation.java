package io.lime.internal.engine;

import io.lime.persistence.Persistence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Command propagation to the persistence SPI (Redis's call()/alsoPropagate/propagatePendingCommands):
 * collects the commands an execution unit (one command, or a whole EXEC) propagates and hands
 * them to {@link Persistence#onWrite} in order, wrapped in {@code MULTI}/{@code EXEC} when a
 * unit propagates more than one command, as Redis 7.0 does.
 *
 * <p>Exists only when the engine has a persistence that wants commands ({@link
 * Engine#propagation()} is null otherwise), so the {@code none} configuration pays nothing.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Order. A log replays correctly only if any two commands touching a common key appear
 *       in the order they were applied. Shard locks order mutations but are released before a
 *       command's propagation is known, so while propagation is {@link #active()} every
 *       write command (and EXEC) runs holding {@link #order()}, a lock taken <em>before</em> any
 *       shard lock and released after its commands were handed on: writers are serialized (as
 *       in Redis, which is single-threaded), readers are not. The engine's own deletions
 *       follow the same rule: the active expiry cycle takes {@link #order()} before a shard,
 *       and lazy expiry deletes a key only on a thread holding it (a write command); a read
 *       command meeting an expired key treats it as missing and leaves its deletion to a
 *       writer or the active cycle (what a Redis replica does), so no DEL can overtake a
 *       write still being propagated.
 *   <li>Units. {@link #begin()} / {@link #end()} bracket an execution unit on the current
 *       thread (nested: EXEC's commands run inside EXEC's unit). During a command, deletions
 *       by lazy expiry and handler side effects ({@link #alsoPropagate}) are queued first,
 *       then the command itself ({@link #commandDone}), then the pops made by serving
 *       blocked clients ({@link #served}), as Redis propagates LPUSH before the LPOP of the
 *       BLPOP it served.
 *   <li>Transactions. MULTI/EXEC: EXEC must run its queued commands as nested dispatches
 *       inside its own unit (the dispatcher brackets every outermost command), so their
 *       propagation is flushed once at the end of EXEC, wrapped as {@code MULTI ... EXEC}.
 * </ul>
 */
public final class Propagation implements KeyspaceObserver {
  static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.US_ASCII);
  static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

  private final Persistence sink;
  private final ReentrantLock order = new ReentrantLock();
  private final ThreadLocal<Unit> units = ThreadLocal.withInitial(Unit::new);
  private volatile @Nullable Runnable replyBarrier;

  Propagation(Persistence sink) {
    this.sink = sink;
  }

  /** Whether commands are being propagated now (an AOF may be switched on and off). */
  public boolean active() {
    return sink.wantsCommands();
  }

  /** The lock that orders write commands; see the class notes. */
  public ReentrantLock order() {
    return order;
  }

  /** Whether the current thread may delete an expired key (see the class notes). */
  boolean mayDeleteExpired() {
    return order.isHeldByCurrentThread() || !active();
  }

  /**
   * Installs what must run before replies are written to clients (the AOF's write and, with
   * {@code appendfsync always}, fsync), or null.
   */
  public void replyBarrier(@Nullable Runnable r) {
    this.replyBarrier = r;
  }

  /**
   * Called by the server after a batch of commands and before their replies are sent (Redis's
   * beforeSleep flushAppendOnlyFile): makes what they propagated as durable as configured.
   */
  public void beforeReply() {
    Runnable r = replyBarrier;
    if (r != null) {
      r.run();
    }
  }

  /** Opens an execution unit (nested calls share the outermost). */
  public void begin() {
    units.get().depth++;
  }

  /** Closes a unit opened by {@link #begin()}; the outermost hands its commands on. */
  public void end() {
    Unit u = units.get();
    if (--u.depth > 0) {
      return;
    }
    u.settle(null);
    List<Op> ops = u.ops;
    if (ops.isEmpty()) {
      return;
    }
    try {
      boolean wrap = ops.size() > 1;
      if (wrap) {
        sink.onWrite(ops.get(0).db, new byte[][] {MULTI});
      }
      for (Op op : ops) {
        sink.onWrite(op.db, op.argv);
      }
      if (wrap) {
        sink.onWrite(ops.get(ops.size() - 1).db, new byte[][] {EXEC});
      }
    } finally {
      ops.clear();
    }
  }

  /**
   * The command just executed in the current unit propagates {@code argv} (null: nothing).
   * Queued after what it propagated while running and before the pops of blocked clients it
   * served.
   */
  public void commandDone(int db, byte @Nullable [][] argv) {
    Unit u = units.get();
    u.settle(argv == null || u.suppressed ? null : new Op(db, argv));
  }

  /**
   * While on, the commands ending on this thread do not propagate themselves (a script's
   * {@code redis.set_repl} without {@code REPL_AOF}); what they propagate besides (expiry
   * deletions) still goes.
   */
  public void suppressCommands(boolean on) {
    units.get().suppressed = on;
  }

  /** Propagates {@code argv} in addition to the command (Redis's alsoPropagate). */
  public void alsoPropagate(int db, byte[][] argv) {
    add(db, argv, false);
  }

  /** A blocked client was served (e.g. BLPOP by a push): propagates its effect, after the pusher. */
  public void served(int db, byte[][] argv) {
    add(db, argv, true);
  }

  /** Emits {@code argv} now outside a unit; inside, queues it with the command's or after. */
  private void add(int db, byte[][] argv, boolean afterCommand) {
    Unit u = units.get();
    if (u.depth == 0) {
      emitAlone(db, argv);
    } else {
      (afterCommand ? u.after : u.pending).add(new Op(db, argv));
    }
  }

  private void emitAlone(int db, byte[][] argv) {
    // Outside a command: the active expiry cycle or a pool thread serving blocked clients,
    // both holding order() (or propagation is inactive and the sink drops it).
    sink.onWrite(db, argv);
  }

  /** Lazy and active expiry: propagated as DEL. */
  @Override
  public void expired(Database db, byte[] key) {
    if (active()) {
      units.get().expired++;
      alsoPropagate(db.index(), new byte[][] {DEL, key});
    }
  }

  /** Eviction: propagated as DEL (not counted as the command's change). */
  @Override
  public void evicted(Database db, byte[] key) {
    if (active()) {
      alsoPropagate(db.index(), new byte[][] {DEL, key});
    }
  }

  /**
   * Keys this thread deleted by expiry so far (each also moved {@code engine.dirty}): the
   * dispatcher discounts them to tell whether the command itself changed anything, as Redis
   * (whose expiry does not count as a change of the command).
   */
  public long expiredByThisThread() {
    return units.get().expired;
  }

  // ------------------------------------------------------------------ the running command
  // Redis's rewriteClientCommandVector / preventCommandPropagation / forceCommandPropagation,
  // as state of this thread's unit: set by key-level operations while a command runs, read by
  // WriteUnit when the command ends, whichever door ran it.

  /**
   * The command running on this thread propagates {@code argv} instead of its own form when
   * it changed the data set (Redis's rewriteClientCommandVector). The arrays are kept: pass
   * fresh copies.
   */
  public void rewrite(byte[]... argv) {
    units.get().rewritten = argv;
  }

  /** The command running on this thread propagates nothing itself (its effects went by {@link #alsoPropagate}). */
  public void prevent() {
    units.get().prevented = true;
  }

  /** The command running on this thread is propagated even if it changed nothing (FLUSHDB). */
  public void force() {
    units.get().forced = true;
  }

  /**
   * Saves and clears the running-command state (a command starts); see {@link WriteUnit}.
   * {@code formless}: the command comes without a form as given (the typed door), so its
   * operation sets the form it propagates ({@link LockedKey#asGiven()}).
   */
  CommandState enterCommand(boolean formless) {
    Unit u = units.get();
    CommandState saved = new CommandState(u.rewritten, u.prevented, u.forced, u.formless);
    u.rewritten = null;
    u.prevented = false;
    u.forced = false;
    u.formless = formless;
    return saved;
  }

  /**
   * The engine's propagation when commands are wanted and the running command came without a
   * form as given (a typed write), else null: see {@link LockedKey#asGiven()}.
   */
  public static @Nullable Propagation asGiven(Engine engine) {
    Propagation p = engine.propagation();
    return p != null && p.active() && p.formless() ? p : null;
  }

  /** Whether the running command came without a form as given (see {@link #enterCommand}). */
  boolean formless() {
    return units.get().formless;
  }

  /** The rewritten form set while the command ran, or null. */
  byte @Nullable [][] rewritten() {
    return units.get().rewritten;
  }

  /** Whether the running command prevented its own propagation. */
  boolean prevented() {
    return units.get().prevented;
  }

  /** Whether the running command forced its propagation. */
  boolean forced() {
    return units.get().forced;
  }

  /** Restores what {@link #enterCommand()} saved (the command ended). */
  void exitCommand(CommandState saved) {
    Unit u = units.get();
    u.rewritten = saved.rewritten();
    u.prevented = saved.prevented();
    u.forced = saved.forced();
    u.formless = saved.formless();
  }

  /** The running-command state of an enclosing command, kept while a nested one runs. */
  record CommandState(byte @Nullable [][] rewritten, boolean prevented, boolean forced,
      boolean formless) {}

  private record Op(int db, byte[][] argv) {}

  /** Per-thread state of the current execution unit. */
  private static final class Unit {
    int depth;
    long expired;
    boolean suppressed;
    byte @Nullable [][] rewritten;
    boolean prevented;
    boolean forced;
    boolean formless;
    final List<Op> ops = new ArrayList<>(4);
    final List<Op> pending = new ArrayList<>(2);
    final List<Op> after = new ArrayList<>(2);

    void settle(@Nullable Op main) {
      if (!pending.isEmpty()) {
        ops.addAll(pending);
        pending.clear();
      }
      if (main != null) {
        ops.add(main);
      }
      if (!after.isEmpty()) {
        ops.addAll(after);
        after.clear();
      }
    }
  }
}
