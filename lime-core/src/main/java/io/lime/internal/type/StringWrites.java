package io.lime.internal.type;

import io.lime.GetExOptions;
import io.lime.LimeException;
import io.lime.NotIntegerException;
import io.lime.SetOptions;
import io.lime.StringTooLongException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Propagation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The key-level string writes that store, replace, expire or delete whole values (Redis's
 * setGenericCommand and its family: SET, SETNX, SETEX, PSETEX, SET ... GET, GETSET, MSET,
 * MSETNX, GETDEL, GETEX) or modify them in place (APPEND, SETRANGE): the one place of their
 * Redis semantics, called by {@code StringCommands} and {@code LocalStringOperations}. Reads
 * and the numeric writes are in {@link StringType}, which also describes the representation.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Each operation does the lookup, type check, mutation, dirty count and keyspace events
 *       of its command. Errors are thrown before anything is modified.
 *   <li>Propagation. Where Redis propagates another form than the command (the effect
 *       depends on the time), the operation sets it ({@link Propagation#rewrite}), so the
 *       RESP door and the typed door write the same AOF: any SET with an expiry (EX, PX,
 *       EXAT, PXAT; SETEX, PSETEX) as {@code SET key value PXAT ms}; SET ... GET without
 *       an expiry as the command without its GET; GETEX as {@code PEXPIREAT key ms},
 *       {@code PERSIST key} or {@code DEL key}; GETDEL as {@code DEL key}. The others
 *       propagate as given: over RESP the client's command, from the typed door the one the
 *       operation builds ({@link LockedKey#asGiven()}; {@link #AS_SETNX} and
 *       {@link #AS_GETSET} keep the typed call's spelling).
 *   <li>Deadlines. {@link #deadline} is Redis's getExpireMillisecondsOrReply after parsing,
 *       shared by both doors; an invalid value is a negative code that {@link #deadlineError}
 *       turns into Redis's error, so GETEX can report it after its lookup, as Redis does.
 * </ul>
 */
public final class StringWrites {
  /** {@link #set} flag: only when the key does not exist (NX). */ public static final int NX = 1;
  /** {@link #set} flag: only when the key exists (XX). */ public static final int XX = 2;
  /** {@link #set} flag: keep the existing expiry (KEEPTTL). */ public static final int KEEPTTL = 4;
  /** {@link #set} flag: set the expiry to the given absolute deadline (EX/PX/EXAT/PXAT). */ public static final int EXPIRE = 8;
  /** {@link #set} flag of the typed door: the command as given is SETNX (with {@link #NX}). */ public static final int AS_SETNX = 16;
  /** {@link #setGet} flag of the typed door: the command as given is GETSET. */ public static final int AS_GETSET = 32;

  /** {@link #getEx} mode: leave the expiry. */ public static final int GETEX_NONE = 0;
  /** {@link #getEx} mode: remove the expiry (PERSIST). */ public static final int GETEX_PERSIST = 1;
  /** {@link #getEx} mode: set a deadline computed from a relative time (EX/PX). */ public static final int GETEX_EXPIRE = 2;
  /** {@link #getEx} mode: set an absolute deadline, deleting when past (EXAT/PXAT). */ public static final int GETEX_EXPIRE_AT = 3;

  /** {@link #deadline} code: the expiry argument is not an integer (from RESP parsing). */ public static final long DEADLINE_NOT_INTEGER = -1;
  /** {@link #deadline} code: Redis's "invalid expire time". */ public static final long DEADLINE_INVALID = -2;

  /** Longest array the JVM allocates; a stricter cap than a configured limit above it. */ private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  private StringWrites() {}

  // ------------------------------------------------------------------ expiry arguments

  /**
   * Redis's getExpireMillisecondsOrReply after parsing: the absolute deadline in Unix ms of
   * an expiry of {@code amount} (seconds when {@code seconds}, relative to {@code now} when
   * {@code relative}), or {@link #DEADLINE_INVALID} when it is not positive or overflows.
   */
  public static long deadline(long amount, boolean seconds, boolean relative, long now) {
    if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) {
      return DEADLINE_INVALID;
    }
    long ms = seconds ? amount * 1000 : amount;
    if (relative) {
      ms += now; // wraps negative on overflow, as the C code does
    }
    return ms <= 0 ? DEADLINE_INVALID : ms;
  }

  /** The error of a negative {@link #deadline} code, for {@code command} (lower case). */
  public static LimeException deadlineError(long code, String command) {
    return code == DEADLINE_NOT_INTEGER ? new NotIntegerException()
        : new LimeException(Errors.invalidExpire(command));
  }

  // ------------------------------------------------------------------ SET family

  /**
   * SET without GET (Redis's setGenericCommand; SETNX, SETEX and PSETEX too): stores
   * {@code value} (an encoded value, {@link StringType#encode}) over whatever the key holds,
   * unless the {@link #NX}/{@link #XX} condition fails; removes the expiry unless
   * {@link #KEEPTTL}, or sets {@code expireAt} with {@link #EXPIRE}. Returns whether the value
   * was stored.
   */
  public static boolean set(LockedKey k, Object value, int flags, long expireAt) {
    return store(k, k.lookup(), value, flags, expireAt);
  }

  /**
   * SET ... GET and GETSET (flags 0) on the entry {@link StringType#lookupString} found for
   * the key (null when absent): the caller looks up first so that it can account that read
   * before the write's events, as Redis's getGenericCommand does. Stores as {@link #set}
   * (even over no key) and returns the previous value, or null; it stays valid under the
   * lock. Without an expiry, propagates {@code given} (the RESP door's command as given:
   * SET ... GET) without its GET arguments, as Redis; with a null {@code given} (GETSET, the
   * typed door) the command as given, which for the typed door {@link #set} builds.
   */
  public static @Nullable Object setGet(LockedKey k, @Nullable Entry found, Object value,
      int flags, long expireAt, @Nullable Supplier<byte[][]> given) {
    Object old = found == null ? null : found.value();
    if (store(k, found, value, flags, expireAt) && given != null && (flags & EXPIRE) == 0) {
      Propagation p = k.propagation();
      if (p != null) {
        p.rewrite(withoutGet(given.get()));
      }
    }
    return old;
  }

  private static boolean store(LockedKey k, @Nullable Entry found, Object value, int flags,
      long expireAt) {
    if (((flags & NX) != 0 && found != null) || ((flags & XX) != 0 && found == null)) {
      return false;
    }
    Entry e = setKey(k, found, value, (flags & KEEPTTL) != 0);
    k.dirty(1);
    k.event(NotifyFlags.STRING, "set");
    if ((flags & EXPIRE) != 0) {
      k.shard().setExpireAt(e, expireAt);
      KeyspaceEvents.event(k.shard(), NotifyFlags.GENERIC, "expire", k.array(), k.offset(),
          k.length());
      Propagation p = k.propagation();
      if (p != null) {
        p.rewrite(Argvs.SET, k.keyCopy(), StringType.toBytes(value), Argvs.PXAT,
            Argvs.number(expireAt));
      }
    } else {
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(givenForm(k, value, flags));
      }
    }
    return true;
  }

  /**
   * The typed door's command as given of a SET without expiry: {@code SETNX key value},
   * {@code GETSET key value} or {@code SET key value [NX|XX] [KEEPTTL]} (SET ... GET
   * propagates without its GET).
   */
  private static byte[][] givenForm(LockedKey k, Object value, int flags) {
    byte[] v = StringType.toBytes(value);
    if ((flags & (AS_SETNX | AS_GETSET)) != 0) {
      return Argvs.of((flags & AS_SETNX) != 0 ? "SETNX" : "GETSET", k, v);
    }
    List<Object> argv = new ArrayList<>(List.of("SET", k, v));
    if ((flags & (NX | XX)) != 0) {
      argv.add((flags & NX) != 0 ? "NX" : "XX");
    }
    if ((flags & KEEPTTL) != 0) {
      argv.add("KEEPTTL");
    }
    return Argvs.of(argv);
  }

  /** {@code argv} without its GET arguments (from the fourth on, in any case), as Redis. */
  private static byte[][] withoutGet(byte[][] argv) {
    int n = 0;
    byte[][] out = new byte[argv.length][];
    for (int i = 0; i < argv.length; i++) {
      byte[] a = argv[i];
      boolean get = i >= 3 && a.length == 3 && (a[0] | 0x20) == 'g' && (a[1] | 0x20) == 'e'
          && (a[2] | 0x20) == 't';
      if (!get) {
        out[n++] = a;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Redis's setKey: stores {@code value} under the key, inserting it or replacing the value
   * of {@code found} (its live entry or null); the expiry is removed unless {@code keepTtl}.
   * Counts nothing as dirty (callers do). Returns the entry.
   */
  static Entry setKey(LockedKey k, @Nullable Entry found, Object value, boolean keepTtl) {
    if (found == null) {
      return k.insert(value);
    }
    io.lime.internal.engine.LazyFree lf = k.lazyFree();
    // the old value only for lazy freeing (storedValue boxes an embedded integer)
    Object old = lf.lazyServerDel ? found.storedValue() : null;
    k.shard().replaceValue(found, value);
    if (old != null && old != value) { // Redis's dbOverwrite: released in the background
      lf.free(old, true);
    }
    k.shard().touch(found, k.now());
    if (!keepTtl && found.expireAt() != Entry.NO_EXPIRY) {
      k.shard().setExpireAt(found, Entry.NO_EXPIRY);
    }
    return found;
  }

  /**
   * MSET and MSETNX: keys and values alternate in {@code kv}; the caller holds the shards of
   * every key ({@code KeyLocks} or a lock mask, ascending). With {@code nx}, nothing is set
   * when any key exists. Each key set publishes "set"; dirty counts the keys. Returns whether
   * the keys were set. Works on the shards directly rather than through a {@link LockedKey}
   * per key: re-aiming a handle cost about 5 ns per key (in-process, MSET).
   */
  public static boolean mset(Database db, ByteArgs kv, long now, boolean nx) {
    int n = kv.size() / 2;
    if (nx) {
      for (int i = 0; i < n; i++) {
        byte[] b = kv.array(2 * i);
        int off = kv.offset(2 * i);
        int len = kv.length(2 * i);
        int h = Hashing.hash(b, off, len);
        if (StringType.lookup(db.shard(h), b, off, len, h, now) != null) {
          return false;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      byte[] b = kv.array(2 * i);
      int off = kv.offset(2 * i);
      int len = kv.length(2 * i);
      int h = Hashing.hash(b, off, len);
      Shard s = db.shard(h);
      Object value = StringType.encode(kv.array(2 * i + 1), kv.offset(2 * i + 1),
          kv.length(2 * i + 1));
      StringType.setKey(s, b, off, len, h, now, value, false);
      KeyspaceEvents.signal(s, NotifyFlags.STRING, "set", b, off, len);
    }
    db.engine().dirty(n);
    Propagation p = Propagation.asGiven(db.engine());
    if (p != null) {
      p.rewrite(Argvs.of(nx ? "MSETNX" : "MSET", kv.copies()));
    }
    return true;
  }



  // ------------------------------------------------------------------ the typed door's options

  /** SET with the typed door's {@link SetOptions}: {@link #set} of their flags and deadline. */
  public static boolean set(LockedKey k, Object value, SetOptions o) {
    return set(k, value, flags(o), deadline(o, k.now()));
  }

  /**
   * The typed door's SETEX/PSETEX: {@link #set} with the deadline {@code ttl} after now; an
   * invalid one fails with the error of the command a client sends for {@code ttl} (SETEX for
   * whole seconds, else PSETEX), as Redis names the command in "invalid expire time".
   */
  public static void setEx(LockedKey k, Object value, Duration ttl) {
    long deadline = deadline(ttl, null, k.now());
    if (deadline < 0) {
      throw deadlineError(deadline, ttl.getNano() == 0 ? "setex" : "psetex");
    }
    set(k, value, EXPIRE, deadline);
  }

  /**
   * SET ... GET with the typed door's {@link SetOptions}: the deadline checked first, then
   * {@link #setGet} on the key's string entry.
   */
  public static @Nullable Object setGet(LockedKey k, Object value, SetOptions o) {
    long deadline = deadline(o, k.now());
    return setGet(k, StringType.lookupString(k), value, flags(o), deadline, null);
  }

  /** GETEX with the typed door's {@link GetExOptions}: {@link #getEx} of their mode. */
  public static @Nullable Object getEx(LockedKey k, GetExOptions o) {
    int mode = switch (o.mode()) {
      case PERSIST -> GETEX_PERSIST;
      case EXPIRE_IN -> GETEX_EXPIRE;
      case EXPIRE_AT -> GETEX_EXPIRE_AT;
    };
    return getEx(k, mode, deadline(o.ttl(), o.deadline(), k.now()));
  }

  private static int flags(SetOptions o) {
    int f = switch (o.condition()) {
      case IF_ABSENT -> NX;
      case IF_PRESENT -> XX;
      case ALWAYS -> 0;
    };
    return f | switch (o.expiryMode()) {
      case KEEP -> KEEPTTL;
      case RELATIVE, ABSOLUTE -> EXPIRE;
      case CLEAR -> 0;
    };
  }

  /** The SET deadline of {@code o} (0: none), checked as the command checks it. */
  private static long deadline(SetOptions o, long now) {
    long deadline = deadline(o.ttl(), o.deadline(), now);
    if (deadline < 0) {
      throw deadlineError(deadline, "set");
    }
    return deadline;
  }

  /**
   * The deadline of a relative {@code ttl} or an absolute {@code at} as {@link #deadline}
   * computes the commands' (a negative code when invalid); 0 when both are null.
   */
  private static long deadline(@Nullable Duration ttl, @Nullable Instant at, long now) {
    try {
      if (ttl != null) {
        return deadline(ttl.toMillis(), false, true, now);
      }
      return at == null ? 0 : deadline(at.toEpochMilli(), false, false, now);
    } catch (ArithmeticException overflow) {
      return DEADLINE_INVALID;
    }
  }

  // ------------------------------------------------------------------ GETDEL, GETEX

  /**
   * GETDEL: deletes the key and returns its value, or null when absent. Propagated as
   * {@code DEL key}.
   *
   * @throws WrongTypeException if the key holds another type (nothing is deleted)
   */
  public static @Nullable Object getDel(LockedKey k) {
    Entry e = StringType.lookupString(k);
    if (e == null) {
      return null;
    }
    k.delete(e);
    k.dirty(1);
    k.event(NotifyFlags.GENERIC, "del");
    rewrite(k, Argvs.DEL, null);
    return e.value();
  }

  /**
   * GETEX (Redis's getexCommand): returns the value (null when absent: nothing else is
   * checked), then per {@code mode} ({@code GETEX_*}) leaves the expiry, removes it, or sets
   * {@code deadline}, deleting the key when an absolute deadline is not after now. Propagated
   * as {@code PEXPIREAT key ms}, {@code PERSIST key} or {@code DEL key}. The returned value
   * stays valid under the lock.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException for a negative {@link #deadline} code ({@link #deadlineError}),
   *     checked after the type, as Redis does
   */
  public static @Nullable Object getEx(LockedKey k, int mode, long deadline) {
    Entry e = StringType.lookupString(k);
    if (e == null) {
      return null;
    }
    boolean expire = mode == GETEX_EXPIRE || mode == GETEX_EXPIRE_AT;
    if (expire && deadline < 0) {
      throw deadlineError(deadline, "getex");
    }
    if (mode == GETEX_EXPIRE_AT && deadline <= k.now()) {
      k.delete(e);
      k.dirty(1);
      k.event(NotifyFlags.GENERIC, "del");
      rewrite(k, Argvs.DEL, null);
    } else if (expire) {
      k.shard().setExpireAt(e, deadline);
      k.dirty(1);
      k.event(NotifyFlags.GENERIC, "expire");
      rewrite(k, Argvs.PEXPIREAT, Argvs.number(deadline));
    } else if (mode == GETEX_PERSIST && e.expireAt() != Entry.NO_EXPIRY) {
      k.shard().setExpireAt(e, Entry.NO_EXPIRY);
      k.dirty(1);
      k.event(NotifyFlags.GENERIC, "persist");
      rewrite(k, Argvs.PERSIST, null);
    }
    return e.value();
  }

  /** Propagates {@code command key [argument]} instead of the command, when propagating. */
  private static void rewrite(LockedKey k, byte[] command, byte @Nullable [] argument) {
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(argument == null ? new byte[][] {command, k.keyCopy()}
          : new byte[][] {command, k.keyCopy(), argument});
    }
  }

  // ------------------------------------------------------------------ in place

  /**
   * APPEND: appends {@code len} bytes of {@code b} from {@code off} (creating the key,
   * encoded as SET would, when absent) and returns the new length. An existing value becomes
   * {@code raw}, as in Redis.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed {@code maxBytes}
   */
  public static long append(LockedKey k, byte[] b, int off, int len, long maxBytes) {
    Entry e = StringType.lookupString(k);
    long length;
    if (e == null) {
      checkLength(0, len, maxBytes);
      k.insert(StringType.encode(b, off, len));
      length = len;
    } else {
      checkLength(StringType.length(e.value()), len, maxBytes);
      StringValue raw = unshare(e);
      raw.append(b, off, len);
      length = raw.length();
    }
    k.dirty(1);
    k.event(NotifyFlags.STRING, "append");
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("APPEND", k, Arrays.copyOfRange(b, off, off + len)));
    }
    return length;
  }

  /**
   * SETRANGE: overwrites the value from {@code offset} with {@code len} bytes of {@code b},
   * zero-padding beyond the end, and returns the new length. Writing nothing changes
   * nothing: it returns the current length (0 for a missing key, which is not created). The
   * result is {@code raw}.
   *
   * @throws LimeException with {@link Errors#STRING_OFFSET_OUT_OF_RANGE} if {@code offset}
   *     is negative (before the lookup, as Redis)
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed {@code maxBytes}
   */
  public static long setRange(LockedKey k, long offset, byte[] b, int off, int len,
      long maxBytes) {
    if (offset < 0) {
      throw new LimeException(Errors.STRING_OFFSET_OUT_OF_RANGE);
    }
    Entry e = StringType.lookupString(k);
    if (len == 0) {
      return e == null ? 0 : StringType.length(e.value());
    }
    checkLength(offset, len, maxBytes);
    StringValue raw;
    if (e == null) {
      raw = new StringValue(new byte[(int) (offset + len)], 0);
      k.insert(raw);
    } else {
      raw = unshare(e);
    }
    raw.setRange((int) offset, b, off, len);
    k.dirty(1);
    k.event(NotifyFlags.STRING, "setrange");
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("SETRANGE", k, offset, Arrays.copyOfRange(b, off, off + len)));
    }
    return raw.length();
  }

  /** Redis's checkStringLength: {@code size + append} within the limit, overflow-safe. */
  private static void checkLength(long size, long append, long maxBytes) {
    long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
    if (size > limit - append) {
      throw new StringTooLongException();
    }
  }

  /** Redis's dbUnshareStringValue: makes the entry's value a modifiable raw string. */
  static StringValue unshare(Entry e) {
    Object v = e.value();
    if (v instanceof StringValue sv) {
      return sv;
    }
    byte[] copy = StringType.toBytes(v);
    StringValue raw = new StringValue(copy, copy.length);
    e.value(raw);
    return raw;
  }
}
