package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.BlockingKeys;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.resp.Argv;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH (Redis's src/multi.c). Queueing itself happens in
 * the {@link Dispatcher}, after the lookup, arity and authentication checks, as in Redis's
 * processCommand; a command rejected there flags the transaction
 * ({@link ClientSession#flagTransaction()}).
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Atomicity. EXEC first computes the shards its commands can touch: the key positions
 *       of each queued command's spec in the client's database; the whole database for a
 *       command without fixed key positions (keyless or movable keys: KEYS, SORT, ZUNION...);
 *       every shard of every database for a command that reaches other databases (SELECT,
 *       MOVE, COPY, SWAPDB, FLUSHALL). Add the shards of the watched keys, then lock them
 *       in ascending (database, shard) order and hold them until the last reply: no other
 *       client or Java thread can observe or change those keys in between. The handlers
 *       lock their shards again (the locks are reentrant) and never take one outside the
 *       set, so the lock order holds.
 *   <li>WATCH. The check of the watched keys (changed, or past their deadline since WATCH,
 *       as Redis 7.0) runs with their shards held, so no write slips between the check and
 *       the commands.
 *   <li>Blocking commands run as non-blocking (Redis's CLIENT_DENY_BLOCKING) and clients
 *       blocked on keys the transaction fills are served after the last command, before
 *       the locks are released ({@link BlockingKeys#deferServing()}).
 * </ul>
 */
final class TransactionCommands implements CommandGroup {
  /** Commands that reach databases other than the client's: EXEC locks every database. */
  private static final Set<String> CROSS_DATABASE =
      Set.of("select", "move", "copy", "swapdb", "flushall", "migrate",
          // scripts lock every shard (they may touch any key, in any database)
          "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro");

  /**
   * Whether a command runs at once even inside MULTI (Redis's processCommand exceptions):
   * EXEC, DISCARD, MULTI, WATCH, QUIT, RESET.
   */
  static boolean runsInMulti(CommandSpec spec) {
    return switch (spec.name()) {
      case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
      default -> false;
    };
  }

  /**
   * Redis's rejectCommand: replies {@code error} and flags the transaction; a rejected EXEC
   * instead discards the transaction and replies EXECABORT with the reason.
   */
  static void reject(ClientSession client, CommandSpec target, String error,
      io.lime.resp.ReplySink out) {
    client.flagTransaction();
    if (target.name().equals("exec")) {
      client.discardTransaction();
      String reason = error.startsWith("ERR ") ? error.substring(4) : error;
      out.error(EXECABORT_BECAUSE + reason);
      return;
    }
    out.error(error);
  }

  private static final String EXECABORT_BECAUSE = "EXECABORT Transaction discarded because of: ";

  /**
   * The end of Redis's processCommand for a client in MULTI: returns false when the command
   * runs now (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET); otherwise refuses a
   * {@code no_multi} command (flagging the transaction) or queues it and replies QUEUED.
   */
  static boolean queued(ClientSession client, CommandSpec spec, CommandSpec target, Argv argv,
      io.lime.resp.ReplySink out) {
    if (runsInMulti(spec)) {
      return false;
    }
    MultiState m = client.multiOrNull();
    if (m == null) {
      return false;
    }
    if (target.has(CommandFlag.NO_MULTI)) {
      client.flagTransaction();
      out.error(Errors.NOT_ALLOWED_IN_MULTI);
      return true;
    }
    m.queue(argv, target.has(CommandFlag.DENYOOM), target.has(CommandFlag.WRITE));
    out.simple("QUEUED");
    return true;
  }

  private static MultiState state(Call c) {
    return c.client().multi(c.engine().events());
  }

  /** MULTI — O(1). */
  static void multi(Call c) {
    MultiState m = state(c);
    if (m.active()) {
      c.out().error(Errors.MULTI_NESTED);
      return;
    }
    m.begin();
    c.out().ok();
  }

  /** The client's transaction state when it is in MULTI; otherwise replies {@code error}. */
  private static @Nullable MultiState inMulti(Call c, String error) {
    MultiState m = c.client().multiOrNull();
    if (m == null || !m.active()) {
      c.out().error(error);
      return null;
    }
    return m;
  }

  /** DISCARD — O(N) in the queued commands. */
  static void discard(Call c) {
    MultiState m = inMulti(c, Errors.DISCARD_WITHOUT_MULTI);
    if (m != null) {
      m.discard();
      c.out().ok();
    }
  }

  /** WATCH key [key ...] — O(1) per key. */
  static void watch(Call c) {
    MultiState m = state(c);
    if (m.active()) {
      c.out().error(Errors.WATCH_INSIDE_MULTI);
      return;
    }
    KeyspaceEvents.Watcher w = m.watcher();
    if (!w.dirty()) { // no point watching more once a watched key changed
      Argv a = c.argv();
      Database db = c.db();
      for (int i = 1; i < a.size(); i++) {
        c.engine().events().watch(w, db, a.copy(i), c.now());
      }
    }
    c.out().ok();
  }

  /** UNWATCH — O(1). */
  static void unwatch(Call c) {
    MultiState m = c.client().multiOrNull();
    if (m != null) {
      m.unwatch();
    }
    c.out().ok();
  }

  /** EXEC — runs the queued commands atomically, or replies nil (WATCH) / EXECABORT. */
  static void exec(Call c) {
    MultiState m = inMulti(c, Errors.EXEC_WITHOUT_MULTI);
    if (m == null) {
      return;
    }
    if (m.dirtyExec()) {
      m.discard();
      c.out().error(Errors.EXECABORT);
      return;
    }
    Engine engine = c.engine();
    CommandTable table = c.server().commandTable();
    int current = c.client().db();
    long[] masks = new long[engine.databaseCount()];
    boolean all = false;
    for (int i = 0; i < m.size() && !all; i++) {
      all = plan(table, m.command(i), engine.db(current), masks);
    }
    engine.events().addShards(m.watcher(), masks);
    lock(engine, masks, all);
    ClientSession client = c.client();
    boolean denied = client.denyBlocking();
    BlockingKeys blocking = engine.blocking();
    try {
      KeyspaceEvents.Watcher w = m.watcher();
      if (engine.events().watchBroken(w, c.now())) {
        m.discard();
        c.out().nullArray();
        return;
      }
      m.unwatch();
      client.denyBlocking(true);
      ReplyGate gate = (ReplyGate) c.out();
      int execErrors = gate.errors();
      Dispatcher dispatcher = new Dispatcher(c.server());
      int n = m.size();
      CommandSpec execSpec = c.spec();
      m.startExec(); // queued commands run now (they are not queued again)
      blocking.deferServing();
      try {
        gate.arrayHeader(n);
        for (int i = 0; i < n; i++) {
          dispatcher.dispatchQueued(c, m.command(i), gate);
        }
      } finally {
        m.endMulti();
        client.lastCommand(execSpec, execSpec); // CLIENT LIST cmd=exec, as Redis
        gate.errors(execErrors); // the queued commands' errors are theirs, not EXEC's
        blocking.resumeServing(); // serve clients blocked on filled keys while still locked
      }
    } finally {
      client.denyBlocking(denied);
      unlock(engine, masks, all);
    }
  }

  /**
   * Adds to {@code masks} the shards queued command {@code argv} may touch in {@code db};
   * returns true when it needs every shard of every database.
   */
  private static boolean plan(CommandTable table, Argv argv, Database db, long[] masks) {
    CommandSpec spec = table.lookup(argv, 0);
    if (spec == null) {
      return false;
    }
    CommandSpec target = spec;
    if (spec.isContainer() && argv.size() >= 2) {
      CommandSpec sub = table.lookupSub(spec, argv, 1);
      if (sub != null) {
        target = sub;
      }
    }
    if (crossDatabase(spec)) {
      return true;
    }
    int first = target.firstKey();
    if (first <= 0 || target.has(CommandFlag.MOVABLEKEYS) || first >= argv.size()) {
      masks[db.index()] = allShards(db);
      return false;
    }
    int last = target.lastKey() < 0 ? argv.size() + target.lastKey() : target.lastKey();
    int step = Math.max(1, target.step());
    for (int i = first; i <= last && i < argv.size(); i += step) {
      masks[db.index()] |= 1L << db.shardIndex(
          Hashing.hash(argv.array(), argv.offset(i), argv.length(i)));
    }
    return false;
  }

  /** Whether {@code spec} (a command, not a subcommand) may touch keys of several databases. */
  static boolean crossDatabase(CommandSpec spec) {
    return CROSS_DATABASE.contains(spec.name());
  }

  private static long allShards(Database db) {
    return db.shardCount() == 64 ? -1L : (1L << db.shardCount()) - 1;
  }

  private static void lock(Engine engine, long[] masks, boolean all) {
    if (all) {
      engine.lockAll();
      return;
    }
    if (databases(masks) > 1) {
      engine.lockCrossDatabase(); // shards of several databases (see Engine)
    }
    for (int d = 0; d < masks.length; d++) {
      if (masks[d] != 0) {
        engine.db(d).lockMask(masks[d]);
      }
    }
  }

  private static void unlock(Engine engine, long[] masks, boolean all) {
    if (all) {
      engine.unlockAll();
      return;
    }
    for (int d = masks.length - 1; d >= 0; d--) {
      if (masks[d] != 0) {
        engine.db(d).unlock(masks[d]);
      }
    }
    if (databases(masks) > 1) {
      engine.unlockCrossDatabase();
    }
  }

  /** The number of databases with shards in {@code masks}. */
  private static int databases(long[] masks) {
    int n = 0;
    for (long m : masks) {
      n += m != 0 ? 1 : 0;
    }
    return n;
  }
}
