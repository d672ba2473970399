package io.lime.internal.type;

/**
 * The representation behind a {@link SortedSetValue} (what Redis's robj ptr points to): members
 * (distinct byte strings) ordered by (score, member bytes unsigned), in one of Redis 7.0's two
 * encodings:
 * <ul>
 *   <li>{@link SortedSetListpack} ({@code listpack}): one packed {@code byte[]} of entries in order,
 *       linear scans, for small sets;
 *   <li>{@link SortedSetSkiplist} ({@code skiplist}): a skiplist with spans (O(log N) rank
 *       arithmetic) plus a hash table from member to node (O(1) score lookup).
 * </ul>
 * The operations are encoding-agnostic; {@link SortedSetType} decides conversions at Redis's
 * thresholds and {@link SortedSetValue} swaps representations. Ranks are 0-based, ascending. Scores are never NaN, so NaN serves as "absent".
 *
 * <p>Not thread-safe: guarded by the lock of the shard holding the entry.
 */
public abstract sealed class SortedSetEncoding permits SortedSetListpack, SortedSetSkiplist {
  /** Receives elements of a walk; returns false to stop. */
  public interface Visitor {
    /** One element: the member is {@code len} bytes of {@code b} from {@code off}. */
    boolean visit(byte[] b, int off, int len, double score);
  }

  SortedSetEncoding() {}

  /** Number of members. */
  public abstract int size();

  /** Heap bytes of this representation (O(1)). */
  abstract long memoryBytes();

  /** OBJECT ENCODING: {@code listpack} or {@code skiplist}. */
  public final String encoding() {
    return this instanceof SortedSetListpack ? "listpack" : "skiplist";
  }

  /** The score of a member, or NaN when absent. */
  public abstract double score(byte[] b, int off, int len);

  /** The ascending 0-based rank of a member, or -1 when absent. */
  public abstract int rank(byte[] b, int off, int len);

  /** Adds a member known to be absent; {@code member} is owned by the set afterwards. */
  abstract void insert(byte[] member, double score);

  /** Changes the score of a present member whose current score is {@code current}. */
  abstract void updateScore(byte[] b, int off, int len, double current, double score);

  /** Removes a member; returns whether it was present. */
  abstract boolean delete(byte[] b, int off, int len);

  /** Removes the members of ranks {@code [start, end]} (valid, inclusive). */
  abstract void deleteRange(int start, int end);

  /**
   * Visits members from rank {@code rank} towards the end ({@code reverse}: towards rank 0)
   * until the visitor returns false or the set is exhausted.
   */
  public abstract void walk(int rank, boolean reverse, Visitor v);

  /** Rank of the first member in {@code r} (Redis's zslFirstInRange / zzlFirstInRange), or -1. */
  public abstract int firstInRange(SortedSetRange r);

  /** Rank of the last member in {@code r} (zslLastInRange / zzlLastInRange), or -1. */
  public abstract int lastInRange(SortedSetRange r);

  /** A deep copy with the same encoding (COPY). */
  abstract SortedSetEncoding copy();
}
