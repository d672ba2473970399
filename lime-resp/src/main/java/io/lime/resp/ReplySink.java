package io.lime.resp;

/**
 * Where a command handler writes its reply, in meaning rather than in bytes.
 *
 * <p>The RESP2/RESP3 difference is decided by the implementation, in one place: a handler
 * says "map of 3 entries" and the RESP2 writer emits an array of 6 elements. Aggregate
 * headers are followed by exactly as many element calls as announced (twice as many for
 * maps); implementations do not check this.
 *
 * <p>Implementations are not thread-safe: a sink belongs to one connection (or one
 * transaction queue) and is used by one thread at a time.
 *
 * <p>Error strings are passed without the leading {@code -} and without CRLF, starting
 * with the error code, e.g. {@code "ERR syntax error"} or {@code "WRONGTYPE Operation
 * against a key holding the wrong kind of value"}. Simple strings and errors must not
 * contain CR or LF; implementations replace them with spaces, as Redis does.
 */
public interface ReplySink {

  /** Protocol version of the connection: 2 or 3. */
  int protocol();

  /** {@code +OK}. */
  void ok();

  /** A simple string ({@code +text}). */
  void simple(String text);

  /** An error ({@code -text}); {@code text} starts with the error code. */
  void error(String text);

  /**
   * An error given as raw bytes ({@code -text}), for texts that quote client input byte for
   * byte as Redis does (unknown command names); CR and LF are replaced with spaces.
   */
  void error(byte[] text);

  /** An integer ({@code :value}). */
  void integer(long value);

  /** A bulk string holding all of {@code value}. */
  void bulk(byte[] value);

  /** A bulk string holding {@code length} bytes of {@code value} from {@code offset}. */
  void bulk(byte[] value, int offset, int length);

  /** A bulk string holding the UTF-8 bytes of {@code value}. */
  void bulk(String value);

  /** A bulk string holding the decimal digits of {@code value} (as Redis's addReplyBulkLongLong). */
  void bulk(long value);

  /** The null bulk string: {@code $-1} in RESP2, {@code _} in RESP3. */
  void nullBulk();

  /** The null array: {@code *-1} in RESP2, {@code _} in RESP3. */
  void nullArray();

  /** Array header of {@code count} elements. */
  void arrayHeader(int count);

  /** Map header of {@code count} key/value pairs: {@code %count} in RESP3, {@code *2count} in RESP2. */
  void mapHeader(int count);

  /** Set header of {@code count} elements: {@code ~count} in RESP3, {@code *count} in RESP2. */
  void setHeader(int count);

  /** Push header of {@code count} elements: {@code >count} in RESP3, {@code *count} in RESP2. */
  void pushHeader(int count);

  /**
   * A double as Redis 7.0's addReplyDouble: RESP3 {@code ,<%.17g>} (or {@code ,inf},
   * {@code ,-inf}); RESP2 the same text as a bulk string.
   */
  void doubleValue(double value);

  /** A boolean: {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
  void bool(boolean value);

  /** A big number: {@code (digits} in RESP3, a bulk string in RESP2. */
  void bigNumber(String digits);

  /**
   * A verbatim string: {@code =len\r\nfmt:text} in RESP3 ({@code format} is three
   * characters, e.g. {@code txt}), a bulk string of {@code text} in RESP2.
   */
  void verbatim(String format, String text);

  /** Bytes already encoded as RESP, appended unchanged (pre-encoded constant replies). */
  void raw(byte[] encoded);
}
