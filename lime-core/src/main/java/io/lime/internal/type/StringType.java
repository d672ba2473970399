package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.NotIntegerException;
import io.lime.OverflowException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.LongDouble;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The string type (Redis's src/t_string.c type part and the string half of src/object.c):
 * the value representations, their encodings, the reads and the numeric key-level operations
 * shared by {@code StringCommands} and the typed embedded API ({@code LocalStringOperations}).
 * The writes that store, replace, expire or modify whole values (SET family, GETDEL, GETEX,
 * MSET, APPEND, SETRANGE) are in {@link StringWrites}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Representation. A string value stored in {@link Entry#value()} is one of three
 *       classes, chosen so that a key costs no wrapper object and OBJECT ENCODING answers as
 *       Redis 7.0's tryObjectEncoding / createStringObject would:
 *       <ul>
 *         <li>{@link Long}: the {@code int} encoding, for text that Redis's string2ll
 *             accepts, at most 20 bytes. Values in [0, 10000) are shared instances, as
 *             Redis's shared integers (OBJECT REFCOUNT answers 2147483647 for them).
 *         <li>{@code byte[]} (exact length, never modified once stored): {@code embstr} when
 *             at most {@link #EMBSTR_SIZE_LIMIT} bytes, otherwise {@code raw}.
 *         <li>{@link StringValue}: {@code raw} whatever its length, with spare capacity; what
 *             APPEND and SETRANGE make of an existing value, as Redis's
 *             dbUnshareStringValue turns any string raw.
 *       </ul>
 *       INCR results are {@code Long}; INCRBYFLOAT results are {@code byte[]} (so "10"
 *       produced by INCRBYFLOAT is {@code embstr}, as in Redis). No other value type may
 *       store these three classes at the top level of an entry.
 *   <li>Concurrency. The key-level methods take a {@link LockedKey}: the key's shard is locked
 *       (MGET and LCS lock all their shards first, see {@code KeyLocks}). Values are only read
 *       or modified under that lock.
 *   <li>Errors are thrown as the public {@link LimeException} subclasses carrying Redis's
 *       text, before anything is modified; command handlers reply with the message.
 *   <li>Side effects follow Redis: lookups touch the access clock; every write adds to the
 *       engine's dirty counter exactly as t_string.c increments {@code server.dirty}, and
 *       sets the deterministic form Redis propagates when it is not the command itself
 *       ({@link Propagation#rewrite}), so both doors write the same AOF.
 *   <li>Keyspace hits and misses (INFO, the {@code keymiss} event) are counted by the RESP
 *       door around the reads ({@link #lookupString}, {@link #lookupValue}), as only commands
 *       count them.
 * </ul>
 */
public final class StringType {
  /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
  public static final int EMBSTR_SIZE_LIMIT = 44;
  /** Longest text tryObjectEncoding tries as an integer. */
  public static final int MAX_INT_ENCODED_CHARS = 20;
  /** Redis's OBJ_SHARED_INTEGERS: integers in [0, this) are shared objects. */
  public static final int SHARED_INTEGERS = 10_000;
  /** Default {@code proto-max-bulk-len}: the longest string APPEND/SETRANGE may build. */
  public static final long DEFAULT_MAX_STRING_BYTES = 512L * 1024 * 1024;

  private static final Long[] SHARED = new Long[SHARED_INTEGERS];

  static {
    for (int i = 0; i < SHARED_INTEGERS; i++) {
      SHARED[i] = (long) i;
    }
  }

  private StringType() {}

  // ------------------------------------------------------------------ representation

  /** Whether a stored value is a string. */
  public static boolean isString(@Nullable Object value) {
    return value instanceof byte[] || value instanceof Long || value instanceof StringValue;
  }

  /** Whether an entry holds a string (no copy of an embedded one). */
  public static boolean isString(Entry e) {
    return e.embedded() || e.embeddedInteger() || isString(e.value());
  }

  /** Replies an entry's string value as a bulk string (no copy beyond the sink's). */
  public static void reply(ReplySink out, Entry e) {
    if (e.embeddedInteger()) {
      out.bulk(e.integer());
      return;
    }
    Object v = e.storedValue();
    if (v instanceof byte[] b) {
      out.bulk(b);
    } else if (v instanceof Long l) {
      out.bulk(l);
    } else if (v instanceof StringValue sv) {
      out.bulk(sv.array(), 0, sv.length());
    } else { // embedded (the caller checked that the entry holds a string)
      int kl = e.keyLength();
      byte[] kv = e.keyArray();
      out.bulk(kv, kl, kv.length - kl);
    }
  }

  /** Length in bytes of an entry's string value (STRLEN; no copy of an embedded one). */
  public static int length(Entry e) {
    if (e.embeddedInteger()) {
      return Numbers.length(e.integer());
    }
    return e.embedded() ? e.keyArray().length - e.keyLength() : length(e.value());
  }

  /** Replies GETRANGE's result for an entry's string value (no copy of an embedded one). */
  public static void replyRange(ReplySink out, Entry e, long start, long end) {
    if (!e.embedded()) {
      replyRange(out, e.value(), start, end);
      return;
    }
    int kl = e.keyLength();
    byte[] kv = e.keyArray();
    long r = range(kv.length - kl, start, end);
    out.bulk(kv, kl + (int) (r >>> 32), (int) r);
  }

  /** OBJECT ENCODING of a string value: {@code int}, {@code embstr} or {@code raw}. */
  public static String encoding(Object value) {
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof byte[] b) {
      return b.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }
    return "raw";
  }

  /** Whether Redis would hold this string value as a shared integer object. */
  public static boolean isSharedInteger(Object value) {
    return value instanceof Long l && l >= 0 && l < SHARED_INTEGERS;
  }

  /** A copy sharing no mutable state (COPY); keeps the encoding. */
  public static Object duplicate(Object value) {
    if (value instanceof StringValue sv) {
      return new StringValue(sv.toBytes(), sv.length());
    }
    return value; // Long and stored byte[] are immutable
  }

  /** Length in bytes of the value's text (STRLEN). */
  public static int length(Object value) {
    if (value instanceof byte[] b) {
      return b.length;
    }
    if (value instanceof Long l) {
      return Numbers.length(l);
    }
    return ((StringValue) value).length();
  }

  /** A fresh copy of the value's bytes. */
  public static byte[] toBytes(Object value) {
    if (value instanceof byte[] b) {
      return b.clone();
    }
    if (value instanceof Long l) {
      return Numbers.toBytes(l);
    }
    return ((StringValue) value).toBytes();
  }

  /** Replies the value as a bulk string (no copy beyond the sink's), or nil for null. */
  public static void reply(ReplySink out, @Nullable Object value) {
    if (value == null) {
      out.nullBulk();
    } else if (value instanceof byte[] b) {
      out.bulk(b);
    } else if (value instanceof Long l) {
      out.bulk(l);
    } else {
      StringValue sv = (StringValue) value;
      out.bulk(sv.array(), 0, sv.length());
    }
  }

  /**
   * The value to store for {@code len} bytes of {@code b} from {@code off}, as Redis's
   * tryObjectEncoding encodes a command argument: an integer when string2ll accepts text of
   * at most 20 bytes, else a copy of the bytes.
   */
  public static Object encode(byte[] b, int off, int len) {
    if (len <= MAX_INT_ENCODED_CHARS && Numbers.isLong(b, off, len)) {
      return ofLong(Numbers.parseLong(b, off, len));
    }
    return Arrays.copyOfRange(b, off, off + len);
  }

  /** As {@link #encode(byte[], int, int)}, taking ownership of {@code b} (no copy). */
  public static Object encodeOwned(byte[] b) {
    if (b.length <= MAX_INT_ENCODED_CHARS && Numbers.isLong(b, 0, b.length)) {
      return ofLong(Numbers.parseLong(b, 0, b.length));
    }
    return b;
  }

  /** The {@code int}-encoded value of {@code v}, shared in [0, 10000). */
  public static Object ofLong(long v) {
    return v >= 0 && v < SHARED_INTEGERS ? SHARED[(int) v] : Long.valueOf(v);
  }

  /**
   * The value as a 64-bit integer (Redis's getLongLongFromObject).
   *
   * @throws NotIntegerException unless string2ll accepts the text
   */
  public static long longValue(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    byte[] b;
    int len;
    if (value instanceof byte[] a) {
      b = a;
      len = a.length;
    } else {
      StringValue sv = (StringValue) value;
      b = sv.array();
      len = sv.length();
    }
    if (!Numbers.isLong(b, 0, len)) {
      throw new NotIntegerException();
    }
    return Numbers.parseLong(b, 0, len);
  }

  /**
   * The value as a long double (Redis's getLongDoubleFromObject).
   *
   * @throws NotFloatException unless string2ld accepts the text
   */
  public static LongDouble longDoubleValue(Object value) {
    LongDouble d;
    if (value instanceof Long l) {
      d = LongDouble.of(l);
    } else if (value instanceof byte[] a) {
      d = LongDouble.parse(a, 0, a.length);
    } else {
      StringValue sv = (StringValue) value;
      d = LongDouble.parse(sv.array(), 0, sv.length());
    }
    if (d == null) {
      throw new NotFloatException();
    }
    return d;
  }

  // ------------------------------------------------------------------ ranges

  /**
   * GETRANGE's index arithmetic (Redis's getrangeCommand) over a string of {@code length}
   * bytes: returns {@code start << 32 | count}, count 0 for the empty result.
   */
  public static long range(int length, long start, long end) {
    if (start < 0 && end < 0 && start > end) {
      return 0;
    }
    long s = start < 0 ? length + start : start;
    long e = end < 0 ? length + end : end;
    if (s < 0) {
      s = 0;
    }
    if (e < 0) {
      e = 0;
    }
    if (e >= length) {
      e = length - 1L;
    }
    if (s > e || length == 0) {
      return 0;
    }
    return s << 32 | (e - s + 1);
  }

  /** Replies GETRANGE's result for a value. */
  public static void replyRange(ReplySink out, Object value, long start, long end) {
    long r = range(length(value), start, end);
    out.bulk(array(value), (int) (r >>> 32), (int) r);
  }

  /** GETRANGE's result for a value, as a new array. */
  public static byte[] getRange(Object value, long start, long end) {
    long r = range(length(value), start, end);
    int from = (int) (r >>> 32);
    return Arrays.copyOfRange(array(value), from, from + (int) r);
  }

  /**
   * An array whose first {@link #length} bytes are the value's text: the stored array itself
   * (do not modify) or, for the {@code int} encoding, a new one.
   */
  static byte[] array(Object value) {
    if (value instanceof byte[] a) {
      return a;
    }
    if (value instanceof StringValue sv) {
      return sv.array();
    }
    return Numbers.toBytes((Long) value);
  }

  // ------------------------------------------------------------------ key level

  /**
   * Finds a live key and touches its access clock (Redis's lookupKey); null when absent. For
   * the families that do not take a {@link LockedKey} yet; see {@link LockedKey#lookup()}.
   */
  public static @Nullable Entry lookup(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = s.find(k, off, len, hash, now);
    if (e != null) {
      s.touch(e, now);
    }
    return e;
  }

  /**
   * Redis's setKey, for the families that do not take a {@link LockedKey} yet: stores
   * {@code value} under the key, inserting it (with a copy of the key bytes) or replacing the
   * value; the expiry is removed unless {@code keepTtl}. Does not count as dirty (callers do,
   * as Redis's commands do). Returns the entry. See {@link StringWrites#setKey}.
   */
  public static Entry setKey(Shard s, byte[] k, int off, int len, int hash, long now,
      Object value, boolean keepTtl) {
    Entry e = s.find(k, off, len, hash, now);
    if (e == null) {
      return s.insert(k, off, len, hash, value, now);
    }
    Object old = e.storedValue();
    s.replaceValue(e, value);
    io.lime.internal.engine.LazyFree lf = s.database().engine().lazyFree();
    if (old != value) { // Redis's dbOverwrite (a value stored over itself stays)
      lf.free(old, lf.lazyServerDel);
    }
    s.touch(e, now);
    if (!keepTtl && e.expireAt() != Entry.NO_EXPIRY) {
      s.setExpireAt(e, Entry.NO_EXPIRY);
    }
    return e;
  }

  /**
   * The read of GET, STRLEN, GETRANGE, SET ... GET, GETSET (Redis's lookupKeyRead and
   * checkType, without the keyspace hit/miss accounting, which is the RESP door's): the live
   * entry, its access clock touched, or null when absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Entry lookupString(LockedKey k) {
    Entry e = k.lookup();
    if (e != null && !isString(e)) {
      throw new WrongTypeException();
    }
    return e;
  }

  /**
   * The read of MGET and LCS, which do not fail on other types: the live value whatever its
   * type, its access clock touched, or null when absent.
   */
  public static @Nullable Object lookupValue(LockedKey k) {
    Entry e = k.lookup();
    return e == null ? null : e.value();
  }

  /**
   * INCRBY/DECRBY/INCR/DECR (Redis's incrDecrCommand): adds {@code delta} to the integer
   * value (a missing key counts as 0), keeping the expiry; returns the new value.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if the value is not an integer
   * @throws OverflowException if the result leaves the 64-bit range
   */
  public static long incrBy(LockedKey k, long delta) {
    Entry e = lookupString(k);
    long old = e == null ? 0 : e.embeddedInteger() ? e.integer() : longValue(e.value());
    if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old)
        || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
      throw new OverflowException(OverflowException.INCR_OVERFLOW);
    }
    long value = old + delta;
    if (e != null && k.shard().replaceInteger(e, value)) { // in the key's array: no boxing
      k.dirty(1);
      k.event(NotifyFlags.STRING, "incrby");
    } else {
      replace(k, e, ofLong(value), "incrby");
    }
    return value;
  }

  /**
   * The typed door's INCR, DECR, INCRBY and DECRBY ({@code command}, upper case) of
   * {@code amount} (1 for INCR and DECR): {@link #incrBy(LockedKey, long)} of the delta they
   * add, propagated as the command as given.
   *
   * @throws OverflowException as {@link #incrBy(LockedKey, long)} and
   *     {@link #negateDecrement}
   */
  public static long incrBy(LockedKey k, String command, long amount) {
    boolean by = command.endsWith("BY");
    long value = incrBy(k, command.startsWith("DECR") ? negateDecrement(amount) : amount);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(by ? Argvs.of(command, k, amount) : Argvs.of(command, k));
    }
    return value;
  }

  /**
   * The delta DECRBY adds: {@code -decrement}.
   *
   * @throws OverflowException for {@code Long.MIN_VALUE}, whose negation overflows
   */
  public static long negateDecrement(long decrement) {
    if (decrement == Long.MIN_VALUE) {
      throw new OverflowException(OverflowException.DECR_OVERFLOW);
    }
    return -decrement;
  }

  /**
   * INCRBYFLOAT: adds {@code increment} in long double arithmetic and stores the result's
   * text (Redis's human-friendly {@code %.17Lf}), keeping the expiry. Returns the stored
   * text, which callers must not modify. {@code increment} is null when the argument was
   * not a valid float: the type and the stored value are checked first, as in Redis.
   * Propagated as {@code SET key text KEEPTTL}, as Redis does (the sum is not recomputed).
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotFloatException if the value or the increment is not a valid float
   * @throws OverflowException if the result would be NaN or infinite
   */
  public static byte[] incrByFloat(LockedKey k, @Nullable LongDouble increment) {
    Entry e = lookupString(k);
    LongDouble current = e == null ? LongDouble.ZERO : longDoubleValue(e.value());
    if (increment == null) {
      throw new NotFloatException();
    }
    byte[] text = floatSumText(current, increment);
    replace(k, e, text, "incrbyfloat");
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(Argvs.SET, k.keyCopy(), text.clone(), Argvs.KEEPTTL);
    }
    return text;
  }

  /**
   * The text INCRBYFLOAT and HINCRBYFLOAT store: {@code value + increment} in long double
   * arithmetic, as Redis's human-friendly {@code %.17Lf} (trailing zeros removed).
   *
   * @throws OverflowException if the sum is NaN or infinite
   */
  static byte[] floatSumText(LongDouble value, LongDouble increment) {
    LongDouble sum;
    try {
      sum = value.add(increment);
    } catch (ArithmeticException nan) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    if (sum.isInfinite()) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    return sum.toHumanBytes();
  }

  /**
   * Stores {@code value} in the key's entry {@code e} (its live entry, or null to create
   * it), keeping the expiry; counts one change and signals the string event {@code event}.
   */
  private static void replace(LockedKey k, @Nullable Entry e, Object value, String event) {
    if (e == null) {
      k.insert(value);
    } else {
      k.shard().replaceValue(e, value);
    }
    k.dirty(1);
    k.event(NotifyFlags.STRING, event);
  }
}
