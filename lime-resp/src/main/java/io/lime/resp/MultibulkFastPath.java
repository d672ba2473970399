package io.lime.resp;

import java.nio.ByteBuffer;

/**
 * {@link RequestParser}'s fast path for the common case: one complete, well-formed multibulk
 * command lies in a heap buffer at its position. It is read straight from the array into the
 * {@link Argv}, with no line buffer, no state and no per-byte {@code ByteBuffer} call.
 *
 * <pre>{@code
 * '*' count '\r' any  { '$' len '\r' any  payload[len]  any any }*count
 *      \_ 1..999999         \_ 0..999999999, at most proto-max-bulk-len
 * }</pre>
 *
 * <p>Anything unusual (a partial command, a malformed or out-of-limit header, a number that
 * {@code string2ll} would reject, a count of zero or less, a long number) makes
 * {@link #read} return false having consumed nothing and left the argv empty; the parser's
 * resumable state machine then handles the command, errors included. So both paths accept
 * exactly the same inputs with the same effects ({@code RequestParserFastPathProperties}
 * checks it against direct buffers, which only the state machine reads).
 *
 * <p>Not thread-safe: owned by one parser.
 */
final class MultibulkFastPath {
  /** The fast path takes multibulk counts below 10^6 and bulk lengths below 10^9. */
  private static final int MAX_COUNT_DIGITS = 7;
  private static final int MAX_LEN_DIGITS = 10;

  /** Where the digits read by the last {@link #number} end. */
  private int numberEnd;

  /**
   * Reads the command at {@code src}'s position (a heap buffer, at a {@code '*'}) into
   * {@code av} (empty) and moves {@code src} past it. Returns false when the command is not
   * for the fast path, with {@code src} unmoved and {@code av} empty.
   */
  boolean read(ByteBuffer src, Argv av, long maxBulkLen, boolean authenticated) {
    byte[] b = src.array();
    int base = src.arrayOffset();
    int end = base + src.limit();
    int p = base + src.position() + 1; // after '*'
    long count = number(b, p, end, MAX_COUNT_DIGITS);
    if (count <= 0 || (count > RequestParser.UNAUTH_MAX_MULTIBULK_LEN && !authenticated)) {
      return false;
    }
    p = numberEnd;
    if (p + 1 >= end || b[p] != '\r') {
      return false;
    }
    p += 2; // CR and the byte after it, whatever it is (as the state machine does)
    av.clear();
    for (long i = 0; i < count; i++) {
      if (p >= end || b[p] != '$') {
        av.clear();
        return false;
      }
      long len = number(b, p + 1, end, MAX_LEN_DIGITS);
      if (len < 0 || len > maxBulkLen
          || (len > RequestParser.UNAUTH_MAX_BULK_LEN && !authenticated)) {
        av.clear();
        return false;
      }
      p = numberEnd;
      // CR, one skipped byte, payload, two skipped bytes
      if (b[p] != '\r' || (long) p + 4 + len > end) {
        av.clear();
        return false;
      }
      p += 2;
      int n = (int) len;
      av.beginArg();
      av.appendToLast(b, p, n);
      p += n + 2;
    }
    src.position(p - base);
    return true;
  }

  /**
   * A non-negative decimal at {@code b[p..]} as {@code string2ll} accepts it (no sign, no
   * leading zero), at most {@code maxDigits} digits, followed by at least one more byte;
   * sets {@link #numberEnd} to the position after the digits. Returns -1 when not so.
   */
  private long number(byte[] b, int p, int end, int maxDigits) {
    int limit = Math.min(end - 1, p + maxDigits);
    if (p >= limit) {
      return -1;
    }
    int d = b[p] - '0';
    if (d < 0 || d > 9) {
      return -1;
    }
    long v = d;
    int q = p + 1;
    if (d != 0) {
      for (; q < limit; q++) {
        d = b[q] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
      }
    }
    if (q == limit) { // too many digits, or the line does not end in this buffer
      return -1;
    }
    numberEnd = q;
    return v;
  }
}
