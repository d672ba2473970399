package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.RealRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients on the unix socket against redis-server 7.0.15, each server on its own socket file:
 * MONITOR names them {@code [<db> unix:<socket path>]} (compared line by line, time and path
 * masked), and CLIENT LIST / CLIENT INFO by shape for clients in several states (plain,
 * monitor, subscriber, in MULTI, tracking, over TCP and the unix socket): the same field names
 * in the same order, the same values for the fields that do not depend on the server's
 * buffers, clock or numbering (flags, db, sub, psub, ssub, multi, events, cmd, user, redir,
 * resp, name, addr and laddr as forms), and numbers where Redis prints numbers. Known
 * difference: {@code fd} (an in-process server, as here, prints -1: the JDK exports socket
 * descriptors only to the standalone jar, see MainTest).
 */
class ClientUnixSocketDifferentialIT {
  private static Path dir;
  private static RealRedis redis;
  private static LimeServer lime;
  private static Path redisSock;
  private static Path limeSock;

  @BeforeAll
  static void up() throws IOException {
    dir = Files.createTempDirectory("lime-unix-diff");
    redisSock = dir.resolve("r.sock");
    limeSock = dir.resolve("l.sock");
    redis = RealRedis.start("--unixsocket", redisSock.toString());
    lime = LimeServer.builder().ephemeralPort().args("--save", "", "--lime-loops", "1",
        "--unixsocket", limeSock.toString()).start();
  }

