package io.lime;

import io.lime.internal.store.LocalKeyValueStore;

/**
 * An in-process, Redis-compatible key-value store: the typed entry point to LIME's engine.
 *
 * <pre>{@code
 * try (KeyValueStore store = KeyValueStore.open()) {
 *   store.set("greeting", "hello");
 *   store.expire("greeting", Duration.ofMinutes(5));
 *   store.incr("visits");
 *   String g = store.get("greeting");   // "hello"
 * }
 * }</pre>
 *
 * <p><b>Databases.</b> A store has numbered databases (16 by default) as Redis does; the
 * store returned by {@link #open()} and {@link Builder#build()} works on database 0, and
 * {@link #database(int)} returns a view of another one sharing the same engine.
 *
 * <p><b>Semantics.</b> Every operation behaves as the Redis 7.0 command of the same name
 * (see {@link StringOperations} and {@link KeyOperations}); errors are thrown as
 * {@link LimeException} subclasses carrying Redis's error text.
 *
 * <p><b>Thread-safety.</b> A store and its views are safe for use by any number of threads.
 * Each operation is atomic; multi-key operations are atomic over all their keys. An
 * operation waits (blocking the calling thread) for the keys it needs while another thread
 * holds them, also for as long as a script or function runs ({@link Scripting}).
 *
 * <p><b>Lifecycle.</b> A store runs one daemon thread for active expiry (unless
 * {@link Builder#activeExpiryHz(int)} is 0). {@link #close()} stops it; closing a view
 * closes the whole store. Using a closed store is not detected and must be avoided.
 */
public interface KeyValueStore extends StringOperations, KeyOperations, AutoCloseable {

  /** Opens a store with default settings (16 databases, system clock, active expiry at 10 Hz). */
  static KeyValueStore open() {
    return builder().build();
  }

  /** A builder for a store with non-default settings. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A view of database {@code index} of the same store (as SELECT).
   *
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, databases)}
   */
  KeyValueStore database(int index);

  /** The list at {@code key} (UTF-8) in this database: a view holding no data. */ default ListView list(String key) { return list(Utf8.bytes(key)); }
  /** The list at {@code key} (copied) in this database: a view holding no data. */ ListView list(byte[] key);
  /** The set at {@code key} (UTF-8) in this database: a view holding no data. */ default SetView set(String key) { return set(Utf8.bytes(key)); }
  /** The set at {@code key} (copied) in this database: a view holding no data. */ SetView set(byte[] key);
  /** The hash at {@code key} (UTF-8) in this database: a view holding no data. */ default HashView hash(String key) { return hash(Utf8.bytes(key)); }
  /** The hash at {@code key} (copied) in this database: a view holding no data. */ HashView hash(byte[] key);
  /** The sorted set at {@code key} (UTF-8) in this database: a view holding no data. */ default SortedSetView sortedSet(String key) { return sortedSet(Utf8.bytes(key)); }
  /** The sorted set at {@code key} (copied) in this database: a view holding no data. */ SortedSetView sortedSet(byte[] key);
  /** The HyperLogLog at {@code key} (UTF-8) in this database: a view holding no data. */ default HyperLogLogView hyperLogLog(String key) { return hyperLogLog(Utf8.bytes(key)); }
  /** The HyperLogLog at {@code key} (copied) in this database: a view holding no data. */ HyperLogLogView hyperLogLog(byte[] key);
  /** The geospatial index (a sorted set) at {@code key} (UTF-8): a view holding no data. */ default GeoView geo(String key) { return geo(Utf8.bytes(key)); }
  /** The geospatial index (a sorted set) at {@code key} (copied): a view holding no data. */ GeoView geo(byte[] key);
  /** The stream at {@code key} (UTF-8) in this database: a view holding no data. */ default StreamView stream(String key) { return stream(Utf8.bytes(key)); }
  /** The stream at {@code key} (copied) in this database: a view holding no data. */ StreamView stream(byte[] key);

  // ------------------------------------------------------------------ scripting

  /**
   * Lua scripts and functions (EVAL, EVALSHA, FUNCTION LOAD, FCALL...) on this store's engine,
   * run in this database: see {@link Scripting}. A light view; thread-safe.
   */
  Scripting scripting();

  // ------------------------------------------------------------------ publish/subscribe
  // The store's message bus is the one RESP clients use when the store backs a server:
  // a message published here reaches SUBSCRIBE clients and the other way round. Channels
  // are not per database.

