package io.lime.internal.type;

import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * A hash value stored in an {@link io.lime.internal.engine.Entry}: a map from field bytes to
 * value bytes in one of Redis 7.0's two encodings, {@link ListpackHash} ({@code listpack}:
 * one packed byte array, insertion order) or {@link TableHash} ({@code hashtable}). The
 * encoding-agnostic operations live in {@link HashType}; these are the per-encoding
 * primitives it uses (Redis's listpack and dict calls inside t_hash.c).
 *
 * <p>Fields and values are passed as byte slices ({@code b[off..off+len)}) so a command
 * passes its argv arena without copying; stored bytes are always copies. Visitors receive
 * slices of the internal storage, valid only during the callback and never to be modified.
 *
 * <p>Not thread-safe: guarded by the lock of the shard holding the entry.
 */
public sealed interface HashValue extends io.lime.internal.engine.MemorySized
    permits ListpackHash, TableHash {

  /** Receives one field-value pair as slices of internal storage (read-only, transient). */
  @FunctionalInterface
  interface PairVisitor {
    /** One pair: field {@code fb[foff..foff+flen)}, value {@code vb[voff..voff+vlen)}. */
    void pair(byte[] fb, int foff, int flen, byte[] vb, int voff, int vlen);
  }

  /** Number of fields. */
  int size();

  /** OBJECT ENCODING's answer: {@code listpack} or {@code hashtable}. */
  String encoding();

  /** Length of the field's value, or -1 when the field is absent. */
  int valueLength(byte[] f, int off, int len);

  /** Replies the field's value as a bulk string and returns true; replies nothing when absent. */
  boolean replyValue(ReplySink out, byte[] f, int off, int len);

  /** A copy of the field's value, or null when absent. */
  byte @Nullable [] get(byte[] f, int off, int len);

  /**
   * Sets the field to the value (copying both); returns true when the field was new, false
   * when an existing value was replaced. Never converts: {@link HashType} decides that.
   */
  boolean put(byte[] f, int foff, int flen, byte[] v, int voff, int vlen);

  /** Removes the field; returns whether it existed. */
  boolean remove(byte[] f, int off, int len);

  /** Visits every pair: insertion order for listpack, table order for hashtable. */
  void forEach(PairVisitor v);

  /**
   * One step of HSCAN from {@code cursor}: visits pairs and returns the next cursor (0 when
   * complete). A listpack visits everything and returns 0; a table visits buckets as Redis's
   * dictScan until {@code count} items (fields and values each count, as in Redis's
   * scanGenericCommand) or {@code count * 10} buckets.
   */
  long scan(long cursor, long count, PairVisitor v);

  /** Visits {@code count} pairs chosen uniformly at random, with repetition. */
  void randomPairs(long count, PairVisitor v);

  /** Visits {@code count} distinct random pairs; {@code 0 < count < size()}. */
  void randomDistinctPairs(int count, PairVisitor v);

  /** A deep copy with the same encoding (COPY). */
  HashValue copy();
}
