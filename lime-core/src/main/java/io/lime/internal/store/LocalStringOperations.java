package io.lime.internal.store;

import io.lime.GetExOptions;
import io.lime.NotFloatException;
import io.lime.SetOptions;
import io.lime.StringOperations;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.OptimisticRead;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.type.StringType;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.StringWrites;
import io.lime.internal.util.LongDouble;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link StringOperations} over one database of an {@link Engine}, on the key-level
 * operations of {@link StringType} and {@link StringWrites} that the string commands call
 * (the shape is {@link LocalDoor}'s; the operations set the rewritten forms Redis
 * propagates). The key operations are inherited, and {@link LocalKeyValueStore} extends
 * this class.
 */
public class LocalStringOperations extends LocalBitOperations implements StringOperations {

  /**
   * Creates the view of database {@code dbIndex}, with the default 512 MiB string limit.
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  public LocalStringOperations(Engine engine, int dbIndex) {
    this(engine, dbIndex, () -> StringType.DEFAULT_MAX_STRING_BYTES);
  }

  /**
   * Creates the view of database {@code dbIndex}; {@code maxStringBytes} gives the current
   * {@code proto-max-bulk-len} (read on APPEND and SETRANGE).
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  public LocalStringOperations(Engine engine, int dbIndex, LongSupplier maxStringBytes) {
    super(engine, dbIndex, maxStringBytes);
  }

  // ------------------------------------------------------------------ reads

  /**
   * {@inheritDoc}
   *
   * <p>Takes no lock when it can ({@link OptimisticRead}), else the key's shard lock.
   */
  @Override
  public byte @Nullable [] get(byte[] key) {
    Object r = OptimisticRead.getString(db, key, key.length, false);
    if (r != OptimisticRead.LOCKED) {
      return (byte[]) r;
    }
    return read(key, LocalStringOperations::bytes);
  }

