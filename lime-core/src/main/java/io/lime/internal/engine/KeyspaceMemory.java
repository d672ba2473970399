package io.lime.internal.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's memory counters: the bytes of every key ({@code dataset}: entries, key bytes,
 * values) and the keyspace's own structures ({@code overhead}: bucket arrays and the lists of
 * keys with a TTL). Shards add to them under their locks whenever an entry is inserted,
 * re-measured after a write or deleted, and whenever a table is resized; reading them sums a
 * few cells, so the maxmemory check before each command is cheap.
 *
 * <p>Thread-safety: safe for concurrent use; a sum read while writers run is a recent value.
 */
public final class KeyspaceMemory {
  private final LongAdder dataset = new LongAdder();
  private final LongAdder overhead = new LongAdder();
  private final LongAdder expiresOverhead = new LongAdder();
  private final LongAdder keys = new LongAdder();
  private volatile long peak;

  void dataset(long delta) { dataset.add(delta); }

  void keys(long delta) { keys.add(delta); }

  /** Number of keys of every database (expired ones not yet deleted included). */
  public long keyCount() { return keys.sum(); }

  void overhead(long delta) { overhead.add(delta); }

  void expiresOverhead(long delta) { expiresOverhead.add(delta); }

  /** Bytes of every key: entries, key bytes and values. */
  public long datasetBytes() { return dataset.sum(); }

  /** Bytes of the keyspaces' bucket arrays. */
  public long tableBytes() { return overhead.sum(); }

  /** Bytes of the lists of keys with a TTL (Redis's expires dicts). */
  public long expiresBytes() { return expiresOverhead.sum(); }

  /**
   * What LIME reports as {@code used_memory} and compares with maxmemory: keys plus the
   * keyspace structures. Updates the peak.
   */
  public long usedBytes() {
    long used = dataset.sum() + overhead.sum() + expiresOverhead.sum();
    if (used > peak) {
      peak = used;
    }
    return used;
  }

  /** The largest {@link #usedBytes()} seen. */
  public long peakBytes() { return Math.max(peak, usedBytes()); }
}
