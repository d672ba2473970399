package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.OverflowException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.util.Glob;
import io.lime.internal.util.LongDouble;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hash type (Redis's src/t_hash.c): the key-level hash operations both doors call
 * ({@code HashCommands} and the typed {@code LocalHashView}), and the encoding rules under
 * them. Each write operation takes a {@link LockedKey} and parsed arguments and does all
 * that Redis's command does to the keyspace: lookup (touching the access clock), type check,
 * create, mutation, encoding conversion, delete-when-empty, dirty count, keyspace event and,
 * for HINCRBYFLOAT, the deterministic form to propagate. The doors only parse and reply.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Representation. An entry's value is a {@link ListpackHash} or a {@link TableHash}
 *       directly (no wrapper object). A hash is created as a listpack and converted to a
 *       hashtable, never back, when a field or value longer than
 *       {@code hash-max-listpack-value} is about to be stored or when it grows past
 *       {@code hash-max-listpack-entries} fields ({@link EncodingLimits}, read at each write),
 *       exactly where Redis 7.0 calls hashTypeConvert. A conversion replaces the entry's
 *       value, so writes hold the {@link Entry}, not the value, across sets.
 *   <li>Arguments. Several fields or pairs come as a range of an {@link Argv}: the client's
 *       own arguments on the RESP door (nothing copied), an {@code Argv} the typed door builds.
 *       Single fields come as slices {@code b[off..off+len)}. Stored bytes are always copies.
 *   <li>Concurrency. The caller holds the key's shard lock (the {@link LockedKey}).
 *   <li>Errors are thrown as {@link LimeException}s carrying Redis's text ({@link Errors}),
 *       before anything is modified; a key is created only once the write is certain, so no
 *       empty hash is ever left behind.
 *   <li>Reads. {@link #read} is Redis's lookupKeyRead plus checkType; the RESP door looks up
 *       itself ({@link #of}) only to count keyspace hits and misses as Redis does.
 * </ul>
 */
public final class HashType {
  /** Largest HRANDFIELD reply (array elements) LIME builds; Redis has no such limit. */
  static final long MAX_RANDOM_REPLY_ITEMS = Integer.MAX_VALUE - 8;

  private HashType() {}

  // ------------------------------------------------------------------ representation

  /** Whether a stored value is a hash. */
  public static boolean isHash(@Nullable Object value) { return value instanceof HashValue; }
  /** OBJECT ENCODING of a hash value. */
  public static String encoding(Object value) { return ((HashValue) value).encoding(); }
  /** A deep copy keeping the encoding (COPY). */
  public static Object duplicate(Object value) { return ((HashValue) value).copy(); }

  // ------------------------------------------------------------------ reads

  /**
   * The hash of a looked-up entry: null when {@code e} is null (the key is absent).
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable HashValue of(@Nullable Entry e) {
    Object v = e == null ? null : e.value(); // a plain instanceof: HSET's hot path
    if (v == null || v instanceof HashValue) {
      return (HashValue) v;
    }
    throw new WrongTypeException();
  }

  /**
   * Redis's lookupKeyRead and checkType: the key's hash, its access clock touched; null when
   * the key is absent. What HGET, HMGET, HLEN, HGETALL, HRANDFIELD, HSCAN... read.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable HashValue read(LockedKey k) {
    return of(k.lookup());
  }

  /** HEXISTS: whether the (possibly absent) hash has the field. */
  public static boolean exists(@Nullable HashValue h, byte[] f, int off, int len) {
    return h != null && h.valueLength(f, off, len) >= 0;
  }

  /** HSTRLEN: the length of the field's value, 0 when the field or the hash is absent. */
  public static int strlen(@Nullable HashValue h, byte[] f, int off, int len) {
    return h == null ? 0 : Math.max(0, h.valueLength(f, off, len));
  }

  /** HLEN: the number of fields, 0 when the hash is absent. */
  public static int size(@Nullable HashValue h) {
    return h == null ? 0 : h.size();
  }

  // ------------------------------------------------------------------ writes

  /**
   * HSET and HMSET: sets the pairs {@code a[first], a[first+1], ...} (field, value; an even
   * number, at least one pair), creating the key. Returns how many fields were new. Dirty:
   * one per pair; event {@code hset}.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long hset(LockedKey k, Argv a, int first) {
    Entry e = writable(k);
    EncodingLimits limits = k.engine().limits();
    long longest = 0;
    for (int i = first; i < a.size(); i++) {
      longest = Math.max(longest, a.length(i));
    }
    e = e != null ? e : k.insert(new ListpackHash());
    tryConversion(e, limits, longest);
    byte[] b = a.array();
    long created = 0;
    for (int i = first; i < a.size(); i += 2) {
      if (set(e, limits, b, a.offset(i), a.length(i), b, a.offset(i + 1), a.length(i + 1))) {
        created++;
      }
    }
    k.dirty((a.size() - first) / 2);
    k.event(NotifyFlags.HASH, "hset");
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("HSET", k, ByteArgs.copies(a, first)));
    }
    return created;
  }

  /**
   * HSETNX: sets field {@code f[foff..)} to {@code v[voff..)} unless the field exists,
   * creating the key. Returns whether it set. Dirty 1 and event {@code hset} when it did.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static boolean hsetnx(LockedKey k, byte[] f, int foff, int flen, byte[] v, int voff,
      int vlen) {
    Entry e = writable(k);
    if (e != null && ((HashValue) e.value()).valueLength(f, foff, flen) >= 0) {
      return false;
    }
    store(k, e, "hset", f, foff, flen, v, voff, vlen);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("HSETNX", k, Arrays.copyOfRange(f, foff, foff + flen),
          Arrays.copyOfRange(v, voff, voff + vlen)));
    }
    return true;
  }

  /**
   * HDEL: removes the fields {@code a[first..size)}, deleting the key when that empties the
   * hash. Returns how many existed. Dirty: one per removed field; events {@code hdel}, then
   * {@code del} when the key went.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long hdel(LockedKey k, Argv a, int first) {
    Entry e = writable(k);
    if (e == null) {
      return 0;
    }
    HashValue h = (HashValue) e.value();
    byte[] b = a.array();
    long deleted = 0;
    for (int i = first; i < a.size() && h.size() > 0; i++) {
      if (h.remove(b, a.offset(i), a.length(i))) {
        deleted++;
      }
    }
    if (deleted > 0) {
      boolean removed = h.size() == 0;
      if (removed) {
        k.delete(e);
      }
      k.dirty(deleted);
      k.event(NotifyFlags.HASH, "hdel");
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(Argvs.of("HDEL", k, ByteArgs.copies(a, first)));
      }
      if (removed) {
        KeyspaceEvents.event(k.shard(), NotifyFlags.GENERIC, "del", k.array(), k.offset(),
            k.length());
      }
    }
    return deleted;
  }

  /**
   * HINCRBY: adds {@code delta} to the field's integer value (a missing field or key counts
   * as 0), creating them, and returns the result. Dirty 1; event {@code hincrby}.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException with {@link Errors#HASH_NOT_INTEGER} if the value is not an integer
   * @throws OverflowException if the result leaves the 64-bit range
   */
  public static long hincrBy(LockedKey k, byte[] f, int off, int len, long delta) {
    Entry e = writable(k);
    byte[] current = e == null ? null : ((HashValue) e.value()).get(f, off, len);
    long old = 0;
    if (current != null) {
      if (!Numbers.isLong(current, 0, current.length)) {
        throw new LimeException(Errors.HASH_NOT_INTEGER);
      }
      old = Numbers.parseLong(current, 0, current.length);
    }
    long value;
    try {
      value = Math.addExact(old, delta);
    } catch (ArithmeticException overflow) {
      throw new OverflowException(OverflowException.INCR_OVERFLOW);
    }
    byte[] text = Numbers.toBytes(value);
    store(k, e, "hincrby", f, off, len, text, 0, text.length);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("HINCRBY", k, Arrays.copyOfRange(f, off, off + len), delta));
    }
    return value;
  }

  /**
   * HINCRBYFLOAT: adds {@code increment} (finite: {@link #checkFloatIncrement}) in long
   * double arithmetic, stores and returns the result's text ({@code %.17Lf}, trailing zeros
   * removed; callers must not modify it). Dirty 1; event {@code hincrbyfloat}; propagated as
   * {@code HSET key field result}, as Redis does, so a replay does not redo the arithmetic.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException with {@link Errors#HASH_NOT_FLOAT} if the value is not a float
   * @throws OverflowException if the result would be NaN or infinite
   */
  public static byte[] hincrByFloat(LockedKey k, byte[] f, int off, int len,
      LongDouble increment) {
    Entry e = writable(k);
    byte[] current = e == null ? null : ((HashValue) e.value()).get(f, off, len);
    LongDouble value = current == null ? LongDouble.ZERO
        : LongDouble.parse(current, 0, current.length);
    if (value == null) {
      throw new LimeException(Errors.HASH_NOT_FLOAT);
    }
    byte[] text = StringType.floatSumText(value, increment);
    store(k, e, "hincrbyfloat", f, off, len, text, 0, text.length);
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(Argvs.HSET, k.keyCopy(), Arrays.copyOfRange(f, off, off + len), text.clone());
    }
    return text;
  }

  /**
   * HINCRBYFLOAT's argument check, before the key is looked up: the parsed increment.
   *
   * @throws NotFloatException if the text was not a float ({@code parsed} null)
   * @throws LimeException with {@link Errors#HASH_NAN_OR_INFINITY} if it is infinite
   */
  public static LongDouble checkFloatIncrement(@Nullable LongDouble parsed) {
    if (parsed == null) {
      throw new NotFloatException();
    }
    if (parsed.isInfinite()) {
      throw new LimeException(Errors.HASH_NAN_OR_INFINITY);
    }
    return parsed;
  }

  /**
   * Redis's lookupKeyWrite and checkType: the key's entry (touched), null when absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  private static @Nullable Entry writable(LockedKey k) {
    Entry e = k.lookup();
    of(e);
    return e;
  }

  /**
   * Sets one field of the hash of {@code e}, creating the key when {@code e} is null, and
   * counts the single change: dirty 1, keyspace event {@code event}.
   */
  private static void store(LockedKey k, @Nullable Entry e, String event, byte[] f, int foff,
      int flen, byte[] v, int voff, int vlen) {
    set(e != null ? e : k.insert(new ListpackHash()), k.engine().limits(), f, foff, flen, v,
        voff, vlen);
    k.dirty(1);
    k.event(NotifyFlags.HASH, event);
  }

  // ------------------------------------------------------------------ conversion

  /**
   * Redis's hashTypeTryConversion: converts a listpack to a hashtable before a write whose
   * longest field or value argument is {@code longest} bytes, when that exceeds
   * {@code hash-max-listpack-value}.
   */
  static void tryConversion(Entry e, EncodingLimits limits, long longest) {
    if (e.value() instanceof ListpackHash lp && longest > limits.hashMaxListpackValue) {
      e.value(lp.toTable());
    }
  }

  /**
   * Redis's hashTypeSet: sets a field (converting first when the field or value is too long
   * for a listpack, and after when the listpack has too many fields). Returns true when the
   * field was new.
   */
  static boolean set(Entry e, EncodingLimits limits, byte[] f, int foff, int flen, byte[] v,
      int voff, int vlen) {
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

  // ------------------------------------------------------------------ replies

  /** Replies HGETALL (a map), HKEYS or HVALS (arrays) of a hash (empty when absent). */
  public static void replyAll(ReplySink out, @Nullable HashValue h, boolean fields,
      boolean values) {
    if (fields && values) {
      out.mapHeader(size(h));
    } else {
      out.arrayHeader(size(h));
    }
    if (h == null) {
      return;
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
   * @throws LimeException with {@link Errors#HASH_COUNT_OUT_OF_RANGE} if the reply would have
   *     more than {@link #MAX_RANDOM_REPLY_ITEMS} elements (a negative count Redis would try
   *     to serve)
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
      throw new LimeException(Errors.HASH_COUNT_OUT_OF_RANGE);
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
   * One HSCAN step: visits the pairs from {@code cursor} (only fields matching the pattern
   * {@code p[poff..poff+plen)} when {@code p} is not null) and returns the next cursor.
   */
  public static long scan(HashValue h, long cursor, long count, byte @Nullable [] p, int poff,
      int plen, HashValue.PairVisitor v) {
    boolean filter = p != null && !Glob.matchesAll(p, poff, plen);
    return h.scan(cursor, count, (fb, foff, flen, vb, voff, vlen) -> {
      if (!filter || Glob.match(p, poff, plen, fb, foff, flen, false)) {
        v.pair(fb, foff, flen, vb, voff, vlen);
      }
    });
  }

  /** One HSCAN step appending copies of the pairs to {@code out} as field, value, ... */
  public static long scan(HashValue h, long cursor, long count, byte @Nullable [] p, int poff,
      int plen, List<byte[]> out) {
    return scan(h, cursor, count, p, poff, plen, (fb, foff, flen, vb, voff, vlen) -> {
      out.add(Arrays.copyOfRange(fb, foff, foff + flen));
      out.add(Arrays.copyOfRange(vb, voff, voff + vlen));
    });
  }
}
