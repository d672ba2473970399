package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.SortedSetFixture.NIL;
import static io.lime.internal.command.SortedSetFixture.WRONGTYPE;
import static io.lime.internal.command.SortedSetFixture.array;
import static io.lime.internal.command.SortedSetFixture.bulk;
import static io.lime.internal.command.SortedSetFixture.err;
import static io.lime.internal.command.SortedSetFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sorted set commands through the Dispatcher: replies, side effects, encodings. */
class SortedSetCommandsTest {
  private final SortedSetFixture f = new SortedSetFixture();

  @Test
  void zadd_newAndUpdated_countsAddedOrChanged() {
    assertEquals(i(3), f.line("ZADD z 1 a 2 b 3 c"));
    assertEquals(i(0), f.line("ZADD z 5 a"));
    assertEquals(i(1), f.line("ZADD z CH 6 a"));
    assertEquals(i(2), f.line("ZADD z CH 7 a 1 d"));
    assertEquals(array("d", "b", "c", "a"), f.line("ZRANGE z 0 -1"));
  }

  @Test
  void zadd_conditions_followRedis() {
    f.line("ZADD z 5 a");
    assertEquals(i(0), f.line("ZADD z NX 1 a"));
    assertEquals(i(0), f.line("ZADD z XX 1 b"));
    assertEquals(i(0), f.line("ZADD z GT CH 1 a"));
    assertEquals(i(1), f.line("ZADD z GT CH 9 a"));
    assertEquals(i(1), f.line("ZADD z LT CH 2 a"));
    assertEquals(i(1), f.line("ZADD z GT 3 newcomer"));
    assertEquals(bulk("2"), f.line("ZSCORE z a"));
    assertEquals(i(0), f.line("ZADD nokey XX 1 a"));
    assertEquals(i(0), f.line("EXISTS nokey"));
  }

  @Test
  void zadd_optionErrors_useRedisTexts() {
    assertEquals(err(Errors.ZSET_XX_NX), f.line("ZADD z NX XX 1 a"));
    assertEquals(err(Errors.ZSET_GT_LT_NX), f.line("ZADD z GT LT 1 a"));
    assertEquals(err(Errors.ZSET_INCR_PAIR), f.line("ZADD z INCR 1 a 2 b"));
    assertEquals(err(Errors.SYNTAX), f.line("ZADD z 1 a 2"));
    assertEquals(err(Errors.NOT_FLOAT), f.line("ZADD z 1 a nan b"));
    assertEquals(i(0), f.line("EXISTS z"));
  }

  @Test
  void zincrby_infPlusMinusInf_isNanError() {
    f.line("ZADD z +inf a");
    assertEquals(err(Errors.ZSET_NAN), f.line("ZINCRBY z -inf a"));
    assertEquals(bulk("inf"), f.line("ZSCORE z a"));
    assertEquals(bulk("3.5"), f.line("ZINCRBY z 3.5 b"));
    assertEquals(NIL, f.line("ZADD z INCR XX 1 nope"));
  }

  @Test
  void scores_formattedAsPercent17g() {
    f.line("ZADD z 1.1 a 0.1 b 1e20 c -0 d");
    assertEquals(bulk("1.1000000000000001"), f.line("ZSCORE z a"));
    assertEquals(bulk("0.10000000000000001"), f.line("ZSCORE z b"));
    assertEquals(bulk("1e+20"), f.line("ZSCORE z c"));
    assertEquals(bulk("0"), f.line("ZSCORE z d")); // listpack turns -0 into 0, as Redis
    f.protocol(3);
    assertEquals(",1.1000000000000001\r\n", f.line("ZSCORE z a"));
    assertEquals("_\r\n", f.line("ZSCORE z nope"));
  }

  @Test
  void zrange_resp3WithScores_isPairs() {
    f.line("ZADD z 1 a 2 b");
    f.protocol(3);
    assertEquals("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2\r\n",
        f.line("ZRANGE z 0 -1 WITHSCORES"));
    assertEquals("*2\r\n$1\r\na\r\n,1\r\n", f.line("ZPOPMIN z"));
    assertEquals("*1\r\n*2\r\n$1\r\nb\r\n,2\r\n", f.line("ZPOPMIN z 1"));
  }

  @Test
  void zrangeByScore_limitAndExclusiveBounds() {
    f.line("ZADD z 1 a 2 b 3 c 4 d 5 e");
    assertEquals(array("b", "c"), f.line("ZRANGEBYSCORE z (1 5 LIMIT 0 2"));
    assertEquals(array("d", "c"), f.line("ZREVRANGEBYSCORE z (5 1 LIMIT 0 2"));
    assertEquals(array(), f.line("ZRANGEBYSCORE z 1 5 LIMIT -1 2"));
    assertEquals(array("c", "d", "e"), f.line("ZRANGE z 1 +inf BYSCORE LIMIT 2 -1"));
    assertEquals(err(Errors.ZSET_LIMIT_RANK), f.line("ZRANGE z 0 1 LIMIT 0 1"));
    assertEquals(err(Errors.ZSET_MINMAX_FLOAT), f.line("ZRANGEBYSCORE z x 1"));
  }

