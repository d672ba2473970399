package io.lime.internal.type;

import io.lime.SortedSetView;
import io.lime.internal.engine.Argvs;
import java.util.Arrays;

/**
 * A score or lex interval of a sorted set (Redis's zrangespec / zlexrangespec), with the
 * membership tests the range walks use (zslValueGteMin, zslValueLteMax and their lex twins).
 */
public sealed interface SortedSetRange {
  /** Whether an element is at or after the lower bound. */
  boolean gteMin(byte[] b, int off, int len, double score);

  /** Whether an element is at or before the upper bound. */
  boolean lteMax(byte[] b, int off, int len, double score);

  /** Whether no element can ever be in the range (Redis's first test in zslIsInRange). */
  boolean alwaysEmpty();

  /**
   * The bounds as a client writes them, min then max ({@code (1.5 inf}, {@code [a +}): what
   * the typed door propagates for ZREMRANGEBYSCORE / ZREMRANGEBYLEX.
   */
  byte[][] args();

  /** The range of a typed-API score range. */
  static Score of(SortedSetView.ScoreRange r) {
    return new Score(r.min(), r.minExclusive(), r.max(), r.maxExclusive());
  }

  /** The range of a typed-API lex range (a null bound: {@code -} or {@code +}). */
  static Lex of(SortedSetView.LexRange r) {
    byte[] min = r.min();
    byte[] max = r.max();
    return new Lex(min == null ? SortedSetParse.LEX_MIN : min.clone(),
        min == null || r.minExclusive(), max == null ? SortedSetParse.LEX_MAX : max.clone(),
        max == null || r.maxExclusive());
  }

  /** {@code [min, max]} by score; a bound is excluded when its flag is set. */
  record Score(double min, boolean minEx, double max, boolean maxEx) implements SortedSetRange {
    @Override
    public boolean gteMin(byte[] b, int off, int len, double score) {
      return minEx ? score > min : score >= min;
    }

    @Override
    public boolean lteMax(byte[] b, int off, int len, double score) {
      return maxEx ? score < max : score <= max;
    }

    @Override
    public boolean alwaysEmpty() {
      return min > max || (min == max && (minEx || maxEx));
    }

    @Override
    public byte[][] args() {
      return new byte[][] {Argvs.ascii((minEx ? "(" : "") + Argvs.score(min)),
          Argvs.ascii((maxEx ? "(" : "") + Argvs.score(max))};
    }
  }

  /**
   * {@code [min, max]} by member bytes (unsigned, shorter prefix first);
   * {@link SortedSetParse#LEX_MIN} and {@link SortedSetParse#LEX_MAX} stand for {@code -} and
   * {@code +} (compared by identity).
   */
  record Lex(byte[] min, boolean minEx, byte[] max, boolean maxEx) implements SortedSetRange {
    @Override
    public boolean gteMin(byte[] b, int off, int len, double score) {
      int c = compare(b, off, len, min);
      return minEx ? c > 0 : c >= 0;
    }

    @Override
    public boolean lteMax(byte[] b, int off, int len, double score) {
      int c = compare(b, off, len, max);
      return maxEx ? c < 0 : c <= 0;
    }

    @Override
    public boolean alwaysEmpty() {
      int c = compareBounds(min, max);
      return c > 0 || (c == 0 && (minEx || maxEx));
    }

    @Override
    public byte[][] args() {
      return new byte[][] {arg(min, minEx), arg(max, maxEx)};
    }

    /** {@code -}, {@code +}, or the bound after {@code (} or {@code [}. */
    private static byte[] arg(byte[] bound, boolean exclusive) {
      if (bound == SortedSetParse.LEX_MIN || bound == SortedSetParse.LEX_MAX) {
        return Argvs.ascii(bound == SortedSetParse.LEX_MIN ? "-" : "+");
      }
      byte[] out = new byte[bound.length + 1];
      out[0] = (byte) (exclusive ? '(' : '[');
      System.arraycopy(bound, 0, out, 1, bound.length);
      return out;
    }

    /** sdscmplex of a member against a bound. */
    static int compare(byte[] b, int off, int len, byte[] bound) {
      if (bound == SortedSetParse.LEX_MIN) {
        return 1;
      }
      if (bound == SortedSetParse.LEX_MAX) {
        return -1;
      }
      return Arrays.compareUnsigned(b, off, off + len, bound, 0, bound.length);
    }

    private static int compareBounds(byte[] a, byte[] b) {
      if (a == b) {
        return 0;
      }
      if (a == SortedSetParse.LEX_MIN || b == SortedSetParse.LEX_MAX) {
        return -1;
      }
      if (a == SortedSetParse.LEX_MAX || b == SortedSetParse.LEX_MIN) {
        return 1;
      }
      return Arrays.compareUnsigned(a, b);
    }
  }
}
