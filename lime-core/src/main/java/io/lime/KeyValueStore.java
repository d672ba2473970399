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
 * Each operation is atomic; multi-key operations are atomic over all their keys.
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

  /** The list at {@code key} (UTF-8) in this database: a view holding no data. */
  ListView list(String key);

  /** The list at {@code key} (copied) in this database: a view holding no data. */
  ListView list(byte[] key);

  /** The set at {@code key} (UTF-8) in this database: a view holding no data. */
  SetView set(String key);

  /** The set at {@code key} (copied) in this database: a view holding no data. */
  SetView set(byte[] key);

  /** The hash at {@code key} (UTF-8) in this database: a view holding no data. */
  HashView hash(String key);

  /** The hash at {@code key} (copied) in this database: a view holding no data. */
  HashView hash(byte[] key);

  /** The sorted set at {@code key} (UTF-8) in this database: a view holding no data. */
  SortedSetView sortedSet(String key);

  /** The sorted set at {@code key} (copied) in this database: a view holding no data. */
  SortedSetView sortedSet(byte[] key);

  /** Stops the store's background work. Idempotent. */
  @Override
  void close();

  /** Settings for a new store. Not thread-safe; build once. */
  final class Builder {
    private int databases = 16;
    private int shards = 16;
    private Ticker ticker = Ticker.system();
    private int hz = 10;

    Builder() {}

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

    /** Creates and starts the store. */
    public KeyValueStore build() {
      return LocalKeyValueStore.create(databases, shards, ticker, hz);
    }
  }
}
