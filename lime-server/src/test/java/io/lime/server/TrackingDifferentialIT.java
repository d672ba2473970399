package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.Differential;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client-side caching over TCP, LIME against redis-server 7.0.15: CLIENT TRACKING in default
 * mode (RESP3 pushes, self-invalidation after the reply), REDIRECT to a RESP2 subscriber of
 * {@code __redis__:invalidate}, BCAST with prefixes, OPTIN/OPTOUT with CLIENT CACHING, NOLOOP,
 * FLUSHALL, and the option errors, TRACKINGINFO and GETREDIR replies. Every push is read in
 * order and compared byte for byte; a message that should not come would be read in place of
 * the next expected one.
 */
class TrackingDifferentialIT {
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

  private static WireDifferential.Pair open(int resp) {
    return wire.connect(resp);
  }

  private static void pushed(WireDifferential.Pair p, int n) {
    assertEquals(Differential.show(p.redis.readReplies(n)), Differential.show(p.lime.readReplies(n)),
        "pushed invalidations differ");
  }

  /** The {@code flags=} and {@code redir=} fields of CLIENT INFO (ids masked), from both. */
  private static void checkInfoFlags(WireDifferential.Pair c) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("flags=\\S+|redir=-?\\d+");
    java.util.function.Function<byte[], String> fields = b -> {
      java.util.regex.Matcher m = p.matcher(new String(b, StandardCharsets.ISO_8859_1));
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        sb.append(m.group().replaceFirst("^redir=[1-9]\\d*$", "redir=ID")).append(' ');
      }
      return sb.toString();
    };
    assertEquals(fields.apply(c.redis.call("CLIENT", "INFO")),
        fields.apply(c.lime.call("CLIENT", "INFO")));
  }

  @Test
  void clientInfo_trackingFlagsAndRedirect() {
    try (WireDifferential.Pair c = open(3); WireDifferential.Pair t = open(2)) {
      checkInfoFlags(c);
      c.check("CLIENT", "TRACKING", "ON", "BCAST");
      checkInfoFlags(c);
      c.check("CLIENT", "TRACKING", "OFF");
      String rid = new String(t.redis.call("CLIENT", "ID"), StandardCharsets.US_ASCII);
      String lid = new String(t.lime.call("CLIENT", "ID"), StandardCharsets.US_ASCII);
      c.redis.call("CLIENT", "TRACKING", "ON", "REDIRECT", rid.substring(1).trim());
      c.lime.call("CLIENT", "TRACKING", "ON", "REDIRECT", lid.substring(1).trim());
      c.check("GET", "gone");
      WireDifferential.Pair w = open(2);
      assertEquals(":1\r\n", new String(w.redis.call("CLIENT", "KILL", "ID",
          rid.substring(1).trim()), StandardCharsets.US_ASCII));
      assertEquals(":1\r\n", new String(w.lime.call("CLIENT", "KILL", "ID",
          lid.substring(1).trim()), StandardCharsets.US_ASCII));
      w.check("SET", "gone", "1"); // the redirect target is gone: broken, pushed to c
      c.checkRaw(encode("PING"), 2, b -> new String(b, StandardCharsets.ISO_8859_1)
          .replaceAll(":\\d+\r\n", ":ID\r\n").getBytes(StandardCharsets.ISO_8859_1));
      checkInfoFlags(c);
      w.close();
    }
  }

  @Test
  void defaultMode_resp3_invalidatesReadKeysOnce() {
    try (WireDifferential.Pair c = open(3); WireDifferential.Pair w = open(2)) {
      w.check("FLUSHALL");
      c.check("CLIENT", "TRACKING", "ON");
      c.check("CLIENT", "TRACKINGINFO");
      c.check("CLIENT", "GETREDIR");
      c.check("GET", "k");
      c.check("MGET", "a", "b");
      w.check("SET", "k", "1");
      pushed(c, 1);
      w.check("SET", "k", "2"); // no longer tracked: no message
      w.check("MSET", "a", "1", "b", "2");
      pushed(c, 2);
      c.check("GET", "k");
      c.checkRaw(encode("INCR", "k"), 2); // its own write: the reply, then the push
      c.check("HGETALL", "h");
      w.check("HSET", "h", "f", "v");
      pushed(c, 1);
      c.check("GET", "k");
      w.check("FLUSHALL"); // a null for all keys
      pushed(c, 1);
      c.check("CLIENT", "TRACKING", "OFF");
      c.check("CLIENT", "GETREDIR");
      c.check("GET", "k");
      w.check("SET", "k", "x");
      c.check("PING"); // nothing pushed
    }
  }

  @Test
  void redirect_toResp2Subscriber_getsMessagesOnInvalidateChannel() {
    try (WireDifferential.Pair r = open(2); WireDifferential.Pair c = open(2);
        WireDifferential.Pair w = open(2)) {
      w.check("FLUSHALL");
      String rid = new String(r.redis.call("CLIENT", "ID"), StandardCharsets.US_ASCII);
      String lid = new String(r.lime.call("CLIENT", "ID"), StandardCharsets.US_ASCII);
      r.checkRaw(encode("SUBSCRIBE", "__redis__:invalidate"), 1);
      assertEquals(Differential.show(c.redis.call("CLIENT", "TRACKING", "ON", "REDIRECT",
          rid.substring(1).trim())), Differential.show(c.lime.call("CLIENT", "TRACKING", "ON",
          "REDIRECT", lid.substring(1).trim())));
      c.check("GET", "k");
      w.check("SET", "k", "v");
      pushed(r, 1);
      c.check("GET", "k");
      c.check("DEL", "k"); // its own write goes to the redirect target
      pushed(r, 1);
      c.check("CLIENT", "TRACKING", "ON", "REDIRECT", "1", "REDIRECT", "2");
      c.check("CLIENT", "TRACKING", "ON", "REDIRECT", "999999");
      c.check("CLIENT", "TRACKING", "ON", "REDIRECT", "x");
    }
  }

  @Test
  void bcast_prefixes_oneMessagePerPrefixAfterTheCommand() {
    try (WireDifferential.Pair c = open(3); WireDifferential.Pair w = open(2)) {
      w.check("FLUSHALL");
      c.check("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "a:", "PREFIX", "b:");
      c.check("CLIENT", "TRACKINGINFO");
      w.check("SET", "a:1", "x");
      pushed(c, 1);
      w.check("MSET", "b:2", "x", "c:1", "y", "a:3", "z", "b:1", "w");
      pushed(c, 2);
      w.check("SET", "zzz", "1"); // no prefix matches
      c.check("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "a:x");
      c.check("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "q", "PREFIX", "qq");
      c.check("CLIENT", "TRACKING", "ON");
      c.check("CLIENT", "TRACKING", "ON", "BCAST", "OPTIN");
      c.check("CLIENT", "TRACKING", "ON", "PREFIX", "a");
      c.check("CLIENT", "TRACKING", "ON", "BCAST", "NOLOOP", "PREFIX", "n");
      c.checkRaw(encode("SET", "n1", "v"), 1); // NOLOOP: its own write sends nothing
      w.check("SET", "n2", "v");
      pushed(c, 1);
      c.check("CLIENT", "TRACKING", "OFF");
      c.check("CLIENT", "TRACKING", "ON", "BCAST");
      w.check("SET", "any", "v");
      pushed(c, 1);
    }
  }

  @Test
  void optinOptoutCachingAndNoloop() {
    try (WireDifferential.Pair c = open(3); WireDifferential.Pair w = open(2)) {
      w.check("FLUSHALL");
      c.check("CLIENT", "CACHING", "YES");
      c.check("CLIENT", "TRACKING", "ON", "OPTIN", "OPTOUT");
      c.check("CLIENT", "TRACKING", "ON", "OPTIN");
      c.check("CLIENT", "CACHING", "NO");
      c.check("CLIENT", "CACHING", "MAYBE");
      c.check("GET", "k1"); // not cached without CACHING YES
      c.check("CLIENT", "CACHING", "YES");
      c.check("CLIENT", "TRACKINGINFO");
      c.check("GET", "k2");
      c.check("GET", "k3"); // CACHING YES applied to the one command only
      w.check("MSET", "k1", "1", "k3", "3");
      w.check("SET", "k2", "2");
      pushed(c, 1);
      c.check("CLIENT", "TRACKING", "ON", "OPTOUT");
      c.check("CLIENT", "TRACKING", "OFF");
      c.check("CLIENT", "TRACKING", "ON", "OPTOUT", "NOLOOP");
      c.check("CLIENT", "CACHING", "NO");
      c.check("GET", "o1"); // not cached
      c.check("GET", "o2");
      c.check("SET", "o2", "mine"); // NOLOOP: no message to itself, and forgotten
      c.check("GET", "o3");
      w.check("MSET", "o1", "1", "o2", "2");
      w.check("SET", "o3", "3");
      pushed(c, 1);
      c.check("CLIENT", "TRACKINGINFO");
    }
  }

  /** LIME only: invalidation from the typed API and from expiry, where no command wrote. */
  @Test
  void typedApiAndExpiry_invalidate() {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    try (LimeServer lime = LimeServer.builder().ephemeralPort().ticker(now::get).start();
        RealRedis.RawConnection c = RealRedis.RawConnection.open(lime.port());
        RealRedis.RawConnection w = RealRedis.RawConnection.open(lime.port())) {
      c.call("HELLO", "3");
      c.call("CLIENT", "TRACKING", "ON");
      c.call("GET", "typed");
      lime.store().set("typed", "v");
      assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$5\r\ntyped\r\n",
          new String(c.readReply(), StandardCharsets.UTF_8));
      w.call("SET", "ttl", "v", "PX", "100");
      c.call("GET", "ttl");
      now.addAndGet(200);
      w.call("GET", "ttl"); // lazy expiry deletes it
      assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nttl\r\n",
          new String(c.readReply(), StandardCharsets.UTF_8));
      String info = new String(w.call("INFO", "clients"), StandardCharsets.UTF_8);
      assertEquals(true, info.contains("tracking_clients:1\r\n"), info);
    }
  }

  /**
   * LIME only: past {@code tracking-table-max-keys} the oldest key is forgotten and its
   * clients are told as if it changed (Redis picks a random key from its cron instead).
   */
  @Test
  void tableLimit_forgetsTheOldestKeyWithAnInvalidation() {
    try (LimeServer lime = LimeServer.builder().ephemeralPort().start();
        RealRedis.RawConnection c = RealRedis.RawConnection.open(lime.port())) {
      c.call("HELLO", "3");
      assertEquals("+OK\r\n", new String(c.call("CONFIG", "SET", "tracking-table-max-keys", "2"),
          StandardCharsets.UTF_8));
      c.call("CLIENT", "TRACKING", "ON");
      c.call("GET", "a");
      c.call("GET", "b");
      assertEquals("_\r\n", new String(c.call("GET", "c"), StandardCharsets.UTF_8));
      assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\na\r\n",
          new String(c.readReply(), StandardCharsets.UTF_8));
      String info = new String(c.call("INFO", "stats"), StandardCharsets.UTF_8);
      assertTrue(info.contains("tracking_total_keys:2\r\n"), info);
    }
  }
}
