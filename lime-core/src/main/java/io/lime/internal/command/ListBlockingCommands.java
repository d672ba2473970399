package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.BLOCKING;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.NOSCRIPT;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListWaiter;
import io.lime.resp.Argv;
import java.util.List;

/**
 * The blocking list commands (Redis's blockingPopGenericCommand, blmoveGenericCommand,
 * lmpopGenericCommand with blocking): when a key has data they act as their non-blocking
 * twin; otherwise the client blocks (see {@link Blocking}) until a push serves it, its
 * timeout passes or CLIENT UNBLOCK ends the wait. Clients that may not block (MULTI, or an
 * in-process session without a loop) get the timeout reply at once.
 */
public final class ListBlockingCommands implements CommandGroup {
  @Override
  public List<CommandSpec> commands() {
    return List.of(
        ListCommands.spec("blpop", -3, handler(OP_BLPOP), "2.0.0",
            "Remove and get the first element in a list, or block until one is available",
            "O(N) where N is the number of provided keys.", WRITE, NOSCRIPT, BLOCKING)
            .keys(1, -2, 1).acl("write", "list", "slow", "blocking").build(),
        ListCommands.spec("brpop", -3, handler(OP_BRPOP), "2.0.0",
            "Remove and get the last element in a list, or block until one is available",
            "O(N) where N is the number of provided keys.", WRITE, NOSCRIPT, BLOCKING)
            .keys(1, -2, 1).acl("write", "list", "slow", "blocking").build(),
        ListCommands.spec("blmove", 6, handler(OP_BLMOVE), "6.2.0",
            "Pop an element from a list, push it to another list and return it; or block until"
                + " one is available", "O(1)", WRITE, DENYOOM, NOSCRIPT, BLOCKING)
            .keys(1, 2, 1).acl("write", "list", "slow", "blocking").build(),
        ListCommands.spec("brpoplpush", 4, handler(OP_BRPOPLPUSH), "2.2.0",
            "Pop an element from a list, push it to another list and return it; or block until"
                + " one is available", "O(1)", WRITE, DENYOOM, NOSCRIPT, BLOCKING)
            .keys(1, 2, 1).acl("write", "list", "slow", "blocking").build(),
        ListCommands.spec("blmpop", -5, handler(OP_BLMPOP), "7.0.0",
            "Pop elements from a list, or block until one is available",
            "O(N+M) where N is the number of provided keys and M is the number of elements"
                + " returned.", WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0)
            .acl("write", "list", "slow", "blocking").build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_BLMOVE = 0;
  private static final int OP_BRPOPLPUSH = 1;
  private static final int OP_BLMPOP = 2;
  private static final int OP_BLPOP = 3;
  private static final int OP_BRPOP = 4;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_BLMOVE -> blmove(c);
      case OP_BRPOPLPUSH -> brpoplpush(c);
      case OP_BLMPOP -> blmpop(c);
      case OP_BLPOP -> bpop(c, true);
      case OP_BRPOP -> bpop(c, false);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** BLPOP/BRPOP key [key ...] timeout — O(N) where N is the number of keys. */
  static void bpop(Call c, boolean head) {
    Argv a = c.argv();
    long deadline = Blocking.deadline(c, a.size() - 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    Database db = c.db();
    long mask = db.lockKeys(a, 1, -2, 1);
    try {
      if (ListCommands.mpopFirst(c, 1, a.size() - 2, head, ListCommands.POP_ONE)) {
        return;
      }
      if (!Blocking.canBlock(c)) {
        c.out().nullArray();
        return;
      }
      Blocking.block(c, Blocking.keys(a, 1, a.size() - 2), deadline, ListWaiter.Mode.POP, head,
          1, null, false);
    } finally {
      db.unlock(mask);
    }
  }

  /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout — O(1). */
  static void blmove(Call c) {
    Argv a = c.argv();
    int from = ListCommands.where(a, 3);
    int to = from < 0 ? -1 : ListCommands.where(a, 4);
    if (to < 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    long deadline = Blocking.deadline(c, 5);
    if (deadline != Blocking.INVALID) {
      bmove(c, from == 1, to == 1, deadline);
    }
  }

  /** BRPOPLPUSH source destination timeout — O(1). */
  static void brpoplpush(Call c) {
    long deadline = Blocking.deadline(c, 3);
    if (deadline != Blocking.INVALID) {
      bmove(c, false, true, deadline);
    }
  }

  private static void bmove(Call c, boolean fromHead, boolean toHead, long deadline) {
    Argv a = c.argv();
    Database db = c.db();
    byte[] k = a.array();
    long mask = db.lockKeys(a, 1, 2, 1);
    try {
      int off = a.offset(1);
      int len = a.length(1);
      int h = Hashing.hash(k, off, len);
      Entry e;
      try {
        e = ListType.lookup(db.shard(h), k, off, len, h, c.now());
      } catch (WrongTypeException wrongType) {
        c.out().error(Errors.WRONGTYPE);
        return;
      }
      if (e != null) {
        ListCommands.move(c, fromHead, toHead);
        return;
      }
      if (!Blocking.canBlock(c)) {
        Blocking.replyCannotBlock(c, true); // Redis: addReplyNull under CLIENT_DENY_BLOCKING
        return;
      }
      Blocking.block(c, Blocking.keys(a, 1, 1), deadline, ListWaiter.Mode.MOVE, fromHead, 1,
          a.copy(2), toHead);
    } finally {
      db.unlock(mask);
    }
  }

  /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] — O(N+M). */
  static void blmpop(Call c) {
    long[] parsed = ListCommands.parseMpop(c, 2);
    if (parsed == null) {
      return;
    }
    long deadline = Blocking.deadline(c, 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    Argv a = c.argv();
    int numkeys = (int) parsed[0];
    boolean head = parsed[1] == 1;
    long count = parsed[2];
    Database db = c.db();
    long mask = db.lockKeys(a, 3, 2 + numkeys, 1);
    try {
      if (ListCommands.mpopFirst(c, 3, numkeys, head, count)) {
        return;
      }
      if (!Blocking.canBlock(c)) {
        c.out().nullArray();
        return;
      }
      Blocking.block(c, Blocking.keys(a, 3, 2 + numkeys), deadline, ListWaiter.Mode.MPOP, head,
          count, null, false);
    } finally {
      db.unlock(mask);
    }
  }
}
