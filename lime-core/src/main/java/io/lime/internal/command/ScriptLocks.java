package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;

/**
 * The shard locks of one script or function run (see {@link ScriptCommands#runLocked}): the
 * engine's cross-database lock and every shard of the database the run starts in, taken
 * before the run; every shard of every database as well once a command of the script may
 * reach beyond that database ({@link #before}). Held until the run's reply is written, so no
 * other command interleaves with any key the script touches, declared or not (two-phase
 * locking: whatever the script reaches stays locked until it ends).
 *
 * <p>Why not every database from the start: locking 16 databases of 16 shards costs more than
 * the whole of a short script (EVALSHA of one INCR). Reaching another database happens only
 * through SELECT or a cross-database command (MOVE, COPY ... DB, SWAPDB, FLUSHALL, MIGRATE),
 * which {@link #before} sees before it runs. Taking the other databases' shards then, out of
 * ascending order, cannot deadlock: the run holds the cross-database lock, which every other
 * holder of several databases' shards takes before its first shard (see {@link Engine}).
 *
 * <p>Thread-safety: belongs to the thread of the run.
 */
final class ScriptLocks {
  private final Engine engine;
  private final Database db;
  private final long mask;
  private boolean all;

  private ScriptLocks(Engine engine, Database db, long mask) {
    this.engine = engine;
    this.db = db;
    this.mask = mask;
  }

  /** Takes the cross-database lock, then every shard of database {@code index}. */
  static ScriptLocks lock(Engine engine, int index) {
    engine.lockCrossDatabase();
    Database db = engine.db(index);
    try {
      return new ScriptLocks(engine, db, db.lockAll());
    } catch (RuntimeException | Error e) {
      engine.unlockCrossDatabase();
      throw e;
    }
  }

  /**
   * Before the script's command {@code target} runs in database {@code dbIndex} (the script's
   * session's): locks every database when it is not the run's first one or the command may
   * reach another database.
   */
  void before(int dbIndex, CommandSpec target) {
    if (!all && (dbIndex != db.index() || TransactionCommands.crossDatabase(target))) {
      engine.lockAll();
      all = true;
    }
  }

  /** Releases every lock taken, in reverse order. */
  void unlock() {
    if (all) {
      engine.unlockAll();
    }
    db.unlock(mask);
    engine.unlockCrossDatabase();
  }
}
