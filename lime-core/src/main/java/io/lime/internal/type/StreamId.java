package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;

/**
 * A stream entry ID (Redis's streamID): two unsigned 64-bit numbers, milliseconds and
 * sequence, held in Java {@code long}s and compared unsigned. The parsers accept exactly what
 * Redis 7.0's streamGenericParseIDOrReply accepts: {@code -} and {@code +} (unless strict),
 * {@code ms} alone (the sequence then defaults to the caller's), {@code ms-seq}, and for
 * XADD {@code ms-*}; each number as Redis's string2ull reads it (string2ll, else strtoull:
 * leading blanks and a {@code +} sign allowed, no trailing text, at most 2^64-1), in an
 * argument of at most 127 bytes read as a C string (up to its first NUL).
 *
 * @param ms the milliseconds part (unsigned)
 * @param seq the sequence part (unsigned)
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
  /** 0-0. */
  public static final StreamId MIN = new StreamId(0, 0);
  /** 18446744073709551615-18446744073709551615. */
  public static final StreamId MAX = new StreamId(-1L, -1L);

  /** Parsed with {@code ms-*}: the sequence is to be generated (XADD). */
  public static final long SEQ_AUTO = Long.MIN_VALUE;

  @Override
  public int compareTo(StreamId o) {
    int c = Long.compareUnsigned(ms, o.ms);
    return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
  }

  /** Whether this is 0-0. */
  public boolean isZero() {
    return ms == 0 && seq == 0;
  }

  /** The next ID (Redis's streamIncrID), or null past the last one. */
  public StreamId next() {
    if (seq != -1L) {
      return new StreamId(ms, seq + 1);
    }
    return ms == -1L ? null : new StreamId(ms + 1, 0);
  }

  /** The previous ID (Redis's streamDecrID), or null before 0-0. */
  public StreamId previous() {
    if (seq != 0) {
      return new StreamId(ms, seq - 1);
    }
    return ms == 0 ? null : new StreamId(ms - 1, -1L);
  }

  /** The text {@code ms-seq}, both unsigned decimal. */
  @Override
  public String toString() {
    return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
  }

  /** {@link #toString()} as ASCII bytes. */
  public byte[] toBytes() {
    return toString().getBytes(StandardCharsets.US_ASCII);
  }

  // ------------------------------------------------------------------ parsing

  /**
   * Parses an ID; {@code missingSeq} is the sequence of the {@code ms} form; with
   * {@code strict}, {@code -} and {@code +} are rejected; with {@code allowAutoSeq}, the form
   * {@code ms-*} gives the sequence {@link #SEQ_AUTO} (XADD only).
   *
   * @throws LimeException {@code ERR Invalid stream ID specified as stream command argument}
   */
  public static StreamId parse(byte[] b, int off, int len, long missingSeq, boolean strict,
      boolean allowAutoSeq) {
    StreamId id = tryParse(b, off, len, missingSeq, strict, allowAutoSeq);
    if (id == null) {
      throw new LimeException(Errors.STREAM_INVALID_ID);
    }
    return id;
  }

  /**
   * A range bound as XRANGE, XPENDING and XAUTOCLAIM read it (Redis's
   * streamParseIntervalIDOrReply with streamIncrID / streamDecrID): a {@code (} prefix makes
   * it exclusive (the rest strictly parsed, then moved up for a {@code start}, down for an
   * end); {@code missingSeq} completes an {@code ms} alone.
   *
   * @throws LimeException on an invalid ID, or when an exclusive bound cannot move
   */
  public static StreamId parseBound(byte[] b, int off, int len, long missingSeq, boolean start) {
    if (len > 1 && b[off] == '(') {
      StreamId id = parse(b, off + 1, len - 1, missingSeq, true, false);
      StreamId moved = start ? id.next() : id.previous();
      if (moved == null) {
        throw new LimeException(start ? Errors.STREAM_INVALID_START : Errors.STREAM_INVALID_END);
      }
      return moved;
    }
    return parse(b, off, len, missingSeq, false, false);
  }

  /** {@link #parse} of a whole array. */
  public static StreamId parse(byte[] b, long missingSeq, boolean strict) {
    return parse(b, 0, b.length, missingSeq, strict, false);
  }

  /** As {@link #parse}, returning null where it throws. */
  public static StreamId tryParse(byte[] b, int off, int len, long missingSeq, boolean strict,
      boolean allowAutoSeq) {
    if (len > 127) {
      return null;
    }
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] == 0) { // a C string ends at its first NUL
        end = i;
        break;
      }
    }
    int n = end - off;
    if (n == 1 && (b[off] == '-' || b[off] == '+')) {
      if (strict) {
        return null;
      }
      return b[off] == '-' ? MIN : MAX;
    }
    int dash = -1;
    for (int i = off; i < end; i++) {
      if (b[i] == '-') {
        dash = i;
        break;
      }
    }
    int msEnd = dash < 0 ? end : dash;
    long[] v = new long[1];
    if (!string2ull(b, off, msEnd, v)) {
      return null;
    }
    long ms = v[0];
    long seq;
    if (dash < 0) {
      seq = missingSeq;
    } else if (allowAutoSeq && end - dash == 2 && b[dash + 1] == '*') {
      seq = SEQ_AUTO;
    } else if (string2ull(b, dash + 1, end, v)) {
      seq = v[0];
    } else {
      return null;
    }
    return new StreamId(ms, seq);
  }

  /**
   * Redis's string2ull over {@code b[from..to)} (no NUL inside): string2ll (rejecting
   * negatives), else strtoull's grammar: blanks, an optional sign, one or more digits, at most
   * 2^64-1, nothing after. A {@code -} never reaches here (it separates the two parts).
   */
  private static boolean string2ull(byte[] b, int from, int to, long[] out) {
    int p = from;
    while (p < to && isSpace(b[p])) {
      p++;
    }
    if (p < to && b[p] == '+') {
      p++;
    }
    return Numbers.unsignedDecimal(b, p, to, out);
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
