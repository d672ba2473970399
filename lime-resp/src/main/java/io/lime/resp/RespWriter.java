package io.lime.resp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Renders semantic replies as RESP2 or RESP3 bytes into its own growable buffer.
 *
 * <p>Usage by an NIO server: handlers write every reply of a batch, then the loop calls
 * {@link #drainTo(ByteBuffer)} until {@link #isEmpty()}, or writes {@code array()[offset(),
 * offset()+size())} directly. Nothing is allocated per reply in steady state: numbers and
 * strings are encoded in place, small integers and aggregate headers come from pre-encoded
 * tables. Doubles that are not integers are formatted by {@link DoubleFormat} (allocates).
 *
 * <p>Strings are encoded as UTF-8 (unpaired surrogates as {@code ?}); CR and LF in simple
 * strings and errors become spaces. The pending bytes are limited to about 2 GiB; the server is
 * expected to enforce client-output-buffer limits with {@link #pendingBytes()} long before.
 *
 * <p>Not thread-safe: one writer per connection.
 */
public final class RespWriter implements ReplySink {
  private static final int MAX_BYTES = Integer.MAX_VALUE - 16;
  private static final int SHRINK_ABOVE_BYTES = 1 << 20;
  private static final int CACHED = 256;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] OK = ascii("+OK\r\n");
  private static final byte[] NULL3 = ascii("_\r\n");
  private static final byte[] NULL_BULK2 = ascii("$-1\r\n");
  private static final byte[] NULL_ARRAY2 = ascii("*-1\r\n");
  private static final byte[] TRUE3 = ascii("#t\r\n");
  private static final byte[] FALSE3 = ascii("#f\r\n");
  private static final byte[] INF3 = ascii(",inf\r\n");
  private static final byte[] NEG_INF3 = ascii(",-inf\r\n");
  private static final byte[] INF2 = ascii("$3\r\ninf\r\n");
  private static final byte[] NEG_INF2 = ascii("$4\r\n-inf\r\n");
  private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
  /** {@code :n\r\n}, {@code *n\r\n}, {@code $n\r\n} for 0 <= n < 256. */
  private static final byte[][] INTEGERS = table(':');
  private static final byte[][] ARRAYS = table('*');
  private static final byte[][] BULKS = table('$');

  private final int initialCapacity;
  private byte[] buf;
  private int start;
  private int end;
  private int protocol;

  /** A RESP2 writer with a 1 KiB initial buffer. */
  public RespWriter() {
    this(2, 1024);
  }

  /**
   * A writer for {@code protocol} (2 or 3) with the given initial buffer size.
   *
   * @throws IllegalArgumentException if {@code protocol} is not 2 or 3
   */
  public RespWriter(int protocol, int initialCapacity) {
    setProtocol(protocol);
    this.initialCapacity = Math.max(64, initialCapacity);
    this.buf = new byte[this.initialCapacity];
  }

  /** The encoding of error {@code text}: {@code -text\r\n}, CR/LF replaced, for {@link #raw}. */
  public static byte[] encodeError(String text) {
    RespWriter w = new RespWriter(2, 64);
    w.error(text);
    return w.toByteArray();
  }

  /** The encoding of simple string {@code text}: {@code +text\r\n}, for {@link #raw}. */
  public static byte[] encodeSimple(String text) {
    RespWriter w = new RespWriter(2, 64);
    w.simple(text);
    return w.toByteArray();
  }

  @Override
  public int protocol() {
    return protocol;
  }

  /**
   * Switches the protocol for the following replies (HELLO).
   *
   * @throws IllegalArgumentException if {@code protocol} is not 2 or 3
   */
  public void setProtocol(int protocol) {
    if (protocol != 2 && protocol != 3) {
      throw new IllegalArgumentException("protocol must be 2 or 3: " + protocol);
    }
    this.protocol = protocol;
  }

  /** Number of pending bytes. */
  public int size() {
    return end - start;
  }

  /** Number of pending bytes (for output-buffer limits). */
  public long pendingBytes() {
    return end - start;
  }

  /** Bytes of the buffer (pending bytes plus free room). */
  public int capacity() {
    return buf.length;
  }

  /** Whether no byte is pending. */
  public boolean isEmpty() {
    return end == start;
  }

  /** The buffer; pending bytes are {@code [offset(), offset() + size())}. Valid until the next call. */
  public byte[] array() {
    return buf;
  }

  /** Offset of the first pending byte in {@link #array()}. */
  public int offset() {
    return start;
  }

  /** A copy of the pending bytes (tests, tools). */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(buf, start, end);
  }

  /** Drops every pending byte. */
  public void reset() {
    start = end = 0;
  }

  /**
   * Moves as many pending bytes as fit into {@code dst}; bytes that did not fit stay pending.
   *
   * @return the number of bytes moved
   */
  public int drainTo(ByteBuffer dst) {
    int n = Math.min(end - start, dst.remaining());
    dst.put(buf, start, n);
    start += n;
    if (start == end) {
      start = end = 0;
      if (buf.length > SHRINK_ABOVE_BYTES) {
        buf = new byte[initialCapacity];
      }
    }
    return n;
  }

  @Override
  public void ok() {
    raw(OK);
  }

  @Override
  public void simple(String text) {
    line('+', text);
  }

  @Override
  public void error(String text) {
    line('-', text);
  }

  @Override
  public void error(byte[] text) {
    ensure(text.length + 3);
    buf[end++] = '-';
    for (byte b : text) {
      buf[end++] = (b == '\r' || b == '\n') ? (byte) ' ' : b;
    }
    crlf();
  }

  @Override
  public void integer(long value) {
    if (value >= 0 && value < CACHED) {
      raw(INTEGERS[(int) value]);
    } else {
      header(':', value);
    }
  }

  @Override
  public void bulk(byte[] value) {
    bulk(value, 0, value.length);
  }

  @Override
  public void bulk(byte[] value, int offset, int length) {
    bulkHeader(length);
    ensure(length + 2);
    System.arraycopy(value, offset, buf, end, length);
    end += length;
    crlf();
  }

  @Override
  public void bulk(String value) {
    int length = Utf8.length(value);
    bulkHeader(length);
    ensure(length + 2);
    end = Utf8.encode(value, buf, end, false);
    crlf();
  }

  @Override
  public void bulk(long value) {
    int length = digits(value);
    bulkHeader(length);
    ensure(length + 2);
    writeLong(value);
    crlf();
  }

  @Override
  public void nullBulk() {
    raw(protocol == 3 ? NULL3 : NULL_BULK2);
  }

  @Override
  public void nullArray() {
    raw(protocol == 3 ? NULL3 : NULL_ARRAY2);
  }

  @Override
  public void arrayHeader(int count) {
    if (count >= 0 && count < CACHED) {
      raw(ARRAYS[count]);
    } else {
      header('*', count);
    }
  }

  @Override
  public void mapHeader(int count) {
    if (protocol == 3) {
      header('%', count);
    } else {
      long n = 2L * count;
      if (n >= 0 && n < CACHED) {
        raw(ARRAYS[(int) n]);
      } else {
        header('*', n);
      }
    }
  }

  @Override
  public void setHeader(int count) {
    if (protocol == 3) {
      header('~', count);
    } else {
      arrayHeader(count);
    }
  }

  @Override
  public void pushHeader(int count) {
    if (protocol == 3) {
      header('>', count);
    } else {
      arrayHeader(count);
    }
  }

  @Override
  public void doubleValue(double value) {
    if (Double.isInfinite(value)) {
      raw(protocol == 3 ? (value > 0 ? INF3 : NEG_INF3) : (value > 0 ? INF2 : NEG_INF2));
      return;
    }
    if (DoubleFormat.isSmallInteger(value)) {
      long v = (long) value;
      if (protocol == 3) {
        header(',', v);
      } else {
        bulk(v);
      }
      return;
    }
    String text = DoubleFormat.g17(value);
    if (protocol == 3) {
      line(',', text);
    } else {
      bulkAscii(text);
    }
  }

  @Override
  public void bool(boolean value) {
    if (protocol == 3) {
      raw(value ? TRUE3 : FALSE3);
    } else {
      raw(INTEGERS[value ? 1 : 0]);
    }
  }

  @Override
  public void bigNumber(String digits) {
    if (protocol == 3) {
      line('(', digits);
    } else {
      bulk(digits);
    }
  }

  @Override
  public void verbatim(String format, String text) {
    if (protocol != 3) {
      bulk(text);
      return;
    }
    int formatLength = Utf8.length(format);
    int length = Utf8.length(text);
    header('=', formatLength + 1L + length);
    ensure(formatLength + length + 3);
    end = Utf8.encode(format, buf, end, true);
    buf[end++] = ':';
    end = Utf8.encode(text, buf, end, false);
    crlf();
  }

  @Override
  public void raw(byte[] encoded) {
    raw(encoded, 0, encoded.length);
  }

  /** Appends {@code length} already encoded bytes of {@code encoded} from {@code offset}. */
  public void raw(byte[] encoded, int offset, int length) {
    ensure(length);
    System.arraycopy(encoded, offset, buf, end, length);
    end += length;
  }

  private void bulkHeader(int length) {
    if (length < CACHED) {
      raw(BULKS[length]);
    } else {
      header('$', length);
    }
  }

  private void bulkAscii(String text) {
    bulkHeader(text.length());
    ensure(text.length() + 2);
    end = Utf8.encode(text, buf, end, false);
    crlf();
  }

  /** {@code <type><text>\r\n} with CR and LF in {@code text} replaced by spaces. */
  private void line(char type, String text) {
    ensure(Utf8.length(text) + 3);
    buf[end++] = (byte) type;
    end = Utf8.encode(text, buf, end, true);
    crlf();
  }

  private void header(char type, long n) {
    ensure(23);
    buf[end++] = (byte) type;
    writeLong(n);
    buf[end++] = '\r';
    buf[end++] = '\n';
  }

  private void crlf() {
    ensure(2);
    buf[end++] = '\r';
    buf[end++] = '\n';
  }

  /** Writes the decimal digits of {@code v}; the caller ensured 20 bytes of room. */
  private void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      System.arraycopy(MIN_LONG, 0, buf, end, MIN_LONG.length);
      end += MIN_LONG.length;
      return;
    }
    if (v < 0) {
      buf[end++] = '-';
      v = -v;
    }
    int n = digits(v);
    int p = end + n;
    end = p;
    do {
      buf[--p] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
  }

  /** Number of characters of {@code v} in decimal, sign included. */
  static int digits(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int n = 1;
    if (v < 0) {
      n++;
      v = -v;
    }
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  private void ensure(int n) {
    long need = (long) end + n;
    if (need <= buf.length) {
      return;
    }
    int pending = end - start;
    if ((long) pending + n <= buf.length && start >= pending) { // cheap compaction
      System.arraycopy(buf, start, buf, 0, pending);
      start = 0;
      end = pending;
      return;
    }
    long want = (long) pending + n;
    if (want > MAX_BYTES) {
      throw new IllegalStateException("reply buffer would exceed " + MAX_BYTES + " bytes");
    }
    byte[] grown = new byte[(int) Math.min(MAX_BYTES, Math.max(want, 2L * buf.length))];
    System.arraycopy(buf, start, grown, 0, pending);
    buf = grown;
    start = 0;
    end = pending;
  }

  private static byte[][] table(char type) {
    byte[][] t = new byte[CACHED][];
    for (int i = 0; i < CACHED; i++) {
      t[i] = ascii(type + Integer.toString(i) + "\r\n");
    }
    return t;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
