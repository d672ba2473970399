package io.lime.internal.engine;

/**
 * A value that knows its heap cost: what {@link MemoryLayout#valueBytes} asks of the
 * collection and growable-string values of the type layer. Implementations answer in O(1)
 * (counters kept up to date by their mutations, or an estimate from a few of their nodes), so
 * re-measuring an entry after every write costs nothing to speak of.
 */
public interface MemorySized {
  /** The estimated heap bytes of this value and everything it owns (JVM object layout). */
  long memoryBytes();

  /**
   * Redis's lazyfreeGetFreeEffort, O(1): a number proportional to the allocations freeing this
   * value releases (members of a table, nodes of a list); 1 for a single allocation.
   */
  default long freeEffort() {
    return 1;
  }

  /**
   * Releases what this value owns, on the {@link LazyFree} thread, once it is unreachable
   * from the keyspace (no other thread can see it). Nothing to do for a single allocation.
   */
  default void release() {}
}
