package io.lime.internal.store;

import io.lime.ExpireCondition;
import io.lime.KeyOperations;
import io.lime.KeyType;
import io.lime.LimeException;
import io.lime.ScanResult;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.type.ExpireOps;
import io.lime.internal.type.KeyOps;
import io.lime.internal.type.KeyspaceOps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyOperations} over one database of an {@link Engine}: each method checks its Java
 * arguments, locks the keys and calls the key-level operation the commands call ({@link
 * KeyOps}, {@link ExpireOps}, {@link KeyspaceOps}), inside a {@link WriteUnit} for writes
 * (the command as a client would send it is built only when a persistence wants it and the
 * operation set no deterministic form). {@link LocalKeyValueStore} extends it.
 *
 * <p>Argument errors that Redis replies for COPY, MOVE and the EXPIRE conditions (same
 * object, DB index, incompatible conditions) are thrown as {@link IllegalArgumentException}
 * with Redis's text, as {@link KeyOperations} documents.
 */
public class LocalKeyOperations implements KeyOperations {
  private final Engine engine;
  private final int dbIndex;
  private final Database db;

  /**
   * Creates the view of database {@code dbIndex}.
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  public LocalKeyOperations(Engine engine, int dbIndex) {
    this.engine = engine;
    this.dbIndex = dbIndex;
    this.db = target(engine, dbIndex);
  }

  @Override
  public int database() {
    return dbIndex;
  }

  @Override
  public long delete(byte[]... keys) {
    return write(keys, KeyOps::delete, "DEL");
  }

  @Override
  public long delete(String... keys) {
    return delete(utf8(keys));
  }

  @Override
  public long unlink(byte[]... keys) {
    return write(keys, KeyOps::delete, "UNLINK");
  }

  @Override
  public long unlink(String... keys) {
    return unlink(utf8(keys));
  }

  @Override
  public boolean exists(byte[] key) {
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return KeyOps.exists(k);
    }
  }

  @Override
  public boolean exists(String key) {
    return exists(utf8(key));
  }

  @Override
  public long countExisting(byte[]... keys) {
    return eachKey(keys, KeyOps::exists);
  }

  @Override
  public long countExisting(String... keys) {
    return countExisting(utf8(keys));
  }

  @Override
  public long touch(byte[]... keys) {
    return eachKey(keys, KeyOps::touch);
  }

  @Override
  public long touch(String... keys) {
    return touch(utf8(keys));
  }

  /** DEL and UNLINK: {@link #eachKey} as a write, propagated as {@code command keys...}. */
  private long write(byte[][] keys, Predicate<LockedKey> op, String command) {
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try {
      return eachKey(keys, op);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of(command, keys));
      }
    }
  }

  /** Runs {@code op} on each key, all their shards locked together; counts the trues. */
  private long eachKey(byte[][] keys, Predicate<LockedKey> op) {
    long n = 0;
    long now = engine.now();
    try (KeyLocks locks = KeyLocks.of(db, keys)) {
      for (byte[] k : keys) {
        n += op.test(locks.key(k, now)) ? 1 : 0;
      }
    }
    return n;
  }

  @Override
  public KeyType type(byte[] key) {
    String name;
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      name = KeyOps.type(k);
    }
    KeyType t = KeyType.fromRedisName(name);
    if (t == null) {
      throw new IllegalStateException("unknown type name " + name);
    }
    return t;
  }

  @Override
  public KeyType type(String key) {
    return type(utf8(key));
  }

  @Override
  public void rename(byte[] key, byte[] newKey) {
    rename(key, newKey, false, "RENAME");
  }

  @Override
  public void rename(String key, String newKey) {
    rename(utf8(key), utf8(newKey));
  }

  @Override
  public boolean renameNx(byte[] key, byte[] newKey) {
    return rename(key, newKey, true, "RENAMENX") == KeyOps.DONE;
  }

  @Override
  public boolean renameNx(String key, String newKey) {
    return renameNx(utf8(key), utf8(newKey));
  }

  private int rename(byte[] key, byte[] newKey, boolean nx, String command) {
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try (KeyLocks locks = KeyLocks.of(db, key, newKey)) {
      long now = engine.now();
      return KeyOps.rename(locks.key(key, now), locks.key(newKey, now), nx);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of(command, key, newKey));
      }
    }
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
    Database to = target(engine, targetDb);
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try (KeyLocks locks = KeyLocks.of(db, source, 0, source.length, to, destination, 0,
        destination.length)) {
      long now = engine.now();
      return KeyOps.copy(LockedKey.within(db, source, 0, source.length, now),
          LockedKey.within(to, destination, 0, destination.length, now), replace) == KeyOps.DONE;
    } catch (LimeException sameObject) {
      throw new IllegalArgumentException(sameObject.getMessage(), sameObject);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of("COPY", source, destination,
            targetDb == dbIndex ? List.of() : List.of("DB", targetDb),
            replace ? List.of("REPLACE") : List.of()));
      }
    }
  }

  @Override
  public boolean copy(String source, String destination, int targetDb, boolean replace) {
    return copy(utf8(source), utf8(destination), targetDb, replace);
  }

  @Override
  public boolean move(byte[] key, int targetDb) {
    Database to = target(engine, targetDb);
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try (KeyLocks locks = KeyLocks.of(db, key, 0, key.length, to, key, 0, key.length)) {
      long now = engine.now();
      return KeyOps.move(LockedKey.within(db, key, 0, key.length, now),
          LockedKey.within(to, key, 0, key.length, now)) == KeyOps.DONE;
    } catch (LimeException sameObject) {
      throw new IllegalArgumentException(sameObject.getMessage(), sameObject);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of("MOVE", key, targetDb));
      }
    }
  }

  @Override
  public boolean move(String key, int targetDb) {
    return move(utf8(key), targetDb);
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
    return expireAt(key, now + ms, now, conditions);
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
    return expireAt(key, at, engine.now(), conditions);
  }

  @Override
  public boolean expireAt(String key, Instant deadline, ExpireCondition... conditions) {
    return expireAt(utf8(key), deadline, conditions);
  }

  /** PEXPIREAT with conditions (the operation propagates it as PEXPIREAT or DEL). */
  private boolean expireAt(byte[] key, long at, long now, ExpireCondition[] conditions) {
    int flags = flags(conditions);
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try (LockedKey k = LockedKey.lock(db, key, now)) {
      return ExpireOps.expire(k, at, flags);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of("PEXPIREAT", key, at, Stream.of(conditions).map(Enum::name).toList()));
      }
    }
  }

  /** Condition flags for {@link ExpireOps#expire}, validated as Redis's EXPIRE options. */
  static int flags(ExpireCondition... conditions) {
    int flags = 0;
    for (ExpireCondition c : conditions) {
      flags |= switch (c) {
        case NX -> ExpireOps.NX;
        case XX -> ExpireOps.XX;
        case GT -> ExpireOps.GT;
        case LT -> ExpireOps.LT;
      };
    }
    String conflict = ExpireOps.conditionConflict(flags);
    if (conflict != null) {
      throw new IllegalArgumentException(conflict);
    }
    return flags;
  }

  @Override
  public long ttl(byte[] key) {
    return ExpireOps.roundToSeconds(pttl(key));
  }

  @Override
  public long ttl(String key) {
    return ttl(utf8(key));
  }

  @Override
  public long pttl(byte[] key) {
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return ExpireOps.pttl(k);
    }
  }

  @Override
  public long pttl(String key) {
    return pttl(utf8(key));
  }

  @Override
  public Optional<Instant> expireTime(byte[] key) {
    long at;
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      at = ExpireOps.pexpireTime(k);
    }
    return at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
  }

  @Override
  public Optional<Instant> expireTime(String key) {
    return expireTime(utf8(key));
  }

  @Override
  public boolean persist(byte[] key) {
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return ExpireOps.persist(k);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of("PERSIST", key));
      }
    }
  }

  @Override
  public boolean persist(String key) {
    return persist(utf8(key));
  }

  @Override
  public List<byte[]> keys(byte[] pattern) {
    return KeyspaceOps.keys(db, pattern, 0, pattern.length, engine.now());
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
    long next = KeyspaceOps.scan(db, cursor, p, 0, p == null ? 0 : p.length, count,
        type == null ? null : type.redisName(), engine.now(), out);
    return new ScanResult(next, out);
  }

  @Override
  public byte @Nullable [] randomKey() {
    return KeyspaceOps.randomKey(db, engine.now());
  }

  @Override
  public long dbSize() {
    return db.size();
  }

  @Override
  public void flushDb() {
    WriteUnit w = WriteUnit.begin(engine, dbIndex);
    try {
      KeyspaceOps.flush(db);
    } finally {
      if (w != null) {
        w.end(() -> Argvs.of("FLUSHDB"));
      }
    }
  }

  /** Database {@code index} of {@code engine}; an argument error when out of range. */
  private static Database target(Engine engine, int index) {
    Database d = KeyspaceOps.database(engine, index);
    if (d == null) {
      throw new IllegalArgumentException(Errors.DB_INDEX_OUT_OF_RANGE + ": " + index);
    }
    return d;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[][] utf8(String[] keys) {
    byte[][] out = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      out[i] = utf8(keys[i]);
    }
    return out;
  }
}
