package io.lime.resp;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Resumable decoder of RESP2/RESP3 replies into {@link RespValue}s, for clients, tools and
 * tests.
 *
 * <pre>{@code
 * scalar:    type text '\r' '\n'                  type in + - : , # ( _
 * blob:      type len '\r' '\n' bytes[len] '\r' '\n'   type in $ ! =   ($-1 is a null)
 * aggregate: type count '\r' '\n' element*count      type in * ~ >     (*-1 is a null)
 *            type count '\r' '\n' (key value)*count  type in % |       (| then the value)
 * }</pre>
 *
 * <p>Implementation notes. Nesting is walked with an explicit stack of open aggregates, so
 * depth is limited by {@code maxDepth} (default 1000), never by the Java stack: opening
 * aggregate number {@code maxDepth + 1} is a {@link ProtocolException}. Wire lengths are never
 * used to preallocate: lists grow as elements arrive and a blob is allocated only once all
 * its bytes are buffered. Decoding resumes where it stopped: completed elements stay on the
 * stack and only an incomplete scalar is read again when more bytes arrive. Streamed RESP3
 * types ({@code $?}, {@code *?}) are not supported.
 *
 * <p>Not thread-safe. After a {@link ProtocolException} the decoder is failed until
 * {@link #reset()}.
 */
public final class RespDecoder {
  /** Default limit of nested aggregates. */
  public static final int DEFAULT_MAX_DEPTH = 1000;

  private static final long MAX_ELEMENTS = java.lang.Integer.MAX_VALUE - 16;

  private final int maxDepth;
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  private byte[] buf = new byte[256];
  private int pos;
  private int end;
  private @Nullable ProtocolException failure;

  /** An aggregate being read: its type, how many values it still awaits, those it has. */
  private static final class Frame {
    final byte type;
    long left;
    final List<RespValue> items = new ArrayList<>();

    Frame(byte type, long left) {
      this.type = type;
      this.left = left;
    }
  }

  /** A decoder allowing {@value #DEFAULT_MAX_DEPTH} nested aggregates. */
  public RespDecoder() {
    this(DEFAULT_MAX_DEPTH);
  }

  /**
   * A decoder allowing {@code maxDepth} nested aggregates.
   *
   * @throws IllegalArgumentException if {@code maxDepth < 1}
   */
  public RespDecoder(int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth < 1: " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  /**
   * Decodes {@code bytes}, which must hold exactly one complete value.
   *
   * @throws ProtocolException if malformed, incomplete, or followed by more bytes
   */
  public static RespValue decode(byte[] bytes) throws ProtocolException {
    List<RespValue> all = decodeAll(bytes);
    if (all.size() != 1) {
      throw error("expected exactly one value, got " + all.size());
    }
    return all.get(0);
  }

  /**
   * Decodes every value of {@code bytes}, which must end at a value boundary.
   *
   * @throws ProtocolException if malformed or incomplete
   */
  public static List<RespValue> decodeAll(byte[] bytes) throws ProtocolException {
    RespDecoder d = new RespDecoder();
    d.feed(bytes);
    List<RespValue> out = new ArrayList<>();
    for (RespValue v = d.next(); v != null; v = d.next()) {
      out.add(v);
    }
    if (d.buffered() > 0 || !d.stack.isEmpty()) {
      throw error("incomplete value at the end of the input");
    }
    return out;
  }

  /** Appends all of {@code bytes} to the input. */
  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /** Appends {@code len} bytes of {@code bytes} from {@code off} to the input. */
  public void feed(byte[] bytes, int off, int len) {
    room(len);
    System.arraycopy(bytes, off, buf, end, len);
    end += len;
  }

  /** Appends the remaining bytes of {@code src} (consuming them) to the input. */
  public void feed(ByteBuffer src) {
    int len = src.remaining();
    room(len);
    src.get(buf, end, len);
    end += len;
  }

  /** Input bytes not yet turned into a value (those of completed nested elements excluded). */
  public int buffered() {
    return end - pos;
  }

  /** Forgets all input, any partial value and a previous failure. */
  public void reset() {
    pos = end = 0;
    stack.clear();
    failure = null;
  }

  /**
   * The next complete top-level value, or {@code null} if more input is needed.
   *
   * @throws ProtocolException on malformed input or nesting deeper than {@code maxDepth}
   */
  public @Nullable RespValue next() throws ProtocolException {
    if (failure != null) {
      throw failure;
    }
    try {
      while (true) {
        RespValue v = step();
        if (v == null) {
          return null;
        }
        while (true) {
          Frame top = stack.peek();
          if (top == null) {
            return v;
          }
          top.items.add(v);
          if (--top.left > 0) {
            break;
          }
          stack.pop();
          v = build(top);
        }
      }
    } catch (ProtocolException e) {
      failure = e;
      throw e;
    }
  }

  /** Reads one scalar or a complete empty aggregate, or opens an aggregate (then loops). */
  private @Nullable RespValue step() throws ProtocolException {
    while (true) {
      if (pos == end) {
        return null;
      }
      int lineEnd = findCrlf(pos + 1);
      if (lineEnd < 0) {
        return null;
      }
      byte type = buf[pos];
      int from = pos + 1;
      int next = lineEnd + 2;
      switch (type) {
        case '+' -> {
          pos = next;
          return new RespValue.SimpleString(text(from, lineEnd));
        }
        case '-' -> {
          pos = next;
          return new RespValue.Error(text(from, lineEnd));
        }
        case ':' -> {
          long n = number(from, lineEnd);
          pos = next;
          return new RespValue.Integer(n);
        }
        case ',' -> {
          double d = parseDouble(text(from, lineEnd));
          pos = next;
          return new RespValue.Double(d);
        }
        case '#' -> {
          if (lineEnd - from != 1 || (buf[from] != 't' && buf[from] != 'f')) {
            throw error("invalid boolean");
          }
          pos = next;
          return new RespValue.Boolean(buf[from] == 't');
        }
        case '(' -> {
          BigInteger n;
          try {
            n = new BigInteger(text(from, lineEnd));
          } catch (NumberFormatException e) {
            throw error("invalid big number");
          }
          pos = next;
          return new RespValue.BigNumber(n);
        }
        case '_' -> {
          if (lineEnd != from) {
            throw error("invalid null");
          }
          pos = next;
          return RespValue.NULL;
        }
        case '$', '!', '=' -> {
          return blob(type, number(from, lineEnd), next);
        }
        case '*', '~', '>', '%', '|' -> {
          long n = number(from, lineEnd);
          pos = next;
          if (n == -1 && type == '*') {
            return RespValue.NULL_ARRAY;
          }
          long values = (type == '%' || type == '|') ? 2 * n : n;
          if (n < 0 || values > MAX_ELEMENTS) {
            throw error("invalid aggregate length " + n);
          }
          if (type == '|') {
            values++; // the attributed value follows the pairs
          }
          Frame f = new Frame(type, values);
          if (values == 0) {
            return build(f);
          }
          if (stack.size() >= maxDepth) {
            throw error("nesting deeper than " + maxDepth);
          }
          stack.push(f);
        }
        default -> throw error("unexpected type byte 0x" + java.lang.Integer.toHexString(type & 0xff));
      }
    }
  }

  private @Nullable RespValue blob(byte type, long len, int dataStart) throws ProtocolException {
    if (len == -1 && type == '$') {
      pos = dataStart;
      return RespValue.NULL_BULK;
    }
    if (len < 0 || len > java.lang.Integer.MAX_VALUE - 16) {
      throw error("invalid blob length " + len);
    }
    if (end - dataStart < len + 2) {
      return null; // allocate only once every byte is here
    }
    int dataEnd = dataStart + (int) len;
    if (buf[dataEnd] != '\r' || buf[dataEnd + 1] != '\n') {
      throw error("blob not followed by CRLF");
    }
    pos = dataEnd + 2;
    return switch (type) {
      case '$' -> new RespValue.Bulk(Arrays.copyOfRange(buf, dataStart, dataEnd));
      case '!' -> new RespValue.Error(text(dataStart, dataEnd));
      default -> {
        if (len < 4 || buf[dataStart + 3] != ':') {
          throw error("invalid verbatim string");
        }
        yield new RespValue.Verbatim(text(dataStart, dataStart + 3), text(dataStart + 4, dataEnd));
      }
    };
  }

  private static RespValue build(Frame f) {
    List<RespValue> items = f.items;
    return switch (f.type) {
      case '*' -> new RespValue.Array(items);
      case '~' -> new RespValue.Set(items);
      case '>' -> new RespValue.Push(items);
      case '%' -> new RespValue.Map(pairs(items, items.size()));
      default -> new RespValue.Attribute(pairs(items, items.size() - 1), items.get(items.size() - 1));
    };
  }

  private static List<RespValue.Pair> pairs(List<RespValue> items, int n) {
    List<RespValue.Pair> out = new ArrayList<>(n / 2);
    for (int i = 0; i + 1 < n; i += 2) {
      out.add(new RespValue.Pair(items.get(i), items.get(i + 1)));
    }
    return out;
  }

  /** Index of the CR of the first CRLF at or after {@code from}, or -1 if not buffered yet. */
  private int findCrlf(int from) throws ProtocolException {
    for (int i = from; i < end; i++) {
      if (buf[i] == '\r') {
        if (i + 1 == end) {
          return -1;
        }
        if (buf[i + 1] != '\n') {
          throw error("CR not followed by LF");
        }
        return i;
      }
    }
    return -1;
  }

  /** A signed decimal long over {@code buf[from, to)}, overflow checked. */
  private long number(int from, int to) throws ProtocolException {
    int p = from;
    boolean negative = p < to && buf[p] == '-';
    if (negative) {
      p++;
    }
    if (p == to) {
      throw error("invalid number");
    }
    long v = 0; // accumulated negatively so Long.MIN_VALUE fits
    for (; p < to; p++) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
        throw error("invalid number");
      }
      v = v * 10 - d;
    }
    if (!negative && v == Long.MIN_VALUE) {
      throw error("invalid number");
    }
    return negative ? v : -v;
  }

  private static double parseDouble(String s) throws ProtocolException {
    switch (s) {
      case "inf", "+inf" -> {
        return java.lang.Double.POSITIVE_INFINITY;
      }
      case "-inf" -> {
        return java.lang.Double.NEGATIVE_INFINITY;
      }
      case "nan", "-nan" -> {
        return java.lang.Double.NaN;
      }
      default -> {
        // Java also accepts forms RESP does not ("Infinity", "1d", hex); reject them first.
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
            throw error("invalid double");
          }
        }
        try {
          return java.lang.Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw error("invalid double");
        }
      }
    }
  }

  private String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  private void room(int len) {
    if (pos > 0 && (pos == end || pos > buf.length / 2)) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    if ((long) end + len > buf.length) {
      long n = Math.max((long) end + len, 2L * buf.length);
      if (n > java.lang.Integer.MAX_VALUE - 16) {
        if ((long) end + len > java.lang.Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("decoder input exceeds 2 GiB");
        }
        n = java.lang.Integer.MAX_VALUE - 16;
      }
      buf = Arrays.copyOf(buf, (int) n);
    }
  }

  private static ProtocolException error(String what) {
    return new ProtocolException("Protocol error: " + what);
  }
}
