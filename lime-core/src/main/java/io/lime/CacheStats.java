package io.lime;

/**
 * A snapshot of a {@link LimeCache}'s counters since it was built.
 *
 * @param hits lookups that found a value
 * @param misses lookups that found none (loading or not)
 * @param loadSuccesses loads (and refreshes) that returned a value
 * @param loadFailures loads that threw or returned null
 * @param totalLoadTimeNanos time spent in loaders, nanoseconds
 * @param evictions entries evicted for size or memory (expiry not included)
 */
public record CacheStats(long hits, long misses, long loadSuccesses, long loadFailures,
    long totalLoadTimeNanos, long evictions) {

  /** Lookups in all: hits plus misses. */
  public long requests() {
    return hits + misses;
  }

  /** hits / requests, 1.0 when there was no request. */
  public double hitRate() {
    long r = requests();
    return r == 0 ? 1.0 : (double) hits / r;
  }
}
