package io.lime.persistence;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a store persists its data: nothing ({@link #none()}), RDB snapshots, an append-only
 * file, or several at once ({@link #all(Persistence...)}).
 *
 * <p><b>Life cycle.</b> The store calls {@link #open(PersistenceContext)} once, after the
 * engine exists and before any command runs: the implementation loads its saved data into
 * the empty keyspace through {@link PersistenceContext#restore} (or by replaying commands)
 * and starts its background work. While the store runs, every write command that changed
 * the data set is reported to {@link #onWrite(int, byte[][])}. {@link #close()} is called
 * once when the store closes, after the last command: it flushes (an RDB implementation
 * saves a final snapshot when it has save rules, an AOF implementation fsyncs).
 *
 * <p><b>Writes.</b> {@code onWrite} receives the command as Redis would propagate it to its
 * AOF and replicas: non-deterministic forms already rewritten (relative expiry as absolute
 * {@code PEXPIREAT}/{@code PXAT}, {@code SPOP} as {@code SREM}, ...). Commands that changed
 * nothing are not reported. It is called on the thread that executed the command, possibly
 * from many threads at once; it must be thread-safe and should not block for long (it is
 * on the command's latency path).
 *
 * <p><b>Snapshots.</b> {@link PersistenceContext#snapshot(SnapshotVisitor)} streams every
 * live key; see there for the consistency guarantee.
 *
 * <p><b>Thread-safety.</b> Implementations must be thread-safe. {@code open} and {@code
 * close} are called once each, by one thread.
 */
public interface Persistence {

  /** No persistence: the default for embedded stores and test fixtures. */
  static Persistence none() {
    return None.INSTANCE;
  }

  /**
   * RDB snapshots (Redis's format, loadable by Redis 7.0) in {@code file}: loaded when the
   * store is built if the file exists, saved in the background when a {@code rule} fires,
   * and saved when the store closes. Files are written to a temporary file in the same
   * directory, fsynced, renamed over {@code file}, and the directory fsynced. Compression
   * (LZF) and the CRC64 checksum are on, as Redis's defaults.
   *
   * <p>Consistency: see {@link PersistenceContext#snapshot(SnapshotVisitor)} (each shard is
   * captured at one instant; other shards keep serving commands meanwhile).
   *
   * @param file the snapshot file; its directory must exist
   * @param rules background save triggers (Redis's {@code save}); none: save only on close
   */
  static Persistence rdb(java.nio.file.Path file, SaveRule... rules) {
    return io.lime.internal.persistence.rdb.RdbPersistence.embedded(file, List.of(rules));
  }

  /**
   * An append-only file with Redis 7.0's defaults ({@link AofOptions#defaults()}: {@code
   * appendfsync everysec}, RDB preamble, in {@code dir/appendonlydir}); see {@link
   * #aof(java.nio.file.Path, AofOptions)}.
   */
  static Persistence aof(java.nio.file.Path dir) {
    return aof(dir, AofOptions.defaults());
  }

  /**
   * An append-only file in {@code dir}, as Redis 7.0's multi-part AOF ({@code appendonly
   * yes}): a manifest, a base file and incremental files of RESP commands in {@code
   * dir/}{@link AofOptions#dirName()}, readable by Redis 7.0 and {@code redis-check-aof}.
   *
   * <p>When the store is built the files are loaded (base, then incremental files, in
   * manifest order), or created from the empty data set when there are none. Every write,
   * through commands and through the typed API ({@code KeyValueStore} and its views), is
   * then appended as the command Redis would log for it (relative expiry as absolute {@code
   * PXAT}/{@code PEXPIREAT}, {@code SPOP} as {@code SREM}, a {@code transaction} as {@code
   * MULTI ... EXEC}, ...). Writes are serialized while commands are logged (readers are not),
   * so the log replays to the same data. With {@link AofOptions.Fsync#ALWAYS} a write is
   * fsynced before the operation returns. The log is rewritten (compacted) in the background
   * when it grows past the configured thresholds; writers pause while the data set is
   * serialized into memory. {@code close()} writes and fsyncs what is pending.
   *
   * <p>Each call returns a new instance, which serves one store.
   *
   * @param dir the directory the AOF directory is created in (it must exist)
   * @param options file names, fsync policy, rewrite thresholds, truncation policy
   */
  static Persistence aof(java.nio.file.Path dir, AofOptions options) {
    java.util.Objects.requireNonNull(dir, "dir");
    java.util.Objects.requireNonNull(options, "options");
    return io.lime.internal.aof.EmbeddedAof.create(dir, options);
  }

  /**
   * All of {@code parts} at once (as Redis with both {@code save} rules and {@code
   * appendonly yes}): opened in order (each may load; a later part loading into a non-empty
   * keyspace is a configuration the caller avoids), writes reported to each in order,
   * closed in reverse order. An embedded store combining {@link #rdb} with {@link #aof} loads
   * only the AOF, as Redis ignores its {@code dump.rdb} when {@code appendonly} is on; the
   * snapshots are still saved by their rules and on close.
   */
  static Persistence all(Persistence... parts) {
    return new All(List.of(parts));
  }

  /**
   * Loads the saved data set (if any) and starts background work.
   *
   * @throws IOException if saved data exists but cannot be read; the store must not start
   * @throws PersistenceException if saved data is corrupt (the message names the file and
   *     the offset)
   */
  void open(PersistenceContext context) throws IOException;

  /**
   * Reports one executed write command of database {@code db}, {@code argv[0]} being the
   * command name. The arrays belong to the callee after the call (the caller does not
   * reuse them).
   */
  void onWrite(int db, byte[][] argv);

  /** Flushes and stops background work. Idempotent. Failures are logged, not thrown. */
  void close();

  /**
   * Whether {@link #onWrite} is wanted now. While false the engine does not build or
   * report commands at all (and does not serialize writers to keep a log in order), so an
   * implementation that only takes snapshots returns false. May change over time (an AOF
   * switched on by {@code CONFIG SET appendonly yes}); read on every write command, so it
   * must be cheap (a volatile read). Default: true.
   */
  default boolean wantsCommands() {
    return true;
  }

  /**
   * This implementation, or the part of a composite, that is an instance of {@code type};
   * null if none. Lets the command layer find, for example, the snapshot implementation
   * behind SAVE and BGSAVE.
   */
  default <T> @Nullable T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : null;
  }

  /** {@link #none()}. */
  enum None implements Persistence {
    INSTANCE;

    @Override
    public void open(PersistenceContext context) {}

    @Override
    public void onWrite(int db, byte[][] argv) {}

    @Override
    public void close() {}

    @Override
    public boolean wantsCommands() {
      return false;
    }
  }

  /** {@link #all(Persistence...)}. */
  record All(List<Persistence> parts) implements Persistence {
    @Override
    public void open(PersistenceContext context) throws IOException {
      for (Persistence p : parts) {
        p.open(context);
      }
    }

    @Override
    public void onWrite(int db, byte[][] argv) {
      for (Persistence p : parts) {
        p.onWrite(db, argv);
      }
    }

    @Override
    public void close() {
      for (int i = parts.size() - 1; i >= 0; i--) {
        parts.get(i).close();
      }
    }

    @Override
    public boolean wantsCommands() {
      for (Persistence p : parts) {
        if (p.wantsCommands()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public <T> @Nullable T unwrap(Class<T> type) {
      if (type.isInstance(this)) {
        return type.cast(this);
      }
      for (Persistence p : parts) {
        T t = p.unwrap(type);
        if (t != null) {
          return t;
        }
      }
      return null;
    }
  }
}
