package io.lime.internal.type;

import io.lime.internal.engine.EncodingLimits;

/**
 * A sorted set value (Redis's zset object): a stable holder, stored in the entry, for one
 * of the two representations ({@link SortedSetListpack} or {@link SortedSetSkiplist}); converting
 * swaps the representation in place, as Redis swaps {@code robj->ptr}.
 *
 * <p>Conversions follow Redis 7.0: a listpack becomes a skiplist before adding a member when
 * the set would exceed {@code zset-max-listpack-entries} or the member is longer than
 * {@code zset-max-listpack-value} (zsetAdd); a skiplist becomes a listpack again only where
 * Redis calls zsetConvertToListpackIfNeeded (the results of ZUNIONSTORE / ZINTERSTORE /
 * ZDIFFSTORE). Empty sorted sets are never stored: the type layer deletes the key.
 *
 * <p>Memory: the holder is 16 bytes (as Redis's robj); a listpack is one exact-size array
 * of {@code ~member + 10} bytes per element.
 *
 * <p>Not thread-safe: guarded by the lock of the shard whose entry holds it.
 */
public final class SortedSetValue implements io.lime.internal.engine.MemorySized {
  /** Longest packed listpack Redis lets grow (LISTPACK_MAX_SAFETY_SIZE, lpSafeToAdd). */
  static final long LISTPACK_MAX_SAFETY_BYTES = 1L << 30;

  private SortedSetEncoding rep;

  SortedSetValue(SortedSetEncoding rep) {
    this.rep = rep;
  }

  /** An empty listpack-encoded sorted set (createZsetListpackObject). */
  static SortedSetValue listpack() {
    return new SortedSetValue(new SortedSetListpack());
  }

  /** An empty skiplist-encoded sorted set (createZsetObject). */
  static SortedSetValue skiplist() {
    return new SortedSetValue(new SortedSetSkiplist());
  }

  /** The holder and its representation (O(1)). */
  @Override
  public long memoryBytes() {
    return io.lime.internal.engine.MemoryLayout.object(4) + rep.memoryBytes();
  }

  /** Members of the skiplist encoding (Redis frees one node per member), else 1. */
  @Override
  public long freeEffort() {
    return rep instanceof SortedSetSkiplist ? rep.size() : 1;
  }

  @Override
  public void release() {
    if (rep instanceof SortedSetSkiplist z) {
      z.release();
    }
  }

  /** The current representation. */
  SortedSetEncoding rep() {
    return rep;
  }

  /** Number of members. */
  public int size() {
    return rep.size();
  }

  /** OBJECT ENCODING: {@code listpack} or {@code skiplist}. */
  public String encoding() {
    return rep.encoding();
  }

  /** Whether the listpack encoding is in use. */
  boolean isListpack() {
    return rep instanceof SortedSetListpack;
  }

  /** zsetConvert to skiplist. */
  void toSkiplist() {
    if (rep instanceof SortedSetListpack) {
      rep = SortedSetSkiplist.of(rep);
    }
  }

  /** zsetConvert to listpack. */
  void toListpack() {
    if (rep instanceof SortedSetSkiplist) {
      rep = SortedSetListpack.of(rep);
    }
  }

  /**
   * zsetConvertToListpackIfNeeded: back to listpack when the set fits the thresholds
   * ({@code maxLen} is its longest member, {@code totalLen} the sum of member lengths).
   */
  void toListpackIfFits(EncodingLimits limits, long maxLen, long totalLen) {
    if (rep instanceof SortedSetSkiplist && rep.size() <= limits.zsetMaxListpackEntries
        && maxLen <= limits.zsetMaxListpackValue && totalLen < LISTPACK_MAX_SAFETY_BYTES) {
      rep = SortedSetListpack.of(rep);
    }
  }

  /** A deep copy with the same encoding (COPY). */
  SortedSetValue copy() {
    return new SortedSetValue(rep.copy());
  }
}