  @Test
  void zrangeByLex_boundsAndErrors() {
    f.line("ZADD z 0 a 0 b 0 c 0 d");
    assertEquals(array("b", "c"), f.line("ZRANGEBYLEX z (a [c"));
    assertEquals(array("d", "c", "b", "a"), f.line("ZREVRANGEBYLEX z + -"));
    assertEquals(i(2), f.line("ZLEXCOUNT z [b [c"));
    assertEquals(err(Errors.ZSET_MINMAX_LEX), f.line("ZRANGEBYLEX z a c"));
    assertEquals(err(Errors.ZSET_WITHSCORES_LEX), f.line("ZRANGE z - + BYLEX WITHSCORES"));
  }

  @Test
  void removals_deleteEmptyKeyAndCountDirty() {
    f.line("ZADD z 1 a 2 b 3 c");
    long before = f.engine.dirty();
    assertEquals(i(2), f.line("ZREM z a b x"));
    assertEquals(before + 2, f.engine.dirty());
    assertEquals(i(1), f.line("ZREMRANGEBYSCORE z -inf +inf"));
    assertEquals(i(0), f.line("EXISTS z"));
    assertEquals(array(), f.line("ZPOPMIN z 3"));
  }

  @Test
  void wrongType_everyCommandRefuses() {
    f.line("SET s v");
    for (String cmd : new String[] {"ZADD s 1 a", "ZCARD s", "ZSCORE s a", "ZRANK s a",
        "ZRANGE s 0 -1", "ZREM s a", "ZPOPMIN s", "ZRANDMEMBER s", "ZSCAN s 0",
        "ZUNION 1 s", "ZMSCORE s a", "ZCOUNT s 0 1", "ZINCRBY s 1 a"}) {
      assertEquals(WRONGTYPE, f.line(cmd), cmd);
    }
  }

  @Test
  void encoding_growsToSkiplistAndStoreShrinksBack() {
    f.line("CONFIG SET zset-max-listpack-entries 2");
    f.line("ZADD z 1 a 2 b");
    assertEquals(bulk("listpack"), f.line("OBJECT ENCODING z"));
    f.line("ZADD z 3 c");
    assertEquals(bulk("skiplist"), f.line("OBJECT ENCODING z"));
    f.line("ZREM z c");
    assertEquals(bulk("skiplist"), f.line("OBJECT ENCODING z"));
    assertEquals(i(2), f.line("ZUNIONSTORE u 1 z"));
    assertEquals(bulk("listpack"), f.line("OBJECT ENCODING u"));
    assertEquals("+zset\r\n", f.line("TYPE u"));
  }

  @Test
  void store_replacesValueAndDropsExpiry() {
    f.line("ZADD a 1 x");
    f.line("SET d v");
    f.line("EXPIRE d 100");
    assertEquals(i(1), f.line("ZUNIONSTORE d 1 a"));
    assertEquals(i(-1), f.line("TTL d"));
    assertEquals(i(0), f.line("ZINTERSTORE d 2 a nokey"));
    assertEquals(i(0), f.line("EXISTS d"));
  }

  @Test
  void reads_countKeyspaceHitsAndMisses() {
    f.line("ZADD z 1 a");
    long hits = f.state.keyspaceHits.sum();
    long misses = f.state.keyspaceMisses.sum();
    f.line("ZSCORE z a");
    f.line("ZCARD nokey");
    f.line("ZRANGE z 0 -1");
    assertEquals(hits + 2, f.state.keyspaceHits.sum());
    assertEquals(misses + 1, f.state.keyspaceMisses.sum());
  }

  @Test
  void zrandmember_negativeCount_allowsRepeats() {
    f.line("ZADD z 1 a");
    assertEquals(array("a", "a", "a"), f.line("ZRANDMEMBER z -3"));
    assertEquals(array("a"), f.line("ZRANDMEMBER z 5"));
    assertEquals(bulk("a"), f.line("ZRANDMEMBER z"));
  }

  @Test
  void zscan_skiplist_returnsEveryMemberAcrossCalls() {
    f.line("CONFIG SET zset-max-listpack-entries 0");
    StringBuilder cmd = new StringBuilder("ZADD z");
    for (int n = 0; n < 100; n++) {
      cmd.append(' ').append(n).append(" m").append(n);
    }
    f.line(cmd.toString());
    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = "0";
    do {
      String reply = f.line("ZSCAN z " + cursor + " COUNT 5");
      String[] lines = reply.split("\r\n");
      cursor = lines[2];
      for (int n = 5; n < lines.length; n += 4) {
        seen.add(lines[n]);
      }
    } while (!cursor.equals("0"));
    assertEquals(100, seen.size());
    assertTrue(seen.contains("m42"));
  }
}
