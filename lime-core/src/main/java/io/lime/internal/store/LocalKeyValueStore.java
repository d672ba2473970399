package io.lime.internal.store;

import io.lime.KeyValueStore;
import io.lime.Ticker;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.WriteUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import io.lime.ExpireCondition;
import io.lime.GetExOptions;
import io.lime.KeyType;
import io.lime.ScanResult;
import io.lime.SetOptions;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store: one {@link Engine} and a database index. The key operations are
 * inherited ({@link LocalKeyOperations}); string operations are delegated to {@link
 * LocalStringOperations}; the typed views are made here. Views of other databases share the
 * engine.
 */
public final class LocalKeyValueStore extends LocalKeyOperations implements KeyValueStore {
  private final Engine engine;
  private final int db;
  private final LocalStringOperations stringOps;

  private LocalKeyValueStore(Engine engine, int db) {
    super(engine, db);
    this.engine = engine;
    this.db = db;
    this.stringOps = new LocalStringOperations(engine, db);
  }

  /** Creates a store over a new engine and starts its active expiry. */
  public static LocalKeyValueStore create(int databases, int shards, Ticker ticker, int hz) {
    Engine engine = new Engine(databases, shards, ticker, hz);
    engine.start();
    return new LocalKeyValueStore(engine, 0);
  }

