package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetParse;
import io.lime.internal.type.SortedSetRange;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * Argument parsing and reply shapes shared by the sorted set commands: ZADD's options and
 * pairs, scores (string2d), score and lex ranges (zslParseRange, zslParseLexRange), and the
 * element replies whose shape depends on the protocol (flat member/score in RESP2,
 * [member, score] pairs in RESP3).
 */
final class SortedSetArgs {
  /** What the range parsers taking a {@link Call} return after replying the error. */
  static final SortedSetRange INVALID = new SortedSetRange.Score(0, true, 0, true);

  private SortedSetArgs() {}

  /** The {@code SortedSetType.IN_*} flag of a ZADD option at argument {@code i}, or 0. */
  static int addFlag(Argv a, int i) {
    if (a.is(i, "NX")) {
      return SortedSetType.IN_NX;
    } else if (a.is(i, "XX")) {
      return SortedSetType.IN_XX;
    } else if (a.is(i, "CH")) {
      return SortedSetType.IN_CH;
    } else if (a.is(i, "INCR")) {
      return SortedSetType.IN_INCR;
    } else if (a.is(i, "GT")) {
      return SortedSetType.IN_GT;
    } else if (a.is(i, "LT")) {
      return SortedSetType.IN_LT;
    }
    return 0;
  }

  /**
   * The score at argument {@code i} (getDoubleFromObject, {@link SortedSetParse#score}), or NaN
   * when invalid.
   */
  static double score(Argv a, int i) {
    return SortedSetParse.score(a.array(), a.offset(i), a.length(i));
  }

  /** The score of the member at argument {@code i} in {@code z} (null: missing), or NaN. */
  static double memberScore(@Nullable SortedSetValue z, Argv a, int i) {
    return SortedSetType.score(z, a.array(), a.offset(i), a.length(i));
  }

  /** A score, or nil for NaN (an absent member). */
  static void replyScore(ReplySink out, double score) {
    if (Double.isNaN(score)) {
      out.nullBulk();
    } else {
      out.doubleValue(score);
    }
  }

  /** The score range of arguments {@code min} and {@code max}, or null when invalid. */
  static SortedSetRange.@Nullable Score scoreRange(Argv a, int min, int max) {
    byte[] b = a.array();
    double lo = SortedSetParse.parseBound(b, a.offset(min), a.length(min));
    double hi = SortedSetParse.parseBound(b, a.offset(max), a.length(max));
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return null;
    }
    return new SortedSetRange.Score(lo, SortedSetParse.isExclusive(b, a.offset(min), a.length(min)),
        hi, SortedSetParse.isExclusive(b, a.offset(max), a.length(max)));
  }

  /** {@link #scoreRange(Argv, int, int)}, or {@link #INVALID} after replying the error. */
  static SortedSetRange scoreRange(Call c, int min, int max) {
    return orInvalid(c, scoreRange(c.argv(), min, max), Errors.ZSET_MINMAX_FLOAT);
  }

  /** The lex range of arguments {@code min} and {@code max}, or null when invalid. */
  static SortedSetRange.@Nullable Lex lexRange(Argv a, int min, int max) {
    byte[] b = a.array();
    byte[] lo = SortedSetParse.parseLex(b, a.offset(min), a.length(min));
    byte[] hi = SortedSetParse.parseLex(b, a.offset(max), a.length(max));
    if (lo == null || hi == null) {
      return null;
    }
    return new SortedSetRange.Lex(lo, SortedSetParse.isLexExclusive(b, a.offset(min)), hi,
        SortedSetParse.isLexExclusive(b, a.offset(max)));
  }

  /** {@link #lexRange(Argv, int, int)}, or {@link #INVALID} after replying the error. */
  static SortedSetRange lexRange(Call c, int min, int max) {
    return orInvalid(c, lexRange(c.argv(), min, max), Errors.ZSET_MINMAX_LEX);
  }

  private static SortedSetRange orInvalid(Call c, @Nullable SortedSetRange r, String error) {
    if (r == null) {
      c.out().error(error);
      return INVALID;
    }
    return r;
  }

  /**
   * Redis's getPositiveLongFromObjectOrReply: the value, or -1 after replying {@code message}
   * (default "value is out of range, must be positive") when not an integer or negative.
   */
  static long positiveLong(Argv a, int i, ReplySink out, @Nullable String message) {
    if (!StringArgs.isLong(a, i) || StringArgs.longValue(a, i) < 0) {
      out.error(message != null ? message : Errors.SET_COUNT_NOT_POSITIVE);
      return -1;
    }
    return StringArgs.longValue(a, i);
  }

  /** The array header for {@code count} elements with or without scores. */
  static void header(ReplySink out, int count, boolean withScores) {
    out.arrayHeader(withScores && out.protocol() == 2 ? count * 2 : count);
  }

  /** One element: member, then its score when asked (a pair array in RESP3). */
  static void element(ReplySink out, byte[] b, int off, int len, double score,
      boolean withScores) {
    if (withScores && out.protocol() > 2) {
      out.arrayHeader(2);
    }
    out.bulk(b, off, len);
    if (withScores) {
      out.doubleValue(score);
    }
  }

  /**
   * The reply of a pop (genericZpopCommand): flat {@code [m, s, ...]} or nested
   * {@code [[m, s], ...]}, prefixed by the key when {@code withKey} (ZMPOP, BZMPOP:
   * {@code [key, [[m, s], ...]]}; BZPOPMIN: flat {@code [key, m, s]}).
   */
  static final class PopReply implements SortedSetWrites.Popped {
    private final ReplySink out;
    private final boolean nested;
    private final boolean withKey;

    PopReply(ReplySink out, boolean nested, boolean withKey) {
      this.out = out;
      this.nested = nested;
      this.withKey = withKey;
    }

    @Override
    public void begin(LockedKey key, int n) {
      begin(key.array(), key.offset(), key.length(), n);
    }

    /** The headers (and the key) of {@code n} members popped from {@code key}. */
    void begin(byte[] key, int off, int len, int n) {
      if (!withKey) {
        out.arrayHeader(nested ? n : n * 2);
      } else if (!nested) {
        out.arrayHeader(n * 2 + 1);
        out.bulk(key, off, len);
      } else {
        out.arrayHeader(2);
        out.bulk(key, off, len);
        out.arrayHeader(n);
      }
    }

    @Override
    public boolean visit(byte[] b, int off, int len, double score) {
      if (nested) {
        out.arrayHeader(2);
      }
      out.bulk(b, off, len);
      out.doubleValue(score);
      return true;
    }
  }
}
