package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Hashing;
import io.lime.internal.type.ZSetParse;
import io.lime.internal.type.ZSetRange;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * Argument parsing and reply shapes shared by the sorted set commands: scores (string2d),
 * score and lex ranges (zslParseRange, zslParseLexRange), and the element replies whose
 * shape depends on the protocol (flat member/score in RESP2, [member, score] pairs in RESP3).
 */
final class ZSetArgs {
  private ZSetArgs() {}

  /**
   * The score at argument {@code i} (getDoubleFromObject), or NaN when invalid. Integers take
   * a fast path without allocation (a long converts to the double strtod would give).
   */
  static double score(Argv a, int i) {
    byte[] b = a.array();
    int off = a.offset(i);
    int len = a.length(i);
    if (len > 0 && len <= 18 && !(len > 1 && b[off] == '-' && b[off + 1] == '0')
        && Numbers.isLong(b, off, len)) {
      return Numbers.parseLong(b, off, len);
    }
    return ZSetParse.parseScore(b, off, len);
  }

  /** The score range of arguments {@code min} and {@code max}, or null when invalid. */
  static ZSetRange.@Nullable Score scoreRange(Argv a, int min, int max) {
    byte[] b = a.array();
    double lo = ZSetParse.parseBound(b, a.offset(min), a.length(min));
    double hi = ZSetParse.parseBound(b, a.offset(max), a.length(max));
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return null;
    }
    return new ZSetRange.Score(lo, ZSetParse.isExclusive(b, a.offset(min), a.length(min)),
        hi, ZSetParse.isExclusive(b, a.offset(max), a.length(max)));
  }

  /** The lex range of arguments {@code min} and {@code max}, or null when invalid. */
  static ZSetRange.@Nullable Lex lexRange(Argv a, int min, int max) {
    byte[] b = a.array();
    byte[] lo = ZSetParse.parseLex(b, a.offset(min), a.length(min));
    byte[] hi = ZSetParse.parseLex(b, a.offset(max), a.length(max));
    if (lo == null || hi == null) {
      return null;
    }
    return new ZSetRange.Lex(lo, ZSetParse.isLexExclusive(b, a.offset(min)), hi,
        ZSetParse.isLexExclusive(b, a.offset(max)));
  }

  /**
   * Redis's getPositiveLongFromObjectOrReply: the value, or -1 after replying {@code message}
   * (default "value is out of range, must be positive") when not an integer or negative.
   */
  static long positiveLong(Argv a, int i, ReplySink out, @Nullable String message) {
    if (!StringArgs.isLong(a, i)) {
      out.error(message != null ? message : Errors.SET_COUNT_NOT_POSITIVE);
      return -1;
    }
    long v = StringArgs.longValue(a, i);
    if (v < 0) {
      out.error(message != null ? message : Errors.SET_COUNT_NOT_POSITIVE);
      return -1;
    }
    return v;
  }

  /** The lock mask of the shards of arguments {@code [first, first + count)} and {@code extra}. */
  static long mask(Database db, Argv a, int first, int count, int extra) {
    long m = 0;
    for (int i = first; i < first + count; i++) {
      m |= 1L << db.shardIndex(Hashing.hash(a.array(), a.offset(i), a.length(i)));
    }
    if (extra > 0) {
      m |= 1L << db.shardIndex(Hashing.hash(a.array(), a.offset(extra), a.length(extra)));
    }
    return m;
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
}
