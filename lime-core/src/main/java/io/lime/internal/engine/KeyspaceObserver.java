package io.lime.internal.engine;

/**
 * Told of key removals the engine makes on its own (expiry now; eviction later), so that
 * keyspace notifications and persistence can follow. Called with the shard lock held: do
 * not block and do not take other shard locks.
 */
public interface KeyspaceObserver {
  /** {@code key} of {@code db} was deleted because its deadline passed. */
  void expired(Database db, byte[] key);

  /** {@code key} of {@code db} was evicted under maxmemory. */
  default void evicted(Database db, byte[] key) {}

  /**
   * The entry {@code e} (its key and last value) was removed by expiry or, when
   * {@code evicted}, by eviction; called after {@link #expired}/{@link #evicted}. For
   * observers that need the value (the cache API's removal listener).
   */
  default void removed(Database db, Entry e, boolean evicted) {}
}
