package io.lime.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} started by a test on a free loopback port, with nothing saved
 * to disk and its own temporary working directory (removed on close). When no redis-server is on PATH the test is skipped, except under {@code CI=true}
 * where it fails.
 */
public final class RealRedis implements AutoCloseable {
  private final Process process;
  private final int port;
  private final java.nio.file.Path dir;

  private RealRedis(Process process, int port, java.nio.file.Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts redis-server, or skips (fails under CI=true) when it is not installed. */
  public static RealRedis start(String... extraArgs) {
    String exe = findOnPath("redis-server");
    if (exe == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true but redis-server is not on PATH: differential tests must run");
      }
      Assumptions.abort("redis-server not on PATH; differential test skipped");
    }
    // A private working directory: a dump.rdb some other process left in the temp directory
    // must not be loaded into the server (it made differential tests fail).
    java.nio.file.Path dir;
    try {
      dir = java.nio.file.Files.createTempDirectory("real-redis");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create redis-server's directory", e);
    }
    for (int attempt = 0; ; attempt++) {
      int port = freePort();
      List<String> cmd = new java.util.ArrayList<>(List.of(exe, "--port", String.valueOf(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
          "--dir", dir.toString(), "--logfile", ""));
      cmd.addAll(Arrays.asList(extraArgs));
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && p.isAlive()) {
          try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[16];
            int n = s.getInputStream().read(buf);
            if (n > 0 && (buf[0] == '+' || buf[0] == '-')) { // -NOAUTH under requirepass is up too
              return new RealRedis(p, port, dir);
            }
          } catch (IOException notYet) {
            Thread.onSpinWait();
          }
        }
        p.destroyForcibly();
        if (attempt >= 3) {
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot start redis-server", e);
      }
    }
  }

  /** Its working directory ({@code dir}: where it saves dump.rdb). */
  public java.nio.file.Path dir() {
    return dir;
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** Opens a raw connection. */
  public RawConnection connect() {
    return RawConnection.open(port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }

  static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A raw RESP connection: sends commands as multibulk, returns each reply's exact bytes. */
  public static final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;

    private RawConnection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:port. */
    public static RawConnection open(int port) {
      try {
        return new RawConnection(new Socket("127.0.0.1", port));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Sends one command and returns its reply's bytes. */
    public byte[] call(byte[]... args) {
      send(encode(args));
      return readReply();
    }

    /** Sends one command of UTF-8 strings and returns its reply's bytes. */
    public byte[] call(String... args) {
      return call(utf8(args));
    }

    /** Writes raw bytes (pipelines, inline commands, protocol errors). */
    public void send(byte[] raw) {
      try {
        out.write(raw);
        out.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Reads exactly one complete reply. */
    public byte[] readReply() {
      try {
        while (true) {
          int n = ReplyFrames.length(buf, start, end);
          if (n >= 0) {
            byte[] r = Arrays.copyOfRange(buf, start, start + n);
            start += n;
            return r;
          }
          if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
          }
          if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          int r = in.read(buf, end, buf.length - end);
          if (r < 0) {
            throw new IllegalStateException("connection closed by server");
          }
          end += r;
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Reads until the server closes the connection; returns what arrived. */
    public byte[] readToEnd() {
      try {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(buf, start, end - start);
        start = end = 0;
        byte[] chunk = new byte[8192];
        int r;
        while ((r = in.read(chunk)) >= 0) {
          all.write(chunk, 0, r);
        }
        return all.toByteArray();
      } catch (IOException e) {
        throw new IllegalStateException(e);
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

    static byte[] encode(byte[]... args) {
      java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
      o.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (byte[] a : args) {
        o.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.writeBytes(a);
        o.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      return o.toByteArray();
    }
  }

  static byte[][] utf8(String... args) {
    byte[][] b = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      b[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }
}
