package io.lime;

/**
 * Told of every entry a {@link LimeCache} removes, with its key, its last value and the
 * cause. Runs on the cache's listener executor ({@link LimeCache.Builder#executor}), after
 * the removal; exceptions it throws are caught and ignored (they would otherwise be lost on
 * the executor's thread).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RemovalListener<K, V> {
  /** {@code key} with {@code value} was removed because of {@code cause}. */
  void onRemoval(K key, V value, RemovalCause cause);
}
