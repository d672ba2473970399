package io.lime.server;

import io.lime.testing.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XREAD BLOCK and XREADGROUP BLOCK over real sockets against redis-server 7.0 and LIME
 * ({@link BlockingScenario}): several clients on several streams and groups, served in
 * arrival order by XADD (also inside MULTI/EXEC), timeouts, a destroyed group, a deleted and
 * recreated stream, and MULTI's immediate null reply. IDs are explicit so the transcripts
 * compare byte for byte.
 */
class BlockingStreamDifferentialIT {
  private static RealRedis redis;
  private static LimeServer lime;

  @BeforeAll
  static void up() {
    redis = RealRedis.start();
    lime = LimeServer.builder().ephemeralPort().start();
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

  private static void compare(int resp,
      java.util.function.Consumer<BlockingScenario.Session> scenario) {
    BlockingScenario.compare(redis, lime, resp, scenario);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xread_servedByXadd_inArrivalOrder(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      RealRedis.RawConnection c3 = s.open();
      s.call("add", s.control, "XADD", "a", "1-1", "f", "v");
      s.send(c1, "XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
      s.awaitBlocked(1);
      s.send(c2, "XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "b", "0");
      s.awaitBlocked(2);
      s.send(c3, "XREAD", "BLOCK", "0", "STREAMS", "a", "1-1");
      s.awaitBlocked(3);
      s.call("add", s.control, "XADD", "b", "5-1", "x", "1");
      s.read("c1", c1);
      s.read("c2", c2);
      s.awaitBlocked(1);
      s.call("multi", s.control, "MULTI");
      s.call("q1", s.control, "XADD", "a", "2-1", "g", "w");
      s.call("q2", s.control, "XADD", "a", "3-1", "g", "w2");
      s.call("exec", s.control, "EXEC");
      s.read("c3", c3);
      s.call("again", c1, "XREAD", "BLOCK", "10", "STREAMS", "a", "$");
      s.call("tiny", c1, "XREAD", "BLOCK", "1", "STREAMS", "nokey", "0");
      s.call("multi", c2, "MULTI");
      s.call("q", c2, "XREAD", "BLOCK", "0", "STREAMS", "a", "$");
      s.call("exec", c2, "EXEC");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xreadgroup_servedAndPending(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      RealRedis.RawConnection c3 = s.open();
      s.call("create", s.control, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
      s.call("create", s.control, "XGROUP", "CREATE", "s", "h", "$");
      s.send(c1, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
      s.awaitBlocked(1);
      s.send(c2, "XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", ">");
      s.awaitBlocked(2);
      s.send(c3, "XREADGROUP", "GROUP", "h", "carol", "NOACK", "BLOCK", "0", "STREAMS", "s", ">");
      s.awaitBlocked(3);
      s.call("add", s.control, "XADD", "s", "1-1", "f", "v");
      s.read("c1", c1);
      s.read("c3", c3);
      s.call("add", s.control, "XADD", "s", "2-1", "f", "v2");
      s.read("c2", c2);
      s.call("pending", s.control, "XPENDING", "s", "g");
      s.call("pending", s.control, "XPENDING", "s", "h");
      s.call("groups", s.control, "XINFO", "GROUPS", "s");
      s.call("history", c1, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", "0");
      s.call("timeout", c1, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "5", "STREAMS", "s", ">");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void groupDestroyed_andStreamDeleted_whileBlocked(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      s.call("create", s.control, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
      s.send(c1, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
      s.awaitBlocked(1);
      s.call("destroy", s.control, "XGROUP", "DESTROY", "s", "g");
      s.read("c1", c1);
      s.send(c2, "XREAD", "BLOCK", "0", "STREAMS", "s", "$");
      s.awaitBlocked(1);
      s.call("del", s.control, "DEL", "s");
      s.call("list", s.control, "RPUSH", "s", "x");
      s.call("del", s.control, "DEL", "s");
      s.call("add", s.control, "XADD", "s", "9-9", "f", "v");
      s.read("c2", c2);
    });
  }

  /**
   * BLOCK 9223372036854775807 (past 64-bit milliseconds from now) blocks until served, as on
   * Redis 7.0.15; LIME's deadline wrapped into the past and the read timed out at once.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void blockPastLongMillis_blocksUntilServed(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      s.call("create", s.control, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
      s.send(c1, "XREAD", "BLOCK", "9223372036854775807", "STREAMS", "s", "$");
      s.awaitBlocked(1);
      s.send(c2, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "9223372036854775807",
          "STREAMS", "s", ">");
      s.awaitBlocked(2);
      s.call("add", s.control, "XADD", "s", "1-1", "f", "v");
      s.read("c1", c1);
      s.read("c2", c2);
    });
  }
}
