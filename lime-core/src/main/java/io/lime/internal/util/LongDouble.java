package io.lime.internal.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An x87 80-bit extended-precision number, C's {@code long double} on the x86-64 builds of
 * Redis, emulated exactly: what INCRBYFLOAT (and HINCRBYFLOAT) compute with.
 *
 * <p>Implementation notes. A finite value is {@code ±significand × 2^exponent} with a
 * significand below 2^64 (64 significant bits, the x87 explicit-integer-bit format) and an
 * exponent at least {@link #MIN_EXPONENT} (the denormals' scale); a value of 2^16384 or more
 * overflows to infinity. Every operation computes the exact result with {@link BigInteger}
 * and rounds it once, to nearest with ties to even, as the FPU does in its default mode. So:
 * <ul>
 *   <li>{@link #parse} is glibc's {@code strtold} (correctly rounded, decimal and hexadecimal
 *       forms, {@code inf}/{@code infinity}) wrapped in Redis's {@code string2ld} checks;
 *   <li>{@link #add} is the FPU's {@code +};
 *   <li>{@link #toHumanString} is Redis's {@code ld2string(..., LD_STR_HUMAN)}: glibc's
 *       {@code %.17Lf} (exact decimal expansion rounded half-even to 17 places) with trailing
 *       zeros and a trailing point removed and {@code -0} printed as {@code 0}.
 * </ul>
 * The cost is a few big-integer operations per call (more for values far from 1, whose
 * expansions are long); INCRBYFLOAT is not a hot path. Instances are immutable.
 */
public final class LongDouble {
  /** Redis's {@code MAX_LONG_DOUBLE_CHARS}: string2ld rejects strings this long or longer. */
  public static final int MAX_LONG_DOUBLE_CHARS = 5 * 1024;
  /** Exponent of the least significant bit of the smallest denormal (2^-16445). */
  static final int MIN_EXPONENT = -16445;
  /** Values reach 2^16384 only by overflowing to infinity. */
  static final int MAX_BIT_LENGTH = 16384;
  private static final int SIGNIFICAND_BITS = 64;
  private static final int HUMAN_DECIMALS = 17;
  /** Decimal magnitudes beyond which parsing certainly overflows / underflows. */
  private static final int MAX_DECIMAL_EXPONENT = 4940;
  private static final int MIN_DECIMAL_EXPONENT = -4960;

  /** Zero. */
  public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);
  private static final LongDouble POSITIVE_INFINITY = new LongDouble(false, BigInteger.ZERO, 0, true);
  private static final LongDouble NEGATIVE_INFINITY = new LongDouble(true, BigInteger.ZERO, 0, true);

  private final boolean negative;
  private final BigInteger significand;
  private final int exponent;
  private final boolean infinite;

  private LongDouble(boolean negative, BigInteger significand, int exponent, boolean infinite) {
    this.negative = negative;
    this.significand = significand;
    this.exponent = exponent;
    this.infinite = infinite;
  }

  /** The exact value of a long (every long fits in 64 significant bits). */
  public static LongDouble of(long v) {
    if (v == 0) {
      return ZERO;
    }
    BigInteger m = BigInteger.valueOf(v).abs();
    return new LongDouble(v < 0, m, 0, false);
  }

  /** The exact value of a double (NaN is not representable here: callers reject it first). */
  public static LongDouble of(double d) {
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException("NaN");
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
    }
    if (d == 0) {
      return ZERO;
    }
    long bits = Double.doubleToRawLongBits(d);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long frac = bits & ((1L << 52) - 1);
    long m = biased == 0 ? frac : frac | (1L << 52);
    int e = biased == 0 ? -1074 : biased - 1075;
    return new LongDouble(d < 0, BigInteger.valueOf(m), e, false);
  }

  /**
   * The increment a typed call of INCRBYFLOAT or HINCRBYFLOAT adds for the Java double
   * {@code d}: what Redis computes for a client that sends {@code d} as Java prints it
   * ({@link Double#toString}), so {@code 0.1} adds the long double nearest 0.1, not the
   * double 0.1 (whose exact value would print as {@code 0.10000000000000001}); an infinity
   * as {@code inf}; null for NaN, which no text parses to (the callers' "not a float").
   */
  public static @Nullable LongDouble asSent(double d) {
    if (Double.isNaN(d)) {
      return null;
    }
    return Double.isInfinite(d) ? of(d)
        : parse(Double.toString(d).getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether this is an infinity. */
  public boolean isInfinite() {
    return infinite;
  }

  /**
   * Parses as Redis's string2ld: null when the text is empty, at least
   * {@link #MAX_LONG_DOUBLE_CHARS} long, starts with white space, is not entirely consumed by
   * {@code strtold}, overflows, underflows to zero, or is a NaN. {@code inf}/{@code infinity}
   * (any case, signed) give infinities, which string2ld accepts.
   */
  public static @Nullable LongDouble parse(byte[] b, int off, int len) {
    if (len == 0 || len >= MAX_LONG_DOUBLE_CHARS || isSpace(b[off])) {
      return null;
    }
    int p = off;
    int end = off + len;
    boolean negative = false;
    if (b[p] == '+' || b[p] == '-') {
      negative = b[p] == '-';
      p++;
    }
    if (p == end) {
      return null;
    }
    int c = b[p] | 0x20;
    if (c == 'i') {
      return parseInfinity(b, p, end, negative);
    }
    if (b[p] == '0' && p + 1 < end && (b[p + 1] | 0x20) == 'x') {
      return parseHex(b, p + 2, end, negative);
    }
    return parseDecimal(b, p, end, negative);
  }

  /** Parses a whole array; see {@link #parse(byte[], int, int)}. */
  public static @Nullable LongDouble parse(byte[] b) {
    return parse(b, 0, b.length);
  }

  private static @Nullable LongDouble parseInfinity(byte[] b, int p, int end, boolean negative) {
    int n = end - p;
    if ((n == 3 && matches(b, p, "inf")) || (n == 8 && matches(b, p, "infinity"))) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    return null;
  }

  private static boolean matches(byte[] b, int p, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      if ((b[p + i] | 0x20) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable LongDouble parseDecimal(byte[] b, int start, int end, boolean negative) {
    int p = start;
    int intStart = p;
    while (p < end && isDigit(b[p])) {
      p++;
    }
    int intEnd = p;
    int fracStart = p;
    int fracEnd = p;
    if (p < end && b[p] == '.') {
      p++;
      fracStart = p;
      while (p < end && isDigit(b[p])) {
        p++;
      }
      fracEnd = p;
    }
    if (intEnd == intStart && fracEnd == fracStart) {
      return null;
    }
    long exp10 = 0;
    if (p < end && (b[p] | 0x20) == 'e') {
      int q = exponentEnd(b, p, end);
      if (q < 0) {
        return null; // strtold stops before the 'e', so not all bytes are consumed
      }
      exp10 = exponentValue(b, p + 1, q);
      p = q;
    }
    if (p != end) {
      return null;
    }
    StringBuilder digits = new StringBuilder((intEnd - intStart) + (fracEnd - fracStart));
    for (int i = intStart; i < intEnd; i++) {
      digits.append((char) b[i]);
    }
    for (int i = fracStart; i < fracEnd; i++) {
      digits.append((char) b[i]);
    }
    long scale = exp10 - (fracEnd - fracStart);
    int firstNonZero = 0;
    while (firstNonZero < digits.length() && digits.charAt(firstNonZero) == '0') {
      firstNonZero++;
    }
    if (firstNonZero == digits.length()) {
      return negative ? new LongDouble(true, BigInteger.ZERO, 0, false) : ZERO;
    }
    int significant = digits.length() - firstNonZero;
    long magnitude = significant + scale; // value in [10^(magnitude-1), 10^magnitude)
    if (magnitude - 1 > MAX_DECIMAL_EXPONENT || magnitude < MIN_DECIMAL_EXPONENT) {
      return null; // overflow to HUGE_VALL or underflow to zero: ERANGE, rejected
    }
    BigInteger num = new BigInteger(digits.substring(firstNonZero));
    BigInteger den = BigInteger.ONE;
    if (scale >= 0) {
      num = num.multiply(BigInteger.TEN.pow((int) scale));
    } else {
      den = BigInteger.TEN.pow((int) -scale);
    }
    LongDouble r = roundQuotient(negative, num, den);
    return r.infinite || r.significand.signum() == 0 ? null : r;
  }

  private static @Nullable LongDouble parseHex(byte[] b, int start, int end, boolean negative) {
    int p = start;
    BigInteger m = BigInteger.ZERO;
    int digits = 0;
    int fracDigits = 0;
    while (p < end && hexValue(b[p]) >= 0) {
      m = m.shiftLeft(4).or(BigInteger.valueOf(hexValue(b[p])));
      digits++;
      p++;
    }
    if (p < end && b[p] == '.') {
      p++;
      while (p < end && hexValue(b[p]) >= 0) {
        m = m.shiftLeft(4).or(BigInteger.valueOf(hexValue(b[p])));
        digits++;
        fracDigits++;
        p++;
      }
    }
    if (digits == 0) {
      return null; // strtold parses "0" and stops at the 'x'
    }
    long exp2 = 0;
    if (p < end && (b[p] | 0x20) == 'p') {
      int q = exponentEnd(b, p, end);
      if (q < 0) {
        return null;
      }
      exp2 = exponentValue(b, p + 1, q);
      p = q;
    }
    if (p != end) {
      return null;
    }
    if (m.signum() == 0) {
      return negative ? new LongDouble(true, BigInteger.ZERO, 0, false) : ZERO;
    }
    long e = exp2 - 4L * fracDigits;
    long top = m.bitLength() + e;
    if (top > MAX_BIT_LENGTH + 1) {
      return null;
    }
    if (top < MIN_EXPONENT - 2) {
      return null;
    }
    LongDouble r = roundBits(negative, m, (int) e, false);
    return r.infinite || r.significand.signum() == 0 ? null : r;
  }

  /** The FPU's sum, rounded to nearest even; may be infinite. */
  public LongDouble add(LongDouble o) {
    if (infinite || o.infinite) {
      if (infinite && o.infinite && negative != o.negative) {
        throw new ArithmeticException("NaN");
      }
      return infinite ? this : o;
    }
    if (significand.signum() == 0) {
      return o.significand.signum() == 0 ? (negative && o.negative ? this : ZERO) : o;
    }
    if (o.significand.signum() == 0) {
      return this;
    }
    int e = Math.min(exponent, o.exponent);
    BigInteger a = significand.shiftLeft(exponent - e);
    BigInteger c = o.significand.shiftLeft(o.exponent - e);
    BigInteger sum = (negative ? a.negate() : a).add(o.negative ? c.negate() : c);
    if (sum.signum() == 0) {
      return ZERO;
    }
    return roundBits(sum.signum() < 0, sum.abs(), e, false);
  }

  /** Rounds num/den (both positive) to the format. */
  private static LongDouble roundQuotient(boolean negative, BigInteger num, BigInteger den) {
    int e = num.bitLength() - den.bitLength() - (SIGNIFICAND_BITS + 2);
    BigInteger n = num;
    BigInteger d = den;
    if (e < 0) {
      n = n.shiftLeft(-e);
    } else {
      d = d.shiftLeft(e);
    }
    BigInteger[] qr = n.divideAndRemainder(d);
    return roundBits(negative, qr[0], e, qr[1].signum() != 0);
  }

  /**
   * Rounds {@code (q + sticky·ε) × 2^e} (q positive; sticky: nonzero bits below q's last) to
   * 64 significant bits, to nearest even, with denormals and overflow to infinity.
   */
  private static LongDouble roundBits(boolean negative, BigInteger q, int e, boolean sticky) {
    int shift = q.bitLength() - SIGNIFICAND_BITS;
    if ((long) e + shift < MIN_EXPONENT) {
      shift = MIN_EXPONENT - e;
    }
    BigInteger m = q;
    int exp = e;
    if (shift > 0) {
      m = q.shiftRight(shift);
      boolean half = q.testBit(shift - 1);
      boolean rest = sticky || (q.getLowestSetBit() < shift - 1);
      if (half && (rest || m.testBit(0))) {
        m = m.add(BigInteger.ONE);
      }
      exp = e + shift;
      if (m.bitLength() > SIGNIFICAND_BITS) {
        m = m.shiftRight(1);
        exp++;
      }
    }
    if (m.signum() == 0) {
      return negative ? new LongDouble(true, BigInteger.ZERO, 0, false) : ZERO;
    }
    if ((long) m.bitLength() + exp > MAX_BIT_LENGTH) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    return new LongDouble(negative, m, exp, false);
  }

  /** The exact decimal value (finite values only). */
  public BigDecimal toBigDecimal() {
    if (infinite) {
      throw new ArithmeticException("infinite");
    }
    BigInteger m = negative ? significand.negate() : significand;
    if (exponent >= 0) {
      return new BigDecimal(m.shiftLeft(exponent));
    }
    return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
  }

  /** Redis's ld2string in LD_STR_HUMAN mode, as ASCII bytes. */
  public byte[] toHumanBytes() {
    return toHumanString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Redis's ld2string in LD_STR_HUMAN mode: {@code %.17Lf}, trailing zeros removed. */
  public String toHumanString() {
    if (infinite) {
      return negative ? "-inf" : "inf";
    }
    String s = toBigDecimal().setScale(HUMAN_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
    if (negative && s.charAt(0) != '-') {
      s = "-" + s; // %Lf keeps the sign of a negative value that rounds to zero
    }
    int l = s.length();
    if (s.indexOf('.') >= 0) {
      while (s.charAt(l - 1) == '0') {
        l--;
      }
      if (s.charAt(l - 1) == '.') {
        l--;
      }
    }
    if (l == 2 && s.charAt(0) == '-' && s.charAt(1) == '0') {
      return "0";
    }
    return s.substring(0, l);
  }

  /** The nearest double (for callers that return a double). */
  public double toDouble() {
    if (infinite) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return toBigDecimal().doubleValue();
  }

  @Override
  public String toString() {
    return toHumanString();
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The end of the exponent whose letter ({@code e} or {@code p}) is {@code b[p]}: the index
   * after its digits, or -1 when no digit follows the optional sign.
   */
  private static int exponentEnd(byte[] b, int p, int end) {
    int q = p + 1;
    if (q < end && (b[q] == '+' || b[q] == '-')) {
      q++;
    }
    if (q == end || !isDigit(b[q])) {
      return -1;
    }
    while (q < end && isDigit(b[q])) {
      q++;
    }
    return q;
  }

  /** The exponent {@code b[from..to)}, an optional sign then digits, clamped to ±10^9. */
  private static long exponentValue(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    long v = 0;
    for (int i = negative || b[from] == '+' ? from + 1 : from; i < to; i++) {
      v = Math.min(v * 10 + (b[i] - '0'), 1_000_000_000L);
    }
    return negative ? -v : v;
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int l = c | 0x20;
    if (l >= 'a' && l <= 'f') {
      return l - 'a' + 10;
    }
    return -1;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }
}
