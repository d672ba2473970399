package io.lime.internal.store;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.WriteUnit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a typed view over one key shares with every other: the key (a private copy), its
 * database, and the typed door's prologue, so that a view method is only "check the Java
 * arguments, run the key-level operation, return": {@link #onKey} locks the key,
 * {@link #onKeys} the shards of several keys in ascending order, and {@link #write} brackets a
 * write in a {@link WriteUnit} whose command "as given" is built only when persistence wants
 * it. Views are equal when they name the same key of the same database and are of one kind.
 */
abstract class LocalKeyView {
  final Engine engine;
  final Database db;
  final byte[] key;
  private final String kind;

  /** A view named {@code kind} (for toString) of {@code key} (copied) in {@code dbIndex}. */
  LocalKeyView(Engine engine, int dbIndex, byte[] key, String kind) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
    this.kind = kind;
  }

  /** The key of this view (a copy). */
  public byte[] key() {
    return key.clone();
  }

  /** Runs {@code op} on this key, locked, at the current time. */
  final <T> T onKey(Function<LockedKey, T> op) {
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

  /** Runs {@code body} as one write command whose form as given is {@code given}. */
  final <T> T write(Supplier<T> body, Supplier<byte[][]> given) {
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try {
      return body.get();
    } finally {
      if (w != null) {
        w.end(given);
      }
    }
  }

  /** This key followed by {@code others} (none may be null). */
  final byte[][] withThisKey(byte[][] others) {
    byte[][] keys = new byte[others.length + 1][];
    keys[0] = key;
    System.arraycopy(nonNull(others), 0, keys, 1, others.length);
    return keys;
  }

  /** {@code arrays}, having checked that none is null. */
  static byte[][] nonNull(byte[][] arrays) {
    for (byte[] a : arrays) {
      Objects.requireNonNull(a);
    }
    return arrays;
  }

  @Override
  public String toString() {
    return kind + "[" + new String(key, StandardCharsets.UTF_8) + "]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && ((LocalKeyView) o).db == db
        && Arrays.equals(((LocalKeyView) o).key, key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
