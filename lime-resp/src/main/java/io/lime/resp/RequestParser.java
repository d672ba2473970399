package io.lime.resp;

import java.nio.ByteBuffer;
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
  /*
   * Implementation notes. A whole multibulk command lying in a heap buffer is read straight
   * from its array by MultibulkFastPath and dispatched; anything else goes through the
   * resumable state machine in run(), which finds the end of each inline or header line with
   * LineReader and parses the line here. The fast path gives up, having consumed nothing, on
   * anything it does not take, so both accept exactly the same inputs.
   */

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

  private final Argv argv = new Argv();
  private final LineReader lines = new LineReader();
  private final MultibulkFastPath fast = new MultibulkFastPath();
  private long maxBulkLen;
  private boolean authenticated = true;

  private int state = START;
  private long argsLeft;
  private long payloadLeft;
  private int trailerLeft;

  private byte[] pending = EMPTY;
  private int pendingPos;
  private int pendingEnd;
  private ByteBuffer pendingView = ByteBuffer.wrap(pending);

  private long number;
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
    return (long) pendingEnd - pendingPos + lines.storedBytes() + argv.usedBytes();
  }

  /** Bytes of the parser's own input buffer (held input plus its free room). */
  public long bufferCapacity() {
    return pending.length;
  }

  /** Forgets every buffered byte and a previous failure; limits and authentication stay. */
  public void reset() {
    failure = null;
    state = START;
    argv.clear();
    lines.reset();
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
      lines.releaseInput(); // hold no reference to the caller's buffer
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
          if (multibulk && src.hasArray()
              && fast.read(src, argv, maxBulkLen, authenticated)) {
            if (!dispatch(handler)) {
              return false;
            }
            continue;
          }
          state = multibulk ? MULTIBULK_COUNT : INLINE;
          lines.reset();
        }
        case INLINE -> {
          int end = lines.scan(src, (byte) '\n', last, "too big inline request");
          if (end < 0) {
            return true;
          }
          if (!inline(src, end, handler)) {
            return false;
          }
        }
        case MULTIBULK_COUNT -> {
          int end = lines.scan(src, (byte) '\r', last, "too big mbulk count string");
          if (end < 0) {
            return true;
          }
          multibulkCount(src, end);
        }
        case BULK_COUNT -> {
          int end = lines.scan(src, (byte) '\r', last, "too big bulk count string");
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
              lines.reset();
            } else if (!dispatch(handler)) {
              return false;
            }
          }
        }
        default -> throw new IllegalStateException("state " + state);
      }
    }
  }

  private boolean inline(ByteBuffer src, int end, CommandHandler handler)
      throws ProtocolException {
    ByteBuffer b = lines.source();
    int from = lines.from();
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
    ByteBuffer b = lines.source();
    if (!parseLong(b, lines.from() + 1, end) || number > MAX_MULTIBULK_LEN) {
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
    lines.reset();
  }

  private void bulkCount(ByteBuffer src, int end) throws ProtocolException {
    ByteBuffer b = lines.source();
    int from = lines.from();
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
