package io.lime.internal.store;

import io.lime.ExpireCondition;
import io.lime.KeyOperations;
import io.lime.KeyType;
import io.lime.LimeException;
import io.lime.ScanResult;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Hashing;
import io.lime.internal.type.KeyOps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyOperations} over one database of an {@link Engine}, through {@link KeyOps} (the
 * same type layer the commands use). Writes count in the engine's change counter as the
 * equivalent commands do.
 */
public final class LocalKeyOperations implements KeyOperations {
  private static final String NO_SUCH_KEY = "ERR no such key";
  private static final String SAME_OBJECT = "ERR source and destination objects are the same";
  private static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";

  private final Engine engine;
  private final int dbIndex;
  private final Database db;

  /**
   * Creates the view of database {@code dbIndex}.
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  public LocalKeyOperations(Engine engine, int dbIndex) {
    if (dbIndex < 0 || dbIndex >= engine.databaseCount()) {
      throw new IllegalArgumentException(DB_OUT_OF_RANGE + ": " + dbIndex);
    }
    this.engine = engine;
    this.dbIndex = dbIndex;
    this.db = engine.db(dbIndex);
  }

  @Override
  public int database() {
    return dbIndex;
  }

  @Override
  public long delete(byte[]... keys) {
    return deleteGeneric("DEL", keys);
  }

  /** DEL and UNLINK (the same in LIME), propagated as {@code command}. */
  private long deleteGeneric(String command, byte[][] keys) {
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      return deleteLocked(keys);
    } finally {
      if (w != null) {
        w.end(command, keys);
      }
    }
  }

  private long deleteLocked(byte[][] keys) {
    long n = 0;
    long now = engine.now();
    long mask = lockAll(keys);
    try {
      for (byte[] k : keys) {
        if (KeyOps.delete(db, k, 0, k.length, now)) {
          n++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    engine.dirty(n);
    return n;
  }

  @Override
  public long delete(String... keys) {
    return delete(utf8(keys));
  }

  @Override
  public long unlink(byte[]... keys) {
    return deleteGeneric("UNLINK", keys);
  }

  @Override
  public long unlink(String... keys) {
    return unlink(utf8(keys));
  }

  @Override
  public boolean exists(byte[] key) {
    return KeyOps.exists(db, key, 0, key.length, engine.now());
  }

  @Override
  public boolean exists(String key) {
    return exists(utf8(key));
  }

  @Override
  public long countExisting(byte[]... keys) {
    long n = 0;
    long now = engine.now();
    long mask = lockAll(keys);
    try {
      for (byte[] k : keys) {
        if (KeyOps.exists(db, k, 0, k.length, now)) {
          n++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    return n;
  }

  @Override
  public long countExisting(String... keys) {
    return countExisting(utf8(keys));
  }

  @Override
  public KeyType type(byte[] key) {
    KeyType t = KeyType.fromRedisName(KeyOps.type(db, key, 0, key.length, engine.now()));
    if (t == null) {
      throw new IllegalStateException("unknown type name");
    }
    return t;
  }

  @Override
  public KeyType type(String key) {
    return type(utf8(key));
  }

  @Override
  public void rename(byte[] key, byte[] newKey) {
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      int r = KeyOps.rename(db, key, 0, key.length, newKey, 0, newKey.length, false,
          engine.now());
      if (r == KeyOps.RENAME_NO_SUCH_KEY) {
        throw new LimeException(NO_SUCH_KEY);
      }
      if (!java.util.Arrays.equals(key, newKey)) {
        engine.dirty(1);
      }
    } finally {
      if (w != null) {
        w.end("RENAME", key, newKey);
      }
    }
  }

  @Override
  public void rename(String key, String newKey) {
    rename(utf8(key), utf8(newKey));
  }

  @Override
  public boolean renameNx(byte[] key, byte[] newKey) {
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      int r = KeyOps.rename(db, key, 0, key.length, newKey, 0, newKey.length, true,
          engine.now());
      if (r == KeyOps.RENAME_NO_SUCH_KEY) {
        throw new LimeException(NO_SUCH_KEY);
      }
      if (r == 1) {
        engine.dirty(1);
      }
      return r == 1;
    } finally {
      if (w != null) {
        w.end("RENAMENX", key, newKey);
      }
    }
  }

  @Override
  public boolean renameNx(String key, String newKey) {
    return renameNx(utf8(key), utf8(newKey));
  }

  @Override
  public boolean copy(byte[] source, byte[] destination, boolean replace) {
    return copy(source, destination, dbIndex, replace);
  }

  @Override
  public boolean copy(String source, String destination, boolean replace) {
    return copy(utf8(source), utf8(destination), dbIndex, replace);
  }

  @Override
  public boolean copy(byte[] source, byte[] destination, int targetDb, boolean replace) {
    Database to = target(targetDb);
    if (targetDb == dbIndex && java.util.Arrays.equals(source, destination)) {
      throw new IllegalArgumentException(SAME_OBJECT);
    }
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      boolean done = KeyOps.copy(db, source, 0, source.length, to, destination, 0,
          destination.length, replace, engine.now());
      if (done) {
        engine.dirty(1);
      }
      return done;
    } finally {
      if (w != null) {
        w.end(copyForm(source, destination, targetDb, replace));
      }
    }
  }

  @Override
  public boolean copy(String source, String destination, int targetDb, boolean replace) {
    return copy(utf8(source), utf8(destination), targetDb, replace);
  }

  @Override
  public boolean move(byte[] key, int targetDb) {
    Database to = target(targetDb);
    if (targetDb == dbIndex) {
      throw new IllegalArgumentException(SAME_OBJECT);
    }
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      boolean done = KeyOps.move(db, to, key, 0, key.length, engine.now());
      if (done) {
        engine.dirty(1);
      }
      return done;
    } finally {
      if (w != null) {
        w.end("MOVE", key, targetDb);
      }
    }
  }

  @Override
  public boolean move(String key, int targetDb) {
    return move(utf8(key), targetDb);
  }

  @Override
  public long touch(byte[]... keys) {
    long n = 0;
    long now = engine.now();
    long mask = lockAll(keys);
    try {
      for (byte[] k : keys) {
        if (KeyOps.touch(db, k, 0, k.length, now)) {
          n++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    return n;
  }

  @Override
  public long touch(String... keys) {
    return touch(utf8(keys));
  }

  @Override
  public boolean expire(byte[] key, Duration ttl, ExpireCondition... conditions) {
    long ms;
    try {
      ms = ttl.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("ttl overflows 64-bit milliseconds: " + ttl, e);
    }
    long now = engine.now();
    if (ms > Long.MAX_VALUE - now) {
      throw new IllegalArgumentException("expire time overflows: " + ttl);
    }
    return expireAtMillis(key, now + ms, now, conditions);
  }

  @Override
  public boolean expire(String key, Duration ttl, ExpireCondition... conditions) {
    return expire(utf8(key), ttl, conditions);
  }

  @Override
  public boolean expireAt(byte[] key, Instant deadline, ExpireCondition... conditions) {
    long at;
    try {
      at = deadline.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("deadline overflows 64-bit milliseconds: " + deadline, e);
    }
    return expireAtMillis(key, at, engine.now(), conditions);
  }

  @Override
  public boolean expireAt(String key, Instant deadline, ExpireCondition... conditions) {
    return expireAt(utf8(key), deadline, conditions);
  }

  private boolean expireAtMillis(byte[] key, long at, long now, ExpireCondition[] conditions) {
    int flags = flags(conditions);
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      boolean done = KeyOps.expire(db, key, 0, key.length, at, flags, now);
      if (done) {
        engine.dirty(1);
      }
      return done;
    } finally {
      if (w != null) { // Redis: PEXPIREAT key ms, or DEL when the deadline had passed
        w.endWith(w.changed() ? TypedWrite.expiryForm(db, key) : null);
      }
    }
  }

  /** Condition flags for {@link KeyOps#expire}, validated as Redis's EXPIRE options. */
  static int flags(ExpireCondition... conditions) {
    int flags = 0;
    for (ExpireCondition c : conditions) {
      flags |= switch (c) {
        case NX -> KeyOps.EXPIRE_NX;
        case XX -> KeyOps.EXPIRE_XX;
        case GT -> KeyOps.EXPIRE_GT;
        case LT -> KeyOps.EXPIRE_LT;
      };
    }
    if ((flags & KeyOps.EXPIRE_NX) != 0 && flags != KeyOps.EXPIRE_NX) {
      throw new IllegalArgumentException(
          "ERR NX and XX, GT or LT options at the same time are not compatible");
    }
    if ((flags & KeyOps.EXPIRE_GT) != 0 && (flags & KeyOps.EXPIRE_LT) != 0) {
      throw new IllegalArgumentException("ERR GT and LT options at the same time are not compatible");
    }
    return flags;
  }

  @Override
  public long ttl(byte[] key) {
    long ms = pttl(key);
    return ms < 0 ? ms : KeyOps.roundToSeconds(ms);
  }

  @Override
  public long ttl(String key) {
    return ttl(utf8(key));
  }

  @Override
  public long pttl(byte[] key) {
    return KeyOps.pttl(db, key, 0, key.length, engine.now());
  }

  @Override
  public long pttl(String key) {
    return pttl(utf8(key));
  }

  @Override
  public Optional<Instant> expireTime(byte[] key) {
    long at = KeyOps.pexpireTime(db, key, 0, key.length, engine.now());
    return at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
  }

  @Override
  public Optional<Instant> expireTime(String key) {
    return expireTime(utf8(key));
  }

  @Override
  public boolean persist(byte[] key) {
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      boolean done = KeyOps.persist(db, key, 0, key.length, engine.now());
      if (done) {
        engine.dirty(1);
      }
      return done;
    } finally {
      if (w != null) {
        w.end("PERSIST", key);
      }
    }
  }

  @Override
  public boolean persist(String key) {
    return persist(utf8(key));
  }

  @Override
  public List<byte[]> keys(byte[] pattern) {
    return KeyOps.keys(db, pattern, 0, pattern.length, engine.now());
  }

  @Override
  public List<String> keys(String pattern) {
    List<byte[]> raw = keys(utf8(pattern));
    List<String> out = new ArrayList<>(raw.size());
    for (byte[] k : raw) {
      out.add(new String(k, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public ScanResult scan(long cursor) {
    return scan(cursor, null, 10, null);
  }

  @Override
  public ScanResult scan(long cursor, @Nullable String match, long count, @Nullable KeyType type) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    List<byte[]> out = new ArrayList<>();
    byte[] p = match == null ? null : utf8(match);
    long next = KeyOps.scan(db, cursor, p, 0, p == null ? 0 : p.length, count,
        type == null ? null : type.redisName(), engine.now(), out);
    return new ScanResult(next, out);
  }

  @Override
  public byte @Nullable [] randomKey() {
    return KeyOps.randomKey(db, engine.now());
  }

  @Override
  public long dbSize() {
    return db.size();
  }

  @Override
  public void flushDb() {
    TypedWrite w = TypedWrite.begin(engine, dbIndex);
    try {
      engine.dirty(KeyOps.flush(db));
    } finally {
      if (w != null) { // always propagated, as Redis (forceCommandPropagation)
        w.endForced("FLUSHDB");
      }
    }
  }

  /** COPY as a client sends it: {@code DB n} only for another database. */
  private Object[] copyForm(byte[] source, byte[] destination, int targetDb, boolean replace) {
    List<Object> parts = new ArrayList<>(6);
    parts.add("COPY");
    parts.add(source);
    parts.add(destination);
    if (targetDb != dbIndex) {
      parts.add("DB");
      parts.add(targetDb);
    }
    if (replace) {
      parts.add("REPLACE");
    }
    return parts.toArray();
  }

  private Database target(int targetDb) {
    if (targetDb < 0 || targetDb >= engine.databaseCount()) {
      throw new IllegalArgumentException(DB_OUT_OF_RANGE + ": " + targetDb);
    }
    return engine.db(targetDb);
  }

  private long lockAll(byte[][] keys) {
    long mask = 0;
    for (byte[] k : keys) {
      mask |= 1L << db.shardIndex(Hashing.hash(k));
    }
    db.lockMask(mask);
    return mask;
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
}
