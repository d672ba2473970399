package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.command.ClientSession;
import io.lime.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over real loopback sockets. */
class LimeServerTest {
  private static final String UNKNOWN_FOO =
      "ERR unknown command 'foo', with args beginning with: 'a' ";
  private final List<LimeServer> servers = new ArrayList<>();

  private LimeServer start(String... args) {
    List<String> all = new ArrayList<>(List.of("--lime-loops", "2"));
    all.addAll(List.of(args));
    LimeServer s = LimeServer.builder().ephemeralPort().args(all.toArray(String[]::new)).start();
    servers.add(s);
    return s;
  }

  @AfterEach
  void stop() {
    servers.forEach(LimeServer::close);
  }

  @Test
  void ephemeralPort_systemChoosesPort_configShowsIt() {
    LimeServer s = start();
    assertNotEquals(0, s.port());
    assertEquals(String.valueOf(s.port()), s.config("port"));
    try (TestClient c = new TestClient(s.port())) {
      assertEquals(new RespValue.SimpleString("PONG"), c.call("PING"));
    }
  }

  @Test
  void portZero_noOtherListener_startFailsNamingTheCause() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> LimeServer.builder().port(0).start().close());
    assertTrue(e.getMessage().startsWith("Configured to not listen anywhere, exiting."),
        e.getMessage());
    assertTrue(e.getMessage().contains("ephemeralPort()"), e.getMessage());
  }

  @Test
  void start_portZero_listensOnChosenPortAndAnswers() {
    LimeServer s = start();
    assertNotEquals(0, s.port());
    try (TestClient c = new TestClient(s.port())) {
      assertEquals(RespValue.array(RespValue.bulk("port"), RespValue.bulk(Integer.toString(s.port()))),
          c.call("CONFIG", "GET", "port"));
      assertEquals(new RespValue.Error(UNKNOWN_FOO), c.call("foo", "a"));
    }
  }

  @Test
  void pipeline_tenThousandCommandsInOneWrite_repliesInOrder() {
    LimeServer s = start();
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      batch.writeBytes(i % 2 == 0 ? TestClient.encode("foo", "a")
          : TestClient.encode("CONFIG", "GET", "hz"));
    }
    try (TestClient c = new TestClient(s.port())) {
      c.send(batch.toByteArray());
      for (int i = 0; i < 10_000; i++) {
        RespValue v = c.read();
        if (i % 2 == 0) {
          assertEquals(new RespValue.Error(UNKNOWN_FOO), v, "reply " + i);
        } else {
          assertEquals(RespValue.array(RespValue.bulk("hz"), RespValue.bulk("10")), v, "reply " + i);
        }
      }
    }
  }

  @Test
  void input_oneByteAtATime_parsesEveryCommand() {
    LimeServer s = start();
    byte[] req = TestClient.encode("CONFIG", "GET", "databases");
    try (TestClient c = new TestClient(s.port())) {
      for (int round = 0; round < 3; round++) {
        for (byte b : req) {
          c.send(new byte[] {b});
        }
        assertEquals(RespValue.array(RespValue.bulk("databases"), RespValue.bulk("16")), c.read());
      }
      for (byte b : "foo a\r\n".getBytes(StandardCharsets.US_ASCII)) {
        c.send(new byte[] {b});
      }
      assertEquals(new RespValue.Error(UNKNOWN_FOO), c.read());
    }
  }

  @Test
  void protocolError_repliesThenCloses() {
    LimeServer s = start();
    try (TestClient c = new TestClient(s.port())) {
      c.send(TestClient.encode("foo", "a"));
      c.send("*abc\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(new RespValue.Error(UNKNOWN_FOO), c.read());
      assertEquals(new RespValue.Error("ERR Protocol error: invalid multibulk length"), c.read());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void requirepass_unauthenticatedClient_getsNoauthAndParserLimits() {
    LimeServer s = start("--requirepass", "secret");
    try (TestClient c = new TestClient(s.port())) {
      assertEquals(new RespValue.Error("NOAUTH Authentication required."),
          c.call("CONFIG", "GET", "port"));
      c.send("*20\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(new RespValue.Error("ERR Protocol error: unauthenticated multibulk length"),
          c.read());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void quit_repliesOkThenCloses() {
    LimeServer s = start();
    try (TestClient c = new TestClient(s.port())) {
      c.send(TestClient.encode("QUIT"));
      c.send(TestClient.encode("foo", "a")); // after QUIT: never executed
      assertEquals(new RespValue.SimpleString("OK"), c.read());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void maxclients_extraClient_getsErrorThenClose() {
    LimeServer s = start("--maxclients", "2");
    try (TestClient a = new TestClient(s.port()); TestClient b = new TestClient(s.port())) {
      assertInstanceOf(RespValue.Error.class, a.call("foo", "a"));
      assertInstanceOf(RespValue.Error.class, b.call("foo", "a"));
      try (TestClient c = new TestClient(s.port())) {
        assertEquals(new RespValue.Error("ERR max number of clients reached"), c.read());
        assertTrue(c.closedByServer());
      }
      assertEquals(1, s.net().state().rejectedConnections.sum());
    }
  }

  @Test
  void kill_fromAnotherThread_closesConnection() throws Exception {
    LimeServer s = start();
    try (TestClient c = new TestClient(s.port())) {
      assertInstanceOf(RespValue.Error.class, c.call("foo", "a"));
      List<ClientSession> sessions = new ArrayList<>(s.net().state().clients());
      assertEquals(1, sessions.size());
      assertTrue(sessions.get(0).address().startsWith("127.0.0.1:"));
      Thread t = new Thread(sessions.get(0)::kill);
      t.start();
      t.join();
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void manyClients_concurrentPipelines_allRepliesCorrect() throws Exception {
    LimeServer s = start();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int k = 0; k < 50; k++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          try (TestClient c = new TestClient(s.port())) {
            for (int batch = 0; batch < 10; batch++) {
              ByteArrayOutputStream b = new ByteArrayOutputStream();
              for (int i = 0; i < 100; i++) {
                b.writeBytes(TestClient.encode("CONFIG", "GET", "maxclients"));
              }
              c.send(b.toByteArray());
              for (int i = 0; i < 100; i++) {
                if (c.read().equals(RespValue.array(RespValue.bulk("maxclients"),
                    RespValue.bulk("10000")))) {
                  ok++;
                }
              }
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : results) {
        assertEquals(1000, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(s.net().state().totalConnections.sum() >= 50);
    assertTrue(s.net().state().netInputBytes.sum() > 0);
    assertTrue(s.net().state().netOutputBytes.sum() > 0);
  }

  @Test
  void bigReplies_clientReadsLate_backpressureKeepsOrder() throws Exception {
    LimeServer s = start();
    int n = 3000; // each reply ~5 KiB: ~15 MiB in total, more than socket buffers hold
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      b.writeBytes(TestClient.encode("CONFIG", "GET", "*"));
    }
    try (TestClient c = new TestClient(s.port())) {
      Thread writer = new Thread(() -> c.send(b.toByteArray()));
      writer.start();
      RespValue first = c.read();
      for (int i = 1; i < n; i++) {
        assertEquals(first, c.read(), "reply " + i);
      }
      writer.join();
    }
  }

  @Test
  void timeout_idleClient_isClosed() {
    LimeServer s = start("--timeout", "1");
    try (TestClient c = new TestClient(s.port())) {
      assertInstanceOf(RespValue.Error.class, c.call("foo", "a"));
      assertTrue(c.closedByServer()); // read timeout is 10 s, idle limit 1 s
    }
  }

  @Test
  void configSetPort_rebindsListener() {
    LimeServer s = start();
    int old = s.port();
    int fresh;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      fresh = probe.getLocalPort();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    try (TestClient c = new TestClient(old)) {
      assertEquals(new RespValue.SimpleString("OK"),
          c.call("CONFIG", "SET", "port", Integer.toString(fresh)));
    }
    assertEquals(fresh, s.port());
    try (TestClient c = new TestClient(fresh)) {
      assertEquals(RespValue.array(RespValue.bulk("port"), RespValue.bulk(Integer.toString(fresh))),
          c.call("CONFIG", "GET", "port"));
    }
  }

  @Test
  void close_stopsServerAndRefusesConnections() {
    LimeServer s = start();
    int port = s.port();
    TestClient c = new TestClient(port);
    s.close();
    assertTrue(c.closedByServer());
    c.close();
    assertThrows(UncheckedIOException.class, () -> new TestClient(port).close());
  }

  @Test
  void start_unknownDirective_failsWithRedisText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LimeServer.builder().ephemeralPort().args("--foo", "bar").start());
    assertTrue(e.getMessage().contains(">>> 'foo \"bar\"'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Bad directive or wrong number of arguments"), e.getMessage());
  }

  @Test
  void builder_directives_areApplied() {
    LimeServer s = LimeServer.builder().ephemeralPort().directive("maxmemory", "1gb")
        .directive("save", "900 1 300 10").directive("lime-loops", "1").start();
    servers.add(s);
    assertEquals("1073741824", s.config("maxmemory"));
    assertEquals("900 1 300 10", s.config("save"));
    assertEquals("127.0.0.1 -::1", s.config("bind"));
  }
}