  /**
   * PUBLISH: delivers {@code message} to the subscribers of {@code channel} (UTF-8) and of
   * every pattern matching it, without waiting for them.
   *
   * @return the number of deliveries, as Redis's reply (a subscriber holding two matching
   *     patterns counts twice)
   */
  default long publish(String channel, String message) {
    return publish(Utf8.bytes(channel), Utf8.bytes(message));
  }

  /** {@link #publish(String, String)} with binary channel and message (copied). */
  long publish(byte[] channel, byte[] message);

  /**
   * SUBSCRIBE: calls {@code listener} for each message published to {@code channel} (UTF-8)
   * until the returned subscription is closed. Delivery happens on the store's delivery
   * thread (see {@link Builder#listenerExecutor}).
   */
  default Subscription subscribe(String channel, MessageListener listener) {
    return subscribe(Utf8.bytes(channel), listener);
  }

  /** {@link #subscribe(String, MessageListener)} with a binary channel (copied). */
  Subscription subscribe(byte[] channel, MessageListener listener);

  /**
   * PSUBSCRIBE: calls {@code listener} for each message published to a channel matching
   * {@code pattern}, a Redis glob ({@code *}, {@code ?}, {@code [a-z]}, {@code \x}; as in
   * Redis a non-empty pattern, even {@code *}, never matches the empty channel name).
   * {@link Message#pattern()} carries the pattern.
   */
  default Subscription psubscribe(String pattern, MessageListener listener) {
    return psubscribe(Utf8.bytes(pattern), listener);
  }

  /** {@link #psubscribe(String, MessageListener)} with a binary pattern (copied). */
  Subscription psubscribe(byte[] pattern, MessageListener listener);

  // ------------------------------------------------------------------ transactions

  /**
   * Runs {@code work} atomically with respect to every other thread and RESP client, as
   * MULTI/EXEC does, and returns its result. {@code work} receives this store and may use
   * it, its typed views and its other databases ({@link #database(int)}) freely: no other
   * thread or client observes the store between two of its operations, and none changes it
   * meanwhile.
   *
   * <p>Locking: the call locks every shard of every database (in the engine's lock order)
   * for its whole duration, so it is a global critical section: keep {@code work} short,
   * never block in it (no I/O waits, no blocking pops with a timeout, no waiting for other
   * threads that use the store: they would wait for this call), and do not hand the store
   * to another thread inside it. Calls nest (the locks are reentrant). Clients blocked on
   * keys (BLPOP...) that {@code work} fills are served when it returns, before the locks are
   * released.
   *
   * <p>No rollback: as in Redis, writes made before {@code work} throws stay applied; the
   * exception propagates unchanged. Each write still invalidates WATCHes and publishes its
   * keyspace notifications as it happens (subscribers receive them after or during the
   * call, on their delivery thread).
   *
   * <p>Complexity: O(databases × shards) to lock and unlock, plus {@code work}.
   *
   * @param work the atomic unit; may return null
   * @return what {@code work} returned
   * @throws NullPointerException if {@code work} is null
   */
  <T> T transaction(java.util.function.Function<? super KeyValueStore, ? extends T> work);

  /**
   * Runs {@code work} as {@link #transaction} does if none of {@code keys} (of this database,
   * UTF-8) is modified between this call and the moment {@code work} starts running, and
   * returns true; returns false without running it otherwise. The optimistic form of
   * WATCH + MULTI/EXEC for read-compute-write loops whose compute step must run outside any
   * lock: read with {@code read}, compute, then commit with this method, retrying on false.
   *
   * <p>A key counts as modified when any write (any client, any thread, expiry, FLUSHALL,
   * FLUSHDB, SWAPDB) changed it after {@code read} started, exactly as Redis's WATCH.
   *
   * @param keys the keys to watch (this database)
   * @param read runs first, without locks, after the keys are watched
   * @param commit runs atomically if no watched key changed since {@code read} started
   * @return whether {@code commit} ran
   * @throws NullPointerException if an argument is null
   */
  <R> boolean watch(java.util.List<String> keys, java.util.function.Function<? super KeyValueStore, R> read,
      java.util.function.BiConsumer<? super KeyValueStore, ? super R> commit);

  // ------------------------------------------------------------------ memory

  /**
   * The memory the store's data takes, in bytes, as INFO's {@code used_memory}: every key's
   * entry, key bytes and value in its encoding, plus the keyspace tables, estimated with the
   * JVM's object layout (not the heap in use, which includes garbage). What
   * {@link Builder#maxMemory} bounds. O(1); thread-safe (a recent value under writes).
   */
  long usedMemory();

