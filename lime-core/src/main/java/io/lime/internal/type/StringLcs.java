package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The longest common subsequence of two strings, as Redis 7.0's lcsCommand computes it: the
 * vanilla dynamic-programming table, then a walk back from the end that prefers moving in
 * the first string on ties, collecting the matched ranges from the last to the first.
 *
 * <p>The table takes {@code (alen+1)·(blen+1)} 32-bit cells, as in Redis; callers check
 * {@link #tableBytes} against {@code proto-max-bulk-len} first. When only the length is
 * wanted, two rows suffice and give the same number.
 *
 * <p>Stateless; operates on arrays the caller no longer shares with the keyspace.
 */
public final class StringLcs {
  private static final byte[] EMPTY = new byte[0];

  private StringLcs() {}

  /**
   * The LCS and its matches.
   *
   * @param length length of the LCS
   * @param lcs the LCS itself
   * @param matches per match, 5 ints: a start, a end, b start, b end, match length; in the
   *     order Redis emits them (last match first), all of them (filter by length at reply)
   * @param matchCount number of matches
   */
  public record Result(int length, byte[] lcs, int[] matches, int matchCount) {}

  /**
   * LCS's inputs from the values its two keys hold ({@link StringType#lookupValue}, null when
   * absent: an empty string): copies, so that the O(N*M) work runs without the locks (raw
   * values are modified in place, so they are copied too).
   *
   * @throws LimeException with {@link Errors#LCS_NOT_STRINGS} if either holds another type
   */
  public static byte[][] inputs(@Nullable Object first, @Nullable Object second) {
    if ((first != null && !StringType.isString(first))
        || (second != null && !StringType.isString(second))) {
      throw new LimeException(Errors.LCS_NOT_STRINGS);
    }
    return new byte[][] {first == null ? EMPTY : StringType.toBytes(first),
        second == null ? EMPTY : StringType.toBytes(second)};
  }

  /** Bytes of Redis's LCS table for strings of these lengths. */
  public static long tableBytes(int alen, int blen) {
    return ((long) alen + 1) * ((long) blen + 1) * Integer.BYTES;
  }

  /** The LCS length only, in O(blen) memory. */
  public static int length(byte[] a, int alen, byte[] b, int blen) {
    int[] prev = new int[blen + 1];
    int[] cur = new int[blen + 1];
    for (int i = 1; i <= alen; i++) {
      byte ai = a[i - 1];
      for (int j = 1; j <= blen; j++) {
        if (ai == b[j - 1]) {
          cur[j] = prev[j - 1] + 1;
        } else {
          cur[j] = Math.max(prev[j], cur[j - 1]);
        }
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[blen];
  }

  /**
   * The full computation.
   *
   * @throws OutOfMemoryError if the table cannot be allocated (callers reply Redis's
   *     "failed allocating transient memory" error)
   */
  public static Result compute(byte[] a, int alen, byte[] b, int blen) {
    long cells = ((long) alen + 1) * ((long) blen + 1);
    if (cells > Integer.MAX_VALUE - 16) {
      throw new OutOfMemoryError("LCS table of " + cells + " cells");
    }
    int w = blen + 1;
    int[] t = new int[(int) cells];
    for (int i = 1; i <= alen; i++) {
      byte ai = a[i - 1];
      int row = i * w;
      int up = row - w;
      for (int j = 1; j <= blen; j++) {
        if (ai == b[j - 1]) {
          t[row + j] = t[up + j - 1] + 1;
        } else {
          int l1 = t[up + j];
          int l2 = t[row + j - 1];
          t[row + j] = l1 > l2 ? l1 : l2;
        }
      }
    }
    int total = t[alen * w + blen];
    byte[] result = new byte[total];
    int[] matches = new int[16 * 5];
    int count = 0;
    int idx = total;
    int aStart = alen; // alen: no range open
    int aEnd = 0;
    int bStart = 0;
    int bEnd = 0;
    int i = alen;
    int j = blen;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        result[idx - 1] = a[i - 1];
        if (aStart == alen) {
          aStart = i - 1;
          aEnd = i - 1;
          bStart = j - 1;
          bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        idx--;
        i--;
        j--;
      } else {
        int l1 = t[(i - 1) * w + j];
        int l2 = t[i * w + j - 1];
        if (l1 > l2) {
          i--;
        } else {
          j--;
        }
        if (aStart != alen) {
          emit = true;
        }
      }
      if (emit) {
        if (count * 5 == matches.length) {
          matches = Arrays.copyOf(matches, matches.length * 2);
        }
        int p = count * 5;
        matches[p] = aStart;
        matches[p + 1] = aEnd;
        matches[p + 2] = bStart;
        matches[p + 3] = bEnd;
        matches[p + 4] = aEnd - aStart + 1;
        count++;
        aStart = alen;
      }
    }
    return new Result(total, result, matches, count);
  }
}
