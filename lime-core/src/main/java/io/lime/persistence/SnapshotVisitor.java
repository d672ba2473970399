package io.lime.persistence;

import java.io.IOException;

/**
 * Receives a snapshot from {@link PersistenceContext#snapshot(SnapshotVisitor)}: databases in
 * ascending order, each announced by {@link #beginDatabase} and followed by its keys, shard
 * by shard, each shard closed by {@link #endShard()}.
 *
 * <p>{@link #entry} runs while the key's shard lock is held: it must serialize or copy the
 * value there (collection values are mutable and change once the lock is released), must
 * not block, and must not call back into the store. {@link #beginDatabase} and {@link
 * #endShard} run with no lock held: the place to write buffered output.
 */
public interface SnapshotVisitor {

  /**
   * Before the first key of database {@code db} (called only for databases holding keys at
   * that moment); the counts are approximate (hints, as Redis's RESIZEDB).
   */
  default void beginDatabase(int db, long keys, long keysWithExpiry) throws IOException {}

  /**
   * One live key (expired keys are skipped).
   *
   * @param db database index
   * @param key the key bytes; must not be modified (copy to keep beyond the call)
   * @param value the engine's value object: opaque outside LIME (its class is not API);
   *     pass it to a LIME codec, or to {@link StoredValue#of(Object)} for a plain copy, while
   *     the lock is held
   * @param expireAtMillis absolute expiry in Unix milliseconds, or -1 for none
   */
  void entry(int db, byte[] key, Object value, long expireAtMillis) throws IOException;

  /** After each shard's keys, with no lock held. */
  default void endShard() throws IOException {}
}
