package io.lime.internal.store;

import io.lime.CacheStats;
import io.lime.Codec;
import io.lime.GetExOptions;
import io.lime.LimeCache;
import io.lime.RemovalCause;
import io.lime.RemovalListener;
import io.lime.SetOptions;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Eviction;
import io.lime.internal.engine.KeyspaceObserver;
import io.lime.internal.type.StringType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link LimeCache} on LIME's engine: one database of strings (the encoded values) in an
 * engine of its own, bounded by the engine's eviction (maxmemory, or the key-count bound),
 * expired by the engine's TTLs.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Concurrency.</b> Reads and writes are the typed API's string operations (one
 *       shard lock each). Get-or-load is single-flight: the first thread to miss a key puts
 *       a future in {@link #loading} and runs the loader outside every lock; threads missing
 *       the same key meanwhile wait on that future. The value is stored before the future
 *       completes and leaves the map, so a later miss finds it stored (checked again after
 *       winning the map) and never loads twice.
 *   <li><b>Eviction.</b> The engine evicts before each write (the typed door) and the cache
 *       evicts again after each of its writes, so at rest the bound holds exactly.
 *   <li><b>Expiration.</b> expire-after-write is the key's TTL set by each write;
 *       expire-after-access is re-armed by each read (GETEX PX). With refresh-after-write,
 *       the stored bytes start with the 8-byte write time.
 *   <li><b>Removal causes.</b> Explicit removals and replacements are seen by the operation
 *       that made them (GETDEL, SET ... GET). Expiry and eviction happen inside the engine:
 *       an engine observer copies the entry's bytes under the shard lock and hands the
 *       notification to the executor, where values are decoded and the listener runs.
 * </ul>
 */
public final class LocalCache<K, V> implements LimeCache<K, V> {
  private final LocalKeyValueStore store;
  private final Engine engine;
  private final Codec<K> keys;
  private final Codec<V> values;
  private final @Nullable Function<? super K, ? extends @Nullable V> loader;
  private final @Nullable RemovalListener<? super K, ? super V> listener;
  private final Executor executor;
  private final @Nullable SetOptions writeOptions;
  private final @Nullable GetExOptions accessOptions;
  private final long refreshAfterMillis;
  private final ConcurrentHashMap<ByteKey, CompletableFuture<@Nullable V>> loading =
      new ConcurrentHashMap<>();
  private final Set<ByteKey> refreshing = ConcurrentHashMap.newKeySet();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loadSuccesses = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  private LocalCache(LimeCache.Builder<K, V> b,
      @Nullable Function<? super K, ? extends @Nullable V> loader) {
    this.store = LocalKeyValueStore.create(1, 16, b.ticker(), 10);
    this.engine = store.engine();
    this.keys = b.keyCodec();
    this.values = b.valueCodec();
    this.loader = loader;
    this.listener = b.removalListener();
    this.executor = b.executor();
    Duration write = b.expireAfterWrite();
    Duration access = b.expireAfterAccess();
    Duration firstTtl = write != null ? write : access;
    this.writeOptions = firstTtl == null ? null : SetOptions.defaults().expireIn(firstTtl);
    this.accessOptions = access == null ? null : GetExOptions.expireIn(access);
    Duration refresh = b.refreshAfterWrite();
    this.refreshAfterMillis = refresh == null ? -1  // past 2^63 ms saturates: never due
        : java.util.concurrent.TimeUnit.MILLISECONDS.convert(refresh);
    Eviction ev = engine.eviction();
    ev.policy(Eviction.Policy.of(b.evictionPolicy().configName()));
    ev.maxmemory(b.maximumMemory());
    ev.maxKeys(b.maximumSize());
    ev.lruResolutionMillis(1);
    engine.addObserver(new KeyspaceObserver() {
      @Override public void expired(Database db, byte[] key) {}

      @Override
      public void removed(Database db, Entry e, boolean evicted) {
        if (evicted) {
          evictions.increment();
        }
        notifyRemoval(e.key(), StringType.toBytes(e.value()),
            evicted ? RemovalCause.EVICTED : RemovalCause.EXPIRED);
      }
    });
  }

  /** A cache as {@code b} describes, with an optional default loader. */
  public static <K, V> LimeCache<K, V> create(LimeCache.Builder<K, V> b,
      @Nullable Function<? super K, ? extends @Nullable V> loader) {
    return new LocalCache<>(b, loader);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public @Nullable V getIfPresent(K key) {
    byte[] k = keys.encode(Objects.requireNonNull(key, "key"));
    byte[] raw = read(k);
    if (raw == null) {
      misses.increment();
      return null;
    }
    hits.increment();
    maybeRefresh(key, k, raw);
    return decode(raw);
  }

  private byte @Nullable [] read(byte[] k) {
    return accessOptions == null ? store.get(k) : store.getEx(k, accessOptions);
  }

  @Override
  public @Nullable V get(K key) {
    Function<? super K, ? extends @Nullable V> l = loader;
    if (l == null) {
      throw new IllegalStateException("no loader: build the cache with build(loader)");
    }
    return get(key, l);
  }

  @Override
  public @Nullable V get(K key, Function<? super K, ? extends @Nullable V> loader) {
    Objects.requireNonNull(loader, "loader");
    V present = getIfPresent(key);
    if (present != null) {
      return present;
    }
    byte[] k = keys.encode(key);
    ByteKey bk = new ByteKey(k);
    CompletableFuture<@Nullable V> mine = new CompletableFuture<>();
    CompletableFuture<@Nullable V> running = loading.putIfAbsent(bk, mine);
    if (running != null) {
      return join(running);
    }
    try {
      byte[] raw = store.get(k); // a load that finished between our miss and the map
      if (raw != null) {
        V v = decode(raw);
        mine.complete(v);
        return v;
      }
      V v = load(key, k, loader);
      mine.complete(v);
      return v;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(bk, mine);
    }
  }

  /** Runs the loader and stores its value; counts the load. */
  private @Nullable V load(K key, byte[] k, Function<? super K, ? extends @Nullable V> loader) {
    long start = System.nanoTime();
    V v;
    try {
      v = loader.apply(key);
    } catch (RuntimeException | Error e) {
      loadNanos.add(System.nanoTime() - start);
      loadFailures.increment();
      throw e;
    }
    loadNanos.add(System.nanoTime() - start);
    if (v == null) {
      loadFailures.increment();
      return null;
    }
    loadSuccesses.increment();
    write(k, v);
    return v;
  }

  private static <V> @Nullable V join(CompletableFuture<@Nullable V> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  @Override
  public Map<K, V> getAll(Iterable<? extends K> keysWanted,
      Function<? super Set<K>, ? extends Map<? extends K, ? extends V>> bulkLoader) {
    Objects.requireNonNull(bulkLoader, "bulkLoader");
    Map<K, V> out = new LinkedHashMap<>();
    Set<K> missing = new LinkedHashSet<>();
    for (K key : keysWanted) {
      V v = getIfPresent(key);
      if (v != null) {
        out.put(key, v);
      } else {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    long start = System.nanoTime();
    Map<? extends K, ? extends V> loaded;
    try {
      loaded = bulkLoader.apply(java.util.Collections.unmodifiableSet(missing));
    } catch (RuntimeException | Error e) {
      loadNanos.add(System.nanoTime() - start);
      loadFailures.increment();
      throw e;
    }
    loadNanos.add(System.nanoTime() - start);
    loadSuccesses.increment();
    for (Map.Entry<? extends K, ? extends V> e : loaded.entrySet()) {
      put(e.getKey(), e.getValue());
      if (missing.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void put(K key, V value) {
    write(keys.encode(Objects.requireNonNull(key, "key")), Objects.requireNonNull(value, "value"));
  }

  private void write(byte[] k, V value) {
    byte[] raw = encode(value);
    SetOptions o = writeOptions;
    byte[] old = store.setAndGet(k, raw, o == null ? SetOptions.defaults() : o);
    evictToBound();
    if (old != null) {
      notifyRemoval(k, old, RemovalCause.REPLACED);
    }
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    entries.forEach(this::put);
  }

  @Override
  public void invalidate(K key) {
    byte[] k = keys.encode(Objects.requireNonNull(key, "key"));
    byte[] old = store.getDel(k);
    if (old != null) {
      notifyRemoval(k, old, RemovalCause.EXPLICIT);
    }
  }

  @Override
  public void invalidateAll() {
    List<byte[]> all = new ArrayList<>();
    Database db = engine.db(0);
    for (int i = 0; i < db.shardCount(); i++) {
      db.shardAt(i).lock();
      try {
        db.shardAt(i).forEach(e -> all.add(e.key()));
      } finally {
        db.shardAt(i).unlock();
      }
    }
    for (byte[] k : all) {
      byte[] old = store.getDel(k);
      if (old != null) {
        notifyRemoval(k, old, RemovalCause.EXPLICIT);
      }
    }
  }

  private void evictToBound() {
    Eviction ev = engine.eviction();
    if (ev.maxmemory() != 0 || ev.maxKeys() != 0) {
      ev.perform();
    }
  }

  // ------------------------------------------------------------------ refresh

  private void maybeRefresh(K key, byte[] k, byte[] raw) {
    Function<? super K, ? extends @Nullable V> l = loader;
    if (refreshAfterMillis < 0 || l == null
        || engine.now() - ByteBuffer.wrap(raw).getLong(0) < refreshAfterMillis) {
      return;
    }
    ByteKey bk = new ByteKey(k);
    if (!refreshing.add(bk)) {
      return;
    }
    executor.execute(() -> {
      try {
        long start = System.nanoTime();
        V v = l.apply(key);
        loadNanos.add(System.nanoTime() - start);
        if (v != null) {
          loadSuccesses.increment();
          write(k, v);
        } else {
          loadFailures.increment();
        }
      } catch (RuntimeException e) {
        loadFailures.increment(); // a failed refresh keeps the old value
      } finally {
        refreshing.remove(bk);
      }
    });
  }

  // ------------------------------------------------------------------ encoding

  private byte[] encode(V value) {
    byte[] b = values.encode(value);
    if (refreshAfterMillis < 0) {
      return b;
    }
    return ByteBuffer.allocate(8 + b.length).putLong(engine.now()).put(b).array();
  }

  private V decode(byte[] raw) {
    return values.decode(refreshAfterMillis < 0 ? raw : Arrays.copyOfRange(raw, 8, raw.length));
  }

  private void notifyRemoval(byte[] k, byte[] raw, RemovalCause cause) {
    RemovalListener<? super K, ? super V> l = listener;
    if (l == null) {
      return;
    }
    executor.execute(() -> {
      try {
        l.onRemoval(keys.decode(k), decode(raw), cause);
      } catch (RuntimeException ignored) {
        // a listener's failure must not reach the thread that removed the entry
      }
    });
  }

  // ------------------------------------------------------------------ the rest

  @Override public long estimatedSize() { return engine.memory().keyCount(); }

  @Override public long usedMemory() { return engine.memory().usedBytes(); }

  @Override
  public CacheStats stats() {
    return new CacheStats(hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(),
        loadNanos.sum(), evictions.sum());
  }

  @Override
  public void cleanUp() {
    engine.activeExpireCycle();
    evictToBound();
  }

  @Override public void close() { store.close(); }

  /** Encoded key bytes with value equality (the single-flight map's key). */
  private record ByteKey(byte[] bytes) {
    @Override public boolean equals(@Nullable Object o) {
      return o instanceof ByteKey b && Arrays.equals(bytes, b.bytes);
    }

    @Override public int hashCode() { return Arrays.hashCode(bytes); }

    @Override public String toString() { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }
  }
}
