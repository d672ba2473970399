package io.lime.internal.persistence.rdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Commands creating every type and encoding Redis 7.0 saves: int, embstr, raw and
 * LZF-compressible strings (and binary ones); quicklists of one and many nodes; intsets of
 * 16/32/64-bit values; hashtable sets; listpack and hashtable hashes; listpack and skiplist
 * sorted sets (with infinite, negative and fractional scores); keys with expiries; several
 * databases.
 */
final class RdbDataSet {
  private RdbDataSet() {}

  static List<String[]> commands() {
    Random r = new Random(42);
    List<String[]> c = new ArrayList<>();
    c.add(new String[] {"SELECT", "0"});
    c.add(new String[] {"SET", "int:small", "7"});
    c.add(new String[] {"SET", "int:neg", "-123456"});
    c.add(new String[] {"SET", "int:big", "9223372036854775807"});
    c.add(new String[] {"SET", "int:min", "-9223372036854775808"});
    c.add(new String[] {"SET", "int:32", "2147483647"});
    c.add(new String[] {"SET", "str:lead0", "007"});
    c.add(new String[] {"SET", "str:embstr", "hello world"});
    c.add(new String[] {"SET", "str:empty", ""});
    c.add(new String[] {"SET", "str:raw", "x".repeat(45) + "yz"});
    c.add(new String[] {"SET", "str:lzf", "abcabcabcabc".repeat(200)});
    c.add(new String[] {"SET", "str:random", randomText(r, 300)});
    c.add(new String[] {"SET", "str:utf8", "héllo wörld ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓"});
    c.add(new String[] {"APPEND", "str:appended", "some"});
    c.add(new String[] {"APPEND", "str:appended", "thing"});
    c.add(new String[] {"SET", "ttl:str", "v", "PX", "86400000"});
    c.add(new String[] {"RPUSH", "list:small", "a", "1", "-5", "300", "70000", "b".repeat(70),
        "c".repeat(5000), "12345678901", "-9223372036854775808"});
    String[] many = new String[2002];
    many[0] = "RPUSH";
    many[1] = "list:many";
    for (int i = 0; i < 2000; i++) {
      many[2 + i] = i % 3 == 0 ? String.valueOf(i * 7919) : "element-" + i;
    }
    c.add(many);
    c.add(new String[] {"LPUSH", "ttl:list", "x", "y"});
    c.add(new String[] {"EXPIRE", "ttl:list", "3600"});
    c.add(new String[] {"SADD", "set:int16", "1", "2", "3", "-7", "32000"});
    c.add(new String[] {"SADD", "set:int32", "1", "100000", "-2000000000"});
    c.add(new String[] {"SADD", "set:int64", "1", "5000000000", "-9223372036854775808"});
    c.add(new String[] {"SADD", "set:strings", "a", "b", "c", "1"});
    String[] bigSet = new String[602];
    bigSet[0] = "SADD";
    bigSet[1] = "set:bigints";
    for (int i = 0; i < 600; i++) {
      bigSet[2 + i] = String.valueOf(i * 3);
    }
    c.add(bigSet);
    c.add(new String[] {"HSET", "hash:small", "f1", "v1", "f2", "2", "num", "-300",
        "long", "z".repeat(60)});
    c.add(new String[] {"HSET", "hash:longvalue", "f", "v".repeat(100)});
    String[] bigHash = new String[2 + 2 * 600];
    bigHash[0] = "HSET";
    bigHash[1] = "hash:big";
    for (int i = 0; i < 600; i++) {
      bigHash[2 + 2 * i] = "field" + i;
      bigHash[3 + 2 * i] = i % 2 == 0 ? String.valueOf(i) : "value" + i;
    }
    c.add(bigHash);
    c.add(new String[] {"ZADD", "zset:small", "1", "a", "2.5", "b", "-3", "c", "inf", "d",
        "-inf", "e", "0.1", "f", "1e300", "g", "0", "h", "123456789012", "i"});
    String[] bigZ = new String[2 + 2 * 200];
    bigZ[0] = "ZADD";
    bigZ[1] = "zset:big";
    for (int i = 0; i < 200; i++) {
      bigZ[2 + 2 * i] = String.valueOf(r.nextInt(1000) / 7.0);
      bigZ[3 + 2 * i] = "member-" + i;
    }
    c.add(bigZ);
    c.add(new String[] {"ZADD", "zset:longmember", "1", "m".repeat(100)});
    c.add(new String[] {"ZADD", "ttl:zset", "1", "a"});
    c.add(new String[] {"PEXPIRE", "ttl:zset", "7200000"});
    c.add(new String[] {"SELECT", "3"});
    c.add(new String[] {"SET", "db3:key", "in db 3"});
    c.add(new String[] {"HSET", "db3:hash", "a", "1"});
    c.add(new String[] {"SELECT", "15"});
    c.add(new String[] {"SADD", "db15:set", "x"});
    c.add(new String[] {"SET", "db15:ttl", "v", "EX", "100000"});
    c.add(new String[] {"SELECT", "0"});
    return c;
  }

  private static String randomText(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
