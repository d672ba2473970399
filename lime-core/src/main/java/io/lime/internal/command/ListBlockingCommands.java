package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListType.Form;
import io.lime.internal.type.ListWaiter;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * The blocking list commands (Redis's blockingPopGenericCommand, blmoveGenericCommand,
 * lmpopGenericCommand with blocking): when a key has data they act as their non-blocking
 * twin, through the same {@link ListType} operation, and are propagated as it; otherwise the client blocks (see {@link Blocking}) until a push serves it, its
 * timeout passes or CLIENT UNBLOCK ends the wait. Clients that may not block (MULTI, or an
 * in-process session without a loop) get the timeout reply at once.
 */
public final class ListBlockingCommands implements CommandGroup {
  /** {@link #popFirst}'s count for one element replied flat (BLPOP/BRPOP), not an array. */
  static final long POP_ONE = 0;

  /** BLPOP key [key ...] timeout — O(N) where N is the number of keys. */
  static void blpop(Call c) { bpop(c, true); }

  /** BRPOP key [key ...] timeout — O(N) where N is the number of keys. */
  static void brpop(Call c) { bpop(c, false); }

  private static void bpop(Call c, boolean head) {
    Argv a = c.argv();
    long deadline = Blocking.deadline(c, a.size() - 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    try (KeyLocks locks = c.lockKeys(1, -2, 1)) {
      if (popFirst(c, 1, a.size() - 2, head, POP_ONE)) {
        return;
      }
      if (!Blocking.canBlock(c)) {
        c.out().nullArray();
        return;
      }
      Blocking.block(c, Blocking.keys(a, 1, a.size() - 2), deadline, ListWaiter.Mode.POP, head,
          1, null, false);
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

  /** BLMOVE's body once parsed: LMOVE when the source has data (propagated so), else blocks. */
  private static void bmove(Call c, boolean fromHead, boolean toHead, long deadline) {
    try (KeyLocks locks = c.lockKeys(1, 2, 1); LockedKey src = c.lockKey(1)) {
      byte[] v = ListType.move(src, c.keyWithin(2), fromHead, toHead, Form.REWRITTEN);
      if (v != null) {
        c.out().bulk(v);
      } else if (!Blocking.canBlock(c)) {
        Blocking.replyCannotBlock(c, true); // Redis: addReplyNull under CLIENT_DENY_BLOCKING
      } else {
        Blocking.block(c, Blocking.keys(c.argv(), 1, 1), deadline, ListWaiter.Mode.MOVE,
            fromHead, 1, c.argv().copy(2), toHead);
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] — O(N+M). */
  static void blmpop(Call c) {
    long[] parsed = parseMpop(c, 2);
    if (parsed == null) {
      return;
    }
    long deadline = Blocking.deadline(c, 1);
    if (deadline == Blocking.INVALID) {
      return;
    }
    int numkeys = (int) parsed[0];
    boolean head = parsed[1] == 1;
    try (KeyLocks locks = c.lockKeys(3, 2 + numkeys, 1)) {
      if (popFirst(c, 3, numkeys, head, parsed[2])) {
        return;
      }
      if (!Blocking.canBlock(c)) {
        c.out().nullArray();
        return;
      }
      Blocking.block(c, Blocking.keys(c.argv(), 3, 2 + numkeys), deadline,
          ListWaiter.Mode.MPOP, head, parsed[2], null, false);
    }
  }

  // ------------------------------------------------------------------ the MPOP family

  /**
   * Parses [B]LMPOP from its numkeys argument: returns {numkeys, head (1/0), count}, or null
   * after replying an error (Redis's lmpopGenericCommand).
   */
  static long @Nullable [] parseMpop(Call c, int numkeysIndex) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long numkeys = NumKeysArgs.numkeys(a, numkeysIndex, 1, Errors.SYNTAX, out);
    if (numkeys < 0) {
      return null;
    }
    int whereIndex = numkeysIndex + (int) numkeys + 1;
    int where = ListCommands.where(a, whereIndex);
    if (where < 0) {
      out.error(Errors.SYNTAX);
      return null;
    }
    long count = NumKeysArgs.popCount(a, whereIndex + 1, out);
    if (count < 0) {
      return null;
    }
    return new long[] {numkeys, where, count};
  }

  /**
   * Pops from the first of {@code numkeys} keys from argument {@code first} holding a list:
   * up to {@code count} elements replied as {@code [key, [elements]]}, or, for {@link
   * #POP_ONE}, one replied as {@code [key, element]} (BLPOP); propagated as the plain pop.
   * False (nothing replied) when every key is missing; replies WRONGTYPE (and returns true)
   * at the first key of another type. The caller holds the keys' shards.
   */
  static boolean popFirst(Call c, int first, int numkeys, boolean head, long count) {
    ReplySink out = c.out();
    for (int i = first; i < first + numkeys; i++) {
      try (LockedKey k = c.lockKey(i)) { // already locked: re-entered
        if (count != POP_ONE) {
          if (ListType.pop(k, head, count, Form.REWRITTEN, out, ListReply.KEYED) >= 0) {
            return true;
          }
          continue;
        }
        if (ListType.pop(k, head, Form.REWRITTEN, out, ListReply.KEYED_ONE)) { // no copy
          return true;
        }
      } catch (LimeException ex) {
        out.error(ex.getMessage());
        return true;
      }
    }
    return false;
  }
}
