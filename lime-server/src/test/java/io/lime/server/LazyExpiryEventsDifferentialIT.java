package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.engine.Engine;
import io.lime.testing.Differential;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lazy expiry with the AOF off, over real sockets against a real redis-server: a command
 * that meets a key past its deadline deletes it during its lookup, so the {@code expired}
 * event comes first, then the command's own events ({@code keymiss} for a read, the write's
 * event for a write), all before the command's reply.
 *
 * <p>No sleeps and no races with active expiry: redis-server runs with
 * {@code DEBUG SET-ACTIVE-EXPIRE 0} and the test waits (by polling {@code TIME}, which
 * touches no key) until its clock passed the deadlines; LIME serves an engine with a manual
 * clock and no active expiry cycle (hz 0), and the test moves the clock.
 */
class LazyExpiryEventsDifferentialIT {
  private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000_000L);
  private static RealRedis redis;
  private static LimeServer lime;

  @BeforeAll
  static void up() {
    redis = RealRedis.start("--enable-debug-command", "local");
    Engine engine = new Engine(16, 16, CLOCK::get, 0);
    lime = LimeServer.builder().ephemeralPort().engine(engine).start();
  }

  @AfterAll
  static void down() {
    if (lime != null) {
      lime.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** Keys given a 1 ms TTL before the clock passes, and commands that meet them after. */
  private static final String[] BEFORE = {
      "SET a 1 PX 1", "SET b 1 PX 1", "RPUSH l x", "PEXPIRE l 1", "SET c 1 PX 1",
      "SET d 1 PX 1", "SET e 1 PX 1", "SET f 1 PX 1", "HSET h f v", "PEXPIRE h 1",
      "ZADD z 1 m", "PEXPIRE z 1", "SET g 1 PX 1", "SET i 1 PX 1", "SET j 1 PX 1"};
  private static final String[] AFTER = {
      "GET a", "MGET b nokey", "LRANGE l 0 -1", "SET c 2 GET", "OBJECT ENCODING d",
      "LPUSH e x", "EXISTS f", "HGET h f", "ZSCORE z m", "TTL g", "DEL i", "INCR j", "GET a",
      "DBSIZE"};

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void readOfExpiredKey_expiredThenKeymissBeforeReply(int resp) {
    List<String> expected = run(redis.port(), resp, w -> {
      long t1 = millis(w.call("TIME"));
      while (millis(w.call("TIME")) < t1 + 2) {
        Thread.onSpinWait(); // redis-server's clock must pass every deadline set above
      }
    });
    List<String> actual = run(lime.port(), resp, w -> CLOCK.addAndGet(5));
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  private static List<String> run(int port, int resp,
      java.util.function.Consumer<WireDifferential.Conn> passTime) {
    List<String> t = new ArrayList<>();
    try (WireDifferential.Conn sub = new WireDifferential.Conn("sub", port);
        WireDifferential.Conn w = new WireDifferential.Conn("writer", port)) {
      w.call("FLUSHALL");
      if (port == redis.port()) {
        w.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
      }
      w.call("CONFIG", "SET", "notify-keyspace-events", "KEAm");
      if (resp == 3) {
        sub.call("HELLO", "3");
        w.call("HELLO", "3");
      }
      sub.call("PSUBSCRIBE", "__key*__:*");
      sub.call("SUBSCRIBE", "marker");
      for (String line : BEFORE) {
        t.add("before " + line + " <- " + Differential.show(w.call(line.split(" "))));
      }
      passTime.accept(w);
      for (String line : AFTER) {
        t.add(line + " <- " + Differential.show(w.call(line.split(" "))));
      }
      w.call("PUBLISH", "marker", "end");
      while (true) {
        byte[] f = sub.readReplies(1);
        t.add("event " + Differential.show(f));
        if (new String(f, StandardCharsets.ISO_8859_1).contains("marker")) {
          break;
        }
      }
      w.call("CONFIG", "SET", "notify-keyspace-events", "");
    }
    return t;
  }

  /** Unix milliseconds of a TIME reply (RESP2 or RESP3: an array of two bulk strings). */
  private static long millis(byte[] time) {
    String[] parts = new String(time, StandardCharsets.US_ASCII).split("\r\n");
    return Long.parseLong(parts[2]) * 1000 + Long.parseLong(parts[4]) / 1000;
  }
}