  @AfterAll
  static void down() throws IOException {
    try {
      if (lime != null) {
        lime.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
      Files.deleteIfExists(redisSock);
      Files.deleteIfExists(limeSock);
      Files.deleteIfExists(dir);
    }
  }

  /** A blocking connection to a unix socket or a TCP port, reading whole RESP replies. */
  private static final class Client implements AutoCloseable {
    final SocketChannel ch;
    private byte[] buf = new byte[0];

    Client(Path sock) {
      try {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(sock));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Client(int port) {
      try {
        ch = SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String call(String... argv) {
      send(argv);
      return read();
    }

    void send(String... argv) {
      try {
        ch.write(ByteBuffer.wrap(encode(argv)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String read() {
      try {
        while (true) {
          int n = WireDifferential.frameLength(buf, 0, buf.length);
          if (n >= 0) {
            String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            buf = Arrays.copyOfRange(buf, n, buf.length);
            return s;
          }
          ByteBuffer b = ByteBuffer.allocate(16384);
          if (ch.read(b) < 0) {
            throw new IOException("closed");
          }
          byte[] more = Arrays.copyOf(buf, buf.length + b.position());
          System.arraycopy(b.array(), 0, more, buf.length, b.position());
          buf = more;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  private static String maskMonitor(String line, Path sock) {
    return line.replace(sock.toString(), "SOCK")
        .replaceFirst("^\\+\\d+\\.\\d{6} ", "+T ")
        .replaceFirst("\\[(\\d+) 127\\.0\\.0\\.1:\\d+\\]", "[$1 TCP]");
  }

  /** The monitor lines of {@code n} commands run by a unix-socket client, masked. */
  private static List<String> monitorFeed(Path sock, int port) {
    try (Client m = new Client(port); Client c = new Client(sock)) {
      assertEquals("+OK\r\n", m.call("MONITOR"));
      c.call("SET", "k", "v");
      c.call("SELECT", "3");
      c.call("GET", "k");
      c.call("MULTI");
      c.call("INCR", "n");
      c.call("EXEC");
      c.call("EVAL", "return redis.call('PING')", "0");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        lines.add(maskMonitor(m.read(), sock));
      }
      c.call("FLUSHALL");
      return lines;
    }
  }

  @Test
  void monitor_unixSocketClient_namedAsRedis() {
    List<String> expected = monitorFeed(redisSock, redis.port());
    List<String> actual = monitorFeed(limeSock, lime.port());
    assertTrue(expected.get(0).contains("[0 unix:SOCK]"), expected.get(0));
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  private static final Set<String> SAME_VALUE = Set.of("name", "db", "sub", "psub", "ssub",
      "multi", "flags", "events", "cmd", "user", "redir", "resp");

  /** CLIENT LIST/INFO line as field name to a value or its form. */
  private static Map<String, String> shape(String bulk, Path sock) {
    String line = bulk.substring(bulk.indexOf("\r\n") + 2).trim();
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : line.split(" ")) {
      int eq = kv.indexOf('=');
      String k = kv.substring(0, eq);
      String v = kv.substring(eq + 1);
      if (k.equals("addr") || k.equals("laddr")) {
        v = v.replace(sock.toString(), "SOCK").replaceFirst("^127\\.0\\.0\\.1:\\d+$", "TCP");
      } else if (k.equals("redir") && !v.equals("-1")) {
        v = "ID"; // another client's id
      } else if (k.equals("fd")) {
        v = "FD"; // known difference: -1 in process (the standalone jar prints the real one)
      } else if (!SAME_VALUE.contains(k)) {
        v = v.matches("-?\\d+") ? (v.startsWith("-") ? "negative" : "number") : "text:" + v;
      }
      m.put(k, v);
    }
    return m;
  }

  /** CLIENT INFO of a unix-socket client in each state, then CLIENT LIST's monitor line. */
  private static List<Map<String, String>> states(Path sock, int port) {
    List<Map<String, String>> out = new ArrayList<>();
    try (Client c = new Client(sock); Client tcp = new Client(port);
        Client mon = new Client(sock); Client sub = new Client(sock)) {
      out.add(shape(c.call("CLIENT", "INFO"), sock));
      out.add(shape(tcp.call("CLIENT", "INFO"), sock));
      c.call("CLIENT", "SETNAME", "app");
      c.call("SELECT", "2");
      String id = c.call("CLIENT", "ID").replaceAll("[:\r\n]", "");
      c.call("MULTI");
      c.call("SET", "a", "1");
      out.add(shape(tcp.call("CLIENT", "LIST", "ID", id), sock)); // c in MULTI
      c.call("DISCARD");
      c.call("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "p");
      out.add(shape(c.call("CLIENT", "INFO"), sock));
      c.call("CLIENT", "TRACKING", "OFF");
      mon.call("MONITOR");
      sub.call("SUBSCRIBE", "ch");
      sub.call("PSUBSCRIBE", "p*");
      String list = tcp.call("CLIENT", "LIST");
      String body = list.substring(list.indexOf("\r\n") + 2);
      for (String l : body.split("\n")) {
        if (l.contains("cmd=monitor") || l.contains("cmd=psubscribe")) {
          out.add(shape("$0\r\n" + l, sock));
        }
      }
      c.call("SELECT", "0");
    }
    return out;
  }

  /** rbs and rbp of a client after a 10000-byte reply, as "rbs>=rbp>=10000" or the values. */
  private static String replyBuffer(Path sock) {
    try (Client c = new Client(sock)) {
      c.call("SET", "big", "x".repeat(10_000));
      c.call("GET", "big");
      String info = c.call("CLIENT", "INFO");
      long rbs = Long.parseLong(info.replaceFirst("(?s).* rbs=(\\d+) .*", "$1"));
      long rbp = Long.parseLong(info.replaceFirst("(?s).* rbp=(\\d+) .*", "$1"));
      c.call("DEL", "big");
      return rbs >= rbp && rbp >= 10_000 ? "rbs>=rbp>=10000" : "rbs=" + rbs + " rbp=" + rbp;
    }
  }

  @Test
  void replyBufferFields_realSizeAndPeak() {
    assertEquals(replyBuffer(redisSock), replyBuffer(limeSock));
  }

  @Test
  void clientInfoAndList_sameFieldsOrderAndValuesByShape() {
    List<Map<String, String>> expected = states(redisSock, redis.port());
    List<Map<String, String>> actual = states(limeSock, lime.port());
    assertEquals(6, expected.size(), expected.toString());
    assertEquals(expected.toString().replace("}, {", "},\n{"),
        actual.toString().replace("}, {", "},\n{"));
  }
}
