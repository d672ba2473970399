package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListType.Form;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The non-blocking list commands (Redis's src/t_list.c command half): each handler parses in
 * the order Redis does (so the same error wins), locks the key(s), runs the {@link ListType}
 * operation, which holds every list semantic (the typed {@code ListView} runs the same), and
 * replies; elements read or popped go straight into the reply ({@link ListReply}). Reads count
 * keyspace hits and misses as lookupKeyRead does; writes do not. The blocking commands are in
 * {@link ListBlockingCommands}.
 */
public final class ListCommands implements CommandGroup {
  // ------------------------------------------------------------------ helpers

  /** LEFT → 1 (head), RIGHT → 0 (tail), else -1 (Redis's getListPositionFromObjectOrReply). */
  static int where(Argv a, int i) {
    return a.is(i, "LEFT") ? 1 : a.is(i, "RIGHT") ? 0 : -1;
  }

  /**
   * Replies the error of a read operation, after counting the lookup as a keyspace hit (the
   * key existed: Redis's lookupKeyRead counts before the type check).
   */
  private static void readError(Call c, LimeException ex) {
    c.readLookup(true, 1);
    c.out().error(ex.getMessage());
  }

  // ------------------------------------------------------------------ push / pop

  /** LPUSH key element [element ...] — O(1) per element. */
  static void lpush(Call c) { push(c, true, false); }

  /** RPUSH key element [element ...] — O(1) per element. */
  static void rpush(Call c) { push(c, false, false); }

  /** LPUSHX key element [element ...] — O(1) per element. */
  static void lpushx(Call c) { push(c, true, true); }

  /** RPUSHX key element [element ...] — O(1) per element. */
  static void rpushx(Call c) { push(c, false, true); }

  private static void push(Call c, boolean head, boolean onlyIfExists) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(ListType.push(k, head, onlyIfExists, c.argv(), 2));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** LPOP key [count] — O(N) where N is the number of elements returned. */
  static void lpop(Call c) { pop(c, true); }

  /** RPOP key [count] — O(N) where N is the number of elements returned. */
  static void rpop(Call c) { pop(c, false); }

  private static void pop(Call c, boolean head) {
    Argv a = c.argv();
    if (a.size() > 3) {
      c.out().error(Errors.arity(c.spec().name()));
      return;
    }
    boolean hasCount = a.size() == 3;
    long count = hasCount && KeyArgs.isLong(a, 2) ? KeyArgs.longValue(a, 2) : -1;
    if (hasCount && count < 0) {
      c.out().error(Errors.LIST_MUST_BE_POSITIVE);
      return;
    }
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(1)) {
      if (!hasCount) {
        ListType.pop(k, head, Form.GIVEN, out, ListReply.BULK); // no copy of the element
      } else if (ListType.pop(k, head, count, Form.GIVEN, out, ListReply.ARRAY) < 0) {
        out.nullArray();
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ reads

  /** LLEN key — O(1). */
  static void llen(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      long n = ListType.length(k);
      c.readLookup(n > 0, 1); // lists are never empty: 0 is a missing key
      c.out().integer(n);
    } catch (LimeException ex) {
      readError(c, ex);
    }
  }

  /** LRANGE key start stop — O(S+N). */
  static void lrange(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integersOrReply(c, 2, 3)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      long n = ListType.range(k, KeyArgs.longValue(a, 2), KeyArgs.longValue(a, 3), c.out(),
          ListReply.ARRAY);
      if (c.readLookup(n >= 0, 1)) {
        return;
      }
      c.out().arrayHeader(0);
    } catch (LimeException ex) {
      readError(c, ex);
    }
  }

  /** LINDEX key index — O(N) to reach the element. */
  static void lindex(Call c) {
    Argv a = c.argv();
    boolean valid = KeyArgs.isLong(a, 2);
    try (LockedKey k = c.lockKey(1)) {
      if (!c.readLookup(ListType.index(k, valid, valid ? KeyArgs.longValue(a, 2) : 0, c.out(),
          ListReply.BULK), 1)) {
        c.out().nullBulk();
      }
    } catch (LimeException ex) {
      readError(c, ex);
    }
  }

  /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] — O(N). */
  static void lpos(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int j = 3; j < a.size(); j += 2) { // each option and its value, in Redis's order
      boolean valid = j + 1 < a.size() && KeyArgs.isLong(a, j + 1);
      long v = valid ? KeyArgs.longValue(a, j + 1) : -1;
      String error = null;
      if (j + 1 == a.size()) {
        error = Errors.SYNTAX;
      } else if (a.is(j, "RANK")) {
        error = !valid ? Errors.NOT_INTEGER : v == 0 ? Errors.LIST_RANK_ZERO : null;
        rank = v;
      } else if (a.is(j, "COUNT")) {
        error = v < 0 ? Errors.LIST_COUNT_NEGATIVE : null;
        count = v;
      } else if (a.is(j, "MAXLEN")) {
        error = v < 0 ? Errors.LIST_MAXLEN_NEGATIVE : null;
        maxlen = v;
      } else {
        error = Errors.SYNTAX;
      }
      if (error != null) {
        out.error(error);
        return;
      }
    }
    Positions found = new Positions();
    try (LockedKey k = c.lockKey(1)) {
      c.readLookup(ListType.positions(k, a.array(), a.offset(2), a.length(2), rank,
          count == -1 ? 1 : count, maxlen, found), 1);
    } catch (LimeException ex) {
      readError(c, ex);
      return;
    }
    if (count == -1) { // the first match alone (RANK -2^63 defeats the count arithmetic)
      if (found.n == 0) {
        out.nullBulk();
      } else {
        out.integer(found.at[0]);
      }
      return;
    }
    out.arrayHeader(found.n);
    for (int i = 0; i < found.n; i++) {
      out.integer(found.at[i]);
    }
  }

  /** LPOS's matches, kept to be counted before they are replied. */
  private static final class Positions implements LongConsumer {
    long[] at = new long[8];
    int n;

    @Override
    public void accept(long i) {
      if (n == at.length) {
        at = Arrays.copyOf(at, n * 2);
      }
      at[n++] = i;
    }
  }

  // ------------------------------------------------------------------ in-place writes

  /** LSET key index element — O(N). */
  static void lset(Call c) {
    Argv a = c.argv();
    boolean valid = KeyArgs.isLong(a, 2);
    try (LockedKey k = c.lockKey(1)) {
      ListType.set(k, valid, valid ? KeyArgs.longValue(a, 2) : 0, a.array(), a.offset(3),
          a.length(3));
      c.out().ok();
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** LINSERT key BEFORE|AFTER pivot element — O(N) to find the pivot. */
  static void linsert(Call c) {
    Argv a = c.argv();
    boolean after = a.is(2, "AFTER");
    if (!after && !a.is(2, "BEFORE")) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(ListType.insert(k, after, a.array(), a.offset(3), a.length(3), a.array(),
          a.offset(4), a.length(4)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** LREM key count element — O(N+M). */
  static void lrem(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integerOrReply(c, 2)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(ListType.remove(k, KeyArgs.longValue(a, 2), a.array(), a.offset(3),
          a.length(3)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** LTRIM key start stop — O(N) where N is the number of elements removed. */
  static void ltrim(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integersOrReply(c, 2, 3)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      ListType.trim(k, KeyArgs.longValue(a, 2), KeyArgs.longValue(a, 3));
      c.out().ok();
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ moves

  /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT — O(1). */
  static void lmove(Call c) {
    Argv a = c.argv();
    int from = where(a, 3);
    int to = from < 0 ? -1 : where(a, 4);
    if (to < 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    move(c, from == 1, to == 1);
  }

  /** RPOPLPUSH source destination — O(1). */
  static void rpoplpush(Call c) { move(c, false, true); }

  private static void move(Call c, boolean fromHead, boolean toHead) {
    try (KeyLocks locks = c.lockKeys(1, 2, 1); LockedKey src = c.lockKey(1)) {
      byte[] v = ListType.move(src, c.keyWithin(2), fromHead, toHead, Form.GIVEN);
      Replies.bulkOrNull(c.out(), v);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] — O(N+M). */
  static void lmpop(Call c) {
    long[] parsed = ListBlockingCommands.parseMpop(c, 1);
    if (parsed == null) {
      return;
    }
    int numkeys = (int) parsed[0];
    try (KeyLocks locks = c.lockKeys(2, 1 + numkeys, 1)) {
      if (!ListBlockingCommands.popFirst(c, 2, numkeys, parsed[1] == 1, parsed[2])) {
        c.out().nullArray();
      }
    }
  }
}
