package io.lime.resp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Resumable, incremental parser of client requests, as Redis 7.0's {@code processInputBuffer},
 * {@code processMultibulkBuffer} and {@code processInlineBuffer} (src/networking.c).
 *
 * <pre>{@code
 * multibulk:  '*' count '\r' any  { '$' len '\r' any  payload[len]  any any }*count
 *              \_ line: up to the first CR _/            \_ 2 bytes skipped, never checked
 * inline:     line '\n'        (a CR right before the LF is dropped; tokens as sdssplitargs)
 * }</pre>
 *
 * <p>A request starting with {@code '*'} is multibulk, anything else is inline.
 *
 * <h2>Behaviours verified against redis-server 7.0.15</h2>
 * <ul>
 *   <li>A header line ends at the first CR; the byte after it is skipped whatever it is
 *       ({@code *1\rX$4\rYPING\r\n} runs PING). The two bytes after a payload are skipped
 *       unchecked ({@code $4\r\nPINGXX} runs PING).
 *   <li>{@code *0}, {@code *-1}, any {@code *<negative>} are ignored (no command, no reply),
 *       also when unauthenticated.
 *   <li>Numbers follow {@code string2ll}: no sign {@code +}, no leading zeros, no {@code -0},
 *       at most 20 characters. Bad count, or count above {@code Integer.MAX_VALUE} (not 1 GiB:
 *       {@code *2147483647} is accepted) gives {@code invalid multibulk length}; checked before
 *       {@code unauthenticated multibulk length} (count above 10).
 *   <li>Bulk length bad, negative ({@code $-1}) or above proto-max-bulk-len gives
 *       {@code invalid bulk length}, checked before {@code unauthenticated bulk length} (above
 *       16384).
 *   <li>{@code *3\r\nSET a b\r\n} gives {@code expected '$', got 'S'}; a CR or LF is shown as a
 *       space, any other byte raw (0xFF is sent as byte 0xFF).
 *   <li>Commands before an error in the same input run, then the error is replied.
 *   <li>Inline: LF alone ends a line; empty and blank lines are skipped; a CR inside a line is a
 *       token separator; unbalanced or glued quotes ({@code "abc"d}) give {@code unbalanced
 *       quotes in request}; inline lines are not subject to the unauthenticated limits.
 *   <li>A NUL byte before the line terminator hides it (Redis searches with {@code strchr}): the
 *       line never completes and fails as "too big" once more than 64 KiB are waiting.
 *   <li>Size limits are checked only when no terminator is found in all waiting bytes, and only
 *       when more than 65536 bytes wait (counted from the line start, its first byte included).
 *       Redis checks after each 16 KiB read, so a 70000-byte inline line sent at once runs;
 *       this parser checks at the end of each {@code parse} call, which matches when the server
 *       reads at most 16 KiB per call.
 * </ul>
 *
 * <h2>Deliberate differences</h2>
 * Lengths on the wire are never trusted for allocation: the argv arena grows as payload bytes
 * arrive (Redis preallocates big bulks). The arena is one Java array, so a command whose
 * arguments total more than about 2 GiB fails with {@code invalid bulk length}.
 *
 * <h2>Buffering</h2>
 * {@code parse} always consumes all of {@code in}. Bytes of an unfinished header line are kept
 * in a small line buffer (at most 64 KiB between calls), payload bytes go straight into the
 * {@link Argv} arena. When the handler stops, the unparsed rest is copied into an internal
 * buffer and parsed first by the next call, which may pass an empty buffer.
 *
 * <p>Not thread-safe: one parser per connection. After a {@link ProtocolException} the parser
 * is failed and rethrows it until {@link #reset()}. If the handler throws, the exception
 * propagates and the parser must be {@link #reset()} (or dropped with the connection).
 *
 * <p>Steady state allocates nothing per command: one {@link Argv} is reused, numbers are parsed
 * in place, lines complete in the input are split where they lie.
 */
public final class RequestParser {
  /** Redis's PROTO_INLINE_MAX_SIZE: longest inline line or header line waiting for its end. */
  static final int MAX_INLINE_BYTES = 64 * 1024;
  /** Redis 7.0 rejects a multibulk count above INT_MAX. */
  static final long MAX_MULTIBULK_LEN = Integer.MAX_VALUE;
  static final int UNAUTH_MAX_MULTIBULK_LEN = 10;
  static final int UNAUTH_MAX_BULK_LEN = 16 * 1024;
  /** Default proto-max-bulk-len: 512 MiB. */
  public static final long DEFAULT_MAX_BULK_LEN = 512L * 1024 * 1024;

  private static final int START = 0;
  private static final int INLINE = 1;
  private static final int MULTIBULK_COUNT = 2;
  private static final int BULK_COUNT = 3;
  private static final int BULK_PAYLOAD = 4;
  private static final int BULK_TRAILER = 5;
  private static final byte[] EMPTY = {};
  private static final int FAST_NOT_APPLICABLE = -1;
  private static final int FAST_STOP = 0;
  private static final int FAST_CONTINUE = 1;
  /** The fast path takes multibulk counts below 10^6 and bulk lengths below 10^9. */
  private static final int FAST_MAX_COUNT_DIGITS = 7;
  private static final int FAST_MAX_LEN_DIGITS = 10;

  private final Argv argv = new Argv();
  private long maxBulkLen;
  private boolean authenticated = true;

  private int state = START;
  private long argsLeft;
  private long payloadLeft;
  private int trailerLeft;

  /** Bytes of the current line seen so far (stored or not), its first byte included. */
  private long lineSeen;
  /** Stored bytes of the current line (not stored once a NUL poisoned it). */
  private byte[] line = new byte[64];
  private int lineLen;
  private ByteBuffer lineView = ByteBuffer.wrap(line);
  private boolean lineHasNul;
  /** Header line: its CR was seen, the one byte after it has not arrived yet. */
  private boolean lineHasCr;
  /** Where the completed line lives: the input in place (from lineStart), or the line buffer. */
  private ByteBuffer lineSource = lineView;
  private int lineStart;

  private byte[] pending = EMPTY;
  private int pendingPos;
  private int pendingEnd;
  private ByteBuffer pendingView = ByteBuffer.wrap(pending);

  private long number;
  /** Where the digits read by the last {@link #fastNumber} end. */
  private int fastEnd;
  private @Nullable ProtocolException failure;

  /** Creates a parser with proto-max-bulk-len 512 MiB, authenticated. */
  public RequestParser() {
    this(DEFAULT_MAX_BULK_LEN);
  }

  /**
   * Creates a parser with the given proto-max-bulk-len.
   *
   * @throws IllegalArgumentException if {@code maxBulkLen} is negative
   */
  public RequestParser(long maxBulkLen) {
    setMaxBulkLen(maxBulkLen);
  }

  /**
   * Sets proto-max-bulk-len for the following bulk headers.
   *
   * @throws IllegalArgumentException if {@code v} is negative
   */
  public void setMaxBulkLen(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("maxBulkLen < 0: " + v);
    }
    maxBulkLen = v;
  }

  /**
   * Whether the connection is authenticated (default {@code true}). While it is not, a
   * multibulk count above 10 and a bulk length above 16384 are protocol errors, as Redis's
   * {@code authRequired}. A handler may change it between commands (AUTH, HELLO).
   */
  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  /** Whether bytes of an unfinished command are held (a header line, some arguments). */
  public boolean hasPartialCommand() {
    return state != START;
  }

  /** Whether unparsed bytes are held because the handler stopped; call {@code parse} again. */
  public boolean hasBufferedInput() {
    return pendingEnd > pendingPos;
  }

  /**
   * Bytes held on behalf of the connection: unparsed input, the unfinished line and the
   * arguments read so far (for Redis's client-query-buffer-limit).
   */
  public long bufferedBytes() {
    return (long) pendingEnd - pendingPos + lineLen + argv.usedBytes();
  }

  /** Forgets every buffered byte and a previous failure; limits and authentication stay. */
  public void reset() {
    failure = null;
    state = START;
    argv.clear();
    resetLine();
    pendingPos = pendingEnd = 0;
  }

  /** The arena the handler sees (tests assert its growth follows the input). */
  Argv argv() {
    return argv;
  }

  /**
   * Parses every complete command in the held bytes and then in {@code in}, calling
   * {@code handler} for each, until the input is exhausted or the handler returns false.
   * Always consumes all of {@code in}: what is not parsed yet is held internally.
   *
   * @throws ProtocolException on a protocol error, after the handler saw every command before
   *     it; the parser then stays failed and rethrows it until {@link #reset()}
   */
  public void parse(ByteBuffer in, CommandHandler handler) throws ProtocolException {
    if (failure != null) {
      throw failure;
    }
    try {
      if (pendingEnd > pendingPos) {
        ByteBuffer p = pendingView.limit(pendingEnd).position(pendingPos);
        boolean go = run(p, handler, !in.hasRemaining());
        pendingPos = p.position();
        if (!go) {
          hold(in);
          return;
        }
        pendingPos = pendingEnd = 0;
      }
      if (!run(in, handler, true)) {
        hold(in);
      }
      lineSource = lineView; // hold no reference to the caller's buffer
    } catch (ProtocolException e) {
      failure = e;
      throw e;
    }
  }

  /** Runs the state machine over {@code src}; false when the handler asked to stop. */
  private boolean run(ByteBuffer src, CommandHandler handler, boolean last)
      throws ProtocolException {
    while (true) {
      switch (state) {
        case START -> {
          if (!src.hasRemaining()) {
            return true;
          }
          boolean multibulk = src.get(src.position()) == '*';
          if (multibulk && src.hasArray()) {
            int r = fastCommand(src, handler);
            if (r == FAST_CONTINUE) {
              continue;
            }
            if (r == FAST_STOP) {
              return false;
            }
          }
          state = multibulk ? MULTIBULK_COUNT : INLINE;
          resetLine();
        }
        case INLINE -> {
          int end = scanLine(src, (byte) '\n', last, "too big inline request");
          if (end < 0) {
            return true;
          }
          if (!inline(src, end, handler)) {
            return false;
          }
        }
        case MULTIBULK_COUNT -> {
          int end = scanLine(src, (byte) '\r', last, "too big mbulk count string");
          if (end < 0) {
            return true;
          }
          multibulkCount(src, end);
        }
        case BULK_COUNT -> {
          int end = scanLine(src, (byte) '\r', last, "too big bulk count string");
          if (end < 0) {
            return true;
          }
          bulkCount(src, end);
        }
        case BULK_PAYLOAD -> {
          int n = (int) Math.min(payloadLeft, src.remaining());
          if (n == 0) {
            return true;
          }
          argv.appendToLast(src, n, payloadLeft);
          payloadLeft -= n;
          if (payloadLeft == 0) {
            state = BULK_TRAILER;
            trailerLeft = 2;
          }
        }
        case BULK_TRAILER -> {
          int n = Math.min(trailerLeft, src.remaining());
          if (n == 0) {
            return true;
          }
          src.position(src.position() + n);
          trailerLeft -= n;
          if (trailerLeft == 0) {
            if (--argsLeft > 0) {
              state = BULK_COUNT;
              resetLine();
            } else if (!dispatch(handler)) {
              return false;
            }
          }
        }
        default -> throw new IllegalStateException("state " + state);
      }
    }
  }

  /**
   * Looks for the end of the current line in {@code src}. Returns the end of the line content
   * (exclusive) in {@link #lineSource}'s coordinates and consumes the terminator, or -1 after
   * taking all of {@code src} into the line buffer.
   */
  private int scanLine(ByteBuffer src, byte terminator, boolean last, String tooBig)
      throws ProtocolException {
    int pos = src.position();
    int limit = src.limit();
    if (lineHasCr) { // header line: only the byte after its CR was missing
      if (pos == limit) {
        return -1;
      }
      src.position(pos + 1);
      lineSource = lineView;
      return lineLen;
    }
    int i = pos;
    if (!lineHasNul) {
      while (i < limit) {
        byte b = src.get(i);
        if (b == terminator) {
          break;
        }
        if (b == 0) {
          lineHasNul = true;
          break;
        }
        i++;
      }
    }
    if (lineHasNul || i == limit) {
      lineSeen += limit - pos;
      if (last && lineSeen > MAX_INLINE_BYTES) {
        throw RespErrors.protocol(tooBig);
      }
      if (!lineHasNul) {
        store(src, pos, limit - pos);
      }
      src.position(limit);
      return -1;
    }
    // Terminator at i. A header line also needs the byte after its CR.
    if (terminator == '\r' && i + 1 == limit) {
      store(src, pos, i - pos);
      lineHasCr = true;
      lineSeen += limit - pos;
      src.position(limit);
      return -1;
    }
    src.position(terminator == '\r' ? i + 2 : i + 1);
    if (lineLen == 0) {
      lineSource = src;
      lineStart = pos;
      return i;
    }
    store(src, pos, i - pos);
    lineSource = lineView;
    return lineLen;
  }

  private int lineFrom() {
    return lineSource == lineView ? 0 : lineStart;
  }

  private void store(ByteBuffer src, int from, int n) {
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLen + n, line.length * 2));
      lineView = ByteBuffer.wrap(line);
    }
    src.get(from, line, lineLen, n);
    lineLen += n;
  }

  private void resetLine() {
    lineSeen = 0;
    lineLen = 0;
    lineHasNul = false;
    lineHasCr = false;
    if (line.length > 4 * MAX_INLINE_BYTES) { // do not keep a huge line buffer forever
      line = new byte[64];
      lineView = ByteBuffer.wrap(line);
    }
  }

  private boolean inline(ByteBuffer src, int end, CommandHandler handler)
      throws ProtocolException {
    ByteBuffer b = lineSource;
    int from = lineFrom();
    if (end > from && b.get(end - 1) == '\r') {
      end--;
    }
    argv.clear();
    if (!InlineSplitter.split(b, from, end, argv)) {
      throw RespErrors.protocol("unbalanced quotes in request");
    }
    if (argv.size() == 0) {
      state = START;
      return true;
    }
    return dispatch(handler);
  }

  private void multibulkCount(ByteBuffer src, int end) throws ProtocolException {
    ByteBuffer b = lineSource;
    if (!parseLong(b, lineFrom() + 1, end) || number > MAX_MULTIBULK_LEN) {
      throw RespErrors.protocol("invalid multibulk length");
    }
    if (number > UNAUTH_MAX_MULTIBULK_LEN && !authenticated) {
      throw RespErrors.protocol("unauthenticated multibulk length");
    }
    argv.clear();
    if (number <= 0) {
      state = START;
      return;
    }
    argsLeft = number;
    state = BULK_COUNT;
    resetLine();
  }

  private void bulkCount(ByteBuffer src, int end) throws ProtocolException {
    ByteBuffer b = lineSource;
    int from = lineFrom();
    int first = from < end ? b.get(from) & 0xff : '\r'; // Redis reads the CR of an empty line
    if (first != '$') {
      throw RespErrors.expectedDollar(first);
    }
    if (!parseLong(b, from + 1, end) || number < 0 || number > maxBulkLen) {
      throw RespErrors.protocol("invalid bulk length");
    }
    if (number > UNAUTH_MAX_BULK_LEN && !authenticated) {
      throw RespErrors.protocol("unauthenticated bulk length");
    }
    if (argv.usedBytes() + number > Argv.MAX_ARENA_BYTES) {
      throw RespErrors.protocol("invalid bulk length");
    }
    argv.beginArg();
    payloadLeft = number;
    if (number == 0) {
      state = BULK_TRAILER;
      trailerLeft = 2;
    } else {
      state = BULK_PAYLOAD;
    }
  }

  /**
   * Fast path for the common case: one complete, well-formed multibulk command lies in
   * {@code src} (a heap buffer) at its position. It is parsed straight from the array and
   * dispatched. Anything unusual (a partial command, a malformed or out-of-limit header, a
   * number string2ll would reject) returns {@link #FAST_NOT_APPLICABLE} having consumed
   * nothing, and the state machine handles it, errors included; so both paths accept exactly
   * the same inputs with the same effects.
   */
  private int fastCommand(ByteBuffer src, CommandHandler handler) {
    byte[] b = src.array();
    int base = src.arrayOffset();
    int end = base + src.limit();
    int p = base + src.position() + 1; // after '*'
    long count = fastNumber(b, p, end, FAST_MAX_COUNT_DIGITS);
    if (count <= 0 || (count > UNAUTH_MAX_MULTIBULK_LEN && !authenticated)) {
      return FAST_NOT_APPLICABLE;
    }
    p = fastEnd;
    if (p + 1 >= end || b[p] != '\r') {
      return FAST_NOT_APPLICABLE;
    }
    p += 2; // CR and the byte after it, whatever it is (as the state machine does)
    Argv av = argv;
    av.clear();
    for (long i = 0; i < count; i++) {
      if (p >= end || b[p] != '$') {
        av.clear();
        return FAST_NOT_APPLICABLE;
      }
      long len = fastNumber(b, p + 1, end, FAST_MAX_LEN_DIGITS);
      if (len < 0 || len > maxBulkLen || (len > UNAUTH_MAX_BULK_LEN && !authenticated)) {
        av.clear();
        return FAST_NOT_APPLICABLE;
      }
      p = fastEnd;
      // CR, one skipped byte, payload, two skipped bytes
      if (b[p] != '\r' || (long) p + 4 + len > end) {
        av.clear();
        return FAST_NOT_APPLICABLE;
      }
      p += 2;
      int n = (int) len;
      av.beginArg();
      av.appendToLast(b, p, n);
      p += n + 2;
    }
    src.position(p - base);
    return dispatch(handler) ? FAST_CONTINUE : FAST_STOP;
  }

  /**
   * A non-negative decimal at {@code b[p..]} as {@code string2ll} accepts it (no sign, no
   * leading zero), at most {@code maxDigits} digits, followed by at least one more byte;
   * sets {@link #fastEnd} to the position after the digits. Returns -1 when not so.
   */
  private long fastNumber(byte[] b, int p, int end, int maxDigits) {
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
    fastEnd = q;
    return v;
  }

  private boolean dispatch(CommandHandler handler) {
    state = START;
    try {
      return handler.onCommand(argv);
    } finally {
      argv.clear();
    }
  }

  /**
   * Redis's {@code string2ll} over {@code b[from, to)}: optional '-', no '+', no leading zero
   * unless the number is "0", fewer than 21 characters, no overflow. Sets {@link #number}.
   */
  private boolean parseLong(ByteBuffer b, int from, int to) {
    int len = to - from;
    if (len <= 0 || len >= 21) {
      return false;
    }
    int p = from;
    if (len == 1 && b.get(p) == '0') {
      number = 0;
      return true;
    }
    boolean negative = b.get(p) == '-';
    if (negative && ++p == to) {
      return false;
    }
    int d = b.get(p) - '0';
    if (d < 1 || d > 9) {
      return false;
    }
    long v = -d; // accumulate negatively: covers Long.MIN_VALUE
    for (p++; p < to; p++) {
      d = b.get(p) - '0';
      if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      v = v * 10 - d;
    }
    if (!negative && v == Long.MIN_VALUE) {
      return false;
    }
    number = negative ? v : -v;
    return true;
  }

  /** Keeps the rest of {@code in} (after any held bytes) for the next call. */
  private void hold(ByteBuffer in) {
    int rest = pendingEnd - pendingPos;
    int n = in.remaining();
    if (rest + n > pending.length || pendingPos > 0) {
      byte[] dst = rest + n > pending.length ? new byte[Math.max(rest + n, 256)] : pending;
      System.arraycopy(pending, pendingPos, dst, 0, rest);
      if (dst != pending) {
        pending = dst;
        pendingView = ByteBuffer.wrap(pending);
      }
      pendingPos = 0;
      pendingEnd = rest;
    }
    in.get(pending, pendingEnd, n);
    pendingEnd += n;
  }
}
