package io.lime.internal.store;

import io.lime.internal.engine.Engine;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ByteArgs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a typed view over one key shares with every other: the key (a private copy) and,
 * from {@link LocalDoor}, its database and the typed door's prologue. Views are equal when
 * they name the same key of the same database and are of one kind.
 */
abstract class LocalKeyView extends LocalDoor {
  final byte[] key;
  private final String kind;

  /** A view named {@code kind} (for toString) of {@code key} (copied) in {@code dbIndex}. */
  LocalKeyView(Engine engine, int dbIndex, byte[] key, String kind) {
    super(engine, dbIndex);
    this.key = key.clone();
    this.kind = kind;
  }

  /** The key of this view (a copy). */
  public byte[] key() {
    return key.clone();
  }

  /** Runs {@code op} on this key, locked, at the current time. */
  final <T> T onKey(Function<LockedKey, T> op) {
    return onKey(key, op);
  }

  /** A write on this key of an operation with nothing to return. */
  final void update(Consumer<LockedKey> op) {
    write(key, k -> {
      op.accept(k);
      return null;
    });
  }

  /** SADD, SREM, ZREM: {@code op} on this key and {@code members} (none null). */
  final long writeMembers(byte[][] members, ToLongBiFunction<LockedKey, ByteArgs> op) {
    ByteArgs args = ByteArgs.of(nonNull(members));
    return write(key, k -> op.applyAsLong(k, args));
  }

  /** This key followed by {@code others} (none may be null). */
  final byte[][] withThisKey(byte[][] others) {
    byte[][] keys = new byte[others.length + 1][];
    keys[0] = key;
    System.arraycopy(nonNull(others), 0, keys, 1, others.length);
    return keys;
  }

  @Override public String toString() { return kind + "[" + new String(key, StandardCharsets.UTF_8) + "]"; }

  @Override
  public boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && ((LocalKeyView) o).db == db
        && Arrays.equals(((LocalKeyView) o).key, key);
  }

  @Override public int hashCode() { return Arrays.hashCode(key); }
}