  /**
   * Creates a store over a new engine, opens {@code persistence} (loading saved data) and
   * starts active expiry.
   *
   * @throws java.io.UncheckedIOException if the saved data cannot be loaded
   */
  public static LocalKeyValueStore create(int databases, int shards, Ticker ticker, int hz,
      io.lime.persistence.Persistence persistence) {
    Engine engine = new Engine(databases, shards, ticker, hz);
    engine.persistence(persistence);
    io.lime.internal.aof.AppendOnlyFile aof =
        persistence.unwrap(io.lime.internal.aof.AppendOnlyFile.class);
    io.lime.internal.persistence.rdb.RdbPersistence rdb =
        persistence.unwrap(io.lime.internal.persistence.rdb.RdbPersistence.class);
    if (aof != null && rdb != null) {
      // as Redis: with the AOF on, only the AOF loads; no BGSAVE during an AOF rewrite
      rdb.loadOnOpen(!aof.enabled());
      rdb.otherChildActive(aof::rewriteInProgress);
    }
    try {
      persistence.open(new io.lime.internal.persistence.EngineContext(engine));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e.getMessage(), e);
    }
    engine.start();
    return new LocalKeyValueStore(engine, 0);
  }

  /** A store over an existing engine (the server shares its engine this way). */
  public static LocalKeyValueStore over(Engine engine, int db) {
    return new LocalKeyValueStore(engine, db);
  }

  /** The engine behind this store. */
  public Engine engine() {
    return engine;
  }

  @Override
  public KeyValueStore database(int index) {
    if (index < 0 || index >= engine.databaseCount()) {
      throw new IllegalArgumentException("database index out of range: " + index);
    }
    return index == db ? this : new LocalKeyValueStore(engine, index);
  }

  @Override
  public io.lime.ListView list(String key) {
    return list(utf8(key));
  }

  @Override
  public io.lime.ListView list(byte[] key) {
    return new LocalListView(engine, db, key);
  }

  @Override
  public io.lime.SetView set(String key) {
    return set(utf8(key));
  }

  @Override
  public io.lime.SetView set(byte[] key) {
    return new LocalSetView(engine, db, key);
  }

  @Override
  public io.lime.HashView hash(String key) {
    return hash(utf8(key));
  }

  @Override
  public io.lime.HashView hash(byte[] key) {
    return new LocalHashView(engine, db, key);
  }

  @Override
  public io.lime.SortedSetView sortedSet(String key) {
    return sortedSet(utf8(key));
  }

  @Override
  public io.lime.SortedSetView sortedSet(byte[] key) {
    return new LocalSortedSetView(engine, db, key);
  }

  // Transactions: a global critical section over every shard of every database (the lock
  // order is ascending (database, shard), so any operation inside re-enters held locks and
  // never takes one out of order). Blocked clients are served before the locks go.

  @Override
  public <T> T transaction(java.util.function.Function<? super KeyValueStore, ? extends T> work) {
    java.util.Objects.requireNonNull(work, "work");
    // With persistence: the write-order lock before every shard, and one execution unit, so
    // the writes inside are logged together as MULTI ... EXEC (see WriteUnit).
    WriteUnit w = WriteUnit.beginTransaction(engine, db);
    try {
      engine.lockAll();
      engine.blocking().deferServing();
      try {
        return work.apply(this);
      } finally {
        try {
          engine.blocking().resumeServing();
        } finally {
          engine.unlockAll();
        }
      }
    } finally {
      if (w != null) {
        w.end(null);
      }
    }
  }

  @Override
  public <R> boolean watch(List<String> keys,
      java.util.function.Function<? super KeyValueStore, R> read,
      java.util.function.BiConsumer<? super KeyValueStore, ? super R> commit) {
    java.util.Objects.requireNonNull(keys, "keys");
    java.util.Objects.requireNonNull(read, "read");
    java.util.Objects.requireNonNull(commit, "commit");
    io.lime.internal.engine.KeyspaceEvents events = engine.events();
    io.lime.internal.engine.KeyspaceEvents.Watcher w =
        new io.lime.internal.engine.KeyspaceEvents.Watcher();
    try {
      for (String k : keys) {
        events.watch(w, engine.db(db), utf8(k), engine.now());
      }
      R value = read.apply(this);
      return transaction(store -> {
        if (w.dirty() || events.expiredSinceWatch(w, engine.now())) {
          return false;
        }
        commit.accept(store, value);
        return true;
      });
    } finally {
      events.unwatchAll(w);
    }
  }

  @Override
  public void close() {
    engine.close(); // no more expiry deletions to log
    engine.persistence().close();
    engine.pubsub().close();
  }

  @Override
  public long publish(String channel, String message) {
    return engine.pubsub().publish(utf8(channel), utf8(message));
  }

  @Override
  public long publish(byte[] channel, byte[] message) {
    return engine.pubsub().publish(channel.clone(), message.clone());
  }

  @Override
  public io.lime.Subscription subscribe(String channel, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), utf8(channel), false, listener);
  }

  @Override
  public io.lime.Subscription subscribe(byte[] channel, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), channel, false, listener);
  }

  @Override
  public io.lime.Subscription psubscribe(String pattern, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), utf8(pattern), true, listener);
  }

  @Override
  public io.lime.Subscription psubscribe(byte[] pattern, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), pattern, true, listener);
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    return stringOps.get(key);
  }

  @Override
  public @Nullable String get(String key) {
    return stringOps.get(key);
  }

  @Override
  public void set(byte[] key, byte[] value) {
    stringOps.set(key, value);
  }

  @Override
  public void set(String key, String value) {
    stringOps.set(key, value);
  }

  @Override
  public boolean set(byte[] key, byte[] value, SetOptions options) {
    return stringOps.set(key, value, options);
  }

  @Override
  public boolean set(String key, String value, SetOptions options) {
    return stringOps.set(key, value, options);
  }

  @Override
  public byte @Nullable [] setAndGet(byte[] key, byte[] value, SetOptions options) {
    return stringOps.setAndGet(key, value, options);
  }

  @Override
  public @Nullable String setAndGet(String key, String value, SetOptions options) {
    return stringOps.setAndGet(key, value, options);
  }

  @Override
  public boolean setIfAbsent(byte[] key, byte[] value) {
    return stringOps.setIfAbsent(key, value);
  }

  @Override
  public boolean setIfAbsent(String key, String value) {
    return stringOps.setIfAbsent(key, value);
  }

  @Override
  public void setEx(byte[] key, byte[] value, Duration ttl) {
    stringOps.setEx(key, value, ttl);
  }

  @Override
  public void setEx(String key, String value, Duration ttl) {
    stringOps.setEx(key, value, ttl);
  }

  @Override
  public byte @Nullable [] getSet(byte[] key, byte[] value) {
    return stringOps.getSet(key, value);
  }

  @Override
  public @Nullable String getSet(String key, String value) {
    return stringOps.getSet(key, value);
  }

  @Override
  public byte @Nullable [] getDel(byte[] key) {
    return stringOps.getDel(key);
  }

  @Override
  public @Nullable String getDel(String key) {
    return stringOps.getDel(key);
  }

  @Override
  public byte @Nullable [] getEx(byte[] key, GetExOptions options) {
    return stringOps.getEx(key, options);
  }

  @Override
  public @Nullable String getEx(String key, GetExOptions options) {
    return stringOps.getEx(key, options);
  }

  @Override
  public List<byte @Nullable []> mget(byte[]... keys) {
    return stringOps.mget(keys);
  }

  @Override
  public List<@Nullable String> mget(String... keys) {
    return stringOps.mget(keys);
  }

  @Override
  public void mset(byte[]... keysAndValues) {
    stringOps.mset(keysAndValues);
  }

  @Override
  public void mset(Map<String, String> entries) {
    stringOps.mset(entries);
  }

  @Override
  public boolean msetnx(byte[]... keysAndValues) {
    return stringOps.msetnx(keysAndValues);
  }

  @Override
  public boolean msetnx(Map<String, String> entries) {
    return stringOps.msetnx(entries);
  }

  @Override
  public long append(byte[] key, byte[] value) {
    return stringOps.append(key, value);
  }

  @Override
  public long append(String key, String value) {
    return stringOps.append(key, value);
  }

  @Override
  public long strlen(byte[] key) {
    return stringOps.strlen(key);
  }

  @Override
  public long strlen(String key) {
    return stringOps.strlen(key);
  }

  @Override
  public long incr(byte[] key) {
    return stringOps.incr(key);
  }

  @Override
  public long incr(String key) {
    return stringOps.incr(key);
  }

  @Override
  public long decr(byte[] key) {
    return stringOps.decr(key);
  }

  @Override
  public long decr(String key) {
    return stringOps.decr(key);
  }

  @Override
  public long incrBy(byte[] key, long increment) {
    return stringOps.incrBy(key, increment);
  }

  @Override
  public long incrBy(String key, long increment) {
    return stringOps.incrBy(key, increment);
  }

  @Override
  public long decrBy(byte[] key, long decrement) {
    return stringOps.decrBy(key, decrement);
  }

  @Override
  public long decrBy(String key, long decrement) {
    return stringOps.decrBy(key, decrement);
  }

  @Override
  public double incrByFloat(byte[] key, double increment) {
    return stringOps.incrByFloat(key, increment);
  }

  @Override
  public double incrByFloat(String key, double increment) {
    return stringOps.incrByFloat(key, increment);
  }

  @Override
  public byte[] getRange(byte[] key, long start, long end) {
    return stringOps.getRange(key, start, end);
  }

  @Override
  public long setRange(byte[] key, long offset, byte[] value) {
    return stringOps.setRange(key, offset, value);
  }
}
