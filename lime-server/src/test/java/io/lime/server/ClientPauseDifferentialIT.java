package io.lime.server;

import static io.lime.server.WireDifferential.encode;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CLIENT PAUSE over TCP, LIME against redis-server 7.0.15: under WRITE a writing client
 * waits (counted in {@code blocked_clients}) while a reader does not; UNPAUSE releases the
 * postponed clients in arrival order; EXEC of queued writes waits; a short ALL pause ends by
 * itself; argument errors. No sleeps: each step waits for the blocked-client count.
 */
class ClientPauseDifferentialIT {
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start();
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  private static void awaitBlocked(WireDifferential.Pair control, int n) {
    for (WireDifferential.Conn c : new WireDifferential.Conn[] {control.redis, control.lime}) {
      while (!new String(c.call("INFO", "clients"), StandardCharsets.US_ASCII)
          .contains("blocked_clients:" + n + "\r\n")) {
        Thread.onSpinWait();
      }
    }
  }

  private static void send(WireDifferential.Pair p, String... command) {
    p.redis.send(encode(command));
    p.lime.send(encode(command));
  }

  @Test
  void writePause_postponesWritersInOrder_notReaders() {
    try (WireDifferential.Pair ctl = wire.connect(); WireDifferential.Pair w1 = wire.connect();
        WireDifferential.Pair w2 = wire.connect(); WireDifferential.Pair r = wire.connect();
        WireDifferential.Pair tx = wire.connect()) {
      ctl.check("FLUSHALL");
      ctl.check("SET", "k", "start");
      tx.check("MULTI");
      tx.check("INCR", "n");
      ctl.check("CLIENT", "PAUSE", "100000", "WRITE");
      send(w1, "SET", "k", "first");
      awaitBlocked(ctl, 1);
      send(w2, "SET", "k", "second");
      awaitBlocked(ctl, 2);
      r.check("GET", "k"); // readers go on
      r.check("PING");
      send(tx, "EXEC"); // a transaction with a write waits too
      awaitBlocked(ctl, 3);
      ctl.check("CLIENT", "UNPAUSE");
      w1.checkRaw(new byte[0], 1);
      w2.checkRaw(new byte[0], 1);
      tx.checkRaw(new byte[0], 1);
      awaitBlocked(ctl, 0);
      r.check("GET", "k"); // released in arrival order: the second write is the last
      r.check("GET", "n");
    }
  }

  @Test
  void allPause_postponesReadersUntilItEnds() {
    try (WireDifferential.Pair ctl = wire.connect(); WireDifferential.Pair r = wire.connect()) {
      ctl.check("CLIENT", "PAUSE", "50", "ALL");
      r.checkRaw(encode("GET", "k"), 1); // waits for the 50 ms, then runs
      r.check("CLIENT", "PAUSE", "0");
      r.check("PING");
    }
  }

  @Test
  void pause_argumentErrors() {
    try (WireDifferential.Pair c = wire.connect()) {
      c.check("CLIENT", "PAUSE", "10", "MAYBE");
      c.check("CLIENT", "PAUSE", "x");
      c.check("CLIENT", "PAUSE", "x", "NOPE");
      c.check("CLIENT", "PAUSE", "-1");
      c.check("CLIENT", "PAUSE", "1.5");
      c.check("CLIENT", "PAUSE");
      c.check("CLIENT", "PAUSE", "1", "WRITE", "x");
      c.check("CLIENT", "UNPAUSE", "x");
      c.check("CLIENT", "UNPAUSE");
    }
  }

  /** While paused, an expired key reads as missing but is neither lazily nor actively deleted. */
  @Test
  void pause_suspendsExpiry() {
    try (WireDifferential.Pair ctl = wire.connect()) {
      ctl.check("FLUSHALL");
      ctl.check("SET", "k", "v", "PX", "30");
      ctl.check("CLIENT", "PAUSE", "100000", "WRITE");
      for (WireDifferential.Conn c : new WireDifferential.Conn[] {ctl.redis, ctl.lime}) {
        while (!new String(c.call("PTTL", "k"), StandardCharsets.US_ASCII).equals(":-2\r\n")) {
          Thread.onSpinWait(); // until the deadline has passed: the key reads as missing
        }
      }
      ctl.check("GET", "k");
      ctl.check("EXISTS", "k");
      ctl.check("DBSIZE"); // still there: not deleted while paused
      ctl.check("CLIENT", "UNPAUSE");
      ctl.check("GET", "k"); // now lazily deleted
      ctl.check("DBSIZE");
    }
  }
}
