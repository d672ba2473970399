package io.lime.internal.type;

import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;

/**
 * Score and range-bound parsing for sorted sets, reproducing the C library calls Redis 7.0
 * makes: {@code strtod} (glibc) as used by {@code string2d}/getDoubleFromObject (ZADD scores,
 * ZINCRBY increments, WEIGHTS) and by zslParseRange (ZRANGEBYSCORE bounds), and
 * zslParseLexRangeItem (lex bounds).
 *
 * <p>The two score flavours differ exactly as in Redis: {@link #parseScore} (string2d) rejects
 * empty text, leading white space, trailing garbage, overflow to infinity, underflow to zero
 * and NaN; {@link #parseBound} (zslParseRange) lets strtod skip leading white space, accepts
 * the empty string as 0, overflow as infinity and stops at the first NUL byte, rejecting only
 * trailing garbage and NaN.
 *
 * <p>Stateless and thread-safe; allocation-free except when converting the digits (a short
 * string for {@link Double#parseDouble}, which rounds exactly as glibc does).
 */
public final class SortedSetParse {
  /** The shared "-" lex bound (smaller than every member), Redis's shared.minstring. */
  public static final byte[] LEX_MIN = new byte[0];
  /** The shared "+" lex bound (greater than every member), Redis's shared.maxstring. */
  public static final byte[] LEX_MAX = new byte[0];

  private SortedSetParse() {}

  /**
   * {@link #parseScore}, with a fast path without allocation for integers of at most 18
   * digits, leading zeros included (redis-benchmark's {@code __rand_int__} scores): the long
   * converts to the double strtod would give; a negative zero goes the slow way (-0.0).
   * ZADD scores, ZINCRBY increments, WEIGHTS.
   */
  public static double score(byte[] b, int off, int len) {
    if (len > 0 && len <= 18) {
      int end = off + len;
      boolean negative = b[off] == '-';
      int p = negative ? off + 1 : off;
      long v = 0;
      int q = p;
      while (q < end && b[q] >= '0' && b[q] <= '9') {
        v = v * 10 + (b[q] - '0');
        q++;
      }
      if (q == end && q > p && !(negative && v == 0)) {
        return negative ? -v : v;
      }
    }
    return parseScore(b, off, len);
  }

  /**
   * Redis's getDoubleFromObject: the score written in {@code len} bytes of {@code b}, or NaN
   * when Redis would reply "value is not a valid float".
   */
  public static double parseScore(byte[] b, int off, int len) {
    if (len == 0 || isSpace(b[off])) {
      return Double.NaN;
    }
    long r = scan(b, off, off + len);
    int end = (int) r;
    if (end != off + len) {
      return Double.NaN;
    }
    double v = value(b, off, end, r);
    if (Double.isInfinite(v) && (r & INF_LITERAL) == 0) {
      return Double.NaN; // ERANGE overflow
    }
    if (v == 0 && (r & NONZERO_DIGIT) != 0) {
      return Double.NaN; // ERANGE underflow to zero
    }
    return v;
  }

  /** {@link #parseScore} of a whole array. */
  public static double parseScore(byte[] b) {
    return parseScore(b, 0, b.length);
  }

  /**
   * One bound of zslParseRange: {@code [(]strtod-text}. Returns the value, or NaN when Redis
   * would reply "min or max is not a float"; {@link #isExclusive} tells the {@code (} prefix.
   */
  public static double parseBound(byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    if (p < end && b[p] == '(') {
      p++;
    }
    int cEnd = p;
    while (cEnd < end && b[cEnd] != 0) {
      cEnd++; // strtod and the eptr[0] check see a C string
    }
    int q = p;
    while (q < cEnd && isSpace(b[q])) {
      q++;
    }
    long r = scan(b, q, cEnd);
    int stop = (int) r;
    if (stop == q) {
      // no conversion: strtod returns 0 with eptr at the start of the string (before spaces)
      return p == cEnd ? 0.0 : Double.NaN;
    }
    if (stop != cEnd) {
      return Double.NaN;
    }
    return value(b, q, stop, r);
  }

  /** Whether a score bound is exclusive ({@code (} prefix). */
  public static boolean isExclusive(byte[] b, int off, int len) {
    return len > 0 && b[off] == '(';
  }

  /**
   * One bound of zslParseLexRangeItem: {@code [x} (inclusive), {@code (x} (exclusive),
   * {@code -} or {@code +}. Returns the bound text (a copy), {@link #LEX_MIN} or
   * {@link #LEX_MAX}, or null when invalid ("min or max not valid string range item").
   */
  public static byte @org.jspecify.annotations.Nullable [] parseLex(byte[] b, int off, int len) {
    if (len == 0) {
      return null;
    }
    switch (b[off]) {
      case '+':
        return len == 1 || b[off + 1] == 0 ? LEX_MAX : null;
      case '-':
        return len == 1 || b[off + 1] == 0 ? LEX_MIN : null;
      case '(':
      case '[':
        return java.util.Arrays.copyOfRange(b, off + 1, off + len);
      default:
        return null;
    }
  }

