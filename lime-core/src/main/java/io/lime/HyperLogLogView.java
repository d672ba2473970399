package io.lime;

/**
 * The HyperLogLog at one key, as typed Java calls with the behaviour of Redis 7.0's PFADD,
 * PFCOUNT and PFMERGE. Obtained from {@link KeyValueStore#hyperLogLog(String)}; a view is a
 * key name, not a snapshot.
 *
 * <p><b>Semantics.</b> A HyperLogLog estimates the number of distinct elements added to it
 * (standard error 0.81%) in at most 12 KiB. It is stored as a string in Redis's exact
 * representation (sparse, then dense beyond {@code hll-sparse-max-bytes}), so its bytes
 * (GET) equal Redis's for the same inputs and it moves between LIME and Redis by value. A
 * missing key counts as an empty HyperLogLog; adding creates it.
 *
 * <p><b>Elements and keys</b> are byte arrays; the {@code String} overloads encode UTF-8.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; each call is atomic, multi-key calls over
 * all their keys.
 *
 * <p><b>Nullness:</b> no parameter may be null ({@link NullPointerException}).
 *
 * <p><b>Errors:</b> {@link WrongTypeException} when a key holds another type; a
 * {@link LimeException} with Redis's text for a string that is not a HyperLogLog
 * ("WRONGTYPE Key is not a valid HyperLogLog string value.") or a corrupted one
 * ("INVALIDOBJ Corrupted HLL object detected"; an add may have changed registers before
 * finding the corruption, as in Redis).
 *
 * <p><b>Complexity:</b> O(1) per element added; {@link #count()} O(1) when cached, else
 * O(16384); union and merge O(16384) per key.
 */
public interface HyperLogLogView {

  /** The key of this view (a copy). */
  byte[] key();

  /**
   * PFADD: adds the elements (none: only creates the key); returns whether the estimate may
   * have changed.
   */
  boolean add(byte[]... elements);

  /** PFADD with UTF-8 elements. */
  default boolean add(String... elements) {
    byte[][] b = new byte[elements.length][];
    for (int i = 0; i < b.length; i++) {
      b[i] = Utf8.bytes(elements[i]);
    }
    return add(b);
  }

  /** PFCOUNT key: the estimated number of distinct elements (cached in the value). */
  long count();

  /** PFCOUNT key other...: the estimate for the union of this key and {@code otherKeys}. */
  long countUnion(byte[]... otherKeys);

  /**
   * PFMERGE key source...: merges this key and the {@code sourceKeys} into this key
   * (created when missing).
   */
  void mergeFrom(byte[]... sourceKeys);
}
