package io.lime.internal.engine;

/**
 * The thresholds at which small collections leave their compact encoding, as Redis 7.0's
 * {@code *-max-listpack-*} and {@code set-max-intset-entries} directives. Read by the type
 * layer on every write that may convert; changed by CONFIG SET (or the embedded builder).
 *
 * <p>Thread-safety: fields are volatile; a change applies to conversions checked after it
 * (as in Redis, existing values are not converted back or forth by a change alone).
 */
public final class EncodingLimits {
  /** {@code list-max-listpack-size}: positive = max entries per node, -1..-5 = 4/8/16/32/64 KiB. */
  public volatile int listMaxListpackSize = -2;
  /** {@code set-max-intset-entries}. */
  public volatile long setMaxIntsetEntries = 512;
  /** {@code hash-max-listpack-entries}. */
  public volatile long hashMaxListpackEntries = 512;
  /** {@code hash-max-listpack-value}. */
  public volatile long hashMaxListpackValue = 64;
  /** {@code zset-max-listpack-entries}. */
  public volatile long zsetMaxListpackEntries = 128;
  /** {@code zset-max-listpack-value}. */
  public volatile long zsetMaxListpackValue = 64;
  /** {@code hll-sparse-max-bytes}: the longest sparse HyperLogLog before it turns dense. */
  public volatile long hllSparseMaxBytes = 3000;
  /** {@code stream-node-max-bytes}: a node (listpack) is full at this many bytes; 0 = no limit. */
  public volatile long streamNodeMaxBytes = 4096;
  /** {@code stream-node-max-entries}: a node is full at this many entries; 0 = no limit. */
  public volatile long streamNodeMaxEntries = 100;
}
