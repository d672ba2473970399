package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FLUSHALL/FLUSHDB ASYNC and lazyfree-lazy-user-flush against redis-server 7.0.15: the keys
 * flushed in the background count in INFO {@code lazyfreed_objects} once released
 * ({@code lazyfree_pending_objects} back to 0), synchronous flushes do not, RESETSTAT clears it.
 */
class LazyFreeDifferentialIT {
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

  /** {@code lazyfreed_objects} once nothing is pending, for each server ("redis/lime"). */
  private static String freed(WireDifferential.Pair c) {
    StringBuilder sb = new StringBuilder();
    for (WireDifferential.Conn conn : new WireDifferential.Conn[] {c.redis, c.lime}) {
      String info;
      do {
        info = new String(conn.call("INFO", "memory"), StandardCharsets.US_ASCII);
      } while (!info.contains("lazyfree_pending_objects:0\r\n"));
      int at = info.indexOf("lazyfreed_objects:");
      sb.append(info, at, info.indexOf('\r', at)).append('/');
    }
    return sb.toString();
  }

  private static void fill(WireDifferential.Pair c, int db, int n) {
    c.check("SELECT", String.valueOf(db));
    for (int i = 0; i < n; i++) {
      c.check("SET", "k" + i, "v");
    }
  }

  @Test
  void asyncFlushes_countInLazyfreedObjects() {
    try (WireDifferential.Pair c = wire.connect()) {
      c.check("FLUSHALL");
      c.check("CONFIG", "RESETSTAT");
      assertEquals("lazyfreed_objects:0/lazyfreed_objects:0/", freed(c));
      fill(c, 0, 3);
      fill(c, 1, 2);
      c.check("FLUSHALL", "ASYNC");
      assertEquals("lazyfreed_objects:5/lazyfreed_objects:5/", freed(c));
      fill(c, 0, 4);
      c.check("FLUSHDB", "ASYNC");
      assertEquals("lazyfreed_objects:9/lazyfreed_objects:9/", freed(c));
      fill(c, 0, 2);
      c.check("FLUSHDB"); // synchronous
      assertEquals("lazyfreed_objects:9/lazyfreed_objects:9/", freed(c));
      c.check("CONFIG", "SET", "lazyfree-lazy-user-flush", "yes");
      fill(c, 0, 2);
      c.check("FLUSHALL");
      assertEquals("lazyfreed_objects:11/lazyfreed_objects:11/", freed(c));
      fill(c, 0, 2);
      c.check("FLUSHALL", "SYNC");
      assertEquals("lazyfreed_objects:11/lazyfreed_objects:11/", freed(c));
      c.check("CONFIG", "SET", "lazyfree-lazy-user-flush", "no");
      c.check("CONFIG", "RESETSTAT");
      assertEquals("lazyfreed_objects:0/lazyfreed_objects:0/", freed(c));
      c.check("SELECT", "0");
    }
  }
}
