package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.OverflowException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.Glob;
import io.lime.internal.util.LongDouble;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hash type (Redis's src/t_hash.c type API): lookups, encoding conversion and the
 * encoding-agnostic operations shared by {@code HashCommands} and the typed embedded view.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Representation. An entry's value is a {@link ListpackHash} or a {@link TableHash}
 *       directly (no wrapper object). A hash is created as a listpack and converted to a
 *       hashtable, never back, when a field or value longer than
 *       {@code hash-max-listpack-value} is about to be stored or when it grows past
 *       {@code hash-max-listpack-entries} fields ({@link EncodingLimits}, read at each write),
 *       exactly where Redis 7.0 calls hashTypeConvert. A conversion replaces the entry's
 *       value, so callers hold the {@link Entry}, not the value, across writes.
 *   <li>Concurrency. Every method requires the caller to hold the lock of the entry's shard.
 *   <li>Side effects. Lookups touch the access clock (Redis's lookupKey). Callers add to the
 *       dirty counter as the corresponding Redis command does (HSET: one per pair, HDEL: one
 *       per deleted field, ...), and delete a key whose hash becomes empty
 *       ({@link #deleteField} does so itself).
 *   <li>Errors are thrown as {@link LimeException}s carrying Redis's text, before anything is
 *       modified.
 * </ul>
 */
public final class HashType {
  /** HINCRBY on a value string2ll rejects. */
  public static final String NOT_INTEGER = "ERR hash value is not an integer";
  /** HINCRBYFLOAT on a value string2ld rejects. */
  public static final String NOT_FLOAT = "ERR hash value is not a float";
  /** HINCRBYFLOAT with an infinite increment. */
  public static final String NAN_OR_INFINITY = "ERR value is NaN or Infinity";
  /** HRANDFIELD WITHVALUES with a count beyond +-LONG_MAX/2. */
  public static final String COUNT_OUT_OF_RANGE = "ERR value is out of range";
  /** HRANDFIELD's count bound without WITHVALUES is +-LONG_MAX. */
  public static final String COUNT_RANGE =
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

  /** Largest HRANDFIELD reply (array elements) LIME builds; Redis has no such limit. */
  static final long MAX_RANDOM_REPLY_ITEMS = Integer.MAX_VALUE - 8;

  private HashType() {}

  // ------------------------------------------------------------------ representation

  /** Whether a stored value is a hash. */
  public static boolean isHash(@Nullable Object value) {
    return value instanceof HashValue;
  }

  /** The hash held by an entry (which must hold one). */
  public static HashValue value(Entry e) {
    return (HashValue) e.value();
  }

  /** OBJECT ENCODING of a hash value. */
  public static String encoding(Object value) {
    return ((HashValue) value).encoding();
  }

  /** A deep copy keeping the encoding (COPY). */
  public static Object duplicate(Object value) {
    return ((HashValue) value).copy();
  }

  // ------------------------------------------------------------------ lookups

  /**
   * Finds a live key for reading and touches it; null when absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Entry lookup(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = StringType.lookup(s, k, off, len, hash, now);
    if (e != null && !isHash(e.value())) {
      throw new WrongTypeException();
    }
    return e;
  }

  /**
   * Redis's hashTypeLookupWriteOrCreate: the key's entry, inserting an empty listpack hash
   * when absent. The caller must store at least one field before releasing the lock.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static Entry lookupOrCreate(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = lookup(s, k, off, len, hash, now);
    if (e == null) {
      e = s.insert(Arrays.copyOfRange(k, off, off + len), hash, new ListpackHash());
    }
    return e;
  }

  // ------------------------------------------------------------------ conversion

  /**
   * Redis's hashTypeTryConversion: converts a listpack to a hashtable before a write whose
   * longest field or value argument is {@code longest} bytes, when that exceeds
   * {@code hash-max-listpack-value}.
   */
  public static void tryConversion(Entry e, EncodingLimits limits, long longest) {
    if (e.value() instanceof ListpackHash lp && longest > limits.hashMaxListpackValue) {
      e.value(lp.toTable());
    }
  }

  /**
   * Redis's hashTypeSet: sets a field (converting first when the field or value is too long
   * for a listpack, and after when the listpack has too many fields). Returns true when the
   * field was new.
   */
  public static boolean set(Entry e, EncodingLimits limits, byte[] f, int foff, int flen,
      byte[] v, int voff, int vlen) {
    HashValue h = (HashValue) e.value();
    if (h instanceof ListpackHash lp
        && (flen > limits.hashMaxListpackValue || vlen > limits.hashMaxListpackValue)) {
      h = lp.toTable();
      e.value(h);
    }
    boolean created = h.put(f, foff, flen, v, voff, vlen);
    if (h instanceof ListpackHash lp && lp.size() > limits.hashMaxListpackEntries) {
      e.value(lp.toTable());
    }
    return created;
  }

  /**
   * Removes a field; when that empties the hash, deletes the key. Returns whether the field
   * existed.
   */
  public static boolean deleteField(Shard s, Entry e, byte[] f, int off, int len) {
    HashValue h = (HashValue) e.value();
    if (!h.remove(f, off, len)) {
      return false;
    }
    if (h.size() == 0) {
      s.delete(e);
    }
    return true;
  }

  // ------------------------------------------------------------------ increments

  /**
   * HINCRBY on an entry from {@link #lookupOrCreate}: adds {@code delta} to the field's
   * integer value (a missing field counts as 0) and returns the result.
   *
   * @throws LimeException with {@link #NOT_INTEGER} if the value is not an integer
   * @throws OverflowException if the result leaves the 64-bit range
   */
  public static long incrBy(Entry e, EncodingLimits limits, byte[] f, int off, int len,
      long delta) {
    byte[] current = ((HashValue) e.value()).get(f, off, len);
    long old = 0;
    if (current != null) {
      if (!Numbers.isLong(current, 0, current.length)) {
        throw new LimeException(NOT_INTEGER);
      }
      old = Numbers.parseLong(current, 0, current.length);
    }
    if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old)
        || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
      throw new OverflowException(OverflowException.INCR_OVERFLOW);
    }
    long value = old + delta;
    byte[] text = Numbers.toBytes(value);
    set(e, limits, f, off, len, text, 0, text.length);
    return value;
  }

  /**
   * HINCRBYFLOAT on an entry from {@link #lookupOrCreate}: adds {@code increment} (finite,
   * checked by the caller with {@link #checkFloatIncrement}) in long double arithmetic and
   * stores and returns the result's text ({@code %.17Lf}, trailing zeros removed).
   *
   * @throws LimeException with {@link #NOT_FLOAT} if the value is not a float
   * @throws OverflowException if the result would be NaN or infinite
   */
  public static byte[] incrByFloat(Entry e, EncodingLimits limits, byte[] f, int off, int len,
      LongDouble increment) {
    byte[] current = ((HashValue) e.value()).get(f, off, len);
    LongDouble value = LongDouble.ZERO;
    if (current != null) {
      LongDouble parsed = LongDouble.parse(current, 0, current.length);
      if (parsed == null) {
        throw new LimeException(NOT_FLOAT);
      }
      value = parsed;
    }
    LongDouble sum;
    try {
      sum = value.add(increment);
    } catch (ArithmeticException nan) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    if (sum.isInfinite()) {
      throw new OverflowException(OverflowException.NAN_OR_INFINITY);
    }
    byte[] text = sum.toHumanBytes();
    set(e, limits, f, off, len, text, 0, text.length);
    return text;
  }

  /**
   * HINCRBYFLOAT's argument checks, before the key is looked up: the parsed increment.
   *
   * @throws io.lime.NotFloatException if the text is not a float
   * @throws LimeException with {@link #NAN_OR_INFINITY} if it is infinite
   */
  public static LongDouble checkFloatIncrement(@Nullable LongDouble parsed) {
    if (parsed == null) {
      throw new io.lime.NotFloatException();
    }
    if (parsed.isInfinite()) {
      throw new LimeException(NAN_OR_INFINITY);
    }
    return parsed;
  }

  // ------------------------------------------------------------------ replies

  /** Replies HGETALL (a map), HKEYS or HVALS (arrays) of a hash. */
  public static void replyAll(ReplySink out, HashValue h, boolean fields, boolean values) {
    if (fields && values) {
      out.mapHeader(h.size());
    } else {
      out.arrayHeader(h.size());
    }
    h.forEach((fb, foff, flen, vb, voff, vlen) -> {
      if (fields) {
        out.bulk(fb, foff, flen);
      }
      if (values) {
        out.bulk(vb, voff, vlen);
      }
    });
  }

  /**
   * Replies HRANDFIELD with a count (Redis's hrandfieldWithCountCommand) for an existing
   * hash: a non-negative count returns distinct fields (the whole hash, in its order, when
   * the count reaches the size); a negative one returns {@code -count} fields that may
   * repeat. With values, RESP2 flattens the pairs and RESP3 nests them.
   *
   * @throws LimeException with {@link #COUNT_OUT_OF_RANGE} if the reply would have more than
   *     {@link #MAX_RANDOM_REPLY_ITEMS} elements (a negative count Redis would try to serve)
   */
  public static void replyRandom(ReplySink out, HashValue h, long count, boolean withValues) {
    boolean unique = count >= 0;
    long n = unique ? count : -count;
    if (n == 0) {
      out.arrayHeader(0);
      return;
    }
    boolean nested = withValues && out.protocol() > 2;
    HashValue.PairVisitor reply = (fb, foff, flen, vb, voff, vlen) -> {
      if (nested) {
        out.arrayHeader(2);
      }
      out.bulk(fb, foff, flen);
      if (withValues) {
        out.bulk(vb, voff, vlen);
      }
    };
    long replied = !unique || n == 1 ? n : Math.min(n, h.size());
    long items = withValues && !nested ? replied * 2 : replied;
    if (items > MAX_RANDOM_REPLY_ITEMS) {
      // Redis would try to build this reply and exhaust memory; refuse it instead.
      throw new LimeException(COUNT_OUT_OF_RANGE);
    }
    out.arrayHeader((int) items);
    random(h, count, reply);
  }

  /**
   * Visits HRANDFIELD's pairs for a count: {@code count >= 0} distinct pairs (the whole hash,
   * in its order, when {@code count >= size}), {@code count < 0}: {@code -count} pairs
   * drawn with repetition.
   */
  public static void random(HashValue h, long count, HashValue.PairVisitor v) {
    boolean unique = count >= 0;
    long n = unique ? count : -count;
    if (n == 0) {
      return;
    }
    if (!unique || n == 1) {
      h.randomPairs(n, v);
    } else if (n >= h.size()) {
      h.forEach(v);
    } else {
      h.randomDistinctPairs((int) n, v);
    }
  }

  /**
   * One HSCAN step: appends the pairs visited from {@code cursor} (fields matching the
   * pattern {@code p[poff..poff+plen)} when {@code p} is not null) to {@code out} as field,
   * value, ... and returns the next cursor.
   */
  public static long scan(HashValue h, long cursor, long count, byte @Nullable [] p, int poff,
      int plen, List<byte[]> out) {
    boolean filter = p != null && !Glob.matchesAll(p, poff, plen);
    return h.scan(cursor, count, (fb, foff, flen, vb, voff, vlen) -> {
      if (!filter || Glob.match(p, poff, plen, fb, foff, flen, false)) {
        out.add(Arrays.copyOfRange(fb, foff, foff + flen));
        out.add(Arrays.copyOfRange(vb, voff, voff + vlen));
      }
    });
  }
}