  /**
   * What one key of this database costs, in bytes, as {@code MEMORY USAGE}, or -1 when the
   * key does not exist. O(1).
   *
   * @throws NullPointerException if {@code key} is null
   */
  long memoryUsage(byte[] key);

  /** {@link #memoryUsage(byte[])} of a UTF-8 key. */
  default long memoryUsage(String key) { return memoryUsage(Utf8.bytes(key)); }

  /** Keys evicted under {@link Builder#maxMemory} so far (INFO's {@code evicted_keys}). */
  long evictedKeys();

  /**
   * Runs a Redis command on this store's database, as a client would send it, and returns
   * its reply decoded as RESP3: any command of LIME's table, and the custom commands
   * registered with {@link Builder#command} or {@link Builder#module} (the way to run them
   * in-process). Calls on one store object are serialized; the command itself is atomic as
   * over the network.
   *
   * @param argv the command name and its arguments
   * @return the reply ({@code RespValue.Null} for a nil reply)
   * @throws LimeException carrying the error reply's text (unknown command, arity, WRONGTYPE...)
   * @throws UnsupportedOperationException for a blocking command (BLPOP...)
   * @throws IllegalArgumentException if {@code argv} is empty
   */
  io.lime.resp.RespValue call(byte[]... argv);

  /** {@link #call(byte[]...)} with UTF-8 arguments. */
  default io.lime.resp.RespValue call(String... argv) {
    return call(Utf8.bytes(argv));
  }

  /**
   * Flushes the store's persistence (see {@link Builder#persistence}) and stops its
   * background work. Idempotent.
   */
  @Override
  void close();

  /** Settings for a new store. Not thread-safe; build once. */
  final class Builder {
    private int databases = 16;
    private int shards = 16;
    private Ticker ticker = Ticker.system();
    private int hz = 10;
    private io.lime.persistence.Persistence persistence = io.lime.persistence.Persistence.none();

    Builder() {}

    /**
     * How the store persists its data; default {@link io.lime.persistence.Persistence#none()}.
     * {@link #build()} loads the saved data (if any) before returning, and {@link
     * KeyValueStore#close()} flushes (for example saves a final snapshot, or writes and
     * fsyncs the append-only file). With an append-only file ({@link
     * io.lime.persistence.Persistence#aof}) every write of the typed API is logged as the
     * equivalent Redis command and writes are serialized (reads are not); a {@link
     * KeyValueStore#transaction} is logged as {@code MULTI ... EXEC}.
     */
    public Builder persistence(io.lime.persistence.Persistence p) {
      this.persistence = java.util.Objects.requireNonNull(p, "persistence");
      return this;
    }

    private io.lime.internal.engine.Extensions extensions =
        io.lime.internal.engine.Extensions.NONE;

    /**
     * Registers a custom command ({@link io.lime.command.CustomCommand}), run by {@link
     * KeyValueStore#call} and by the AOF loader.
     *
     * @throws IllegalArgumentException if a command of that name is already registered; a
     *     built-in name without {@code replaceBuiltin()} is refused by the first call
     */
    public Builder command(io.lime.command.CustomCommand command) {
      extensions = extensions.plus(java.util.List.of(command), java.util.List.of());
      return this;
    }

    /**
     * Registers a custom value type, so commands can store it and snapshots can load it.
     *
     * @throws IllegalArgumentException if another type of that name is registered
     */
    public Builder valueType(io.lime.command.CustomType<?> type) {
      extensions = extensions.plus(java.util.List.of(), java.util.List.of(type));
      return this;
    }

    /**
     * Registers a module's commands and value types.
     *
     * @throws IllegalArgumentException if a command or type name is already registered
     */
    public Builder module(io.lime.command.CommandModule module) {
      extensions = extensions.plus(module);
      return this;
    }

    /**
     * Number of databases (Redis {@code databases}); default 16.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public Builder databases(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("databases must be >= 1: " + count);
      }
      this.databases = count;
      return this;
    }

    /**
     * Lock shards per database: a power of two from 1 to 64; default 16. More shards let
     * more threads write at once.
     *
     * @throws IllegalArgumentException if not a power of two in range
     */
    public Builder shards(int count) {
      if (count < 1 || count > 64 || Integer.bitCount(count) != 1) {
        throw new IllegalArgumentException("shards must be a power of two in [1, 64]: " + count);
      }
      this.shards = count;
      return this;
    }