  /** Whether a valid lex bound is exclusive ({@code (}, {@code -} and {@code +} are). */
  public static boolean isLexExclusive(byte[] b, int off) {
    return b[off] != '[';
  }

  // ------------------------------------------------------------------ strtod

  private static final long INF_LITERAL = 1L << 32;
  private static final long NONZERO_DIGIT = 1L << 33;
  private static final long NAN_LITERAL = 1L << 34;
  private static final long HEX = 1L << 35;
  private static final long HAS_EXPONENT = 1L << 36;
  private static final long NEGATIVE = 1L << 37;

  /**
   * Scans the longest prefix of {@code [p, end)} that glibc's strtod converts (after the
   * caller skipped white space). Returns the end index in the low 32 bits (== p when nothing
   * converts) and flags above.
   */
  private static long scan(byte[] b, int start, int end) {
    int p = start;
    long flags = 0;
    if (p < end && (b[p] == '+' || b[p] == '-')) {
      if (b[p] == '-') {
        flags |= NEGATIVE;
      }
      p++;
    }
    if (p < end && (b[p] | 0x20) == 'i') {
      if (matches(b, p, end, "infinity")) {
        return (p + 8) | flags | INF_LITERAL;
      }
      if (matches(b, p, end, "inf")) {
        return (p + 3) | flags | INF_LITERAL;
      }
      return start;
    }
    if (p < end && (b[p] | 0x20) == 'n') {
      if (!matches(b, p, end, "nan")) {
        return start;
      }
      int q = p + 3;
      if (q < end && b[q] == '(') {
        int r = q + 1;
        while (r < end && (isAlnum(b[r]) || b[r] == '_')) {
          r++;
        }
        if (r < end && b[r] == ')') {
          q = r + 1;
        }
      }
      return q | flags | NAN_LITERAL;
    }
    if (p + 1 < end && b[p] == '0' && (b[p + 1] | 0x20) == 'x') {
      long m = mantissa(b, p + 2, end, true);
      int q = (int) m;
      if (q == p + 2) {
        return (p + 1) | (flags & NEGATIVE); // just the "0"
      }
      flags |= HEX | (m & NONZERO_DIGIT);
      if (q < end && (b[q] | 0x20) == 'p') {
        int e = exponentEnd(b, q + 1, end);
        if (e > 0) {
          q = e;
          flags |= HAS_EXPONENT;
        }
      }
      return q | flags;
    }
    long m = mantissa(b, p, end, false);
    int q = (int) m;
    if (q == p) {
      return start;
    }
    flags |= m & NONZERO_DIGIT;
    if (q < end && (b[q] | 0x20) == 'e') {
      int e = exponentEnd(b, q + 1, end);
      if (e > 0) {
        q = e;
      }
    }
    return q | flags;
  }

  /**
   * Scans {@code digits[.digits]} ({@code hex}: hexadecimal digits) from {@code p}: the end in
   * the low 32 bits, {@code p} when there is no digit, with {@link #NONZERO_DIGIT} when a digit
   * is not 0.
   */
  private static long mantissa(byte[] b, int p, int end, boolean hex) {
    int q = p;
    long flags = 0;
    boolean digits = false;
    while (q < end && (hex ? hexValue(b[q]) >= 0 : isDigit(b[q]))) {
      digits = true;
      flags |= b[q] != '0' ? NONZERO_DIGIT : 0;
      q++;
    }
    if (q < end && b[q] == '.') {
      int r = q + 1;
      while (r < end && (hex ? hexValue(b[r]) >= 0 : isDigit(b[r]))) {
        digits = true;
        flags |= b[r] != '0' ? NONZERO_DIGIT : 0;
        r++;
      }
      if (digits) {
        q = r;
      }
    }
    return digits ? q | flags : p;
  }

  /** End of {@code [sign]digits} from {@code p}, or -1 when there are no digits. */
  private static int exponentEnd(byte[] b, int p, int end) {
    int q = p;
    if (q < end && (b[q] == '+' || b[q] == '-')) {
      q++;
    }
    int d = q;
    while (q < end && isDigit(b[q])) {
      q++;
    }
    return q > d ? q : -1;
  }

  /** The double of a scanned prefix {@code [p, end)}. */
  private static double value(byte[] b, int p, int end, long flags) {
    boolean negative = (flags & NEGATIVE) != 0;
    if ((flags & INF_LITERAL) != 0) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if ((flags & NAN_LITERAL) != 0) {
      return Double.NaN;
    }
    String text = new String(b, p, end - p, StandardCharsets.ISO_8859_1);
    if ((flags & HEX) != 0 && (flags & HAS_EXPONENT) == 0) {
      text = text + "p0";
    }
    return Double.parseDouble(text);
  }

  private static boolean matches(byte[] b, int p, int end, String lower) {
    if (end - p < lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if ((b[p + i] | 0x20) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(byte c) {
    return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int l = c | 0x20;
    return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
  }
}