  /**
   * {@inheritDoc}
   *
   * <p>As {@link #get(byte[])}, without encoding the key into a new array: an ASCII key is
   * hashed and compared from its chars for the lock-free read (another key is encoded).
   */
  @Override
  public @Nullable String get(String key) {
    Object r = OptimisticRead.getString(db, key);
    if (r != OptimisticRead.LOCKED) {
      return (String) r;
    }
    byte[] b = utf8(key); // not ASCII, or a write in the way: by the bytes, then the lock
    r = OptimisticRead.getString(db, b, b.length, true);
    if (r != OptimisticRead.LOCKED) {
      return (String) r;
    }
    byte[] v = read(b, LocalStringOperations::bytes);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  @Override
  public long strlen(byte[] key) {
    return read(key, v -> v == null ? 0L : StringType.length(v));
  }

  @Override
  public byte[] getRange(byte[] key, long start, long end) {
    return read(key, v -> v == null ? new byte[0] : StringType.getRange(v, start, end));
  }

  @Override
  public List<byte @Nullable []> mget(byte[]... keys) {
    requireArgument(keys.length > 0, "mget needs at least one key");
    List<byte @Nullable []> out = new ArrayList<>(keys.length);
    onKeys(keys, (locks, now) -> {
      for (byte[] key : keys) {
        Object v = StringType.lookupValue(locks.key(key, now));
        out.add(StringType.isString(v) ? bytes(v) : null);
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  // ------------------------------------------------------------------ SET family

  @Override public void set(byte[] key, byte[] value) { set(key, value, SetOptions.defaults()); }

  /**
   * {@inheritDoc}
   *
   * <p>The hot typed write: {@link #set(byte[], byte[], SetOptions)} without options, with
   * the write's bracket inline (no operation object), an integer value read from the chars
   * ({@link #encode(String)}), another value's new UTF-8 array stored as it is: only the
   * key's array and the value are allocated, the propagated form only for a persistence.
   */
  @Override
  public void set(String key, String value) {
    byte[] k = utf8(key);
    Object v = encode(value);
    evict();
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try (LockedKey locked = LockedKey.lock(db, k, engine.now())) {
      StringWrites.set(locked, v, 0, 0);
    } finally {
      if (w != null) {
        w.end();
      }
    }
  }

  /**
   * {@link StringType#encode} of the UTF-8 bytes of {@code s}, an integer read from its
   * chars (no array) when they are one as Redis's string2ll accepts it
   * ({@link io.lime.internal.util.Numbers#isLong}), else the new UTF-8 array.
   */
  static Object encode(String s) {
    int n = s.length();
    if (n > 0 && n <= StringType.MAX_INT_ENCODED_CHARS) {
      int p = s.charAt(0) == '-' ? 1 : 0;
      if (p < n) {
        char first = s.charAt(p);
        boolean ok = first >= '1' && first <= '9' || n == 1 && first == '0';
        long v = 0; // accumulated negatively so that Long.MIN_VALUE is reachable
        for (int i = p; ok && i < n; i++) {
          int d = s.charAt(i) - '0';
          ok = d >= 0 && d <= 9 && v >= (Long.MIN_VALUE + d) / 10;
          v = v * 10 - d;
        }
        if (ok && (p == 1 || v != Long.MIN_VALUE)) {
          return StringType.ofLong(p == 1 ? v : -v);
        }
      }
    }
    return utf8(s);
  }

  @Override
  public boolean set(byte[] key, byte[] value, SetOptions options) {
    Object v = StringType.encode(value, 0, value.length);
    return write(key, k -> StringWrites.set(k, v, options));
  }

  @Override
  public byte @Nullable [] setAndGet(byte[] key, byte[] value, SetOptions options) {
    Object v = StringType.encode(value, 0, value.length);
    return write(key, k -> bytes(StringWrites.setGet(k, v, options)));
  }

  @Override
  public boolean setIfAbsent(byte[] key, byte[] value) {
    Object v = StringType.encode(value, 0, value.length);
    return write(key, k -> StringWrites.set(k, v, StringWrites.NX | StringWrites.AS_SETNX, 0));
  }

  @Override
  public void setEx(byte[] key, byte[] value, Duration ttl) {
    SetOptions.defaults().expireIn(ttl); // the argument check: at least one millisecond
    Object v = StringType.encode(value, 0, value.length);
    write(key, k -> {
      StringWrites.setEx(k, v, ttl);
      return null;
    });
  }

  @Override
  public byte @Nullable [] getSet(byte[] key, byte[] value) {
    Object v = StringType.encode(value, 0, value.length);
    return write(key, k -> bytes(StringWrites.setGet(k, StringType.lookupString(k), v,
        StringWrites.AS_GETSET, 0, null)));
  }

  @Override
  public byte @Nullable [] getDel(byte[] key) {
    return write(key, k -> bytes(StringWrites.getDel(k)));
  }

  @Override
  public byte @Nullable [] getEx(byte[] key, GetExOptions options) {
    return write(key, k -> bytes(StringWrites.getEx(k, options)));
  }

  @Override public void mset(byte[]... keysAndValues) { msetGeneric(keysAndValues, false); }
  @Override public boolean msetnx(byte[]... keysAndValues) { return msetGeneric(keysAndValues, true); }

  private boolean msetGeneric(byte[][] kv, boolean nx) {
    requireArgument(kv.length > 0 && kv.length % 2 == 0,
        "expected key/value pairs, got an odd or zero number of arrays", kv.length);
    byte[][] keys = new byte[kv.length / 2][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = kv[2 * i];
    }
    return write(() -> onKeys(keys, (locks, now) ->
        StringWrites.mset(db, ByteArgs.of(kv), now, nx)));
  }

  // ------------------------------------------------------------------ modifications

  @Override
  public long append(byte[] key, byte[] value) {
    long max = maxStringBytes.getAsLong();
    return write(key, k -> StringWrites.append(k, value, 0, value.length, max));
  }

  @Override
  public long setRange(byte[] key, long offset, byte[] value) {
    requireArgument(offset >= 0, Errors.STRING_OFFSET_OUT_OF_RANGE, offset);
    Objects.requireNonNull(value, "value");
    long max = maxStringBytes.getAsLong();
    return write(key, k -> StringWrites.setRange(k, offset, value, 0, value.length, max));
  }

  @Override public long incr(byte[] key) { return write(key, k -> StringType.incrBy(k, "INCR", 1)); }
  @Override public long decr(byte[] key) { return write(key, k -> StringType.incrBy(k, "DECR", 1)); }

  @Override
  public long incrBy(byte[] key, long increment) {
    return write(key, k -> StringType.incrBy(k, "INCRBY", increment));
  }

  @Override
  public long decrBy(byte[] key, long decrement) {
    Objects.requireNonNull(key, "key");
    return write(key, k -> StringType.incrBy(k, "DECRBY", decrement));
  }

  @Override
  public double incrByFloat(byte[] key, double increment) {
    Objects.requireNonNull(key, "key");
    LongDouble inc = LongDouble.asSent(increment); // as a client sends it
    byte[] text = write(key, k -> StringType.incrByFloat(k, inc));
    try {
      return Double.parseDouble(new String(text, StandardCharsets.US_ASCII));
    } catch (NumberFormatException impossible) {
      throw new NotFloatException();
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Locks {@code key} and applies {@code f} to its string value (null when absent). */
  private <T> T read(byte[] key, Function<@Nullable Object, T> f) {
    return onKey(key, k -> {
      Entry e = StringType.lookupString(k);
      return f.apply(e == null ? null : e.value());
    });
  }

  private static byte @Nullable [] bytes(@Nullable Object value) {
    return value == null ? null : StringType.toBytes(value);
  }
}
