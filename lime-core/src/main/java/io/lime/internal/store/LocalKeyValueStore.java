package io.lime.internal.store;

import io.lime.GeoView;
import io.lime.HashView;
import io.lime.HyperLogLogView;
import io.lime.StreamView;
import io.lime.KeyValueStore;
import io.lime.ListView;
import io.lime.SetView;
import io.lime.SortedSetView;
import io.lime.Ticker;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.WriteUnit;
import java.util.List;

/**
 * The embedded store: one {@link Engine} and a database index. The key and string
 * operations are inherited ({@link LocalKeyOperations}, {@link LocalStringOperations}, with
 * the default string limit); the typed views,
 * transactions and publish/subscribe are made here. Views of other databases share the engine.
 */
public final class LocalKeyValueStore extends LocalStringOperations implements KeyValueStore {
  private LocalKeyValueStore(Engine engine, int db) {
    super(engine, db);
  }

  /** Creates a store over a new engine without persistence and starts its active expiry. */
  public static LocalKeyValueStore create(int databases, int shards, Ticker ticker, int hz) {
    return create(databases, shards, ticker, hz, io.lime.persistence.Persistence.none(),
        io.lime.internal.engine.Extensions.NONE);
  }

  /**
   * Creates a store over a new engine, registers the custom commands and types of
   * {@code extensions}, opens {@code persistence} (loading saved data) and starts active
   * expiry.
   *
   * @throws java.io.UncheckedIOException if the saved data cannot be loaded
   */
  public static LocalKeyValueStore create(int databases, int shards, Ticker ticker, int hz,
      io.lime.persistence.Persistence persistence, io.lime.internal.engine.Extensions extensions) {
    Engine engine = new Engine(databases, shards, ticker, hz);
    engine.extensions(extensions);
    engine.persistence(persistence);
    io.lime.internal.aof.AppendOnlyFile aof =
        persistence.unwrap(io.lime.internal.aof.AppendOnlyFile.class);
    io.lime.internal.persistence.rdb.RdbPersistence rdb =
        persistence.unwrap(io.lime.internal.persistence.rdb.RdbPersistence.class);
    if (aof != null && rdb != null) {
      aof.pairWith(rdb);
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

  /**
   * A store over a server's engine whose {@link #call} (and so {@link #scripting()}) goes
   * through {@code door}, the server's command layer: its scripts are the server's.
   */
  public static LocalKeyValueStore over(Engine engine, int db,
      io.lime.internal.command.EmbeddedCommands door) {
    LocalKeyValueStore s = new LocalKeyValueStore(engine, db);
    s.door = door;
    return s;
  }

  /** The engine behind this store. */
  public Engine engine() { return engine; }

  private volatile io.lime.internal.command.@org.jspecify.annotations.Nullable EmbeddedCommands door;

  @Override
  public io.lime.resp.RespValue call(byte[]... argv) {
    requireArgument(argv.length > 0, "call() needs a command name");
    io.lime.internal.command.EmbeddedCommands d = door;
    if (d == null) {
      synchronized (this) {
        d = door;
        if (d == null) {
          d = new io.lime.internal.command.EmbeddedCommands(engine);
          door = d;
        }
      }
    }
    return d.call(db.index(), argv);
  }

  @Override
  public io.lime.Scripting scripting() {
    return new LocalScripting(this);
  }

  @Override
  public KeyValueStore database(int index) {
    if (database(engine, index) == db) {
      return this;
    }
    LocalKeyValueStore other = new LocalKeyValueStore(engine, index);
    other.door = door; // the same command layer (a server's, when shared)
    return other;
  }

  @Override public ListView list(byte[] key) { return new LocalListView(engine, db.index(), key); }
  @Override public SetView set(byte[] key) { return new LocalSetView(engine, db.index(), key); }
  @Override public HashView hash(byte[] key) { return new LocalHashView(engine, db.index(), key); }
  @Override public HyperLogLogView hyperLogLog(byte[] key) {
    return new LocalHyperLogLogView(engine, db.index(), key);
  }
  @Override public GeoView geo(byte[] key) { return new LocalGeoView(engine, db.index(), key); }
  @Override public StreamView stream(byte[] key) { return new LocalStreamView(engine, db.index(), key); }
  @Override public SortedSetView sortedSet(byte[] key) {
    return new LocalSortedSetView(engine, db.index(), key);
  }

  // Transactions: a global critical section over every shard of every database (the lock
  // order is ascending (database, shard), so any operation inside re-enters held locks and
  // never takes one out of order). Blocked clients are served before the locks go.

  @Override
  public <T> T transaction(java.util.function.Function<? super KeyValueStore, ? extends T> work) {
    java.util.Objects.requireNonNull(work, "work");
    // With persistence: the write-order lock before every shard, and one execution unit, so
    // the writes inside are logged together as MULTI ... EXEC (see WriteUnit).
    WriteUnit w = WriteUnit.beginTransaction(engine, db.index());
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
        w.end();
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
        events.watch(w, db, utf8(k), engine.now());
      }
      R value = read.apply(this);
      return transaction(store -> {
        if (events.watchBroken(w, engine.now())) {
          return false;
        }
        commit.accept(store, value);
        return true;
      });
    } finally {
      events.unwatchAll(w);
    }
  }

  @Override public long usedMemory() { return engine.memory().usedBytes(); }

  @Override
  public long memoryUsage(byte[] key) {
    java.util.Objects.requireNonNull(key, "key");
    return onKey(key, io.lime.internal.type.KeyOps::memoryUsage);
  }

  @Override public long evictedKeys() { return engine.eviction().evictedKeys(); }

  @Override
  public void close() {
    engine.close(); // no more expiry deletions to log
    engine.persistence().close();
    engine.pubsub().close();
  }

  @Override
  public long publish(byte[] channel, byte[] message) {
    return engine.pubsub().publish(channel.clone(), message.clone());
  }

  @Override
  public io.lime.Subscription subscribe(byte[] channel, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), channel, false, listener);
  }

  @Override
  public io.lime.Subscription psubscribe(byte[] pattern, io.lime.MessageListener listener) {
    return LocalSubscription.open(engine.pubsub(), pattern, true, listener);
  }
}
