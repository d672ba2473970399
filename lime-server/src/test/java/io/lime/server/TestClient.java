package io.lime.server;

import io.lime.resp.ProtocolException;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A minimal blocking RESP client for tests: raw bytes out, decoded replies in. */
final class TestClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final RespDecoder decoder = new RespDecoder();
  private final byte[] buf = new byte[64 * 1024];

  TestClient(int port) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A TCP port free a moment ago, for a server started as a separate process or through
   * {@code Main} ({@code port 0} means no TCP listener there, as in Redis).
   */
  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String a : args) {
      byte[] v = a.getBytes(StandardCharsets.UTF_8);
      b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      b.writeBytes(v);
      b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(String... args) {
    send(encode(args));
  }

  /** Sends a command and reads its reply. */
  RespValue call(String... args) {
    send(args);
    return read();
  }

  /** Reads one reply; fails on EOF or timeout. */
  RespValue read() {
    try {
      while (true) {
        RespValue v = decoder.next();
        if (v != null) {
          return v;
        }
        int n = in.read(buf);
        if (n < 0) {
          throw new IllegalStateException("connection closed by server");
        }
        decoder.feed(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ProtocolException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads exactly {@code n} raw bytes (no decoding). */
  byte[] readRaw(int n) {
    byte[] b = new byte[n];
    int got = 0;
    try {
      while (got < n) {
        int r = in.read(b, got, n - got);
        if (r < 0) {
          throw new IllegalStateException("EOF after " + got + " bytes");
        }
        got += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b;
  }

  /** Whether the server closed the connection (EOF or reset) within the read timeout. */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // test cleanup
    }
  }

  static String text(RespValue v) {
    if (v instanceof RespValue.Bulk b) {
      return b.string();
    } else if (v instanceof RespValue.SimpleString s) {
      return s.value();
    } else if (v instanceof RespValue.Error e) {
      return e.message();
    } else if (v instanceof RespValue.Integer i) {
      return Long.toString(i.value());
    }
    return v.toString();
  }
}
