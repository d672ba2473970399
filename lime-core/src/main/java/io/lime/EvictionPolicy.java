package io.lime;

/**
 * Which keys go when a bounded store or cache is full: Redis's eight {@code maxmemory-policy}
 * values. The LRU, LFU and TTL policies are Redis's sampled approximations (a few keys are
 * sampled per eviction into a pool of the best candidates), not exact orders.
 */
public enum EvictionPolicy {
  /** Nothing is evicted; the RESP door refuses commands that may grow memory. */
  NOEVICTION,
  /** Least recently used, among all keys. */
  ALLKEYS_LRU,
  /** Least recently used, among keys with a TTL. */
  VOLATILE_LRU,
  /** Least frequently used (a logarithmic counter that decays), among all keys. */
  ALLKEYS_LFU,
  /** Least frequently used, among keys with a TTL. */
  VOLATILE_LFU,
  /** Any key, at random. */
  ALLKEYS_RANDOM,
  /** Any key with a TTL, at random. */
  VOLATILE_RANDOM,
  /** The key with a TTL that expires soonest. */
  VOLATILE_TTL;

  /** Redis's spelling, as {@code maxmemory-policy} takes it ({@code allkeys-lru}). */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
