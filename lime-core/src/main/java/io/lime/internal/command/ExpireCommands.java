package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ExpireOps;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * Expiry commands (Redis's src/expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with
 * NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. Handlers parse, call
 * {@link ExpireOps} on the locked key and reply; relative times are made absolute with the
 * command's time.
 */
public final class ExpireCommands implements CommandGroup {
  /** EXPIRE key seconds [NX|XX|GT|LT] — O(1). */
  static void expire(Call c) {
    expireGeneric(c, c.now(), true, "expire");
  }

  /** PEXPIRE key milliseconds [NX|XX|GT|LT] — O(1). */
  static void pexpire(Call c) {
    expireGeneric(c, c.now(), false, "pexpire");
  }

  /** EXPIREAT key unix-time-seconds [NX|XX|GT|LT] — O(1). */
  static void expireat(Call c) {
    expireGeneric(c, 0, true, "expireat");
  }

  /** PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT] — O(1). */
  static void pexpireat(Call c) {
    expireGeneric(c, 0, false, "pexpireat");
  }

  /**
   * Redis's expireGenericCommand: the options and their conflicts, then the number (an
   * overflow making it absolute milliseconds is "invalid expire time"), then {@link
   * ExpireOps#expire}.
   */
  private static void expireGeneric(Call c, long basetime, boolean seconds, String name) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int flags = 0;
    for (int j = 3; j < a.size(); j++) {
      int flag = a.is(j, "NX") ? ExpireOps.NX : a.is(j, "XX") ? ExpireOps.XX
          : a.is(j, "GT") ? ExpireOps.GT : a.is(j, "LT") ? ExpireOps.LT : 0;
      if (flag == 0) {
        out.error(Errors.unsupportedOption(a.string(j)));
        return;
      }
      flags |= flag;
    }
    String conflict = ExpireOps.conditionConflict(flags);
    if (conflict != null) {
      out.error(conflict);
      return;
    }
    if (!KeyArgs.isLong(a, 2)) {
      out.error(Errors.NOT_INTEGER);
      return;
    }
    long when;
    try { // Redis checks the unit conversion and the addition of the base time for overflow
      when = Math.addExact(seconds ? Math.multiplyExact(KeyArgs.longValue(a, 2), 1000L)
          : KeyArgs.longValue(a, 2), basetime);
    } catch (ArithmeticException overflow) {
      out.error(Errors.invalidExpire(name));
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      out.integer(ExpireOps.expire(k, when, flags) ? 1 : 0);
    }
  }

  /** TTL key — O(1). */ static void ttl(Call c) { ttlGeneric(c, false, false); }
  /** PTTL key — O(1). */ static void pttl(Call c) { ttlGeneric(c, true, false); }
  /** EXPIRETIME key — O(1). */ static void expiretime(Call c) { ttlGeneric(c, false, true); }
  /** PEXPIRETIME key — O(1). */ static void pexpiretime(Call c) { ttlGeneric(c, true, true); }

  private static void ttlGeneric(Call c, boolean millis, boolean absolute) {
    long v;
    try (LockedKey k = c.lockKey(1)) {
      v = absolute ? ExpireOps.pexpireTime(k) : ExpireOps.pttl(k);
    }
    c.readLookup(v != ExpireOps.MISSING, 1);
    c.out().integer(v < 0 || millis ? v : ExpireOps.roundToSeconds(v));
  }

  /** PERSIST key — O(1). */
  static void persist(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(ExpireOps.persist(k) ? 1 : 0);
    }
  }
}
