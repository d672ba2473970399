package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.NotIntegerException;
import io.lime.OverflowException;
import io.lime.StringTooLongException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.LongDouble;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The string type (Redis's src/t_string.c type part and the string half of src/object.c):
 * the value representations, their encodings, and the key-level string operations shared by
 * {@code StringCommands} and the typed embedded API.
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
 *   <li>Concurrency. The key-level methods require the caller to hold the lock of the shard
 *       passed in (a single-key command or typed call locks one shard; MSET and friends lock
 *       all their shards first). Values are only read or modified under that lock.
 *   <li>Errors are thrown as the public {@link LimeException} subclasses carrying Redis's
 *       text, before anything is modified; command handlers reply with the message.
 *   <li>Side effects follow Redis: lookups touch the access clock; every write adds to the
 *       engine's dirty counter exactly as t_string.c increments {@code server.dirty}.
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
  /** Longest array the JVM allocates; a stricter cap than a configured limit above it. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  /** {@link #set} flag: only when the key does not exist (NX). */
  public static final int SET_NX = 1;
  /** {@link #set} flag: only when the key exists (XX). */
  public static final int SET_XX = 2;
  /** {@link #set} flag: keep the existing expiry (KEEPTTL). */
  public static final int SET_KEEPTTL = 4;
  /** {@link #set} flag: set the expiry to the given absolute deadline (EX/PX/EXAT/PXAT). */
  public static final int SET_EXPIRE = 8;

  /** {@link #applyGetEx} mode: leave the expiry. */
  public static final int GETEX_NONE = 0;
  /** {@link #applyGetEx} mode: remove the expiry (PERSIST). */
  public static final int GETEX_PERSIST = 1;
  /** {@link #applyGetEx} mode: set a deadline computed from a relative time (EX/PX). */
  public static final int GETEX_EXPIRE = 2;
  /** {@link #applyGetEx} mode: set an absolute deadline, deleting when past (EXAT/PXAT). */
  public static final int GETEX_EXPIRE_AT = 3;

  /** Redis's text for a negative SETRANGE offset. */
  public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";

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

  /** Replies the value as a bulk string (no copy beyond the sink's). */
  public static void reply(ReplySink out, Object value) {
    if (value instanceof byte[] b) {
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
    byte[] b;
    int len;
    if (value instanceof byte[] a) {
      b = a;
      len = a.length;
    } else if (value instanceof StringValue sv) {
      b = sv.array();
      len = sv.length();
    } else {
      b = Numbers.toBytes((Long) value);
      len = b.length;
    }
    long r = range(len, start, end);
    out.bulk(b, (int) (r >>> 32), (int) r);
  }

  /** GETRANGE's result for a value, as a new array. */
  public static byte[] getRange(Object value, long start, long end) {
    byte[] b;
    int len;
    if (value instanceof byte[] a) {
      b = a;
      len = a.length;
    } else if (value instanceof StringValue sv) {
      b = sv.array();
      len = sv.length();
    } else {
      b = Numbers.toBytes((Long) value);
      len = b.length;
    }
    long r = range(len, start, end);
    int from = (int) (r >>> 32);
    return Arrays.copyOfRange(b, from, from + (int) r);
  }

  // ------------------------------------------------------------------ key level

  /** Finds a live key and touches its access clock (Redis's lookupKey); null when absent. */
  public static @Nullable Entry lookup(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = s.find(k, off, len, hash, now);
    if (e != null) {
      s.touch(e, now);
    }
    return e;
  }

  /**
   * As {@link #lookup}, requiring a string.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Entry lookupString(Shard s, byte[] k, int off, int len, int hash,
      long now) {
    Entry e = lookup(s, k, off, len, hash, now);
    if (e != null && !isString(e.value())) {
      throw new WrongTypeException();
    }
    return e;
  }

  /**
   * Redis's setKey: stores {@code value} under the key, inserting it (with a copy of the key
   * bytes) or replacing the value; the expiry is removed unless {@code keepTtl}. Does not
   * count as dirty (callers do, as Redis's commands do). Returns the entry.
   */
  public static Entry setKey(Shard s, byte[] k, int off, int len, int hash, long now,
      Object value, boolean keepTtl) {
    Entry e = s.find(k, off, len, hash, now);
    return setKey(s, e, k, off, len, hash, value, keepTtl, now);
  }

  private static Entry setKey(Shard s, @Nullable Entry e, byte[] k, int off, int len, int hash,
      Object value, boolean keepTtl, long now) {
    if (e == null) {
      return s.insert(Arrays.copyOfRange(k, off, off + len), hash, value, now);
    }
    e.value(value);
    s.touch(e, now);
    if (!keepTtl && e.expireAt() != Entry.NO_EXPIRY) {
      s.setExpireAt(e, Entry.NO_EXPIRY);
    }
    return e;
  }

  /**
   * SET without GET: stores the value unless the NX/XX condition fails, then applies the
   * expiry flags ({@link #SET_KEEPTTL}, or {@link #SET_EXPIRE} with the absolute
   * {@code expireAt}). Returns whether the value was stored.
   */
  public static boolean set(Shard s, byte[] k, int off, int len, int hash, long now,
      Object value, int flags, long expireAt) {
    Entry e = lookup(s, k, off, len, hash, now);
    return setChecked(s, e, k, off, len, hash, value, flags, expireAt, now);
  }

  /**
   * SET with GET: returns the previous value (null when absent) and stores as
   * {@link #set} does. The returned object is detached from the keyspace once replaced.
   *
   * @throws WrongTypeException if the key holds another type (nothing is stored)
   */
  public static @Nullable Object setGet(Shard s, byte[] k, int off, int len, int hash, long now,
      Object value, int flags, long expireAt) {
    return setGet(s, lookupString(s, k, off, len, hash, now), k, off, len, hash, now, value,
        flags, expireAt);
  }

  /**
   * {@link #setGet(Shard, byte[], int, int, int, long, Object, int, long)} on the entry
   * {@link #lookupString} found for the key (null when absent), so a caller can account the
   * read lookup (keyspace hit/miss, keymiss event) before the write, as Redis's SET GET does.
   */
  public static @Nullable Object setGet(Shard s, @Nullable Entry found, byte[] k, int off,
      int len, int hash, long now, Object value, int flags, long expireAt) {
    Object old = found == null ? null : found.value();
    setChecked(s, found, k, off, len, hash, value, flags, expireAt, now);
    return old;
  }

  private static boolean setChecked(Shard s, @Nullable Entry found, byte[] k, int off, int len,
      int hash, Object value, int flags, long expireAt, long now) {
    if (((flags & SET_NX) != 0 && found != null) || ((flags & SET_XX) != 0 && found == null)) {
      return false;
    }
    Entry e = setKey(s, found, k, off, len, hash, value, (flags & SET_KEEPTTL) != 0, now);
    if ((flags & SET_EXPIRE) != 0) {
      s.setExpireAt(e, expireAt);
    }
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.STRING, "set", k, off, len);
    if ((flags & SET_EXPIRE) != 0) {
      KeyspaceEvents.event(s, NotifyFlags.GENERIC, "expire", k, off, len);
    }
    return true;
  }

  /**
   * GETSET: stores the value (removing any expiry) and returns the previous one.
   *
   * @throws WrongTypeException if the key holds another type (nothing is stored)
   */
  public static @Nullable Object getSet(Shard s, byte[] k, int off, int len, int hash, long now,
      Object value) {
    return getSet(s, lookupString(s, k, off, len, hash, now), k, off, len, hash, now, value);
  }

  /**
   * {@link #getSet(Shard, byte[], int, int, int, long, Object)} on the entry
   * {@link #lookupString} found (null when absent): see {@link #setGet(Shard, Entry, byte[],
   * int, int, int, long, Object, int, long)}.
   */
  public static @Nullable Object getSet(Shard s, @Nullable Entry found, byte[] k, int off,
      int len, int hash, long now, Object value) {
    Object old = found == null ? null : found.value();
    setKey(s, found, k, off, len, hash, value, false, now);
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.STRING, "set", k, off, len);
    return old;
  }

  /**
   * GETDEL: deletes the key and returns its value, or null when absent.
   *
   * @throws WrongTypeException if the key holds another type (nothing is deleted)
   */
  public static @Nullable Object getDel(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = lookupString(s, k, off, len, hash, now);
    if (e == null) {
      return null;
    }
    s.delete(e);
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", k, off, len);
    return e.value();
  }

  /**
   * GETEX's effect on a key already looked up (after its value was read): per {@code mode}
   * ({@code GETEX_*}), nothing, remove the expiry, set the absolute {@code deadline}, or set
   * it deleting the key when it is not after {@code now} (EXAT/PXAT only).
   */
  public static void applyGetEx(Shard s, Entry e, long now, int mode, long deadline) {
    switch (mode) {
      case GETEX_EXPIRE_AT -> {
        if (deadline <= now) {
          s.delete(e);
          KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", e.key());
        } else {
          s.setExpireAt(e, deadline);
          KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "expire", e.key());
        }
        s.database().engine().dirty(1);
      }
      case GETEX_EXPIRE -> {
        s.setExpireAt(e, deadline);
        s.database().engine().dirty(1);
        KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "expire", e.key());
      }
      case GETEX_PERSIST -> {
        if (e.expireAt() != Entry.NO_EXPIRY) {
          s.setExpireAt(e, Entry.NO_EXPIRY);
          s.database().engine().dirty(1);
          KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "persist", e.key());
        }
      }
      default -> { }
    }
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
    long old = e == null ? 0 : longValue(e.value());
    if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old)
        || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
      throw new OverflowException(OverflowException.INCR_OVERFLOW);
    }
    long value = old + delta;
    Object stored = ofLong(value);
    if (e == null) {
      k.insert(stored);
    } else {
      e.value(stored);
    }
    k.dirty(1);
    k.event(NotifyFlags.STRING, "incrby");
    return value;
  }

  /** {@link #lookupString(Shard, byte[], int, int, int, long)} of a locked key. */
  public static @Nullable Entry lookupString(LockedKey k) {
    return lookupString(k.shard(), k.array(), k.offset(), k.length(), k.hash(), k.now());
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
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotFloatException if the value or the increment is not a valid float
   * @throws OverflowException if the result would be NaN or infinite
   */
  public static byte[] incrByFloat(Shard s, byte[] k, int off, int len, int hash, long now,
      @Nullable LongDouble increment) {
    Entry e = lookupString(s, k, off, len, hash, now);
    LongDouble current = e == null ? LongDouble.ZERO : longDoubleValue(e.value());
    if (increment == null) {
      throw new NotFloatException();
    }
    LongDouble sum;
    try {
      sum = current.add(increment);
    } catch (ArithmeticException nan) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    if (sum.isInfinite()) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    byte[] text = sum.toHumanBytes();
    if (e == null) {
      s.insert(Arrays.copyOfRange(k, off, off + len), hash, text, now);
    } else {
      e.value(text);
    }
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.STRING, "incrbyfloat", k, off, len);
    return text;
  }

  /**
   * APPEND: appends the bytes (creating the key, encoded as SET would, when absent) and
   * returns the new length. An existing value becomes {@code raw}, as in Redis.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed {@code maxBytes}
   */
  public static long append(Shard s, byte[] k, int off, int len, int hash, long now,
      byte[] b, int boff, int blen, long maxBytes) {
    Entry e = lookupString(s, k, off, len, hash, now);
    if (e == null) {
      checkLength(0, blen, maxBytes);
      s.insert(Arrays.copyOfRange(k, off, off + len), hash, encode(b, boff, blen), now);
      s.database().engine().dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.STRING, "append", k, off, len);
      return blen;
    }
    checkLength(length(e.value()), blen, maxBytes);
    StringValue raw = unshare(e);
    raw.append(b, boff, blen);
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.STRING, "append", k, off, len);
    return raw.length();
  }

  /**
   * SETRANGE: overwrites the value from {@code offset} with the bytes, zero-padding beyond
   * the end, and returns the new length. Writing nothing changes nothing: it returns the
   * current length (0 for a missing key, which is not created). The result is {@code raw}.
   *
   * @throws LimeException with {@link #OFFSET_OUT_OF_RANGE} if {@code offset} is negative
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed {@code maxBytes}
   */
  public static long setRange(Shard s, byte[] k, int off, int len, int hash, long now,
      long offset, byte[] b, int boff, int blen, long maxBytes) {
    if (offset < 0) {
      throw new LimeException(OFFSET_OUT_OF_RANGE);
    }
    Entry e = lookupString(s, k, off, len, hash, now);
    if (e == null) {
      if (blen == 0) {
        return 0;
      }
      checkLength(offset, blen, maxBytes);
      int size = (int) (offset + blen);
      byte[] buf = new byte[size];
      System.arraycopy(b, boff, buf, (int) offset, blen);
      s.insert(Arrays.copyOfRange(k, off, off + len), hash, new StringValue(buf, size), now);
      s.database().engine().dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.STRING, "setrange", k, off, len);
      return size;
    }
    int current = length(e.value());
    if (blen == 0) {
      return current;
    }
    checkLength(offset, blen, maxBytes);
    StringValue raw = unshare(e);
    raw.setRange((int) offset, b, boff, blen);
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.STRING, "setrange", k, off, len);
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
  private static StringValue unshare(Entry e) {
    Object v = e.value();
    if (v instanceof StringValue sv) {
      return sv;
    }
    byte[] copy = toBytes(v);
    StringValue raw = new StringValue(copy, copy.length);
    e.value(raw);
    return raw;
  }
}
