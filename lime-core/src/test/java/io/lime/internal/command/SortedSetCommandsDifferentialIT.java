package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every sorted set command, options and error cases included, compared byte for byte with a
 * real redis-server 7.0 under RESP2 and RESP3, over both encodings (the listpack threshold at
 * its default, and at 0 so every sorted set is a skiplist). Commands are written as one
 * string split on spaces; {@code ''} stands for an empty argument. Random replies
 * (ZRANDMEMBER) and skiplist ZSCAN order are compared by properties.
 */
class SortedSetCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static void reset(int resp, int maxEntries) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "zset-max-listpack-entries", String.valueOf(maxEntries));
    diff.check("CONFIG", "SET", "zset-max-listpack-value", "64");
  }

  private static String[] split(String line) {
    String[] parts = line.split(" ");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("''")) {
        parts[i] = "";
      }
    }
    return parts;
  }

  private static void check(String... lines) {
    for (String line : lines) {
      diff.check(split(line));
    }
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void zadd_optionsAndErrors_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c", "ZADD z 1 a", "ZADD z CH 5 a", "ZADD z NX 10 a 4 d",
        "ZADD z XX 10 a 4 e", "ZADD z XX CH 11 a 4 e", "ZADD z GT 1 a", "ZADD z GT CH 100 a",
        "ZADD z LT CH 1 a", "ZADD z LT 200 a", "ZADD z GT XX CH 300 a 1 zz",
        "ZADD z INCR 1 a", "ZADD z INCR NX 1 a", "ZADD z INCR XX 1 nope", "ZADD z INCR GT -5 a",
        "ZADD z INCR LT -5 a", "ZADD z INCR 0 a", "ZADD z XX NX 1 a", "ZADD z GT LT 1 a",
        "ZADD z GT NX 1 a", "ZADD z LT NX 1 a", "ZADD z INCR 1 a 2 b", "ZADD z 1 a 2",
        "ZADD z FOO 1 a", "ZADD z NX INCR", "ZADD z nan a", "ZADD z abc a", "ZADD z 1 a abc b",
        "ZADD z '' a", "ZADD z 1e400 a", "ZADD z 1e-400 a", "ZADD z 0e-400 q", "ZADD z 0x10 hx",
        "ZADD z 0x1p3 hx2", "ZADD z 0x1.8 hx3", "ZADD z infinity inf1", "ZADD z -Inf inf2",
        "ZADD z +5 plus", "ZADD z .5 dot", "ZADD z 5. dot2", "ZADD z 1e5 e5", "ZADD z 4.9e-324 den",
        "ZADD z 1.1 f", "ZADD z 0.1 g", "ZADD z 123456789012345678901234567890 big",
        "ZADD z -0 negzero", "ZSCORE z negzero", "ZADD z 0 negzero", "ZSCORE z negzero",
        "ZRANGE z 0 -1 WITHSCORES", "ZADD z INCR +inf inf1", "ZADD z INCR -inf inf1",
        "ZINCRBY z -inf inf1", "ZINCRBY z 1 newm", "ZINCRBY z abc a", "ZINCRBY z NX a",
        "ZINCRBY z 1.5 a", "ZINCRBY nokey 2 m", "ZADD nokey2 XX 1 a", "EXISTS nokey2",
        "ZADD nokey3 INCR XX 1 a", "ZADD nokey4 GT 1 a", "ZCARD z", "ZRANGE z 0 -1 WITHSCORES",
        "OBJECT ENCODING z", "SET s v", "ZADD s 1 a", "ZADD s nan a", "ZINCRBY s 1 a",
        "ZADD", "ZADD z", "ZADD z 1");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void reads_scoresRanksCounts_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 3 d 4.5 e -1 f", "ZADD lex 0 a 0 b 0 c 0 d 0 e 0 f 0 ab",
        "ZCARD z", "ZCARD nokey", "ZSCORE z a", "ZSCORE z e", "ZSCORE z x", "ZSCORE nokey a",
        "ZMSCORE z a x e", "ZMSCORE nokey a b", "ZRANK z a", "ZRANK z f", "ZRANK z x",
        "ZRANK nokey a", "ZREVRANK z a", "ZREVRANK z e", "ZREVRANK z x", "ZCOUNT z -inf +inf",
        "ZCOUNT z 1 3", "ZCOUNT z (1 3", "ZCOUNT z (1 (3", "ZCOUNT z 3 1", "ZCOUNT z (3 3",
        "ZCOUNT z x 1", "ZCOUNT z 1 nan", "ZCOUNT z '' 2", "ZCOUNT z ( 2", "ZCOUNT nokey 0 1",
        "ZLEXCOUNT lex - +", "ZLEXCOUNT lex [a [c", "ZLEXCOUNT lex (a [c", "ZLEXCOUNT lex (a (c",
        "ZLEXCOUNT lex + -", "ZLEXCOUNT lex [c [a", "ZLEXCOUNT lex a c", "ZLEXCOUNT lex [a c",
        "ZLEXCOUNT lex '' +", "ZLEXCOUNT lex -x +", "ZLEXCOUNT lex [ +", "ZLEXCOUNT lex ( (",
        "ZLEXCOUNT lex - -", "ZLEXCOUNT lex + +", "ZLEXCOUNT nokey - +",
        "SET s v", "ZCARD s", "ZSCORE s a", "ZMSCORE s a", "ZRANK s a", "ZREVRANK s a",
        "ZCOUNT s 0 1", "ZCOUNT s a b", "ZLEXCOUNT s - +", "ZLEXCOUNT s a b", "ZMSCORE z",
        "ZSCORE z", "ZRANK z");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void zrange_allForms_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 3 d 4.5 e -1 f 1.1 g", "ZADD lex 0 a 0 b 0 c 0 d 0 e 0 f 0 ab",
        "ZRANGE z 0 -1", "ZRANGE z 0 -1 WITHSCORES", "ZRANGE z 2 3 WITHSCORES", "ZRANGE z -2 -1",
        "ZRANGE z -100 100", "ZRANGE z 3 1", "ZRANGE z 5 100", "ZRANGE z 100 200",
        "ZRANGE z 0 -1 REV", "ZRANGE z 1 2 REV WITHSCORES", "ZRANGE z 0 -1 LIMIT 0 1",
        "ZRANGE z 1 3 BYSCORE", "ZRANGE z (1 3 BYSCORE WITHSCORES", "ZRANGE z 3 (1 BYSCORE REV",
        "ZRANGE z -inf +inf BYSCORE LIMIT 1 2", "ZRANGE z -inf +inf BYSCORE LIMIT 1 -1",
        "ZRANGE z -inf +inf BYSCORE LIMIT -1 2", "ZRANGE z -inf +inf BYSCORE LIMIT 0 0",
        "ZRANGE z -inf +inf BYSCORE LIMIT 7 1", "ZRANGE z -inf +inf BYSCORE LIMIT 6 5",
        "ZRANGE z +inf -inf BYSCORE REV LIMIT 2 3 WITHSCORES", "ZRANGE z 5 1 BYSCORE",
        "ZRANGE lex [a [c BYLEX", "ZRANGE lex (a [c BYLEX LIMIT 1 1", "ZRANGE lex [c [a BYLEX REV",
        "ZRANGE lex + - BYLEX REV LIMIT 0 3", "ZRANGE lex - + BYLEX LIMIT 2 100",
        "ZRANGE lex [a [c BYLEX WITHSCORES", "ZRANGE z - + BYSCORE", "ZRANGE lex a c BYLEX",
        "ZRANGE z 0 1 BYSCORE BYLEX", "ZRANGE z 0 1 BYLEX BYSCORE", "ZRANGE z 0 1 REV REV",
        "ZRANGE z 0 1 LIMIT 1", "ZRANGE z 0 1 LIMIT a b BYSCORE", "ZRANGE z 0 1 FOO",
        "ZRANGE z a b", "ZRANGE z 0 9223372036854775808", "ZRANGE z 0 1 WITHSCORES WITHSCORES",
        "ZRANGE nokey 0 -1", "ZRANGE nokey 0 -1 BYSCORE", "ZREVRANGE z 0 1", "ZREVRANGE z 0 -1 WITHSCORES",
        "ZREVRANGE z 0 1 BYSCORE", "ZREVRANGE z 0 1 LIMIT 0 1", "ZREVRANGE z 0 1 WITHSCORES x",
        "ZRANGEBYSCORE z -inf +inf", "ZRANGEBYSCORE z 1 3 WITHSCORES", "ZRANGEBYSCORE z (1 (3",
        "ZRANGEBYSCORE z 0 10 LIMIT 1 2 WITHSCORES", "ZRANGEBYSCORE z 0 10 WITHSCORES LIMIT 1 2",
        "ZRANGEBYSCORE z 0 10 LIMIT 0 1 LIMIT 1 1", "ZRANGEBYSCORE z 0 10 LIMIT",
        "ZRANGEBYSCORE z 0 1 BYLEX", "ZRANGEBYSCORE z 0 1 REV", "ZRANGEBYSCORE z a b",
        "ZRANGEBYSCORE z '' 2", "ZRANGEBYSCORE z 1e400 5", "ZRANGEBYSCORE z -1e400 1e400",
        "ZREVRANGEBYSCORE z +inf -inf", "ZREVRANGEBYSCORE z 3 1 WITHSCORES",
        "ZREVRANGEBYSCORE z (3 (1", "ZREVRANGEBYSCORE z 10 0 LIMIT 1 3",
        "ZRANGEBYLEX lex - +", "ZRANGEBYLEX lex [a (c", "ZRANGEBYLEX lex - + LIMIT 0 2",
        "ZRANGEBYLEX lex - + LIMIT 0", "ZRANGEBYLEX lex - + WITHSCORES", "ZRANGEBYLEX lex + -",
        "ZRANGEBYLEX lex [a", "ZRANGEBYLEX lex [a [b LIMIT 0 1 x", "ZREVRANGEBYLEX lex + -",
        "ZREVRANGEBYLEX lex + - LIMIT 1 2", "ZREVRANGEBYLEX lex [c (a", "SET s v",
        "ZRANGE s 0 -1", "ZRANGE s 0 -1 FOO", "ZRANGE s a b BYSCORE", "ZRANGEBYLEX s a b",
        "ZRANGEBYSCORE s 0 1", "ZREVRANGE s 0 1");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0", "2,3"})
  void zrangestore_results_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 4 d 5 e", "ZRANGESTORE dst z 0 1", "ZRANGE dst 0 -1 WITHSCORES",
        "OBJECT ENCODING dst", "ZRANGESTORE dst z 0 -1", "OBJECT ENCODING dst",
        "ZRANGESTORE dst z 1 3 BYSCORE REV", "ZRANGE dst 0 -1 WITHSCORES",
        "ZRANGESTORE dst z 5 1 BYSCORE REV LIMIT 1 2", "ZRANGE dst 0 -1 WITHSCORES",
        "ZRANGESTORE dst z [a [c BYLEX", "ZRANGE dst 0 -1", "ZRANGESTORE dst z 0 1 WITHSCORES",
        "SET s v", "ZRANGESTORE s z 0 0", "TYPE s", "ZRANGESTORE dst s 0 0", "SET d2 v",
        "EXPIRE dst 100", "ZRANGESTORE dst z 0 0", "TTL dst", "ZRANGESTORE dst z 10 20",
        "EXISTS dst", "ZRANGESTORE dst nokey 0 -1", "ZRANGESTORE z z 1 2", "ZRANGE z 0 -1",
        "ZRANGESTORE dst z 0 -1 LIMIT 0 1", "ZRANGESTORE dst z a b BYSCORE");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void removals_zremAndRanges_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 4 d 5 e 6 f", "ZREM z a x", "ZREM z x", "ZREM nokey a",
        "ZREMRANGEBYRANK z 0 0", "ZRANGE z 0 -1", "ZREMRANGEBYRANK z -1 -1", "ZREMRANGEBYRANK z 5 1",
        "ZREMRANGEBYRANK z 10 20", "ZREMRANGEBYRANK z a 1", "ZREMRANGEBYRANK nokey 0 1",
        "ZRANGE z 0 -1", "ZADD z 10 x 11 y 12 w", "ZREMRANGEBYSCORE z (3 (11", "ZRANGE z 0 -1",
        "ZREMRANGEBYSCORE z x 1", "ZREMRANGEBYSCORE z 100 200", "ZREMRANGEBYSCORE nokey 0 1",
        "ZADD lex 0 a 0 b 0 c 0 d 0 e", "ZREMRANGEBYLEX lex (a [c", "ZRANGE lex 0 -1",
        "ZREMRANGEBYLEX lex a c", "ZREMRANGEBYLEX lex - +", "EXISTS lex",
        "ZREM z b c d x y w", "EXISTS z", "ZADD z 1 a", "ZREMRANGEBYRANK z 0 -1", "EXISTS z",
        "ZADD z 1 a", "ZREMRANGEBYSCORE z -inf +inf", "EXISTS z", "SET s v", "ZREM s a",
        "ZREMRANGEBYRANK s 0 1", "ZREMRANGEBYSCORE s 0 1", "ZREMRANGEBYLEX s - +",
        "ZREMRANGEBYSCORE s a b");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void pops_zpopAndZmpop_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 4 d 5 e 6 f", "ZPOPMIN z", "ZPOPMAX z", "ZPOPMIN z 2",
        "ZPOPMAX z 1", "ZPOPMIN z 0", "ZPOPMIN z -1", "ZPOPMIN z a", "ZPOPMIN z 1 2",
        "ZPOPMIN nokey", "ZPOPMIN nokey 3", "ZPOPMAX nokey 0", "ZPOPMAX z 100", "EXISTS z",
        "ZADD z 1 a 2 b 3 c 4 d", "ZMPOP 1 z MIN", "ZMPOP 1 z max COUNT 2", "ZMPOP 2 nokey z MIN COUNT 10",
        "EXISTS z", "ZMPOP 1 z MIN", "ZMPOP 2 nokey z MAX", "ZMPOP 0 z MIN", "ZMPOP -1 z MIN",
        "ZMPOP a z MIN", "ZMPOP 1 z", "ZMPOP 1 z FOO", "ZMPOP 1 z MIN COUNT 0",
        "ZMPOP 1 z MIN COUNT -1", "ZMPOP 1 z MIN COUNT a", "ZMPOP 2 z MIN", "ZMPOP 3 z MIN",
        "ZMPOP 1 z MIN COUNT", "ZMPOP 1 z MIN COUNT 1 COUNT 2", "SET s v", "ZPOPMIN s",
        "ZPOPMAX s 2", "ZMPOP 2 nokey s MIN", "ZADD z2 1 a", "ZMPOP 2 z2 s MIN",
        "ZMPOP 2 s z2 MIN");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0", "2,2"})
  void algebra_unionInterDiff_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD a 1 x 2 y 3 z", "ZADD b 10 y 20 z 30 w", "ZADD c 1.5 z", "SADD s x w q",
        "SADD si 1 2 3", "ZADD nums 5 1 6 2", "ZADD inf1 +inf m", "ZADD inf2 -inf m",
        "ZUNION 2 a b", "ZUNION 2 a b WITHSCORES", "ZUNION 2 a b WEIGHTS 2 0.5 WITHSCORES",
        "ZUNION 2 a b AGGREGATE MIN WITHSCORES", "ZUNION 2 a b AGGREGATE max WITHSCORES",
        "ZUNION 3 a b c WEIGHTS 1 1 -1 AGGREGATE SUM WITHSCORES", "ZUNION 2 a s WITHSCORES",
        "ZUNION 2 si nums WITHSCORES", "ZUNION 2 inf1 inf2 WITHSCORES",
        "ZUNION 2 inf1 inf2 AGGREGATE MIN WITHSCORES", "ZUNION 1 inf1 WEIGHTS 0 WITHSCORES",
        "ZUNION 2 a nokey WITHSCORES", "ZUNION 1 a WITHSCORES WITHSCORES",
        "ZINTER 2 a b", "ZINTER 2 a b WITHSCORES", "ZINTER 3 a b c WITHSCORES",
        "ZINTER 2 a b WEIGHTS 1 2 AGGREGATE MAX WITHSCORES", "ZINTER 2 a s WITHSCORES",
        "ZINTER 2 a a WITHSCORES", "ZINTER 2 a nokey", "ZINTER 2 inf1 inf2 WITHSCORES",
        "ZINTER 2 inf1 inf1 WEIGHTS 1 -1 WITHSCORES", "ZDIFF 2 a b", "ZDIFF 2 a b WITHSCORES",
        "ZDIFF 3 b a c WITHSCORES", "ZDIFF 2 a a", "ZDIFF 2 s a WITHSCORES", "ZDIFF 1 nokey",
        "ZDIFF 2 a nokey WITHSCORES", "ZUNIONSTORE d 2 a b", "ZRANGE d 0 -1 WITHSCORES",
        "OBJECT ENCODING d", "ZINTERSTORE d 2 a b WEIGHTS 2 3", "ZRANGE d 0 -1 WITHSCORES",
        "OBJECT ENCODING d", "ZDIFFSTORE d 2 a b", "ZRANGE d 0 -1 WITHSCORES",
        "ZINTERSTORE d 2 a nokey", "EXISTS d", "ZUNIONSTORE a 2 a b", "ZRANGE a 0 -1 WITHSCORES",
        "ZINTERCARD 2 a b", "ZINTERCARD 2 a b LIMIT 1", "ZINTERCARD 2 a b LIMIT 0",
        "ZINTERCARD 1 a LIMIT 2 LIMIT 0", "ZINTERCARD 2 a s", "ZINTERCARD 2 a nokey",
        "ZINTERCARD 0 a", "ZINTERCARD 1 a LIMIT -1", "ZINTERCARD 1 a LIMIT a", "ZINTERCARD 2 a",
        "ZINTERCARD 1 a FOO", "ZINTERCARD a a", "ZINTERCARD 1 a WEIGHTS 1",
        "ZUNIONSTORE d 0 a", "ZUNIONSTORE d 2 a", "ZUNIONSTORE d -1 a", "ZUNIONSTORE d a a",
        "ZUNIONSTORE d 1 a WEIGHTS", "ZUNIONSTORE d 1 a WEIGHTS x", "ZUNIONSTORE d 1 a WEIGHTS nan",
        "ZUNIONSTORE d 1 a WEIGHTS 1 2", "ZUNIONSTORE d 1 a AGGREGATE", "ZUNIONSTORE d 1 a AGGREGATE foo",
        "ZUNIONSTORE d 1 a WITHSCORES", "ZUNION 0 a", "ZINTER 0 a", "ZDIFF 0 a",
        "ZDIFFSTORE d 0 a", "ZDIFF 1 a WEIGHTS 1", "ZDIFF 1 a AGGREGATE SUM",
        "ZUNION 1 a WEIGHTS ' 1'", "SET str v", "ZUNION 2 a str", "ZUNION 2 str a WEIGHTS x",
        "ZUNIONSTORE d 2 a str", "ZINTERCARD 2 a str", "ZDIFF 2 str a", "ZUNIONSTORE str 1 a",
        "TYPE str", "ZINTERSTORE str 1 nokey", "EXISTS str");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128"})
  void zscan_listpack_matchesRedisExactly(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 1.5 c -inf d 0 e", "ZSCAN z 0", "ZSCAN z 0 COUNT 1",
        "ZSCAN z 0 MATCH [ab]", "ZSCAN z 0 MATCH * COUNT 100", "ZSCAN z 0 COUNT 0",
        "ZSCAN z 0 COUNT a", "ZSCAN z 0 FOO", "ZSCAN z 0 TYPE zset", "ZSCAN z abc",
        "ZSCAN z -1", "ZSCAN nokey 0", "ZSCAN nokey 0 FOO", "SET s v", "ZSCAN s 0",
        "ZSCAN s 0 FOO", "ZSCAN s x");
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void zscan_skiplist_visitsEveryMember(int resp) {
    reset(resp, 0);
    List<String> args = new ArrayList<>(List.of("ZADD", "z"));
    for (int i = 0; i < 300; i++) {
      args.add(Double.toString(i * 0.5));
      args.add("m" + i);
    }
    diff.check(args.toArray(String[]::new));
    assertEquals(scanAll(true), scanAll(false));
    assertEquals(300, scanAll(false).size());
  }

  private static Map<String, String> scanAll(boolean redis) {
    Map<String, String> seen = new TreeMap<>();
    String cursor = "0";
    do {
      byte[] reply = redis ? diff.redis("ZSCAN", "z", cursor, "COUNT", "7")
          : diff.lime("ZSCAN", "z", cursor, "COUNT", "7");
      List<RespValue> top = elements(decode(reply));
      cursor = text(top.get(0));
      List<RespValue> items = elements(top.get(1));
      for (int i = 0; i < items.size(); i += 2) {
        seen.put(text(items.get(i)), text(items.get(i + 1)));
      }
    } while (!cursor.equals("0"));
    return seen;
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void zrandmember_shapesAndErrors_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD z 1 a 2 b 3 c 4 d 5 e", "ZRANDMEMBER nokey", "ZRANDMEMBER nokey 3",
        "ZRANDMEMBER nokey 3 WITHSCORES", "ZRANDMEMBER nokey 0", "ZRANDMEMBER z 0",
        "ZRANDMEMBER z a", "ZRANDMEMBER z 1 FOO", "ZRANDMEMBER z 1 WITHSCORES x",
        "ZRANDMEMBER z -9223372036854775808", "ZRANDMEMBER z -4611686018427387904 WITHSCORES",
        "ZRANDMEMBER z 4611686018427387904 WITHSCORES",
        "ZRANDMEMBER nokey -4611686018427387904 WITHSCORES", "ZRANDMEMBER z 5 WITHSCORES",
        "ZRANDMEMBER z 100", "SET s v", "ZRANDMEMBER s", "ZRANDMEMBER s 2", "ZRANDMEMBER s a");
    Map<String, String> all = Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
    for (String count : new String[] {"1", "2", "4", "-3", "-20"}) {
      for (boolean ws : new boolean[] {false, true}) {
        String[] cmd = ws ? new String[] {"ZRANDMEMBER", "z", count, "WITHSCORES"}
            : new String[] {"ZRANDMEMBER", "z", count};
        List<String[]> r = pairs(decode(diff.redis(cmd)), ws);
        List<String[]> l = pairs(decode(diff.lime(cmd)), ws);
        assertEquals(r.size(), l.size(), "size of " + String.join(" ", cmd));
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String[] p : l) {
          assertTrue(all.containsKey(p[0]), p[0]);
          if (ws) {
            assertEquals(all.get(p[0]), p[1]);
          }
          distinct.add(p[0]);
        }
        if (!count.startsWith("-")) {
          assertEquals(l.size(), distinct.size(), "unique members");
        }
      }
    }
    String one = text(decode(diff.lime("ZRANDMEMBER", "z")));
    assertTrue(all.containsKey(one));
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void encodings_conversionsAtThresholds_matchRedis(int resp) {
    reset(resp, 128);
    check("CONFIG SET zset-max-listpack-entries 3", "ZADD z 1 a 2 b 3 c", "OBJECT ENCODING z",
        "ZADD z 4 d", "OBJECT ENCODING z", "ZREM z a b", "OBJECT ENCODING z",
        "CONFIG SET zset-max-listpack-value 4", "ZADD v 1 abcde", "OBJECT ENCODING v",
        "ZADD w 1 abcd", "OBJECT ENCODING w", "ZADD w 2 abcdefg", "OBJECT ENCODING w",
        "ZADD x 1 a 2 abcdefgh", "OBJECT ENCODING x", "ZADD y 1 abcdefgh 2 a",
        "OBJECT ENCODING y", "ZUNIONSTORE u 1 z", "OBJECT ENCODING u", "ZRANGESTORE r z 0 -1",
        "OBJECT ENCODING r", "ZINTERSTORE i 2 y y", "OBJECT ENCODING i", "ZDIFFSTORE df 1 z",
        "OBJECT ENCODING df", "COPY z zc", "OBJECT ENCODING zc", "ZRANGE zc 0 -1 WITHSCORES",
        "TYPE z", "CONFIG SET zset-max-listpack-entries 0", "ZADD e 1 a", "OBJECT ENCODING e",
        "ZINCRBY e2 1 a", "OBJECT ENCODING e2", "CONFIG SET zset-max-listpack-entries 128",
        "CONFIG SET zset-max-listpack-value 64", "ZADD t 1 a", "ZINCRBY t 1 "
            + "x".repeat(65), "OBJECT ENCODING t");
  }

  @ParameterizedTest
  @CsvSource({"2,128", "3,128", "2,0", "3,0"})
  void blocking_immediateAndTimeoutReplies_matchRedis(int resp, int maxEntries) {
    reset(resp, maxEntries);
    check("ZADD b 1 x 2 y", "BZPOPMIN a b 0", "BZPOPMAX b 0", "EXISTS b",
        "BZPOPMIN nokey 0.01", "BZMPOP 0.01 1 nokey MIN", "ZADD c 1 a 2 b 3 c",
        "BZMPOP 0 2 nokey c MAX COUNT 2", "BZMPOP 0 1 c MIN COUNT 10", "EXISTS c",
        "BZPOPMIN q x", "BZPOPMIN q -1", "BZPOPMIN q inf", "BZMPOP x 0 q MIN",
        "BZMPOP x 1 q MIN", "BZMPOP 0 1 q SIDEWAYS", "BZMPOP 0 1 q MIN COUNT 0",
        "BZMPOP 0 1 q MIN COUNT", "SET s v", "BZPOPMIN s 0", "BZPOPMIN nokey s 0",
        "BZMPOP 0 1 s MIN", "BZPOPMIN", "BZMPOP 0 1");
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void lexRanges_mixedScoresOnListpack_matchRedisWalk(int resp) {
    reset(resp, 128);
    check("ZADD m 1 b 2 a 3 c 0 d 5 aa", "ZRANGEBYLEX m - +", "ZRANGEBYLEX m [a [c",
        "ZRANGEBYLEX m (a +", "ZREVRANGEBYLEX m [c [a", "ZLEXCOUNT m [a [c", "ZLEXCOUNT m - (b",
        "ZRANGEBYLEX m [b [b LIMIT 0 5", "ZREMRANGEBYLEX m [b [c", "ZRANGE m 0 -1 WITHSCORES");
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void binaryMembers_orderedUnsigned_matchRedis(int resp) {
    reset(resp, 128);
    byte[] hi = {(byte) 0xff, 0x01};
    byte[] lo = {0x00};
    byte[] mid = "m".getBytes(StandardCharsets.UTF_8);
    diff.check(b("ZADD"), b("bin"), b("0"), hi, b("0"), lo, b("0"), mid, b("0"), b(""));
    diff.check(b("ZRANGE"), b("bin"), b("0"), b("-1"));
    diff.check(b("ZRANGEBYLEX"), b("bin"), b("(m"), b("+"));
    diff.check(b("ZRANGEBYLEX"), b("bin"), b("[\0"), b("+"));
    diff.check(b("ZRANGEBYSCORE"), b("bin"), b("0\0junk"), b("1"));
    diff.check(b("ZRANGEBYLEX"), b("bin"), b("-\0x"), b("+"));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------ decoding helpers

  private static RespValue decode(byte[] reply) {
    try {
      return RespDecoder.decode(reply);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<RespValue> elements(RespValue v) {
    if (v instanceof RespValue.Array a) {
      return a.elements();
    }
    throw new AssertionError("not an array: " + v);
  }

  private static String text(RespValue v) {
    if (v instanceof RespValue.Bulk s) {
      return new String(s.value(), StandardCharsets.UTF_8);
    }
    if (v instanceof RespValue.Double d) {
      return Double.toString(d.value());
    }
    return v.toString();
  }

  /** Member/score pairs from a flat (RESP2) or nested (RESP3) WITHSCORES reply. */
  private static List<String[]> pairs(RespValue v, boolean withScores) {
    List<String[]> out = new ArrayList<>();
    List<RespValue> items = elements(v);
    if (!withScores) {
      for (RespValue i : items) {
        out.add(new String[] {text(i)});
      }
      return out;
    }
    if (!items.isEmpty() && items.get(0) instanceof RespValue.Array) {
      for (RespValue i : items) {
        List<RespValue> p = elements(i);
        out.add(new String[] {text(p.get(0)), score(p.get(1))});
      }
      return out;
    }
    for (int i = 0; i < items.size(); i += 2) {
      out.add(new String[] {text(items.get(i)), score(items.get(i + 1))});
    }
    return out;
  }

  private static String score(RespValue v) {
    double d = v instanceof RespValue.Double dv ? dv.value() : Double.parseDouble(text(v));
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static Map<String, String> unused() {
    return new HashMap<>();
  }
}
