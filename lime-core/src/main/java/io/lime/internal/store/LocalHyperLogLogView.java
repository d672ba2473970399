package io.lime.internal.store;

import io.lime.HyperLogLogView;
import io.lime.internal.engine.Engine;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.HyperLogLogType;

/**
 * {@link HyperLogLogView} over one key of one database: each method checks its Java
 * arguments, locks the key (the shards of every key, ascending, for multi-key calls) and calls
 * the {@link HyperLogLogType} operation the PF commands call, so representation, errors,
 * events and propagation are theirs. Writes run in a write unit.
 */
public final class LocalHyperLogLogView extends LocalKeyView implements HyperLogLogView {

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalHyperLogLogView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "HyperLogLogView");
  }

  @Override
  public boolean add(byte[]... elements) {
    ByteArgs args = ByteArgs.of(nonNull(elements));
    return write(key, k -> HyperLogLogType.add(k, args)) == 1;
  }

  @Override
  public long count() {
    // caching the cardinality is a change Redis propagates (as this PFCOUNT)
    return write(key, k -> HyperLogLogType.count(k, null));
  }

  @Override
  public long countUnion(byte[]... otherKeys) {
    if (otherKeys.length == 0) {
      return count();
    }
    byte[][] keys = withThisKey(otherKeys);
    ByteArgs args = ByteArgs.of(keys);
    return onKeys(keys, (locks, now) -> HyperLogLogType.countUnion(locks.key(key, now), args,
        null));
  }

  @Override
  public void mergeFrom(byte[]... sourceKeys) {
    byte[][] keys = withThisKey(sourceKeys);
    ByteArgs args = ByteArgs.of(sourceKeys);
    write(() -> onKeys(keys, (locks, now) -> {
      HyperLogLogType.merge(locks.key(key, now), args, null);
      return null;
    }));
  }
}
