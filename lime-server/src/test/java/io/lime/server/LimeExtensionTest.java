package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.resp.RespValue;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import io.lime.server.junit.LimeUri;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The JUnit 5 extension: one class per lifecycle and option. */
class LimeExtensionTest {

  private static String call(int port, String... args) {
    try (TestClient c = new TestClient(port)) {
      return RespValue.describe(c.call(args));
    }
  }

  /** One server per class; fields and parameters of every kind. */
  @LimeTest
  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerClass {
    static int firstPort;
    @LimePort int port;
    @LimeUri URI uri;
    @LimeUri String uriText;
    LimeServer server;
    KeyValueStore store;

    @Test
    @Order(1)
    void fields_beforeEachTest_describeTheRunningServer() {
      assertNotEquals(0, port);
      assertEquals(port, server.port());
      assertEquals(URI.create("redis://127.0.0.1:" + port), uri);
      assertEquals(uri.toString(), uriText);
      firstPort = port;
      assertEquals("+PONG", call(port, "PING"));
    }

    @Test
    @Order(2)
    void parameters_sameServerAsFields_keptAcrossTests(@LimePort int p, URI u, LimeServer s,
        KeyValueStore kv) {
      assertEquals(firstPort, p);
      assertEquals(port, p);
      assertEquals(uri, u);
      assertSame(server, s);
      assertSame(store, kv);
    }

    @Test
    @Order(3)
    void store_sharesDataWithClients() {
      store.set("seeded", "by-store");
      assertEquals("\"by-store\"", call(port, "GET", "seeded"));
      call(port, "SET", "written", "by-client");
      assertEquals("by-client", store.get("written"));
      call(port, "SELECT", "3");
      try (TestClient c = new TestClient(port)) {
        c.call("SELECT", "3");
        c.call("SET", "in3", "x");
      }
      assertEquals("x", store.database(3).get("in3"));
      assertNull(store.get("in3"));
    }

    @Test
    @Order(4)
    void noFlush_dataOfEarlierTestsRemains() {
      assertEquals("by-client", store.get("written"));
    }
  }

  /** A fresh server for each test. */
  @LimeTest(lifecycle = LimeTest.Lifecycle.PER_METHOD)
  @Nested
  class PerMethod {
    static final Set<LimeServer> SEEN = new HashSet<>();

    @Test
    void first_freshServer_isEmpty(LimeServer server, KeyValueStore store) {
      checkFresh(server, store);
    }

    @Test
    void second_freshServer_isEmpty(LimeServer server, KeyValueStore store) {
      checkFresh(server, store);
    }

    private void checkFresh(LimeServer server, KeyValueStore store) {
      synchronized (SEEN) {
        assertTrue(SEEN.add(server), "a server was reused");
      }
      assertEquals(0, store.dbSize());
      store.set("k", "v");
      assertEquals("\"v\"", call(server.port(), "GET", "k"));
    }
  }

  /** flushBetweenTests: each test starts empty, even after @BeforeAll seeding. */
  @LimeTest(flushBetweenTests = true)
  @Nested
  class Flushing {
    @Test
    void a_startsEmpty_thenWrites(KeyValueStore store) {
      assertEquals(0, store.dbSize());
      store.set("a", "1");
      store.database(5).set("b", "2");
    }

    @Test
    void b_startsEmpty_thenWrites(KeyValueStore store) {
      assertEquals(0, store.dbSize());
      assertEquals(0, store.database(5).dbSize());
      store.set("a", "1");
      store.database(5).set("b", "2");
    }
  }

  /** Configuration directives reach the server. */
  @LimeTest(config = {"requirepass secret", "notify-keyspace-events KEA", "save \"\""})
  @Nested
  class Configured {
    @Test
    void requirepass_unauthenticated_getsNoauth(@LimePort int port, LimeServer server) {
      assertEquals("-NOAUTH Authentication required.", call(port, "GET", "k"));
      try (TestClient c = new TestClient(port)) {
        assertEquals("+OK", RespValue.describe(c.call("AUTH", "secret")));
        assertEquals("[\"notify-keyspace-events\", \"AKE\"]",
            RespValue.describe(c.call("CONFIG", "GET", "notify-keyspace-events")));
      }
      assertEquals("", server.config("save"));
    }
  }

  /** The manual clock drives expiry for clients and the store alike. */
  @LimeTest(manualClock = true)
  @Nested
  class ManualClock {
    LimeClock clock;

    @Test
    void advance_pastTtl_keyExpiresForClientsAndStore(@LimePort int port, KeyValueStore store) {
      try (TestClient c = new TestClient(port)) {
        c.call("SET", "session", "alice", "EX", "30");
        c.call("SET", "forever", "x");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(":1", RespValue.describe(c.call("TTL", "session")));
        assertEquals("\"alice\"", RespValue.describe(c.call("GET", "session")));
        clock.advance(Duration.ofSeconds(1));   // at the deadline: still there, as Redis
        assertEquals("\"alice\"", RespValue.describe(c.call("GET", "session")));
        clock.advance(Duration.ofMillis(1));
        assertEquals("nil$", RespValue.describe(c.call("GET", "session")));
        assertEquals(":1", RespValue.describe(c.call("DBSIZE")));
      }
      store.set("cache", "v", io.lime.SetOptions.defaults().expireIn(Duration.ofMillis(1500)));
      clock.advance(Duration.ofMillis(1499));
      assertEquals("v", store.get("cache"));
      clock.advance(Duration.ofMillis(2));
      assertNull(store.get("cache"));
    }

    @Test
    void advance_manyVolatileKeys_activeCycleEmptiesKeyspace(KeyValueStore store) {
      for (int i = 0; i < 200; i++) {
        store.set("k" + i, "v", io.lime.SetOptions.defaults().expireIn(Duration.ofSeconds(10)));
      }
      clock.advance(Duration.ofSeconds(11));
      assertEquals(0, store.dbSize());
    }

    @Test
    void time_followsTheClock(@LimePort int port) {
      long before = clock.currentTimeMillis();
      clock.advance(Duration.ofDays(1));
      try (TestClient c = new TestClient(port)) {
        RespValue.Array t = (RespValue.Array) c.call("TIME");
        long seconds = Long.parseLong(((RespValue.Bulk) t.elements().get(0)).string());
        assertEquals((before + Duration.ofDays(1).toMillis()) / 1000, seconds);
      }
    }

    @Test
    void advance_backwards_throws() {
      assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
      assertThrows(IllegalArgumentException.class,
          () -> clock.set(clock.instant().minusMillis(1)));
    }
  }

  /** Static fields and @BeforeAll parameters with the per-class lifecycle; @Nested reuse. */
  @LimeTest
  @Nested
  class Outer {
    static LimeServer staticServer;
    static int beforeAllPort;

    @BeforeAll
    static void seed(KeyValueStore store, @LimePort int port) {
      store.set("seed", "1");
      beforeAllPort = port;
    }

    @Test
    void staticField_andBeforeAll_sameServer(@LimePort int port) {
      assertNotNull(staticServer);
      assertEquals(port, staticServer.port());
      assertEquals(port, beforeAllPort);
    }

    @Nested
    class Inner {
      @Test
      void nested_sharesEnclosingServer(LimeServer server, KeyValueStore store) {
        assertSame(staticServer, server);
        assertEquals("1", store.get("seed"));
      }
    }
  }
}
