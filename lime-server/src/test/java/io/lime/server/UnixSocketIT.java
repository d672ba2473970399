package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unixsocket} and {@code unixsocketperm}: the server listens on the socket file with
 * the permissions asked, serves RESP there (raw channel and the real {@code redis-cli -s}),
 * shows the path as the client address, and removes the file when it stops.
 */
class UnixSocketIT {
  @TempDir Path dir;
  private LimeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unixSocket_servesWithPermissions_removedAtClose() throws Exception {
    Path sock = dir.resolve("lime.sock");
    Files.writeString(sock, "stale"); // a stale file is replaced, as Redis unlinks it
    server = LimeServer.start("--port", "0", "--lime-loops", "1", "--unixsocket",
        sock.toString(), "--unixsocketperm", "700", "--protected-mode", "yes");
    assertEquals(0, server.port(), "port 0: unix socket only, no TCP listener");
    assertEquals("0", server.config("port"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(sock));
      assertEquals("+PONG\r\n", call(ch, "*1\r\n$4\r\nPING\r\n"));
      assertEquals("+OK\r\n", call(ch, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"));
      String list = call(ch, "*2\r\n$6\r\nCLIENT\r\n$4\r\nINFO\r\n");
      assertTrue(list.contains(" addr=" + sock + ":0 "), list);
    }
    String cli = RedisCliIT.findOnPath("redis-cli");
    if (cli == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true but redis-cli is not on PATH");
      }
    } else {
      assertEquals("v", redisCli(cli, "-s", sock.toString(), "GET", "k"));
      assertEquals("OK", redisCli(cli, "-s", sock.toString(), "SET", "k2", "v2"));
      assertEquals("v2", redisCli(cli, "-s", sock.toString(), "GET", "k2"));
    }
    server.close();
    server = null;
    assertFalse(Files.exists(sock));
  }

  private static String call(SocketChannel ch, String raw) throws Exception {
    ch.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
    ByteBuffer buf = ByteBuffer.allocate(4096);
    StringBuilder sb = new StringBuilder();
    do {
      buf.clear();
      int n = ch.read(buf);
      if (n < 0) {
        break;
      }
      sb.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
    } while (!complete(sb.toString()));
    return sb.toString();
  }

  private static boolean complete(String s) {
    if (s.startsWith("$")) {
      int nl = s.indexOf("\r\n");
      return nl > 0 && s.length() >= nl + 2 + Integer.parseInt(s.substring(1, nl)) + 2;
    }
    return s.endsWith("\r\n");
  }

  private static String redisCli(String cli, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(cli));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

}
