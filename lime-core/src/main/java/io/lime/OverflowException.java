package io.lime;

/**
 * An arithmetic operation would leave the range of the stored type; the value is left
 * unchanged. The message is Redis's text: {@link #INCR_OVERFLOW} for INCR/INCRBY/DECR/DECRBY
 * past the 64-bit range, {@link #DECR_OVERFLOW} for a decrement of {@code Long.MIN_VALUE},
 * {@link #NAN_OR_INFINITY} for INCRBYFLOAT.
 */
public final class OverflowException extends LimeException {
  private static final long serialVersionUID = 1L;

  /** {@code INCRBY} and friends would leave the 64-bit range. */
  public static final String INCR_OVERFLOW = "ERR increment or decrement would overflow";
  /** {@code DECRBY} by {@code Long.MIN_VALUE}, whose negation overflows. */
  public static final String DECR_OVERFLOW = "ERR decrement would overflow";
  /** {@code INCRBYFLOAT} would produce a NaN or an infinity. */
  public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

  /** Creates the exception with one of this class's message constants. */
  public OverflowException(String redisError) {
    super(redisError);
  }
}
