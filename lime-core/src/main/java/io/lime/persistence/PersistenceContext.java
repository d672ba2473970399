package io.lime.persistence;

import java.io.IOException;

/**
 * The engine as a {@link Persistence} sees it. Thread-safe.
 */
public interface PersistenceContext {

  /** Number of databases. */
  int databaseCount();

  /** Now, in Unix milliseconds, from the store's ticker. */
  long now();

  /**
   * Changes since start or the last save (Redis's {@code server.dirty}): every write
   * command adds the number of keys it changed.
   */
  long dirty();

  /** Subtracts {@code n} (the value of {@link #dirty()} read when a snapshot began). */
  void clearDirty(long n);

  /**
   * Streams every live key to {@code visitor}.
   *
   * <p><b>Consistency.</b> Each shard is locked while its keys are visited, so every shard
   * (a hash-partition of one database) is captured at one instant, other shards keep serving
   * commands meanwhile. Across shards the snapshot is not a single point in time: a
   * multi-key command (RENAME, SMOVE, MULTI/EXEC) touching two shards may appear half
   * applied if it ran between their visits. Pauses are bounded by the time to visit one
   * shard (a database's keys divided by its shard count).
   *
   * @throws IOException thrown by the visitor; the stream stops
   */
  void snapshot(SnapshotVisitor visitor) throws IOException;

  /**
   * Inserts a loaded key (during {@link Persistence#open}, before any command runs),
   * replacing an existing one. A key whose expiry has passed is still inserted (Redis loads
   * it and expires it on access).
   *
   * @param value an engine value object produced by a LIME codec
   * @param expireAtMillis absolute Unix milliseconds, or -1 for none
   */
  void restore(int db, byte[] key, Object value, long expireAtMillis);

  /**
   * Inserts a loaded key given as plain data (a plug-in's own format: see {@link
   * StoredValue}), as {@link #restore(int, byte[], Object, long)}; the value is encoded as the
   * engine's thresholds say. An empty collection is not stored (as Redis).
   *
   * @throws IllegalArgumentException for a duplicate set member, hash field or sorted set
   *     member, a NaN score, or a custom type that is not registered or cannot decode it
   */
  void restore(int db, byte[] key, StoredValue value, long expireAtMillis);

  /** Removes every key of every database (before loading a replacement, as DEBUG RELOAD). */
  void flushAll();
}
