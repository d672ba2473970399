package io.lime.server;


import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocking list commands over real sockets: the same scenario (several clients blocking,
 * pushes from another client, timeouts, CLIENT UNBLOCK, pipelining behind a blocked command,
 * disconnection) runs against a real redis-server and an in-process {@link LimeServer}, and
 * the transcripts (every reply each client received, in order) are compared byte for byte.
 *
 * <p>No sleeps: before each next step the test waits until the server reports the expected
 * number of {@code blocked_clients} (INFO), so clients block in a known order. Timeouts are
 * short real timeouts; only their reply is compared, never their duration.
 */
class BlockingListDifferentialIT {
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
  void timeouts_replyNullOfEachCommand(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c = s.open();
      s.call("blpop", c, "BLPOP", "k1", "k2", "0.05");
      s.call("brpop", c, "BRPOP", "k1", "0.01");
      s.call("blmove", c, "BLMOVE", "k1", "d", "LEFT", "RIGHT", "0.01");
      s.call("brpoplpush", c, "BRPOPLPUSH", "k1", "d", "0.01");
      s.call("blmpop", c, "BLMPOP", "0.01", "2", "k1", "k2", "LEFT", "COUNT", "3");
      s.call("tiny", c, "BLPOP", "k1", "0.000001");
      s.call("after", c, "PING");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wakeUpOrder_severalClientsOnSeveralKeys(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      RealRedis.RawConnection c3 = s.open();
      RealRedis.RawConnection c4 = s.open();
      s.send(c1, "BLPOP", "k1", "k2", "0");
      s.awaitBlocked(1);
      s.send(c2, "BLPOP", "k2", "0");
      s.awaitBlocked(2);
      s.send(c3, "BRPOP", "k2", "k1", "0");
      s.awaitBlocked(3);
      s.send(c4, "BLMPOP", "0", "2", "k1", "k3", "RIGHT", "COUNT", "5");
      s.awaitBlocked(4);
      s.call("push", s.control, "RPUSH", "k2", "a", "b");
      s.read("c1", c1);
      s.read("c2", c2);
      s.awaitBlocked(2);
      s.call("push", s.control, "LPUSH", "k1", "x", "y", "z");
      s.read("c3", c3);
      s.read("c4", c4);
      s.call("left", s.control, "LRANGE", "k1", "0", "-1");
      s.call("exists", s.control, "EXISTS", "k2");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void blmove_servedAndChained(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection mover = s.open();
      RealRedis.RawConnection consumer = s.open();
      RealRedis.RawConnection wrong = s.open();
      s.send(mover, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
      s.awaitBlocked(1);
      s.send(consumer, "BLPOP", "dst", "0");
      s.awaitBlocked(2);
      s.call("push", s.control, "RPUSH", "src", "job1", "job2");
      s.read("mover", mover);
      s.read("consumer", consumer);
      s.call("src", s.control, "LRANGE", "src", "0", "-1");
      s.call("dst", s.control, "LRANGE", "dst", "0", "-1");
      s.call("del", s.control, "DEL", "src");
      s.call("set", s.control, "SET", "str", "v");
      s.send(wrong, "BRPOPLPUSH", "src", "str", "0");
      s.awaitBlocked(1);
      s.call("push", s.control, "RPUSH", "src", "z");
      s.read("wrong", wrong);
      s.call("src", s.control, "LRANGE", "src", "0", "-1");
      s.call("rotate", mover, "BLMOVE", "src", "src", "RIGHT", "LEFT", "0");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void clientUnblock_timeoutAndError(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c = s.open();
      String id = new String(c.call("CLIENT", "ID"), StandardCharsets.US_ASCII)
          .replaceAll("[^0-9]", "");
      s.send(c, "BLPOP", "k", "0");
      s.awaitBlocked(1);
      s.call("unblock", s.control, "CLIENT", "UNBLOCK", id);
      s.read("c", c);
      s.call("again", s.control, "CLIENT", "UNBLOCK", id);
      s.send(c, "BLMOVE", "k", "d", "LEFT", "LEFT", "0");
      s.awaitBlocked(1);
      s.call("unblock-error", s.control, "CLIENT", "UNBLOCK", id, "error");
      s.read("c", c);
      s.send(c, "BLMPOP", "0", "1", "k", "LEFT");
      s.awaitBlocked(1);
      s.call("unblock-timeout", s.control, "CLIENT", "UNBLOCK", id, "TIMEOUT");
      s.read("c", c);
      s.call("bad-reason", s.control, "CLIENT", "UNBLOCK", id, "nope");
      s.call("not-blocked", s.control, "CLIENT", "UNBLOCK", "999999");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pipelinedCommands_waitBehindBlockedCommand(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c = s.open();
      byte[] a = BlockingScenario.encode("BLPOP", "k", "0");
      byte[] b = BlockingScenario.encode("PING");
      byte[] d = BlockingScenario.encode("LLEN", "k");
      byte[] all = new byte[a.length + b.length + d.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      System.arraycopy(d, 0, all, a.length + b.length, d.length);
      c.send(all);
      s.awaitBlocked(1);
      s.send(c, "ECHO", "sent-while-blocked");
      s.call("push", s.control, "RPUSH", "k", "v1", "v2");
      s.read("c", c);
      s.read("c", c);
      s.read("c", c);
      s.read("c", c);
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void disconnectedBlockedClient_isForgotten(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection gone = s.open();
      RealRedis.RawConnection stays = s.open();
      s.send(gone, "BLPOP", "k", "0");
      s.awaitBlocked(1);
      s.send(stays, "BLPOP", "k", "0");
      s.awaitBlocked(2);
      gone.close();
      s.awaitBlocked(1);
      s.call("push", s.control, "RPUSH", "k", "a", "b");
      s.read("stays", stays);
      s.call("len", s.control, "LLEN", "k");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keysCreatedByOtherCommands_serveWaiters(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      s.send(c1, "BLPOP", "renamed", "0");
      s.awaitBlocked(1);
      s.send(c2, "BRPOP", "copied", "0");
      s.awaitBlocked(2);
      s.call("push", s.control, "RPUSH", "src", "a", "b", "c");
      s.call("rename", s.control, "RENAME", "src", "renamed");
      s.read("c1", c1);
      s.call("copy", s.control, "COPY", "renamed", "copied");
      s.read("c2", c2);
      s.call("left", s.control, "LRANGE", "renamed", "0", "-1");
      s.call("left", s.control, "LRANGE", "copied", "0", "-1");
    });
  }

  /**
   * Waiters of different kinds on one key (Redis 7.0's serveClientsBlockedOn{List,
   * SortedSet}Key): a key that becomes a sorted set serves the BZPOPMIN waiters and skips the
   * list waiters queued before them, which stay blocked until the key is a list again.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void mixedWaiters_eachKindServedByItsType(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection list1 = s.open();
      RealRedis.RawConnection zset1 = s.open();
      RealRedis.RawConnection list2 = s.open();
      RealRedis.RawConnection zset2 = s.open();
      s.send(list1, "BLPOP", "k", "0");
      s.awaitBlocked(1);
      s.send(zset1, "BZPOPMIN", "k", "0");
      s.awaitBlocked(2);
      s.send(list2, "BRPOP", "k", "0");
      s.awaitBlocked(3);
      s.send(zset2, "BZMPOP", "0", "1", "k", "MAX", "COUNT", "5");
      s.awaitBlocked(4);
      s.call("zadd", s.control, "ZADD", "k", "1", "a", "2", "b", "3", "c");
      s.read("zset1", zset1);
      s.read("zset2", zset2);
      s.awaitBlocked(2);
      s.call("type", s.control, "TYPE", "k");
      s.call("push", s.control, "RPUSH", "k", "x", "y", "z");
      s.read("list1", list1);
      s.read("list2", list2);
      s.call("left", s.control, "LRANGE", "k", "0", "-1");
      s.send(zset1, "BZPOPMAX", "k2", "0");
      s.awaitBlocked(1);
      s.send(list1, "BLMOVE", "k2", "d", "LEFT", "RIGHT", "0");
      s.awaitBlocked(2);
      s.call("push", s.control, "LPUSH", "k2", "only");
      s.read("list1", list1);
      s.call("zadd", s.control, "ZADD", "k2", "5", "m");
      s.read("zset1", zset1);
      s.call("moved", s.control, "LRANGE", "d", "0", "-1");
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void transactionsAndImmediatePaths_doNotBlock(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c = s.open();
      s.call("push", c, "RPUSH", "k", "a");
      s.call("blpop", c, "BLPOP", "k", "0");
      s.call("wrongtype", c, "SET", "str", "v");
      s.call("wrongtype", c, "BLPOP", "nokey", "str", "0");
      s.call("neg", c, "BLPOP", "nokey", "-1");
      s.call("nan", c, "BLMOVE", "nokey", "d", "LEFT", "LEFT", "x");
    });
  }

  /** A push inside MULTI/EXEC wakes a waiter once EXEC has run, with what is left then. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wokenByMultiExec_servedAfterExec(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      s.send(c1, "BLPOP", "k", "0");
      s.awaitBlocked(1);
      s.send(c2, "BRPOP", "k", "0");
      s.awaitBlocked(2);
      s.call("multi", s.control, "MULTI");
      s.call("queued", s.control, "RPUSH", "k", "a", "b", "c");
      s.call("queued", s.control, "LPOP", "k");
      s.call("exec", s.control, "EXEC");
      s.read("c1", c1);
      s.read("c2", c2);
      s.call("left", s.control, "LRANGE", "k", "0", "-1");
    });
  }

  /**
   * SWAPDB serves clients blocked on keys the swap made non-empty (Redis's
   * scanDatabaseForReadyKeys): waiters stay in their database, which now holds the other
   * one's keys; a sorted set there does not serve a BLPOP, which stays blocked.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void swapdb_servesWaitersOnKeysMadeNonEmpty(int resp) {
    compare(resp, s -> {
      RealRedis.RawConnection c1 = s.open();
      RealRedis.RawConnection c2 = s.open();
      RealRedis.RawConnection c3 = s.open();
      s.call("select", c3, "SELECT", "1");
      s.send(c1, "BLPOP", "k", "0");
      s.awaitBlocked(1);
      s.send(c2, "BLPOP", "z", "0");
      s.awaitBlocked(2);
      s.send(c3, "BRPOP", "j", "0");
      s.awaitBlocked(3);
      s.call("select", s.control, "SELECT", "1");
      s.call("push", s.control, "RPUSH", "k", "a", "b");
      s.call("zadd", s.control, "ZADD", "z", "1", "m");
      s.call("swap", s.control, "SWAPDB", "0", "1");
      s.read("c1", c1);
      s.awaitBlocked(2);
      s.call("left1", s.control, "EXISTS", "k");
      s.call("select", s.control, "SELECT", "0");
      s.call("left0", s.control, "LRANGE", "k", "0", "-1");
      s.call("push", s.control, "SELECT", "1");
      s.call("push", s.control, "RPUSH", "j", "x");
      s.read("c3", c3);
      s.call("del", s.control, "SELECT", "0");
      s.call("del", s.control, "DEL", "z");
      s.call("push", s.control, "RPUSH", "z", "y");
      s.read("c2", c2);
    });
  }
}
