package io.lime.internal.engine;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One command as the persistence sees it, whichever door ran it (Redis's call() propagation
 * step): the single propagation path of the RESP dispatcher, the typed API and typed
 * transactions. A typed write brackets its body:
 *
 * <pre>{@code
 * WriteUnit w = WriteUnit.begin(engine, db);          // null: nothing wants commands
 * try {
 *   ... lock shards, run the key-level operation ...
 * } finally {
 *   if (w != null) w.end();
 * }
 * }</pre>
 *
 * <p>{@link #begin} returns null unless the engine has a persistence that wants commands
 * ({@link Propagation#active()}), so with {@code Persistence.none()} a write pays one
 * volatile read and builds nothing. Otherwise it takes the write-order lock <em>before</em>
 * any shard is locked (the rule every writer follows, see {@link Propagation}), opens an
 * execution unit, clears the running-command state and remembers the dirty counter.
 *
 * <p>{@link #end} decides what the command propagates, exactly once for both doors: nothing
 * if the operation called {@link Propagation#prevent()}; otherwise, if the data set changed
 * (the dirty counter moved for another reason than lazy expiry) or the operation called
 * {@link Propagation#force()}, the form the operation set with {@link Propagation#rewrite}
 * or, when it set none, the command as given. The RESP door has the command as given (a
 * copy of the client's arguments); the typed door has none, so its unit is
 * <em>formless</em> and the operation itself sets the command a client would have sent
 * ({@link LockedKey#asGiven()}), built only then. Then it closes the unit (deletions by
 * expiry first, then the command, then the pops of blocked clients it served; several
 * wrapped in {@code MULTI}/{@code EXEC}), releases the lock and, for the outermost write of
 * the thread, makes the log as durable as configured (the AOF's reply barrier) unless the
 * caller batches replies itself.
 *
 * <p>Thread-safety: a unit belongs to the thread that began it.
 */
public final class WriteUnit {
  private final Engine engine;
  private final Propagation prop;
  private final int db;
  private final @Nullable ReentrantLock order;
  private final boolean outer;
  private final boolean unit;
  private final long dirtyBefore;
  private final Propagation.CommandState saved;
  private final boolean formless;

  private WriteUnit(Engine engine, Propagation prop, int db, boolean ordered, boolean unit,
      boolean formless) {
    this.engine = engine;
    this.prop = prop;
    this.db = db;
    ReentrantLock o = prop.order();
    this.outer = !o.isHeldByCurrentThread();
    this.order = ordered && outer ? o : null;
    if (order != null) {
      LockWaits.lock(order); // a script holds it while it runs: see LockWaits
    }
    this.unit = unit;
    if (unit) {
      prop.begin();
    }
    this.formless = formless;
    this.saved = prop.enterCommand(formless);
    this.dirtyBefore = engine.dirty() - prop.expiredByThisThread();
  }

  /**
   * Opens a typed write command on database {@code db} (formless: its operation sets its
   * form), or returns null when no persistence wants commands (then nothing is built).
   */
  public static @Nullable WriteUnit begin(Engine engine, int db) {
    Propagation p = engine.propagation();
    if (p == null || !p.active()) {
      return null;
    }
    return new WriteUnit(engine, p, db, true, true, true);
  }

  /**
   * Opens a command of the RESP door while {@code prop} is active: {@code ordered} (a write,
   * or EXEC) takes the write-order lock; a read only gets a unit, so what it causes (lazy
   * expiry) is still propagated in order.
   */
  public static WriteUnit command(Engine engine, Propagation prop, int db, boolean ordered) {
    return new WriteUnit(engine, prop, db, ordered, true, false);
  }

  /**
   * Opens a typed transaction: takes the write-order lock whenever the engine has a
   * persistence at all (so the operations inside, which lock shards after it, keep the lock
   * order even if an AOF is switched on meanwhile), and an execution unit when commands are
   * wanted, so the operations inside are propagated together ({@code MULTI ... EXEC} when more
   * than one). Null with {@code Persistence.none()}.
   */
  public static @Nullable WriteUnit beginTransaction(Engine engine, int db) {
    Propagation p = engine.propagation();
    if (p == null) {
      return null;
    }
    return new WriteUnit(engine, p, db, true, p.active(), false);
  }

  /** Whether the data set changed since {@link #begin} (expiry deletions aside). */
  private boolean changed() {
    return engine.dirty() - prop.expiredByThisThread() != dirtyBefore;
  }

  /** Ends a typed write or a typed transaction: propagates as the class comment says. */
  public void end() {
    end(null, true);
  }

  /**
   * Ends a command of the RESP door, {@code given} supplying the command as given (null: a
   * command that propagates only what it rewrote or nothing); {@code barrier} false leaves
   * the reply barrier to the caller (the server runs it once per batch of pipelined
   * commands).
   */
  public void end(@Nullable Supplier<byte[][]> given, boolean barrier) {
    byte[][] argv = null;
    try {
      if (unit && !prop.prevented() && (changed() || prop.forced())) {
        argv = prop.rewritten();
        if (argv == null && given != null) {
          argv = given.get();
        }
        assert argv != null || !formless : "a typed write changed data and set no form";
      }
    } finally {
      close(argv, barrier);
    }
  }

  private void close(byte @Nullable [][] argv, boolean barrier) {
    try {
      prop.exitCommand(saved);
      if (unit) {
        try {
          prop.commandDone(db, argv);
        } finally {
          prop.end();
        }
      }
    } finally {
      if (order != null) {
        order.unlock();
      }
    }
    if (outer && barrier) {
      prop.beforeReply();
    }
  }
}
