package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.type.KeyspaceOps;
import io.lime.resp.Argv;

/**
 * Database commands (Redis's src/db.c): DBSIZE, FLUSHDB, FLUSHALL, SELECT, SWAPDB.
 * FLUSHDB/FLUSHALL are atomic: they hold every shard lock of what they empty. The work is
 * done by {@link KeyspaceOps}.
 */
public final class DatabaseCommands implements CommandGroup {
  /** DBSIZE — O(1); keys past their deadline but not yet reclaimed count, as in Redis. */
  static void dbsize(Call call) {
    call.out().integer(call.db().size());
  }

  /** FLUSHDB [ASYNC|SYNC] — O(N). */
  static void flushdb(Call call) {
    if (!validFlushArgs(call)) {
      return;
    }
    KeyspaceOps.flush(call.db(), async(call));
    call.out().ok();
  }

  /** FLUSHALL [ASYNC|SYNC] — O(N). */
  static void flushall(Call call) {
    if (!validFlushArgs(call)) {
      return;
    }
    KeyspaceOps.flushAll(call.engine(), async(call));
    call.out().ok();
  }

  /** ASYNC, or neither ASYNC nor SYNC with {@code lazyfree-lazy-user-flush yes}. */
  private static boolean async(Call call) {
    Argv argv = call.argv();
    if (argv.size() == 2) {
      return argv.is(1, "ASYNC");
    }
    return call.engine().lazyFree().lazyUserFlush;
  }

  /** Redis's getFlushCommandFlags: nothing, ASYNC or SYNC; anything else is a syntax error. */
  private static boolean validFlushArgs(Call call) {
    Argv argv = call.argv();
    if (argv.size() == 1 || (argv.size() == 2 && (argv.is(1, "ASYNC") || argv.is(1, "SYNC")))) {
      return true;
    }
    call.out().error(Errors.SYNTAX);
    return false;
  }

  /** SELECT index — O(1). */
  static void select(Call call) {
    Argv argv = call.argv();
    if (!KeyArgs.isInt(argv, 1)) {
      call.out().error(KeyArgs.intError(argv, 1, null));
      return;
    }
    long id = KeyArgs.longValue(argv, 1);
    if (id < 0 || id >= call.engine().databaseCount()) {
      call.out().error(Errors.DB_INDEX_OUT_OF_RANGE);
      return;
    }
    call.client().db((int) id);
    call.out().ok();
  }

  /** SWAPDB index1 index2 — O(N) in the keys clients are blocked on or watch in the two databases. */
  static void swapdb(Call call) {
    Argv argv = call.argv();
    if (!KeyArgs.intOrReply(call, 1, Errors.INVALID_FIRST_DB)
        || !KeyArgs.intOrReply(call, 2, Errors.INVALID_SECOND_DB)) {
      return;
    }
    long a = KeyArgs.longValue(argv, 1);
    long b = KeyArgs.longValue(argv, 2);
    int n = call.engine().databaseCount();
    if (a < 0 || a >= n || b < 0 || b >= n) {
      call.out().error(Errors.DB_INDEX_OUT_OF_RANGE);
      return;
    }
    KeyspaceOps.swap(call.engine(), (int) a, (int) b);
    call.out().ok();
  }
}