    /** The time source for expiry; default {@link Ticker#system()}. */
    public Builder ticker(Ticker t) {
      this.ticker = java.util.Objects.requireNonNull(t, "ticker");
      return this;
    }

    /**
     * Active expiry cycles per second (Redis {@code hz}, 1 to 500); 0 turns the background
     * cycle off, leaving only lazy expiry on access. Default 10.
     *
     * @throws IllegalArgumentException if not in {@code [0, 500]}
     */
    public Builder activeExpiryHz(int cyclesPerSecond) {
      if (cyclesPerSecond < 0 || cyclesPerSecond > 500) {
        throw new IllegalArgumentException("hz must be in [0, 500]: " + cyclesPerSecond);
      }
      this.hz = cyclesPerSecond;
      return this;
    }

    /**
     * Creates the store, loads its persisted data and starts it.
     *
     * @throws java.io.UncheckedIOException if persisted data exists but cannot be loaded
     *     (the cause, a {@link io.lime.persistence.PersistenceException} for corrupt data,
     *     names the file and offset)
     */
    public KeyValueStore build() {
      LocalKeyValueStore store = LocalKeyValueStore.create(databases, shards, ticker, hz,
          persistence, extensions);
      store.engine().eviction().maxmemory(maxMemoryBytes);
      store.engine().eviction().policy(
          io.lime.internal.engine.Eviction.Policy.of(evictionPolicy.configName()));
      store.engine().pubsub().listenerExecutor(listenerExecutor);
      store.engine().events().flags(keyspaceEvents);
      return store;
    }

    private int keyspaceEvents;
    private long maxMemoryBytes;
    private EvictionPolicy evictionPolicy = EvictionPolicy.NOEVICTION;

    /**
     * Bounds the data's memory ({@link KeyValueStore#usedMemory()}) as Redis's
     * {@code maxmemory} and {@code maxmemory-policy}: before each write (of the typed API or
     * a RESP client of a server sharing the engine) keys are evicted under {@code policy}
     * until memory is under the limit, a bounded amount of work per write. Default: no limit.
     *
     * @param bytes the limit; 0 for none
     * @throws IllegalArgumentException if {@code bytes < 0}
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder maxMemory(long bytes, EvictionPolicy policy) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxMemory must be >= 0: " + bytes);
      }
      this.maxMemoryBytes = bytes;
      this.evictionPolicy = java.util.Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Which keyspace notifications the store publishes, as Redis's
     * {@code notify-keyspace-events}: class characters {@code K} (keyspace channel
     * {@code __keyspace@<db>__:<key>}, message = event), {@code E} (keyevent channel
     * {@code __keyevent@<db>__:<event>}, message = key), {@code g $ l s h z x e t m d n} and
     * {@code A} (alias of {@code g$lshzxetd}). Default: none. Java code receives them by
     * subscribing to those channels, e.g. {@code store.psubscribe("__keyevent@0__:expired",
     * listener)}; event names are Redis 7.0's ({@code set}, {@code del}, {@code expire},
     * {@code expired}, {@code lpush}, {@code hset}, ...), emitted by typed operations as by
     * the equivalent commands.
     *
     * @throws IllegalArgumentException if {@code classes} holds another character
     */
    public Builder notifyKeyspaceEvents(String classes) {
      int f = io.lime.internal.config.NotifyFlags.parse(classes);
      if (f < 0) {
        throw new IllegalArgumentException("invalid notify-keyspace-events classes: " + classes);
      }
      this.keyspaceEvents = f;
      return this;
    }

    private java.util.concurrent.@org.jspecify.annotations.Nullable Executor listenerExecutor;

    /**
     * Where {@link MessageListener}s run. Default (null): one daemon thread per store,
     * started on first use, so publishers (application threads, server loops) never run
     * listener code and each listener sees messages in the order they were published; a
     * listener that cannot keep up lets pending messages accumulate in memory. Pass
     * {@code Runnable::run} to deliver synchronously on the publisher's thread (backpressure,
     * but a slow listener then slows every publisher, including RESP clients; and a
     * listener run in place may be called while the publishing write still holds keyspace
     * locks, e.g. for keyspace notifications, so it must not call back into the store), or
     * any executor (a multi-threaded one does not keep the order).
     */
    public Builder listenerExecutor(java.util.concurrent.@org.jspecify.annotations.Nullable Executor executor) {
      this.listenerExecutor = executor;
      return this;
    }
  }
}
