package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.LOADING;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.STALE;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.internal.type.KeyspaceOps;
import io.lime.resp.Argv;
import java.util.List;

/**
 * Database commands (Redis's src/db.c): DBSIZE, FLUSHDB, FLUSHALL, SELECT, SWAPDB.
 * FLUSHDB/FLUSHALL are atomic: they hold every shard lock of what they empty. The work is
 * done by {@link KeyspaceOps}.
 */
public final class DatabaseCommands implements CommandGroup {
  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("dbsize", 1, handler(OP_DBSIZE)).flags(READONLY, FAST)
            .acl("keyspace", "read", "fast").group("server").since("1.0.0")
            .summary("Return the number of keys in the selected database").complexity("O(1)")
            .build(),
        CommandSpec.builder("flushdb", -1, handler(OP_FLUSHDB)).flags(WRITE)
            .acl("keyspace", "write", "slow", "dangerous").group("server").since("1.0.0")
            .summary("Remove all keys from the current database")
            .complexity("O(N) where N is the number of keys in the selected database").build(),
        CommandSpec.builder("flushall", -1, handler(OP_FLUSHALL)).flags(WRITE)
            .acl("keyspace", "write", "slow", "dangerous").group("server").since("1.0.0")
            .summary("Remove all keys from all databases")
            .complexity("O(N) where N is the total number of keys in all databases").build(),
        CommandSpec.builder("select", 2, handler(OP_SELECT)).flags(LOADING, STALE, FAST)
            .acl("fast", "connection").group("connection").since("1.0.0")
            .summary("Change the selected database for the current connection")
            .complexity("O(1)").build(),
        CommandSpec.builder("swapdb", 3, handler(OP_SWAPDB)).flags(WRITE, FAST)
            .acl("keyspace", "write", "fast", "dangerous").group("server").since("4.0.0")
            .summary("Swaps two Redis databases")
            .complexity("O(N) where N is the count of clients watching or blocking on keys from "
                + "both databases.")
            .build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_DBSIZE = 0;
  private static final int OP_FLUSHDB = 1;
  private static final int OP_FLUSHALL = 2;
  private static final int OP_SELECT = 3;
  private static final int OP_SWAPDB = 4;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_DBSIZE -> dbsize(c);
      case OP_FLUSHDB -> flushdb(c);
      case OP_FLUSHALL -> flushall(c);
      case OP_SELECT -> select(c);
      case OP_SWAPDB -> swapdb(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** DBSIZE — O(1); keys past their deadline but not yet reclaimed count, as in Redis. */
  static void dbsize(Call call) {
    call.out().integer(call.db().size());
  }

  /** FLUSHDB [ASYNC|SYNC] — O(N). */
  static void flushdb(Call call) {
    if (!validFlushArgs(call)) {
      return;
    }
    KeyspaceOps.flush(call.db());
    call.out().ok();
  }

  /** FLUSHALL [ASYNC|SYNC] — O(N). */
  static void flushall(Call call) {
    if (!validFlushArgs(call)) {
      return;
    }
    KeyspaceOps.flushAll(call.engine());
    call.out().ok();
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

  /** SWAPDB index1 index2 — O(1) here (no blocked or watching clients to signal yet). */
  static void swapdb(Call call) {
    Argv argv = call.argv();
    if (!KeyArgs.isInt(argv, 1)) {
      call.out().error(Errors.INVALID_FIRST_DB);
      return;
    }
    if (!KeyArgs.isInt(argv, 2)) {
      call.out().error(Errors.INVALID_SECOND_DB);
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
