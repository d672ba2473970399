package io.lime.internal.type;

import io.lime.ExpireCondition;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Expiry of a key (Redis's src/expire.c): EXPIRE and its conditions, PERSIST and the TTL
 * family, as key-level operations on a {@link LockedKey} that both the RESP handlers
 * ({@code ExpireCommands}) and the typed API ({@code LocalKeyOperations}) call.
 *
 * <p>Deadlines are absolute Unix milliseconds; the caller turns a relative time into one with
 * the command's time ({@link LockedKey#now()}), so one command sees one instant. A key whose
 * deadline has passed is absent here (lazy expiry). A successful {@link #expire} is
 * propagated in its deterministic form whichever door ran it: {@code PEXPIREAT key ms}, or
 * {@code DEL key} when the deadline had already passed and the key was deleted.
 */
public final class ExpireOps {
  /** {@link #pttl}/{@link #pexpireTime} of a missing key (Redis: -2). */
  public static final long MISSING = -2;
  /** {@link #pttl}/{@link #pexpireTime} of a key without expiry (Redis: -1). */
  public static final long PERSISTENT = -1;

  /** Expire condition: only when the key has no expiry. */
  public static final int NX = 1;
  /** Expire condition: only when the key has an expiry. */
  public static final int XX = 2;
  /** Expire condition: only when the new deadline is later (no expiry counts as infinite). */
  public static final int GT = 4;
  /** Expire condition: only when the new deadline is earlier (no expiry counts as infinite). */
  public static final int LT = 8;

  private ExpireOps() {}

  /**
   * The error text for an invalid combination of {@link #NX}/{@link #XX}/{@link #GT}/{@link
   * #LT} flags, or null when valid: NX excludes the others, GT excludes LT (checked by both
   * doors before the deadline is even parsed, as Redis does).
   */
  public static @Nullable String conditionConflict(int flags) {
    if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
      return Errors.EXPIRE_NX_CONFLICT;
    }
    if ((flags & GT) != 0 && (flags & LT) != 0) {
      return Errors.EXPIRE_GT_LT_CONFLICT;
    }
    return null;
  }

  /**
   * The flags of the typed door's {@code conditions}, validated as Redis's EXPIRE options.
   *
   * @throws IllegalArgumentException with Redis's text when they conflict
   */
  public static int flags(ExpireCondition... conditions) {
    int flags = 0;
    for (ExpireCondition c : conditions) {
      flags |= switch (c) {
        case NX -> NX;
        case XX -> XX;
        case GT -> GT;
        case LT -> LT;
      };
    }
    String conflict = conditionConflict(flags);
    if (conflict != null) {
      throw new IllegalArgumentException(conflict);
    }
    return flags;
  }

  /**
   * EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT (Redis's expireGenericCommand after its argument
   * checks): sets the absolute deadline {@code whenMillis} of the key under the condition
   * {@code flags} (valid: see {@link #conditionConflict}). A deadline at or before the
   * command's time deletes the key. Touches the key's access clock. Returns whether the
   * deadline was set or the key deleted: false when the key is missing or a condition failed.
   */
  public static boolean expire(LockedKey k, long whenMillis, int flags) {
    Entry e = k.lookup();
    if (e == null || !conditionsHold(e.expireAt(), whenMillis, flags)) {
      return false;
    }
    Propagation p = k.propagation();
    if (whenMillis <= k.now()) {
      k.delete(e, k.lazyFree().lazyExpire);
      k.event(NotifyFlags.GENERIC, "del");
      if (p != null) {
        p.rewrite(Argvs.DEL, k.keyCopy());
      }
    } else {
      k.shard().setExpireAt(e, whenMillis);
      k.event(NotifyFlags.GENERIC, "expire");
      if (p != null) {
        p.rewrite(Argvs.PEXPIREAT, k.keyCopy(), Argvs.number(whenMillis));
      }
    }
    k.dirty(1);
    return true;
  }

  /**
   * The typed EXPIRE: {@link #expire(LockedKey, long, int)} at the deadline {@code time}, a
   * {@link Duration} after the command's time or an {@link Instant}, under
   * {@code conditions} ({@link #flags}).
   *
   * @throws IllegalArgumentException for incompatible conditions, or when the deadline
   *     overflows 64-bit milliseconds
   */
  public static boolean expire(LockedKey k, Object time, ExpireCondition... conditions) {
    int flags = flags(conditions);
    long at;
    try {
      at = time instanceof Instant i ? i.toEpochMilli()
          : Math.addExact(k.now(), ((Duration) time).toMillis());
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException("expire time overflows 64-bit milliseconds: " + time,
          overflow);
    }
    return expire(k, at, flags);
  }

  /** Whether the conditions allow replacing deadline {@code current} by {@code when}. */
  private static boolean conditionsHold(long current, long when, int flags) {
    boolean none = current == Entry.NO_EXPIRY;
    return !((flags & NX) != 0 && !none)
        && !((flags & XX) != 0 && none)
        && !((flags & GT) != 0 && (none || when <= current))
        && !((flags & LT) != 0 && !none && when >= current);
  }

  /** PERSIST: removes the key's expiry; returns whether it had one. Touches the key. */
  public static boolean persist(LockedKey k) {
    Entry e = k.lookup();
    if (e == null || e.expireAt() == Entry.NO_EXPIRY) {
      return false;
    }
    k.shard().setExpireAt(e, Entry.NO_EXPIRY);
    k.event(NotifyFlags.GENERIC, "persist");
    k.dirty(1);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.PERSIST, k.keyCopy());
    }
    return true;
  }

  /**
   * PTTL: milliseconds to live, {@link #MISSING}, {@link #PERSISTENT}, or the remaining time
   * (at least 0). Does not touch the access clock.
   */
  public static long pttl(LockedKey k) {
    long at = pexpireTime(k);
    return at < 0 ? at : Math.max(0, at - k.now());
  }

  /** PEXPIRETIME: the absolute deadline in Unix ms, {@link #MISSING} or {@link #PERSISTENT}. */
  public static long pexpireTime(LockedKey k) {
    Entry e = k.find();
    if (e == null) {
      return MISSING;
    }
    long at = e.expireAt();
    return at == Entry.NO_EXPIRY ? PERSISTENT : Math.max(0, at);
  }

  /** Milliseconds to seconds as TTL/EXPIRETIME round them: {@code (ms + 500) / 1000}. */
  public static long roundToSeconds(long millis) {
    if (millis < 0) {
      return millis;
    }
    return millis / 1000 + (millis % 1000 + 500) / 1000;
  }
}
