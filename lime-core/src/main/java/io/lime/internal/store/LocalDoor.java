package io.lime.internal.store;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.type.KeyspaceOps;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every typed door into one database shares (the key and string operations, the store,
 * the views over one key): the engine, the database, and the prologue that makes a typed
 * method only "check the Java arguments, run the key-level operation the command runs,
 * return". So lookup, type check, creation, deletion when empty, dirty count, keyspace
 * events, serving blocked clients and the propagated form are the command's; the doors
 * build no RESP and no propagated form. {@link #onKey} locks one key, {@link #onKeys} the
 * shards of several keys in ascending order, and the {@code write} methods bracket a write in
 * a {@link WriteUnit}: one command for the persistence, whose form the operation sets (the
 * typed door has no command as given; see {@link LockedKey#asGiven()}). The {@code String}
 * overloads are the public interfaces' default methods.
 *
 * <p>Concurrency: each call holds the shards of its keys for its whole duration, so calls
 * are atomic with respect to each other and to commands.
 *
 * <p>Allocation: {@link #write(byte[], Function)} allocates nothing itself, so a write whose
 * operation is a non-capturing lambda allocates nothing without persistence.
 */
abstract class LocalDoor {
  final Engine engine;
  final Database db;

  /**
   * A door into database {@code dbIndex} of {@code engine}.
   *
   * @throws IllegalArgumentException if {@code dbIndex} is out of range
   */
  LocalDoor(Engine engine, int dbIndex) {
    this.engine = engine;
    this.db = database(engine, dbIndex);
  }

  /** Database {@code index} of {@code engine}; an argument error when out of range. */
  static Database database(Engine engine, int index) {
    Database d = KeyspaceOps.database(engine, index);
    requireArgument(d != null, Errors.DB_INDEX_OUT_OF_RANGE, index);
    return d;
  }

  /** Runs {@code op} on {@code key}, locked, at the current time. */
  final <T> T onKey(byte[] key, Function<LockedKey, T> op) {
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return op.apply(k);
    }
  }

  /** Runs {@code op} with the shards of {@code keys} locked, at the current time. */
  final <T> T onKeys(byte[][] keys, MultiKeyOp<T> op) {
    try (KeyLocks locks = KeyLocks.of(db, keys)) {
      return op.apply(locks, engine.now());
    }
  }

  /** An operation over several keys whose shards are locked. */
  @FunctionalInterface
  interface MultiKeyOp<T> {
    T apply(KeyLocks locks, long now);
  }

  /**
   * One write command on {@code key}: {@code op} on the locked key, which sets the form the
   * command propagates.
   */
  final <T> T write(byte[] key, Function<LockedKey, T> op) {
    evict();
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return op.apply(k);
    } finally {
      if (w != null) {
        w.end();
      }
    }
  }

  /** Runs {@code body} (which locks its keys) as one write command. */
  final <T> T write(Supplier<T> body) {
    evict();
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try {
      return body.get();
    } finally {
      if (w != null) {
        w.end();
      }
    }
  }

  /**
   * Before a typed write, as before a command: evicts under the maxmemory policy when memory
   * is over the limit (one volatile read when no maxmemory is set). Typed writes are not
   * refused under {@code noeviction}: the typed door cannot tell a write that grows memory
   * from one that frees it, so the bound there is the cache API's or the RESP door's.
   */
  final void evict() {
    io.lime.internal.engine.Eviction ev = engine.eviction();
    if (ev.maxmemory() != 0 || ev.maxKeys() != 0) {
      ev.perform();
    }
  }

  /**
   * Runs {@code body}, throwing the Redis errors it raises for its arguments (COPY's same
   * object, SORT's scores, RESTORE's payload, ZINCRBY's NaN), those whose text
   * {@code isArgumentError} accepts, as the {@link IllegalArgumentException} the typed
   * interfaces document, with Redis's text and the error as cause; a
   * {@link WrongTypeException} and the other errors are thrown as they are.
   */
  static <T> T argumentErrors(Supplier<T> body, Predicate<String> isArgumentError) {
    try {
      return body.get();
    } catch (LimeException ex) {
      if (ex instanceof WrongTypeException || !isArgumentError.test(ex.getMessage())) {
        throw ex;
      }
      throw new IllegalArgumentException(ex.getMessage(), ex);
    }
  }

  /**
   * The typed door's argument check: an {@link IllegalArgumentException} with
   * {@code message} unless {@code valid}.
   */
  static void requireArgument(boolean valid, String message) {
    if (!valid) {
      throw new IllegalArgumentException(message);
    }
  }

  /** As {@link #requireArgument(boolean, String)}, the message naming {@code value}. */
  static void requireArgument(boolean valid, String message, Object value) {
    if (!valid) {
      throw new IllegalArgumentException(message + ": " + value);
    }
  }

  /** As {@link #requireArgument(boolean, String, Object)} without boxing {@code value}. */
  static void requireArgument(boolean valid, String message, long value) {
    if (!valid) {
      throw new IllegalArgumentException(message + ": " + value);
    }
  }

  /** {@code arrays}, having checked that none is null. */
  static byte[][] nonNull(byte[][] arrays) {
    for (byte[] a : arrays) {
      Objects.requireNonNull(a);
    }
    return arrays;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
