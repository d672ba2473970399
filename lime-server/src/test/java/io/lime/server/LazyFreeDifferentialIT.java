package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lazy free against redis-server 7.0.15: FLUSHALL/FLUSHDB ASYNC and lazyfree-lazy-user-flush
 * (the keys flushed in the background count in INFO {@code lazyfreed_objects} once released,
 * {@code lazyfree_pending_objects} back to 0; synchronous flushes do not; RESETSTAT clears
 * it), and the values UNLINK, DEL, overwrites and expiry release in the background: those
 * whose free effort exceeds 64 (hashtable sets, skiplist sorted sets, lists of more than 64
 * nodes) under the lazyfree-lazy-* directive of their cause.
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

  private static void members(WireDifferential.Pair c, String cmd, String key, int n) {
    String[] argv = new String[2 + n];
    argv[0] = cmd;
    argv[1] = key;
    for (int i = 0; i < n; i++) {
      argv[2 + i] = cmd.equals("ZADD") ? (i % 2 == 0 ? Integer.toString(i) : "m" + i) : "m" + i;
    }
    c.check(argv);
  }

  /**
   * Runs {@code op} on a fresh 100-member set {@code s} with {@code directive} off (nothing
   * freed lazily: the count stays {@code before}), then on (one more), leaving it off.
   */
  private static void offThenOn(WireDifferential.Pair c, String directive, int before,
      String... op) {
    for (String mode : new String[] {"no", "yes"}) {
      c.check("CONFIG", "SET", directive, mode);
      c.check("DEL", "s");
      members(c, "SADD", "s", 100);
      c.check(op);
      int n = mode.equals("no") ? before : before + 1;
      assertEquals("lazyfreed_objects:" + n + "/lazyfreed_objects:" + n + "/", freed(c));
    }
    c.check("CONFIG", "SET", directive, "no");
  }

  @Test
  void deletedValues_overThresholdCountInLazyfreedObjects() {
    try (WireDifferential.Pair c = wire.connect()) {
      c.check("FLUSHALL");
      c.check("CONFIG", "RESETSTAT");
      members(c, "SADD", "s65", 65); // hashtable, effort 65: lazy
      members(c, "SADD", "s64", 64); // effort 64: inline
      c.check("SADD", "ints", "1", "2", "3");
      members(c, "ZADD", "z", 400); // 200 members: skiplist
      members(c, "ZADD", "zsmall", 20); // listpack
      members(c, "RPUSH", "l", 500); // a few quicklist nodes: inline
      c.check("UNLINK", "s65", "s64", "ints", "z", "zsmall", "l", "nosuch");
      assertEquals("lazyfreed_objects:2/lazyfreed_objects:2/", freed(c));
      // DEL is synchronous unless lazyfree-lazy-user-del
      offThenOn(c, "lazyfree-lazy-user-del", 2, "DEL", "s");
      // server-del: SET over a big value, RENAME onto one, a STORE that empties its target
      offThenOn(c, "lazyfree-lazy-server-del", 3, "SET", "s", "x");
      c.check("CONFIG", "SET", "lazyfree-lazy-server-del", "yes");
      members(c, "SADD", "a", 100);
      members(c, "SADD", "b", 100);
      c.check("RENAME", "a", "b");
      c.check("SUNIONSTORE", "b", "nosuch");
      assertEquals("lazyfreed_objects:6/lazyfreed_objects:6/", freed(c));
      c.check("CONFIG", "SET", "lazyfree-lazy-server-del", "no");
      // expire: a deadline in the past deletes at once
      offThenOn(c, "lazyfree-lazy-expire", 6, "PEXPIREAT", "s", "1");
      c.check("CONFIG", "RESETSTAT");
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
