package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import io.lime.testing.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Socket-level differential testing: a real {@code redis-server} and an in-process
 * {@link LimeServer} started with the same redis-server style arguments; each check sends the
 * same bytes to both over TCP and compares the raw bytes each writes back.
 *
 * <pre>{@code
 * static WireDifferential wire;
 * @BeforeAll static void up() { wire = WireDifferential.start("--requirepass", "secret"); }
 * @AfterAll static void down() { wire.close(); }
 *
 * @Test void x() {
 *   try (WireDifferential.Pair p = wire.connect()) {
 *     p.check("PING");                             // one command, one reply
 *     p.checkRaw("*1\r\n$4\r\nPING\r\nPING\r\n", 2); // raw bytes, two replies
 *     p.checkUntilClose("*abc\r\n");               // replies then close: all bytes to EOF
 *   }
 * }
 * }</pre>
 *
 * <p>No sleeps: replies are framed ({@link #frameLength}) and EOF is awaited with a socket read
 * timeout ({@link #READ_TIMEOUT_MILLIS}) that only matters when a server misbehaves. A reset
 * connection counts as EOF (a server closing with unread input sends RST after its reply).
 * Skips when redis-server is absent, except under {@code CI=true} (see {@link RealRedis}).
 * Not thread-safe.
 */
final class WireDifferential implements AutoCloseable {
  static final int READ_TIMEOUT_MILLIS = 5_000;
  private static final Pattern HELLO_ID =
      Pattern.compile("(\\$2\r\nid\r\n:)\\d+(\r\n)");
  /** LIME's extra HELLO entry ({@code lime_version}), removed before comparing with Redis. */
  private static final Pattern HELLO_LIME_VERSION =
      Pattern.compile("\\$12\r\nlime_version\r\n\\$\\d+\r\n[^\r]*\r\n");
  private static final Pattern HELLO_HEADER_8 = Pattern.compile("(?:%8|\\*16)(\r\n\\$6\r\nserver\r\n)");
  private static final AtomicInteger TOTAL = new AtomicInteger();

  private final RealRedis redis;
  private final LimeServer lime;
  private int compared;

  private WireDifferential(RealRedis redis, LimeServer lime) {
    this.redis = redis;
    this.lime = lime;
  }

  /** Starts both servers with the same arguments (e.g. {@code "--requirepass", "secret"}). */
  static WireDifferential start(String... args) {
    // RealRedis waits for +PONG, which a server with requirepass never gives: set it after.
    List<String> redisArgs = new ArrayList<>(List.of(args));
    String password = null;
    int at = redisArgs.indexOf("--requirepass");
    if (at >= 0 && at + 1 < redisArgs.size()) {
      password = redisArgs.remove(at + 1);
      redisArgs.remove(at);
    }
    RealRedis r = RealRedis.start(redisArgs.toArray(String[]::new));
    if (password != null) {
      try (Conn c = new Conn("redis-server", r.port())) {
        c.send(encode("CONFIG", "SET", "requirepass", password));
        byte[] ok = c.readReplies(1);
        assertEquals("+OK\r\n", new String(ok, StandardCharsets.US_ASCII), "CONFIG SET requirepass");
      } catch (RuntimeException | AssertionError e) {
        r.close();
        throw e;
      }
    }
    try {
      return new WireDifferential(r, LimeServer.builder().ephemeralPort().args(args).start());
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  int redisPort() {
    return redis.port();
  }

  int limePort() {
    return lime.port();
  }

  /** Opens one connection to each server. */
  Pair connect() {
    Conn r = new Conn("redis-server", redis.port());
    try {
      return new Pair(r, new Conn("LIME", lime.port()));
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** Opens a pair speaking RESP {@code resp} (HELLO 3 compared, ids masked, when 3). */
  Pair connect(int resp) {
    Pair p = connect();
    if (resp == 3) {
      p.checkRaw(encode("HELLO", "3"), 1, WireDifferential::maskHelloId);
    }
    return p;
  }

  /** Replies compared by this instance. */
  int comparedCount() {
    return compared;
  }

  /** Replies compared by every instance in this JVM. */
  static int totalCompared() {
    return TOTAL.get();
  }

  @Override
  public void close() {
    try {
      lime.close();
    } finally {
      redis.close();
    }
  }

  /** A multibulk request of UTF-8 strings. */
  static byte[] encode(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(ascii("*" + args.length + "\r\n"));
    for (String a : args) {
      byte[] v = a.getBytes(StandardCharsets.UTF_8);
      o.writeBytes(ascii("$" + v.length + "\r\n"));
      o.writeBytes(v);
      o.writeBytes(ascii("\r\n"));
    }
    return o.toByteArray();
  }

  /** Bytes of a Latin-1 string: every char 0..255 becomes that byte ("\u00ff" is 0xFF). */
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** Replaces the value of the {@code id} field of a HELLO reply (RESP2 or RESP3) by 0. */
  static byte[] maskHelloId(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    s = HELLO_ID.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "0" + m.group(2)));
    if (HELLO_LIME_VERSION.matcher(s).find()) {
      s = HELLO_LIME_VERSION.matcher(s).replaceAll("");
      s = HELLO_HEADER_8.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          (m.group().startsWith("%") ? "%7" : "*14") + m.group(1)));
    }
    return ascii(s);
  }

  /** One connection to each server; every check sends the same bytes to both. */
  final class Pair implements AutoCloseable {
    final Conn redis;
    final Conn lime;

    private Pair(Conn redis, Conn lime) {
      this.redis = redis;
      this.lime = lime;
    }

    /** Sends one multibulk command, compares its one reply; returns LIME's reply. */
    byte[] check(String... command) {
      return checkRaw(encode(command), 1);
    }

    /** Runs a command on both without comparing (set-up whose reply differs, e.g. CLIENT ID). */
    void run(String... command) {
      byte[] req = encode(command);
      redis.send(req);
      lime.send(req);
      redis.readReplies(1);
      lime.readReplies(1);
    }

    /** Sends {@code request} (one write), reads {@code replies} replies from each, compares. */
    byte[] checkRaw(String request, int replies) {
      return checkRaw(ascii(request), replies);
    }

    /** Binary form of {@link #checkRaw(String, int)}. */
    byte[] checkRaw(byte[] request, int replies) {
      return checkRaw(request, replies, UnaryOperator.identity());
    }

    /** As {@link #checkRaw(byte[], int)}, comparing the replies after {@code mask}. */
    byte[] checkRaw(byte[] request, int replies, UnaryOperator<byte[]> mask) {
      redis.send(request);
      lime.send(request);
      return compare(request, mask.apply(redis.readReplies(replies)),
          mask.apply(lime.readReplies(replies)), replies);
    }

    /**
     * Sends {@code request} in writes of {@code chunk} bytes (TCP_NODELAY: one segment each),
     * alternating between the servers, then compares {@code replies} replies.
     */
    byte[] checkSplit(byte[] request, int chunk, int replies) {
      for (int i = 0; i < request.length; i += chunk) {
        byte[] part = Arrays.copyOfRange(request, i, Math.min(request.length, i + chunk));
        redis.send(part);
        lime.send(part);
      }
      return compare(request, redis.readReplies(replies), lime.readReplies(replies), replies);
    }

    /**
     * Sends {@code request} and compares everything each server writes until it closes the
     * connection (protocol errors, QUIT).
     */
    byte[] checkUntilClose(String request) {
      return checkUntilClose(ascii(request));
    }

    /** Binary form of {@link #checkUntilClose(String)}. */
    byte[] checkUntilClose(byte[] request) {
      return checkUntilClose(request, UnaryOperator.identity());
    }

    /** As {@link #checkUntilClose(byte[])}, comparing the bytes after {@code mask}. */
    byte[] checkUntilClose(byte[] request, UnaryOperator<byte[]> mask) {
      redis.send(request);
      lime.send(request);
      return compare(request, mask.apply(redis.readToEnd()), mask.apply(lime.readToEnd()), 1);
    }

    private byte[] compare(byte[] request, byte[] expected, byte[] actual, int replies) {
      compared += replies;
      TOTAL.addAndGet(replies);
      assertEquals(Differential.show(expected), Differential.show(actual),
          () -> "reply bytes differ for request " + Differential.show(head(request)));
      return actual;
    }

    @Override
    public void close() {
      redis.close();
      lime.close();
    }
  }

  private static byte[] head(byte[] request) {
    return request.length <= 300 ? request : Arrays.copyOf(request, 300);
  }

  /** A raw blocking connection that frames replies without decoding them. */
  static final class Conn implements AutoCloseable {
    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;

    Conn(String name, int port) {
      this.name = name;
      try {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Writes {@code raw}. A reset or broken pipe is ignored: the server closed the connection
     * (protocol error), and what it wrote before is still there to read.
     */
    void send(byte[] raw) {
      try {
        out.write(raw);
        out.flush();
      } catch (SocketException closedByServer) {
        // read what arrived
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Sends one multibulk command and returns its reply (no comparison). */
    byte[] call(String... command) {
      send(encode(command));
      return readReplies(1);
    }

    /** Reads exactly {@code n} complete replies; returns their bytes. */
    byte[] readReplies(int n) {
      int from = start;
      int p = start;
      for (int i = 0; i < n; i++) {
        int len;
        while ((len = frameLength(buf, p, end)) < 0) {
          if (from > 0) { // keep the replies read so far at the buffer start
            System.arraycopy(buf, from, buf, 0, end - from);
            p -= from;
            end -= from;
            from = 0;
          }
          boolean more;
          try {
            more = fill();
          } catch (UncheckedIOException timeout) {
            throw new AssertionError(name + ": no more bytes after " + i + " of " + n
                + " replies; got " + Differential.show(Arrays.copyOfRange(buf, from, end)),
                timeout);
          }
          if (!more) {
            throw new AssertionError(name + ": connection closed after " + i + " of " + n
                + " replies; got " + Differential.show(Arrays.copyOfRange(buf, from, end)));
          }
        }
        p += len;
      }
      start = p;
      return Arrays.copyOfRange(buf, from, p);
    }

    /** Reads until the server closes (or resets) the connection; returns what arrived. */
    byte[] readToEnd() {
      try {
        while (fill()) {
          // keep reading
        }
      } catch (UncheckedIOException timeout) {
        throw new AssertionError(name + ": connection not closed; got "
            + Differential.show(Arrays.copyOfRange(buf, start, end)), timeout);
      }
      byte[] all = Arrays.copyOfRange(buf, start, end);
      start = end = 0;
      return all;
    }

    /** Reads more bytes; false at EOF or reset. */
    private boolean fill() {
      if (end == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      try {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          return false;
        }
        end += r;
        return true;
      } catch (SocketException reset) {
        return false;
      } catch (IOException e) { // includes the read timeout
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Length of the first complete RESP2/RESP3 reply at {@code p}, or -1 if incomplete. */
  static int frameLength(byte[] b, int p, int end) {
    int q = scan(b, p, end);
    return q < 0 ? -1 : q - p;
  }

  private static int scan(byte[] b, int p, int end) {
    if (p >= end) {
      return -1;
    }
    int lf = p;
    while (lf + 1 < end && !(b[lf] == '\r' && b[lf + 1] == '\n')) {
      lf++;
    }
    if (lf + 1 >= end) {
      return -1;
    }
    int next = lf + 2;
    byte type = b[p];
    switch (type) {
      case '+', '-', ':', ',', '#', '(', '_' -> {
        return next;
      }
      case '$', '=', '!' -> {
        long n = Long.parseLong(new String(b, p + 1, lf - p - 1, StandardCharsets.US_ASCII));
        if (n < 0) {
          return next;
        }
        long stop = next + n + 2;
        return stop <= end ? (int) stop : -1;
      }
      case '*', '~', '>', '%', '|' -> {
        long n = Long.parseLong(new String(b, p + 1, lf - p - 1, StandardCharsets.US_ASCII));
        long elements = n < 0 ? 0 : (type == '%' || type == '|') ? 2 * n : n;
        int q = next;
        for (long i = 0; i < elements; i++) {
          q = scan(b, q, end);
          if (q < 0) {
            return -1;
          }
        }
        return type == '|' ? scan(b, q, end) : q;
      }
      default -> throw new AssertionError("not a RESP reply at byte " + p + ": "
          + Differential.show(Arrays.copyOfRange(b, p, Math.min(end, p + 80))));
    }
  }
}
