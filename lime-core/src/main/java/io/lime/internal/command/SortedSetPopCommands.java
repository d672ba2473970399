package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetRandom;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.function.Consumer;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP (Redis's genericZpopCommand and zmpopGenericCommand) and
 * ZRANDMEMBER (zrandmemberWithCountCommand, see {@link SortedSetRandom}): parse, call the
 * key-level operation ({@link SortedSetWrites#pop}, {@link SortedSetWrites#popFirst}), reply.
 */
final class SortedSetPopCommands implements CommandGroup {
  private SortedSetPopCommands() {}

  /** ZPOPMIN key [count] — O(log(N)*M). */
  static void zpopmin(Call c) { zpop(c, false); }

  /** ZPOPMAX key [count] — O(log(N)*M). */
  static void zpopmax(Call c) { zpop(c, true); }

  private static void zpop(Call c, boolean max) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (a.size() > 3) {
      out.error(Errors.SYNTAX);
      return;
    }
    long count = a.size() == 3 ? SortedSetArgs.positiveLong(a, 2, out, null) : -1;
    if (count < 0 && a.size() == 3) {
      return;
    }
    boolean nested = out.protocol() > 2 && count != -1;
    try (LockedKey k = c.lockKey(1)) {
      if (SortedSetWrites.pop(k, max, count == -1 ? 1 : count,
          new SortedSetArgs.PopReply(out, nested, false)) < 0) {
        out.arrayHeader(0);
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** ZMPOP numkeys key [key ...] MIN | MAX [COUNT count] — O(K) + O(M*log(N)). */
  static void zmpop(Call c) {
    long parsed = parseMpop(c.argv(), 1, c.out());
    if (parsed >= 0) {
      popFirst(c, 2, (int) (parsed >>> 33), (parsed & (1L << 32)) != 0, parsed & 0xffffffffL,
          true, call -> call.out().nullArray());
    }
  }

  /**
   * Pops from the first of the {@code keys} keys from argument {@code first} holding a sorted
   * set ({@link SortedSetWrites#popFirst}; {@code count} -1: BZPOPMIN's one member), replying
   * with the key; when none holds one, runs {@code none} still holding the keys' locks (ZMPOP
   * replies nil, the blocking pops block).
   */
  @SuppressWarnings("try") // the locks are held, not referenced
  static void popFirst(Call c, int first, int keys, boolean max, long count, boolean nested,
      Consumer<Call> none) {
    try (KeyLocks locks = c.lockKeys(first, first + keys - 1, 1)) {
      if (SortedSetWrites.popFirst(keys, i -> c.keyWithin(first + i), max, count,
          new SortedSetArgs.PopReply(c.out(), nested, true)) < 0) {
        none.accept(c);
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /**
   * Parses {@code numkeys key... MIN|MAX [COUNT count]} from {@code numkeysIndex} (ZMPOP: 1,
   * BZMPOP: 2). Returns {@code numkeys << 33 | max << 32 | count} (count capped to 2^31-1),
   * or -1 after replying an error.
   */
  static long parseMpop(Argv a, int numkeysIndex, ReplySink out) {
    long numkeys = NumKeysArgs.numkeys(a, numkeysIndex, 1, Errors.SYNTAX, out);
    if (numkeys < 0) {
      return -1;
    }
    int whereIdx = (int) (numkeysIndex + numkeys + 1);
    if (!a.is(whereIdx, "MIN") && !a.is(whereIdx, "MAX")) {
      out.error(Errors.SYNTAX);
      return -1;
    }
    long count = NumKeysArgs.popCount(a, whereIdx + 1, out);
    if (count < 0) {
      return -1;
    }
    return numkeys << 33 | (a.is(whereIdx, "MAX") ? 1L << 32 : 0)
        | Math.min(count, Integer.MAX_VALUE);
  }

  // ------------------------------------------------------------------ ZRANDMEMBER

  /** ZRANDMEMBER key [count [WITHSCORES]] — O(N) where N is the number returned. */
  static void zrandmember(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (a.size() < 3) {
      SortedSetCommands.read(c, (call, z) -> {
        if (z == null) {
          call.out().nullBulk();
        } else {
          SortedSetRandom.one(z, (b, o, n, score) -> {
            call.out().bulk(b, o, n);
            return true;
          });
        }
      });
      return;
    }
    if (!StringArgs.isLong(a, 2)) {
      out.error(Errors.NOT_INTEGER);
      return;
    }
    long l = StringArgs.longValue(a, 2);
    if (l == Long.MIN_VALUE) {
      out.error(Errors.SET_RANDOM_COUNT_RANGE);
      return;
    }
    if (a.size() > 4 || (a.size() == 4 && !a.is(3, "WITHSCORES"))) {
      out.error(Errors.SYNTAX);
      return;
    }
    boolean ws = a.size() == 4;
    if (ws && (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)) {
      out.error(Errors.ZSET_VALUE_OUT_OF_RANGE);
      return;
    }
    SortedSetCommands.read(c, (call, z) -> random(call.out(), z, l, ws));
  }

  private static void random(ReplySink out, SortedSetValue z, long l, boolean ws) {
    SortedSetArgs.header(out, z == null ? 0 : SortedSetRandom.count(z, l), ws);
    if (z != null) {
      SortedSetRandom.visit(z, l, (b, o, n, score) -> {
        SortedSetArgs.element(out, b, o, n, score, ws);
        return true;
      });
    }
  }
}
