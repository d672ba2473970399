package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SetAlgebra;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The set commands (Redis's src/t_set.c command half): each handler parses its arguments in
 * place, locks its keys, calls the key-level operation of {@link SetType} or {@link
 * SetAlgebra} and replies, in Redis's order of checks (argument errors before the key lookup
 * where Redis parses first, WRONGTYPE after). The semantics (lookups, type checks, creation,
 * deletion, dirty counts, keyspace events, SPOP's propagation) live in the operations, shared
 * with the typed {@code SetView}; what stays here is RESP: parsing, replies, and the
 * accounting of Redis's read lookups (keyspace hits and misses, {@code keymiss}) for the
 * reads, the sources of the STORE forms included (SADD, SREM, SPOP and SMOVE look up for
 * writing, which does not count).
 */
public final class SetCommands implements CommandGroup {
  // ------------------------------------------------------------------ single key

  /** SADD key member [member ...] — O(1) per member. */
  void sadd(Call c) {
    try (LockedKey k = c.lockKey(1)) { // not onKey: its shared lambda call site costs ~4 ns
      c.out().integer(SetType.add(k, c.args(2, -1)));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  /** SREM key member [member ...] — O(N) where N is the number of members removed. */
  void srem(Call c) {
    onKey(c, (call, k) -> call.out().integer(SetType.remove(k, call.args(2, -1))));
  }

  /** SISMEMBER key member — O(1). */
  void sismember(Call c) {
    onRead(c, (call, set) -> call.out().integer(isMember(call.argv(), 2, set)));
  }

  /** SMISMEMBER key member [member ...] — O(N) where N is the number of members checked. */
  void smismember(Call c) {
    onRead(c, (call, set) -> {
      Argv a = call.argv();
      call.out().arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        call.out().integer(isMember(a, i, set));
      }
    });
  }

  /** SCARD key — O(1). */
  void scard(Call c) {
    onRead(c, (call, set) -> call.out().integer(set == null ? 0 : SetType.size(set)));
  }

  /** SMEMBERS key — O(N) where N is the set cardinality. */
  void smembers(Call c) {
    onRead(c, (call, set) -> {
      if (set == null) {
        call.out().setHeader(0);
      } else {
        SetType.reply(call.out(), set, true);
      }
    });
  }

  /** SPOP key [count] — O(1) without count, else O(N) where N is the count. */
  void spop(Call c) {
    Argv a = c.argv();
    if (a.size() == 2) {
      onKey(c, (call, k) -> bulkOrNull(call.out(), SetType.pop(k)));
    } else if (a.size() > 3) {
      c.out().error(Errors.SYNTAX);
    } else if (!KeyArgs.isLong(a, 2) || KeyArgs.longValue(a, 2) < 0) {
      c.out().error(Errors.SET_COUNT_NOT_POSITIVE);
    } else {
      onKey(c, (call, k) -> {
        List<byte[]> popped = SetType.pop(k, KeyArgs.longValue(call.argv(), 2), call::readLookup);
        call.out().setHeader(popped.size());
        popped.forEach(call.out()::bulk);
      });
    }
  }

  /** SRANDMEMBER key [count] — O(1) without count, else O(N) where N is |count|. */
  void srandmember(Call c) {
    Argv a = c.argv();
    if (a.size() == 2) {
      onRead(c, (call, set) -> bulkOrNull(call.out(), set == null ? null : SetType.random(set)));
    } else if (a.size() > 3) {
      c.out().error(Errors.SYNTAX);
    } else if (!KeyArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
    } else if (KeyArgs.longValue(a, 2) == Long.MIN_VALUE) {
      c.out().error(Errors.SET_RANDOM_COUNT_RANGE);
    } else {
      onRead(c, (call, set) -> randomMembers(call.out(), set, KeyArgs.longValue(call.argv(), 2)));
    }
  }

  /** SRANDMEMBER's reply with a count (Redis's srandmemberWithCountCommand). */
  private static void randomMembers(ReplySink out, @Nullable SetValue set, long count) {
    if (set == null || count == 0) {
      out.arrayHeader(0);
    } else if (count < 0) {
      // CASE 1: repeats allowed; streamed, no intermediate list
      int replies = (int) Math.min(-count, Integer.MAX_VALUE);
      out.arrayHeader(replies);
      for (int i = 0; i < replies; i++) {
        out.bulk(SetType.random(set));
      }
    } else if (count >= SetType.size(set)) {
      SetType.reply(out, set, false);
    } else {
      List<byte[]> picked = SetType.randomMembers(set, count, true);
      out.arrayHeader(picked.size());
      picked.forEach(out::bulk);
    }
  }

  /** SSCAN key cursor [MATCH pattern] [COUNT count] — O(1) per call. */
  void sscan(Call c) {
    if (!ScanArgs.validCursor(c.argv(), 2, c.out())) {
      return;
    }
    onRead(c, (call, set) -> {
      Argv a = call.argv();
      ReplySink out = call.out();
      if (set == null) {
        ScanArgs.replyEmpty(out);
        return;
      }
      if (!ScanArgs.validOptions(a, 3, false, out)) {
        return;
      }
      long count = ScanArgs.count(a, 3, SetType.SCAN_DEFAULT_COUNT);
      int p = ScanArgs.value(a, 3, "MATCH");
      boolean all = p < 0 || (a.length(p) == 1 && a.array()[a.offset(p)] == '*');
      List<byte[]> found = new ArrayList<>();
      long next = all
          ? SetType.scan(set, KeyArgs.cursorValue(a, 2), null, 0, 0, count, found)
          : SetType.scan(set, KeyArgs.cursorValue(a, 2), a.array(), a.offset(p), a.length(p),
              count, found);
      ScanArgs.reply(out, next, found);
    });
  }

  // ------------------------------------------------------------------ multi key

  /** SMOVE source destination member — O(1). */
  void smove(Call c) {
    Argv a = c.argv();
    try (KeyLocks locks = c.lockKeys(1, 2, 1)) {
      boolean moved = SetType.move(c.keyWithin(1), c.keyWithin(2), a.array(), a.offset(3),
          a.length(3));
      c.out().integer(moved ? 1 : 0);
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  /** SINTER key [key ...] — O(N*M) worst case. */
  void sinter(Call c) {
    try (KeyLocks locks = c.lockKeys(1, -1, 1)) {
      SetAlgebra.replyIntersection(c.out(), sources(c, 1, -1));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  /** SINTERCARD numkeys key [key ...] [LIMIT limit] — O(N*M) worst case. */
  void sintercard(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long numkeys = NumKeysArgs.numkeys(a, 1, 0, Errors.SET_NUMKEYS_TOO_MANY, out);
    if (numkeys < 0) {
      return;
    }
    long limit = 0;
    for (int i = 2 + (int) numkeys; i < a.size(); i++) {
      boolean moreArgs = a.size() - 1 - i > 0;
      if (a.is(i, "LIMIT") && moreArgs) {
        i++;
        if (!KeyArgs.isLong(a, i) || (limit = KeyArgs.longValue(a, i)) < 0) {
          out.error(Errors.SET_LIMIT_NEGATIVE);
          return;
        }
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    int end = 2 + (int) numkeys;
    try (KeyLocks locks = c.lockKeys(2, end - 1, 1)) {
      out.integer(SetAlgebra.intersectionSize(sources(c, 2, end), limit));
    } catch (LimeException e) {
      out.error(e.getMessage());
    }
  }

  /** SINTERSTORE destination key [key ...] — O(N*M) worst case. */
  void sinterstore(Call c) {
    store(c, SetAlgebra.Kind.INTER);
  }

  /** SUNION key [key ...] — O(N) where N is the total number of members. */
  void sunion(Call c) {
    combine(c, SetAlgebra.Kind.UNION);
  }

  /** SUNIONSTORE destination key [key ...] — O(N) where N is the total number of members. */
  void sunionstore(Call c) {
    store(c, SetAlgebra.Kind.UNION);
  }

  /** SDIFF key [key ...] — O(N) where N is the total number of members. */
  void sdiff(Call c) {
    combine(c, SetAlgebra.Kind.DIFF);
  }

  /** SDIFFSTORE destination key [key ...] — O(N) where N is the total number of members. */
  void sdiffstore(Call c) {
    store(c, SetAlgebra.Kind.DIFF);
  }

  /** SUNION and SDIFF (Redis's sunionDiffGenericCommand without a destination). */
  private static void combine(Call c, SetAlgebra.Kind kind) {
    try (KeyLocks locks = c.lockKeys(1, -1, 1)) {
      long max = c.engine().limits().setMaxIntsetEntries;
      SetType.reply(c.out(), SetAlgebra.combine(kind, sources(c, 1, -1), max), true);
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  /** SINTERSTORE, SUNIONSTORE and SDIFFSTORE: destination at 1, sources after it. */
  private static void store(Call c, SetAlgebra.Kind kind) {
    try (KeyLocks locks = c.lockKeys(1, -1, 1)) {
      c.out().integer(SetAlgebra.store(c.keyWithin(1), c.args(2, -1), kind, c::readLookup));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A handler body on the locked key at argument 1 (a non-capturing lambda: no allocation). */
  @FunctionalInterface
  private interface KeyBody {
    void run(Call c, LockedKey k);
  }

  /** A read's reply from the set at argument 1 (null: missing). */
  @FunctionalInterface
  private interface ReadBody {
    void reply(Call c, @Nullable SetValue set);
  }

  /** Locks the key at argument 1, runs {@code body}, replies an operation's error. */
  private static void onKey(Call c, KeyBody body) {
    try (LockedKey k = c.lockKey(1)) {
      body.run(c, k);
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  /**
   * Locks the key at argument 1 and reads its set ({@link SetType#read}), accounting the
   * lookup as Redis's lookupKeyRead (a key of another type is a hit), then replies WRONGTYPE
   * or runs {@code body}.
   */
  private static void onRead(Call c, ReadBody body) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = k.lookup();
      c.readLookup(e != null, 1);
      body.reply(c, SetType.of(e));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    }
  }

  private static void bulkOrNull(ReplySink out, byte @Nullable [] b) {
    Replies.bulkOrNull(out, b);
  }

  /** 1 when argument {@code i} is a member of {@code set} (null: missing), else 0. */
  private static int isMember(Argv a, int i, @Nullable SetValue set) {
    return set != null && SetType.contains(set, a.array(), a.offset(i), a.length(i)) ? 1 : 0;
  }

  /** The sets at arguments {@code first .. end-1} (locked), each lookup accounted as a read. */
  private static @Nullable SetValue[] sources(Call c, int first, int end) {
    return SetAlgebra.sources(c.db(), c.now(), c.args(first, end), c::readLookup);
  }
}
