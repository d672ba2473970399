package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyspace notifications and transactions over real sockets against a real redis-server:
 * a subscriber ({@code PSUBSCRIBE __key*__:*}) records every message while another
 * connection runs a script of write commands of one group; the message streams (and the
 * writer's replies) must be identical byte for byte, under RESP2 and RESP3. A marker
 * message published after the script ends each stream, so no sleeps are needed. Commands
 * whose reply is random (SPOP) are marked {@code ~}: their events are compared, not replies.
 */
class KeyspaceEventsDifferentialIT {
  static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start("--notify-keyspace-events", "KEA");
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  /** Runs {@code script} (one command per line) and compares the subscriber's streams. */
  private static void events(int resp, String... script) {
    try (WireDifferential.Pair sub = wire.connect(); WireDifferential.Pair w = wire.connect()) {
      w.run("FLUSHALL");
      if (resp == 3) {
        sub.run("HELLO", "3");
        w.run("HELLO", "3");
      }
      sub.check("PSUBSCRIBE", "__key*__:*");
      sub.check("SUBSCRIBE", "marker");
      for (String line : script) {
        if (line.startsWith("~")) { // random reply (SPOP...): events compared, reply not
          w.run(line.substring(1).split(" "));
        } else {
          w.check(line.split(" "));
        }
      }
      w.check("PUBLISH", "marker", "end");
      assertEquals(stream(sub.redis), stream(sub.lime), "keyspace events of " + List.of(script));
    }
  }

  /** Every message frame up to (and including) the marker. */
  private static String stream(WireDifferential.Conn c) {
    List<String> frames = new ArrayList<>();
    while (true) {
      byte[] f = c.readReplies(1);
      String s = Differential.show(f);
      frames.add(s);
      if (new String(f, StandardCharsets.ISO_8859_1).contains("marker")) {
        return String.join("\n", frames);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void stringCommands(int resp) {
    events(resp, "SET s v", "SET s v2 EX 100", "SET s v3 KEEPTTL", "SETNX s x", "SETNX t x",
        "SETEX u 100 v", "PSETEX u 100000 v", "GETSET s w", "GETDEL t", "GETEX s PERSIST",
        "GETEX s EX 50", "GETEX s PX 50000", "GETEX u EXAT 1", "MSET a 1 b 2", "MSETNX c 1 d 2",
        "MSETNX a 1 e 2", "INCR n", "DECR n", "INCRBY n 5", "DECRBY n 2", "INCRBYFLOAT f 1.5",
        "APPEND ap x", "APPEND ap y", "SETRANGE sr 3 abc", "SETRANGE sr 0 z", "SETRANGE none 0 ",
        "SET s v GET", "SET nx v NX", "SET nx v XX", "SET x2 v XX", "INCR s");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void genericCommands(int resp) {
    events(resp, "SET a 1", "SET b 2", "DEL a missing", "UNLINK b", "SET k v", "EXPIRE k 100",
        "PEXPIRE k 100000", "EXPIREAT k 99999999999", "PERSIST k", "PERSIST k", "EXPIRE k 0",
        "SET k v", "RENAME k k2", "SET k3 v", "RENAMENX k2 k3", "RENAME k2 k3", "RENAME k3 k3",
        "COPY k3 k4", "COPY k3 k4 REPLACE", "COPY k3 k5 DB 1", "MOVE k4 2", "SET k6 v PX 100000",
        "EXPIRE missing 10");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void listCommands(int resp) {
    events(resp, "LPUSH l a b c", "RPUSH l d", "LPUSHX l e", "RPUSHX nol e", "LPOP l",
        "RPOP l 2", "LINSERT l BEFORE b x", "LINSERT l BEFORE nope x", "LSET l 0 y",
        "LREM l 0 x", "LREM l 0 nothere", "LTRIM l 0 0", "LTRIM l 5 10", "RPUSH m 1 2 3",
        "LMOVE m n LEFT RIGHT", "RPOPLPUSH m n", "LMOVE m m RIGHT LEFT", "LMPOP 2 m n LEFT COUNT 9",
        "LPOP n", "BLPOP n 0", "RPUSH o 1", "BRPOP o 0", "RPUSH p 1", "BLMOVE p q LEFT LEFT 0",
        "LPOP nolist");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hashCommands(int resp) {
    events(resp, "HSET h a 1 b 2", "HSET h a 1", "HMSET h c 3", "HSETNX h a 9", "HSETNX h d 4",
        "HDEL h a nope", "HDEL h nope", "HINCRBY h n 5", "HINCRBYFLOAT h f 1.5",
        "HDEL h b c d n f");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setCommands(int resp) {
    events(resp, "SADD s a b c", "SADD s a", "SREM s a nope", "SREM s nope", "~SPOP s",
        "SADD t 1 2 3 4", "~SPOP t 2", "SPOP t 0", "~SPOP t 10", "SADD u x y", "SMOVE u v x",
        "SMOVE u v y", "SMOVE nope v y", "SADD a 1 2", "SADD b 2 3", "SINTERSTORE d a b",
        "SUNIONSTORE d a b", "SDIFFSTORE d a b", "SINTERSTORE d a nokey", "SINTERSTORE d a nokey",
        "SDIFFSTORE e a a");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void streamCommands(int resp) {
    events(resp, "XADD s 1-1 f v", "XADD s 1-1 f v", "XADD s MAXLEN 1 2-1 f v", "~XADD s * f v",
        "XADD nos NOMKSTREAM 1 f v", "XDEL s 1-1", "XDEL s 2-1 9-9", "XTRIM s MAXLEN 0",
        "XTRIM s MAXLEN 0", "XSETID s 99999999999999", "XGROUP CREATE s g $",
        "XGROUP CREATE s g $", "XGROUP CREATE t g 0 MKSTREAM", "XGROUP SETID s g 0",
        "XGROUP CREATECONSUMER s g c", "XGROUP CREATECONSUMER s g c", "XGROUP DELCONSUMER s g c",
        "XGROUP DELCONSUMER s g c", "XADD s 99999999999999-5 f v",
        "XREADGROUP GROUP g alice STREAMS s >", "XACK s g 99999999999999-5",
        "XCLAIM s g bob 0 99999999999999-5 FORCE JUSTID", "XAUTOCLAIM s g carol 0 0 JUSTID",
        "XGROUP DESTROY s g", "XGROUP DESTROY s g", "DEL s", "RENAME t u");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void sortedSetCommands(int resp) {
    events(resp, "ZADD z 1 a 2 b 3 c", "ZADD z 1 a", "ZADD z XX CH 5 a", "ZINCRBY z 1 b",
        "ZADD z INCR 1 c", "ZREM z a nope", "ZREM z nope", "ZADD y 1 a 2 b 3 c 4 d",
        "ZREMRANGEBYRANK y 0 0", "ZREMRANGEBYSCORE y 3 3", "ZREMRANGEBYLEX y [a [z",
        "ZADD x 1 a 2 b 3 c", "ZPOPMIN x", "ZPOPMAX x 5", "ZADD w 1 a", "ZADD v 1 a 2 b",
        "ZUNIONSTORE d 2 w v", "ZINTERSTORE d 2 w v", "ZDIFFSTORE d 2 v w",
        "ZRANGESTORE r v 0 -1", "ZRANGESTORE r nokey 0 -1", "ZMPOP 1 v MIN", "BZPOPMIN v 0",
        "ZADD u 1 a", "BZPOPMAX u 0", "ZADD q 1 a", "ZREM z b c");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void transactionAndFlush(int resp) {
    events(resp, "MULTI", "SET a 1", "INCR a", "LPUSH l x", "EXEC", "FLUSHDB", "SET b 1",
        "SWAPDB 0 1", "FLUSHALL");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void newKeyEventsAndClassFilters(int resp) {
    try (WireDifferential.Pair c = wire.connect()) {
      c.check("CONFIG", "SET", "notify-keyspace-events", "En$");
      c.check("CONFIG", "GET", "notify-keyspace-events");
    }
    try {
      events(resp, "SET a 1", "SET a 2", "LPUSH l x", "INCR n", "DEL a", "HSET h f v");
      try (WireDifferential.Pair c = wire.connect()) {
        c.check("CONFIG", "SET", "notify-keyspace-events", "Kl");
      }
      events(resp, "SET a 1", "LPUSH l x", "RPOP l", "DEL a");
      try (WireDifferential.Pair c = wire.connect()) {
        c.check("CONFIG", "SET", "notify-keyspace-events", "Ex");
      }
      events(resp, "SET a 1 PXAT 1", "SET b 2", "DEL a", "SET c 1 EXAT 1",
          "INCR c", "SET d 1 PXAT 1", "LPUSH d x");
    } finally {
      try (WireDifferential.Pair c = wire.connect()) {
        c.check("CONFIG", "SET", "notify-keyspace-events", "KEA");
      }
    }
  }

  /** Read commands on missing keys, wrong types and present keys: where keymiss is published. */
  private static final String[] READS = {
      "SET str v", "RPUSH list a", "SADD set a", "HSET hash f v", "ZADD zset 1 a",
      "GET m", "GET str", "GET list", "MGET m str m m2 list", "GETRANGE m 0 1", "STRLEN m",
      "GETDEL m", "GETEX m PERSIST", "GETEX m FOO", "GETSET m v", "DEL m", "SET m2 v GET",
      "SET str w GET", "SET list w GET", "LCS m str", "EXISTS m m str", "TYPE m", "TTL m",
      "PTTL m", "EXPIRETIME m", "PEXPIRETIME m", "TOUCH m str", "OBJECT ENCODING m",
      "COPY m d", "COPY str d2", "RENAME m x", "MOVE m 1", "EXPIRE m 1", "PERSIST m",
      "LLEN m", "LINDEX m 0", "LRANGE m 0 -1", "LRANGE m a b", "LPOS m a", "LPOP m",
      "RPOPLPUSH m list", "LMPOP 2 m m2 LEFT", "LPUSHX m a", "BLPOP list 0",
      "SCARD m", "SISMEMBER m a", "SMISMEMBER m a b", "SMEMBERS m", "SRANDMEMBER m 2",
      "SPOP m", "SREM m a", "SMOVE m set a", "SINTER m set", "SINTER m hash set", "SUNION m m2",
      "SDIFF set m", "SINTERCARD 2 m set", "SINTERSTORE d m m2", "SDIFFSTORE d set m",
      "SSCAN m 0", "HGET m f", "HMGET m f g", "HGETALL m", "HKEYS m", "HVALS m", "HLEN m",
      "HEXISTS m f", "HSTRLEN m f", "HRANDFIELD m", "HSCAN m 0", "HDEL m f", "HGET str f",
      "ZSCORE m a", "ZSCORE str a", "ZMSCORE m a", "ZCARD m", "ZCOUNT m 0 1", "ZLEXCOUNT m - +",
      "ZRANK m a", "ZRANGE m 0 -1", "ZRANGE m 0 -1 BYSCORE", "ZRANGE m x y",
      "ZRANGEBYSCORE m 0 1", "ZREVRANGEBYLEX m + -", "ZRANDMEMBER m", "ZSCAN m 0",
      "ZRANGESTORE d m 0 -1", "ZUNION 2 m m2", "ZINTER 2 zset m", "ZDIFF 2 zset m",
      "ZINTERCARD 2 m m2", "ZUNIONSTORE d 2 m m2", "ZUNION 2 m m2 WEIGHTS 1 x",
      "ZPOPMIN m", "ZMPOP 1 m MIN", "ZREM m a", "ZINCRBY m2 1 a",
      "MULTI", "GET m", "EXISTS m3", "EXEC", "SELECT 5", "GET m", "HGET m f", "SELECT 0",
      "KEYS *x*", "SCAN 0 MATCH nomatch", "DBSIZE", "~RANDOMKEY", "WATCH m", "UNWATCH"};

  /**
   * Class m (Redis 7.0's keymiss, published by lookupKeyRead misses and never by write
   * lookups or OBJECT), with and without K/E, and not included in A.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keyMiss_publishedByReadLookupsOnly(int resp) {
    try {
      for (String flags : new String[] {"KEm", "Em", "Km", "KEAm", "KEA", "Am"}) {
        try (WireDifferential.Pair c = wire.connect()) {
          c.check("CONFIG", "SET", "notify-keyspace-events", flags);
          c.check("CONFIG", "GET", "notify-keyspace-events");
        }
        events(resp, READS);
      }
    } finally {
      try (WireDifferential.Pair c = wire.connect()) {
        c.check("CONFIG", "SET", "notify-keyspace-events", "KEA");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void watch_abortedByAnotherConnection(int resp) {
    try (WireDifferential.Pair a = wire.connect(); WireDifferential.Pair b = wire.connect()) {
      if (resp == 3) {
        a.run("HELLO", "3");
        b.run("HELLO", "3");
      }
      a.check("SET", "w", "1");
      a.check("WATCH", "w", "other");
      b.check("INCR", "w");
      a.check("MULTI");
      a.check("INCR", "w");
      a.check("EXEC");
      a.check("GET", "w");
      // not touched by anyone: EXEC runs
      a.check("WATCH", "w");
      b.check("GET", "w");
      b.check("SET", "unrelated", "1");
      a.check("MULTI");
      a.check("INCR", "w");
      a.check("EXEC");
      // touched by another connection in another database: no effect
      a.check("WATCH", "w");
      b.check("SELECT", "1");
      b.check("SET", "w", "x");
      a.check("MULTI");
      a.check("INCR", "w");
      a.check("EXEC");
      // FLUSHALL by another connection
      a.check("WATCH", "w");
      b.check("FLUSHALL");
      a.check("MULTI");
      a.check("INCR", "w");
      a.check("EXEC");
    }
  }
}
