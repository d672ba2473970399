package io.lime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An in-process cache on LIME's engine: bounded by a number of entries or by memory (LIME's
 * accounting of the heap its entries take), evicting under one of Redis's policies, with
 * expiry after write or access, atomic get-or-load, bulk loads, refresh after write, a
 * removal listener with the cause, statistics and codecs for the application's types.
 *
 * <pre>{@code
 * LimeCache<String, User> users = LimeCache.builder(Codec.string(), userCodec)
 *     .maximumSize(10_000)
 *     .expireAfterWrite(Duration.ofMinutes(5))
 *     .removalListener((id, user, cause) -> log.debug("{} {}", id, cause))
 *     .build();
 * User u = users.get("42", id -> db.loadUser(id));
 * }</pre>
 *
 * <p>Semantics. Entries are stored encoded ({@link Codec}); every read decodes a fresh value,
 * so callers may modify what they get. Keys compare by their encoded bytes. Null keys and
 * values are refused ({@code NullPointerException}); a loader returning null caches nothing
 * and the call returns null.
 *
 * <p>Bounds. The bound is kept before and after each write, so at rest the cache holds at
 * most its maximum; which entries go is the policy's sampled choice (Redis's approximated
 * LRU/LFU), not an exact order. Entries with an expiry are removed when read after their
 * deadline or by the background expiry cycle (Redis's algorithm), and the listener is told
 * {@link RemovalCause#EXPIRED} then.
 *
 * <p>Thread-safety: safe for concurrent use by any number of threads. A loader runs on the
 * calling thread, outside any lock, at most once at a time per key ({@link #get}); the
 * listener and refreshes run on the executor.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface LimeCache<K, V> extends AutoCloseable {
  /** A builder of caches whose keys and values use these codecs. */
  static <K, V> Builder<K, V> builder(Codec<K> keys, Codec<V> values) {
    return new Builder<>(keys, values);
  }

  /** The value of {@code key}, or null when absent (a hit or a miss in the statistics). O(1). */
  @Nullable V getIfPresent(K key);

  /**
   * The value of {@code key}, loading it with {@code loader} when absent. Atomic per key:
   * while one thread loads a key, other threads asking for it wait for that load and get
   * its result (or its exception); the loader is called once. A loader's exception
   * propagates unchanged (to every waiter) and nothing is cached; a loader returning null
   * caches nothing and this returns null.
   *
   * @throws NullPointerException if {@code key} or {@code loader} is null
   */
  @Nullable V get(K key, Function<? super K, ? extends @Nullable V> loader);

  /** {@link #get(Object, Function)} with the builder's loader ({@link Builder#build(Function)}). */
  @Nullable V get(K key);

  /**
   * The values of {@code keys} present or loaded, keyed by key: the missing ones are
   * loaded with one call of {@code bulkLoader} (which may return more or fewer entries:
   * all it returns are cached, keys it leaves out are absent from the result).
   *
   * @throws NullPointerException if an argument or a key is null
   */
  Map<K, V> getAll(Iterable<? extends K> keys,
      Function<? super Set<K>, ? extends Map<? extends K, ? extends V>> bulkLoader);

  /** Stores {@code value} under {@code key}, replacing (listener: REPLACED) any value. O(1). */
  void put(K key, V value);

  /** Stores every entry of {@code entries}, as {@link #put} each. */
  void putAll(Map<? extends K, ? extends V> entries);

  /** Removes {@code key} (listener: EXPLICIT) if present. O(1). */
  void invalidate(K key);

  /** Removes every entry (listener: EXPLICIT for each). O(n). */
  void invalidateAll();

  /** Number of entries, expired ones not yet removed included. O(1). */
  long estimatedSize();

  /** The memory the entries take, bytes (LIME's accounting, as {@code used_memory}). O(1). */
  long usedMemory();

  /** A snapshot of the statistics. O(1). */
  CacheStats stats();

  /** Runs pending maintenance now: one active expiry cycle and eviction to the bound. */
  void cleanUp();

  /** Stops the background expiry. The cache must not be used afterwards. */
  @Override
  void close();

  /**
   * Settings for a cache. Defaults: no bound, {@link EvictionPolicy#ALLKEYS_LRU}, no expiry,
   * no refresh, no listener, listener executor {@link ForkJoinPool#commonPool()}, the system
   * clock. Not thread-safe; build once.
   *
   * @param <K> key type
   * @param <V> value type
   */
  final class Builder<K, V> {
    final Codec<K> keys;
    final Codec<V> values;
    long maximumSize;
    long maximumMemoryBytes;
    EvictionPolicy policy = EvictionPolicy.ALLKEYS_LRU;
    @Nullable Duration expireAfterWrite;
    @Nullable Duration expireAfterAccess;
    @Nullable Duration refreshAfterWrite;
    @Nullable RemovalListener<? super K, ? super V> listener;
    Executor executor = ForkJoinPool.commonPool();
    Ticker ticker = Ticker.system();
    int shards = 16;

    Builder(Codec<K> keys, Codec<V> values) {
      this.keys = Objects.requireNonNull(keys, "keys");
      this.values = Objects.requireNonNull(values, "values");
    }

    /**
     * At most {@code entries} entries (0: no bound on the count).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder<K, V> maximumSize(long entries) {
      this.maximumSize = nonNegative(entries, "maximumSize");
      return this;
    }

    /**
     * At most {@code bytes} of memory as {@link LimeCache#usedMemory()} counts it (0: no
     * bound), as Redis's {@code maxmemory}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder<K, V> maximumMemory(long bytes) {
      this.maximumMemoryBytes = nonNegative(bytes, "maximumMemory");
      return this;
    }

    /** Which entries go when a bound is reached; default {@link EvictionPolicy#ALLKEYS_LRU}. */
    public Builder<K, V> evictionPolicy(EvictionPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /** Entries expire this long after they were written. */
    public Builder<K, V> expireAfterWrite(Duration d) {
      this.expireAfterWrite = positive(d, "expireAfterWrite");
      return this;
    }

    /**
     * Entries expire this long after they were last written or read. With
     * {@link #expireAfterWrite} too, the write's deadline holds until the first read.
     */
    public Builder<K, V> expireAfterAccess(Duration d) {
      this.expireAfterAccess = positive(d, "expireAfterAccess");
      return this;
    }

    /**
     * A read of an entry written this long ago or more returns the value it has and reloads
     * it on the executor with the builder's loader ({@link #build(Function)}), once at a time
     * per key; a failed reload keeps the old value.
     */
    public Builder<K, V> refreshAfterWrite(Duration d) {
      this.refreshAfterWrite = positive(d, "refreshAfterWrite");
      return this;
    }

    /** Told of every removal; see {@link RemovalListener}. */
    public Builder<K, V> removalListener(RemovalListener<? super K, ? super V> l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** Where the removal listener and refreshes run; default the common pool. */
    public Builder<K, V> executor(Executor e) {
      this.executor = Objects.requireNonNull(e, "executor");
      return this;
    }

    /** The clock for expiry and refresh; default {@link Ticker#system()}. */
    public Builder<K, V> ticker(Ticker t) {
      this.ticker = Objects.requireNonNull(t, "ticker");
      return this;
    }

    /**
     * A cache without a default loader ({@link LimeCache#get(Object)} then throws).
     *
     * @throws IllegalStateException with a {@code VOLATILE_*} policy but no expiry (nothing
     *     would ever be evictable)
     */
    public LimeCache<K, V> build() {
      return io.lime.internal.store.LocalCache.create(checked(), null);
    }

    /**
     * A cache whose {@link LimeCache#get(Object)} and refreshes use {@code loader}.
     *
     * @throws IllegalStateException as {@link #build()}
     */
    public LimeCache<K, V> build(Function<? super K, ? extends @Nullable V> loader) {
      return io.lime.internal.store.LocalCache.create(checked(), Objects.requireNonNull(loader));
    }

    private Builder<K, V> checked() {
      if (policy.name().startsWith("VOLATILE") && expireAfterWrite == null
          && expireAfterAccess == null) {
        throw new IllegalStateException(policy + " evicts only entries with an expiry: set "
            + "expireAfterWrite or expireAfterAccess, or use an ALLKEYS policy");
      }
      return this;
    }

    // Read by the implementation.
    /** @return the key codec */ public Codec<K> keyCodec() { return keys; }
    /** @return the value codec */ public Codec<V> valueCodec() { return values; }
    /** @return the entry bound, 0 for none */ public long maximumSize() { return maximumSize; }
    /** @return the memory bound, 0 for none */ public long maximumMemory() { return maximumMemoryBytes; }
    /** @return the policy */ public EvictionPolicy evictionPolicy() { return policy; }
    /** @return expire after write, or null */ public @Nullable Duration expireAfterWrite() { return expireAfterWrite; }
    /** @return expire after access, or null */ public @Nullable Duration expireAfterAccess() { return expireAfterAccess; }
    /** @return refresh after write, or null */ public @Nullable Duration refreshAfterWrite() { return refreshAfterWrite; }
    /** @return the listener, or null */ public @Nullable RemovalListener<? super K, ? super V> removalListener() { return listener; }
    /** @return the executor */ public Executor executor() { return executor; }
    /** @return the clock */ public Ticker ticker() { return ticker; }

    private static long nonNegative(long v, String what) {
      if (v < 0) {
        throw new IllegalArgumentException(what + " must be >= 0: " + v);
      }
      return v;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
