package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import io.lime.internal.engine.MemorySized;

/**
 * An {@code int}-encoded string outside the shared integers that INCR, DECR, INCRBY and DECRBY
 * made: they change it in place, as Redis's incrDecrCommand overwrites an unshared integer
 * object's value, so a counter that keeps counting allocates nothing. Everywhere else it reads
 * as a {@code Long} does ({@link StringType} handles both); COPY duplicates it. Guarded by the
 * lock of the shard holding it, as every value.
 */
public final class CounterValue implements MemorySized {
  long value;

  CounterValue(long value) {
    this.value = value;
  }

  /** The integer. */
  public long value() {
    return value;
  }

  /** As a boxed {@code Long}. */
  @Override
  public long memoryBytes() {
    return MemoryLayout.LONG_BYTES;
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
