package io.lime.internal.store;

import io.lime.ExpireCondition;
import io.lime.KeyOperations;
import io.lime.KeyType;
import io.lime.ScanResult;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.DumpOps;
import io.lime.internal.type.ExpireOps;
import io.lime.internal.type.KeyOps;
import io.lime.internal.type.KeyspaceOps;
import io.lime.internal.type.SortType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyOperations} over one database of an {@link Engine}, on the key-level operations
 * the commands call ({@link KeyOps}, {@link ExpireOps}, {@link KeyspaceOps}; the shape is
 * {@link LocalDoor}'s). {@link LocalStringOperations} extends it, and the store extends that.
 *
 * <p>Argument errors that Redis replies for COPY, MOVE and the EXPIRE conditions (same
 * object, DB index, incompatible conditions) are thrown as {@link IllegalArgumentException}
 * with Redis's text, as {@link KeyOperations} documents.
 */
public class LocalKeyOperations extends LocalDoor implements KeyOperations {
  /**
   * Creates the view of database {@code dbIndex}.
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  public LocalKeyOperations(Engine engine, int dbIndex) {
    super(engine, dbIndex);
  }

  @Override public int database() { return db.index(); }

  @Override public long delete(byte[]... keys) { return delete(keys, false); }
  @Override public long unlink(byte[]... keys) { return delete(keys, true); }

  private long delete(byte[][] keys, boolean unlink) {
    return write(() -> onKeys(keys, (locks, now) -> KeyOps.delete(locks, keys, now, unlink)));
  }

  @Override public boolean exists(byte[] key) { return onKey(key, KeyOps::exists); }
  @Override public long countExisting(byte[]... keys) { return eachKey(keys, KeyOps::exists); }
  @Override public long touch(byte[]... keys) { return eachKey(keys, KeyOps::touch); }

  /** Runs {@code op} on each key, all their shards locked together; counts the trues. */
  private long eachKey(byte[][] keys, Predicate<LockedKey> op) {
    return onKeys(keys, (locks, now) -> {
      long n = 0;
      for (byte[] k : keys) {
        n += op.test(locks.key(k, now)) ? 1 : 0;
      }
      return n;
    });
  }

  @Override
  public KeyType type(byte[] key) {
    String name = onKey(key, KeyOps::type);
    KeyType t = KeyType.fromRedisName(name);
    return t == null ? KeyType.CUSTOM : t; // a custom type: TYPE replies its own name
  }

  @Override public void rename(byte[] key, byte[] newKey) { rename(key, newKey, false); }

  @Override
  public boolean renameNx(byte[] key, byte[] newKey) {
    return rename(key, newKey, true) == KeyOps.DONE;
  }

  private int rename(byte[] key, byte[] newKey, boolean nx) {
    return write(() -> onKeys(new byte[][] {key, newKey},
        (locks, now) -> KeyOps.rename(locks.key(key, now), locks.key(newKey, now), nx)));
  }

  @Override
  public boolean copy(byte[] source, byte[] destination, boolean replace) {
    return copy(source, destination, db.index(), replace);
  }

  @Override
  public boolean copy(byte[] source, byte[] destination, int targetDb, boolean replace) {
    Database to = database(engine, targetDb);
    return write(() -> between(to, source, destination,
        (src, dst) -> KeyOps.copy(src, dst, replace)) == KeyOps.DONE);
  }

  @Override
  public boolean move(byte[] key, int targetDb) {
    Database to = database(engine, targetDb);
    return write(() -> between(to, key, key, KeyOps::move) == KeyOps.DONE);
  }

  /** COPY and MOVE: {@code op} on {@code a} here and {@code b} in {@code to}, both locked. */
  private int between(Database to, byte[] a, byte[] b,
      java.util.function.ToIntBiFunction<LockedKey, LockedKey> op) {
    return argumentErrors(() -> KeyOps.between(db, a, 0, a.length, to, b, 0, b.length,
        engine.now(), op), error -> true);
  }

  @Override
  public boolean expire(byte[] key, Duration ttl, ExpireCondition... conditions) {
    return write(key, k -> ExpireOps.expire(k, ttl, conditions));
  }

  @Override
  public boolean expireAt(byte[] key, Instant deadline, ExpireCondition... conditions) {
    return write(key, k -> ExpireOps.expire(k, deadline, conditions));
  }

  @Override public long ttl(byte[] key) { return ExpireOps.roundToSeconds(pttl(key)); }
  @Override public long pttl(byte[] key) { return onKey(key, ExpireOps::pttl); }

  @Override
  public Optional<Instant> expireTime(byte[] key) {
    long at = onKey(key, ExpireOps::pexpireTime);
    return at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
  }

  @Override public boolean persist(byte[] key) { return write(key, ExpireOps::persist); }

  @Override
  public List<byte[]> keys(byte[] pattern) {
    return KeyspaceOps.keys(db, pattern, 0, pattern.length, engine.now());
  }

  @Override
  public ScanResult scan(long cursor, @Nullable String match, long count, @Nullable KeyType type) {
    requireArgument(count >= 1, "count must be at least 1", count);
    List<byte[]> out = new ArrayList<>();
    byte[] p = match == null ? null : utf8(match);
    long next = KeyspaceOps.scan(db, cursor, p, 0, p == null ? 0 : p.length, count,
        type == null ? null : type.redisName(), engine.now(), out);
    return new ScanResult(next, out);
  }

  @Override public byte @Nullable [] randomKey() { return KeyspaceOps.randomKey(db, engine.now()); }
  @Override public long dbSize() { return db.size(); }

  @Override
  public void flushDb() {
    write(() -> KeyspaceOps.flush(db));
  }

  @Override public String toString() { return getClass().getSimpleName() + "[db " + db.index() + "]"; }

  // ------------------------------------------------------------------ SORT, DUMP, RESTORE

  @Override
  public List<byte @Nullable []> sort(byte[] key, io.lime.SortOptions options) {
    return sortGeneric(key, spec(options), null);
  }

  @Override
  public long sortStore(byte[] key, io.lime.SortOptions options, byte[] destination) {
    Objects.requireNonNull(destination, "destination");
    return write(() -> sortGeneric(key, spec(options), destination).size());
  }

  private static SortType.Spec spec(io.lime.SortOptions o) {
    return new SortType.Spec(o.descending(), o.alpha(), o.offset(), o.count(), o.by(), o.gets());
  }

  /** SORT, stored when {@code destination} is not null; Redis's errors as argument errors. */
  private List<byte @Nullable []> sortGeneric(byte[] key, SortType.Spec spec,
      byte @Nullable [] destination) {
    Objects.requireNonNull(key, "key");
    return argumentErrors(() -> SortType.sort(db, key, destination, spec, null, engine.now()),
        error -> true);
  }

  @Override
  public byte @Nullable [] dump(byte[] key) {
    Objects.requireNonNull(key, "key");
    return onKey(key, k -> DumpOps.dump(k, true));
  }

  @Override
  public void restore(byte[] key, byte[] payload, long ttlMillis, boolean replace) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    DumpOps.Restore o = new DumpOps.Restore(ttlMillis, false, replace, -1, -1, false);
    argumentErrors(() -> write(key, k -> {
      DumpOps.restore(k, o, payload, 0, payload.length);
      return null;
    }), error -> !Errors.BUSYKEY.equals(error));
  }
}
