package io.lime.internal.store;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.GetExOptions;
import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.SetOptions;
import io.lime.StringOperations;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import io.lime.internal.util.LongDouble;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link StringOperations} over one database of an {@link Engine}, calling {@link StringType}
 * (the type layer the commands use) with the caller's key arrays: no argv, no RESP.
 *
 * <p>Concurrency: each call locks the shard of its key (the shards of all its keys, in
 * ascending order, for the multi-key calls) for its whole duration, so calls are atomic with
 * respect to each other and to commands.
 */
public final class LocalStringOperations implements StringOperations {
  private final Engine engine;
  private final Database db;
  private final LongSupplier maxStringBytes;

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
    if (dbIndex < 0 || dbIndex >= engine.databaseCount()) {
      throw new IllegalArgumentException("ERR DB index is out of range: " + dbIndex);
    }
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.maxStringBytes = maxStringBytes;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public byte @Nullable [] get(byte[] key) {
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = StringType.lookupString(s, key, 0, key.length, h, engine.now());
      return e == null ? null : StringType.toBytes(e.value());
    } finally {
      s.unlock();
    }
  }

  @Override
  public @Nullable String get(String key) {
    return str(get(utf8(key)));
  }

  @Override
  public List<byte @Nullable []> mget(byte[]... keys) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("mget needs at least one key");
    }
    List<byte @Nullable []> out = new ArrayList<>(keys.length);
    long now = engine.now();
    long mask = lockKeys(keys, 1);
    try {
      for (byte[] k : keys) {
        int h = Hashing.hash(k);
        Entry e = StringType.lookup(db.shard(h), k, 0, k.length, h, now);
        out.add(e != null && StringType.isString(e.value()) ? StringType.toBytes(e.value()) : null);
      }
    } finally {
      db.unlock(mask);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<@Nullable String> mget(String... keys) {
    List<byte @Nullable []> raw = mget(utf8(keys));
    List<@Nullable String> out = new ArrayList<>(raw.size());
    for (byte[] b : raw) {
      out.add(str(b));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public long strlen(byte[] key) {
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = StringType.lookupString(s, key, 0, key.length, h, engine.now());
      return e == null ? 0 : StringType.length(e.value());
    } finally {
      s.unlock();
    }
  }

  @Override
  public long strlen(String key) {
    return strlen(utf8(key));
  }

  @Override
  public byte[] getRange(byte[] key, long start, long end) {
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = StringType.lookupString(s, key, 0, key.length, h, engine.now());
      return e == null ? new byte[0] : StringType.getRange(e.value(), start, end);
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ SET family

  @Override
  public void set(byte[] key, byte[] value) {
    set(key, value, SetOptions.defaults());
  }

  @Override
  public void set(String key, String value) {
    set(utf8(key), utf8(value));
  }

  @Override
  public boolean set(byte[] key, byte[] value, SetOptions options) {
    Object v = StringType.encode(value, 0, value.length);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    long deadline = 0;
    try {
      long now = engine.now();
      deadline = deadline(options, now);
      int h = Hashing.hash(key);
      Shard s = db.shard(h);
      s.lock();
      try {
        return StringType.set(s, key, 0, key.length, h, now, v, flags(options), deadline);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end(setForm(key, value, options, deadline));
      }
    }
  }

  @Override
  public boolean set(String key, String value, SetOptions options) {
    return set(utf8(key), utf8(value), options);
  }

  @Override
  public byte @Nullable [] setAndGet(byte[] key, byte[] value, SetOptions options) {
    Object v = StringType.encode(value, 0, value.length);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    long deadline = 0;
    try {
      long now = engine.now();
      deadline = deadline(options, now);
      int h = Hashing.hash(key);
      Shard s = db.shard(h);
      s.lock();
      try {
        Object old = StringType.setGet(s, key, 0, key.length, h, now, v, flags(options),
            deadline);
        return old == null ? null : StringType.toBytes(old);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) { // as SET: Redis propagates it without GET
        w.end(setForm(key, value, options, deadline));
      }
    }
  }

  @Override
  public @Nullable String setAndGet(String key, String value, SetOptions options) {
    return str(setAndGet(utf8(key), utf8(value), options));
  }

  @Override
  public boolean setIfAbsent(byte[] key, byte[] value) {
    Object v = StringType.encode(value, 0, value.length);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      long now = engine.now();
      int h = Hashing.hash(key);
      Shard s = db.shard(h);
      s.lock();
      try {
        return StringType.set(s, key, 0, key.length, h, now, v, StringType.SET_NX, 0);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end("SETNX", key, value);
      }
    }
  }

  @Override
  public boolean setIfAbsent(String key, String value) {
    return setIfAbsent(utf8(key), utf8(value));
  }

  @Override
  public void setEx(byte[] key, byte[] value, Duration ttl) {
    set(key, value, SetOptions.defaults().expireIn(ttl));
  }

  @Override
  public void setEx(String key, String value, Duration ttl) {
    setEx(utf8(key), utf8(value), ttl);
  }

  @Override
  public byte @Nullable [] getSet(byte[] key, byte[] value) {
    Object v = StringType.encode(value, 0, value.length);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    try {
      s.lock();
      try {
        Object old = StringType.getSet(s, key, 0, key.length, h, engine.now(), v);
        return old == null ? null : StringType.toBytes(old);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end("GETSET", key, value);
      }
    }
  }

  @Override
  public @Nullable String getSet(String key, String value) {
    return str(getSet(utf8(key), utf8(value)));
  }

  @Override
  public byte @Nullable [] getDel(byte[] key) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    try {
      s.lock();
      try {
        Object old = StringType.getDel(s, key, 0, key.length, h, engine.now());
        return old == null ? null : StringType.toBytes(old);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) { // Redis propagates GETDEL as DEL
        w.end("DEL", key);
      }
    }
  }

  @Override
  public @Nullable String getDel(String key) {
    return str(getDel(utf8(key)));
  }

  @Override
  public byte @Nullable [] getEx(byte[] key, GetExOptions options) {
    Objects.requireNonNull(options, "options");
    long now = engine.now();
    int mode;
    long deadline = 0;
    switch (options.mode()) {
      case PERSIST -> mode = StringType.GETEX_PERSIST;
      case EXPIRE_IN -> {
        mode = StringType.GETEX_EXPIRE;
        deadline = relativeDeadline(Objects.requireNonNull(options.ttl()), now, "getex");
      }
      default -> {
        mode = StringType.GETEX_EXPIRE_AT;
        deadline = absoluteDeadline(Objects.requireNonNull(options.deadline()), "getex");
      }
    }
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      s.lock();
      try {
        Entry e = StringType.lookupString(s, key, 0, key.length, h, now);
        if (e == null) {
          return null;
        }
        byte[] value = StringType.toBytes(e.value());
        StringType.applyGetEx(s, e, now, mode, deadline);
        return value;
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) { // as Redis: PEXPIREAT, PERSIST, or DEL for a deadline in the past
        w.endWith(w.changed() ? TypedWrite.expiryForm(db, key) : null);
      }
    }
  }

  @Override
  public @Nullable String getEx(String key, GetExOptions options) {
    return str(getEx(utf8(key), options));
  }

  @Override
  public void mset(byte[]... keysAndValues) {
    msetGeneric(keysAndValues, false);
  }

  @Override
  public void mset(Map<String, String> entries) {
    mset(pairs(entries));
  }

  @Override
  public boolean msetnx(byte[]... keysAndValues) {
    return msetGeneric(keysAndValues, true);
  }

  @Override
  public boolean msetnx(Map<String, String> entries) {
    return msetnx(pairs(entries));
  }

  /** MSET/MSETNX (Redis's msetGenericCommand): all shards locked for atomicity. */
  private boolean msetGeneric(byte[][] kv, boolean nx) {
    if (kv.length == 0 || kv.length % 2 != 0) {
      throw new IllegalArgumentException("expected key/value pairs, got " + kv.length + " arrays");
    }
    Object[] values = new Object[kv.length / 2];
    for (int i = 1; i < kv.length; i += 2) {
      values[i / 2] = StringType.encode(kv[i], 0, kv[i].length);
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return msetLocked(kv, values, nx);
    } finally {
      if (w != null) {
        w.end(nx ? "MSETNX" : "MSET", kv);
      }
    }
  }

  private boolean msetLocked(byte[][] kv, Object[] values, boolean nx) {
    long now = engine.now();
    long mask = lockKeys(kv, 2);
    try {
      if (nx) {
        for (int i = 0; i < kv.length; i += 2) {
          int h = Hashing.hash(kv[i]);
          if (StringType.lookup(db.shard(h), kv[i], 0, kv[i].length, h, now) != null) {
            return false;
          }
        }
      }
      for (int i = 0; i < kv.length; i += 2) {
        int h = Hashing.hash(kv[i]);
        StringType.setKey(db.shard(h), kv[i], 0, kv[i].length, h, now, values[i / 2], false);
        KeyspaceEvents.signal(db.shard(h), NotifyFlags.STRING, "set", kv[i]);
      }
      engine.dirty(kv.length / 2);
      return true;
    } finally {
      db.unlock(mask);
    }
  }

  // ------------------------------------------------------------------ modifications

  @Override
  public long append(byte[] key, byte[] value) {
    long max = maxStringBytes.getAsLong();
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      s.lock();
      try {
        return StringType.append(s, key, 0, key.length, h, engine.now(), value, 0, value.length,
            max);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end("APPEND", key, value);
      }
    }
  }

  @Override
  public long append(String key, String value) {
    return append(utf8(key), utf8(value));
  }

  @Override
  public long setRange(byte[] key, long offset, byte[] value) {
    if (offset < 0) {
      throw new IllegalArgumentException(StringType.OFFSET_OUT_OF_RANGE + ": " + offset);
    }
    Objects.requireNonNull(value, "value");
    long max = maxStringBytes.getAsLong();
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      s.lock();
      try {
        return StringType.setRange(s, key, 0, key.length, h, engine.now(), offset, value, 0,
            value.length, max);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end("SETRANGE", key, offset, value);
      }
    }
  }

  @Override
  public long incr(byte[] key) {
    return incrGeneric(key, 1, "INCR", null);
  }

  @Override
  public long incr(String key) {
    return incr(utf8(key));
  }

  @Override
  public long decr(byte[] key) {
    return incrGeneric(key, -1, "DECR", null);
  }

  @Override
  public long decr(String key) {
    return decr(utf8(key));
  }

  @Override
  public long incrBy(byte[] key, long increment) {
    return incrGeneric(key, increment, "INCRBY", increment);
  }

  /** INCR, DECR, INCRBY and DECRBY: adds {@code delta}; propagated as {@code command}. */
  private long incrGeneric(byte[] key, long delta, String command, @Nullable Long argument) {
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return StringType.incrBy(k, delta);
    } finally {
      if (w != null) {
        w.end(() -> argument == null ? Argvs.of(command, key) : Argvs.of(command, key, argument));
      }
    }
  }

  @Override
  public long incrBy(String key, long increment) {
    return incrBy(utf8(key), increment);
  }

  @Override
  public long decrBy(byte[] key, long decrement) {
    Objects.requireNonNull(key, "key");
    return incrGeneric(key, StringType.negateDecrement(decrement), "DECRBY", decrement);
  }

  @Override
  public long decrBy(String key, long decrement) {
    return decrBy(utf8(key), decrement);
  }

  @Override
  public double incrByFloat(byte[] key, double increment) {
    Objects.requireNonNull(key, "key");
    // the increment as a client would send it: its shortest decimal text, which Redis then
    // parses as a long double (so 0.1 adds the long double nearest 0.1, not the double)
    LongDouble inc = Double.isNaN(increment) ? null
        : Double.isInfinite(increment) ? LongDouble.of(increment)
        : LongDouble.parse(Double.toString(increment).getBytes(StandardCharsets.US_ASCII));
    int h = Hashing.hash(key);
    Shard s = db.shard(h);
    byte[] text = null;
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      s.lock();
      try {
        text = StringType.incrByFloat(s, key, 0, key.length, h, engine.now(), inc);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) { // Redis propagates INCRBYFLOAT as SET key result KEEPTTL
        if (text != null) {
          w.end("SET", key, text, "KEEPTTL");
        } else {
          w.end();
        }
      }
    }
    try {
      return Double.parseDouble(new String(text, StandardCharsets.US_ASCII));
    } catch (NumberFormatException impossible) {
      throw new NotFloatException();
    }
  }

  @Override
  public double incrByFloat(String key, double increment) {
    return incrByFloat(utf8(key), increment);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * SET as Redis propagates it: with an expiry, {@code SET key value PXAT deadline} (any of
   * EX/PX/EXAT/PXAT, conditions dropped); otherwise the options as given (never GET).
   */
  private static Object[] setForm(byte[] key, byte[] value, SetOptions o, long deadline) {
    return switch (o.expiryMode()) {
      case RELATIVE, ABSOLUTE -> new Object[] {"SET", key, value, "PXAT", deadline};
      default -> {
        List<Object> parts = new ArrayList<>(5);
        parts.add("SET");
        parts.add(key);
        parts.add(value);
        switch (o.condition()) {
          case IF_ABSENT -> parts.add("NX");
          case IF_PRESENT -> parts.add("XX");
          default -> { }
        }
        if (o.expiryMode() == SetOptions.ExpiryMode.KEEP) {
          parts.add("KEEPTTL");
        }
        yield parts.toArray();
      }
    };
  }

  private static int flags(SetOptions o) {
    int f = switch (o.condition()) {
      case IF_ABSENT -> StringType.SET_NX;
      case IF_PRESENT -> StringType.SET_XX;
      case ALWAYS -> 0;
    };
    return f | switch (o.expiryMode()) {
      case KEEP -> StringType.SET_KEEPTTL;
      case RELATIVE, ABSOLUTE -> StringType.SET_EXPIRE;
      case CLEAR -> 0;
    };
  }

  private static long deadline(SetOptions o, long now) {
    return switch (o.expiryMode()) {
      case RELATIVE -> relativeDeadline(Objects.requireNonNull(o.ttl()), now, "set");
      case ABSOLUTE -> absoluteDeadline(Objects.requireNonNull(o.deadline()), "set");
      default -> 0;
    };
  }

  /** now + ttl in ms; Redis's "invalid expire time" when it overflows. */
  private static long relativeDeadline(Duration ttl, long now, String command) {
    try {
      return Math.addExact(now, ttl.toMillis());
    } catch (ArithmeticException overflow) {
      throw new LimeException("ERR invalid expire time in '" + command + "' command");
    }
  }

  private static long absoluteDeadline(Instant at, String command) {
    try {
      return at.toEpochMilli();
    } catch (ArithmeticException overflow) {
      throw new LimeException("ERR invalid expire time in '" + command + "' command");
    }
  }

  /** Locks the shards of keys[0], keys[step], ...; returns the mask. */
  private long lockKeys(byte[][] keys, int step) {
    long mask = 0;
    for (int i = 0; i < keys.length; i += step) {
      mask |= 1L << db.shardIndex(Hashing.hash(keys[i]));
    }
    db.lockMask(mask);
    return mask;
  }

  private static byte[][] pairs(Map<String, String> entries) {
    byte[][] kv = new byte[entries.size() * 2][];
    int i = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      kv[i++] = utf8(e.getKey());
      kv[i++] = utf8(e.getValue());
    }
    return kv;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] utf8(String[] keys) {
    byte[][] out = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      out[i] = utf8(keys[i]);
    }
    return out;
  }

  private static @Nullable String str(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "LocalStringOperations[db " + db.index() + "]";
  }
}
