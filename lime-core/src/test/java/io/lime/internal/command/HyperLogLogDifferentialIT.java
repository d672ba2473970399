package io.lime.internal.command;

import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PFADD PFCOUNT PFMERGE PFDEBUG PFSELFTEST compared byte for byte with a real redis-server
 * 7.0 under RESP2 and RESP3, with the stored bytes (GET) after every step: sparse and dense
 * encodings, promotion at {@code hll-sparse-max-bytes}, the cached cardinality, HLLs moved
 * between the servers with SET, and corrupted or invalid values.
 */
class HyperLogLogDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** "HYLL", encoding, three zero bytes, a cached cardinality, then {@code body}. */
  private static byte[] hll(int encoding, long card, int... body) {
    byte[] a = new byte[16 + body.length];
    a[0] = 'H';
    a[1] = 'Y';
    a[2] = 'L';
    a[3] = 'L';
    a[4] = (byte) encoding;
    for (int i = 0; i < 8; i++) {
      a[8 + i] = (byte) (card >>> (8 * i));
    }
    for (int i = 0; i < body.length; i++) {
      a[16 + i] = (byte) body[i];
    }
    return a;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pfaddPfcount_sparse_identicalBytes(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("PFADD", "h"), c("GET", "h"), c("PFCOUNT", "h"), c("PFADD", "h"),
        c("PFADD", "h", "a", "b", "c"), c("GET", "h"), c("PFCOUNT", "h"), c("GET", "h"),
        c("PFADD", "h", "a"), c("PFADD", "h", "d", "e", "f", "g", "", "a longer element here"),
        c("GET", "h"), c("PFDEBUG", "ENCODING", "h"), c("PFDEBUG", "DECODE", "h"),
        c("OBJECT", "ENCODING", "h"), c("STRLEN", "h"), c("PFCOUNT", "h"),
        c("PFCOUNT", "missing"), c("PFCOUNT", "h", "missing"), c("EXISTS", "missing"),
        c("TYPE", "h"));
    String[] many = new String[2 + 400];
    many[0] = "PFADD";
    many[1] = "big";
    for (int i = 0; i < 400; i++) {
      many[2 + i] = "element:" + i;
    }
    diff.checkAll(many, c("GET", "big"), c("PFCOUNT", "big"), c("PFDEBUG", "ENCODING", "big"),
        c("PFDEBUG", "DECODE", "big"), c("PFCOUNT", "h", "big"), c("STRLEN", "big"));
    // caching the cardinality is a modification: it fails a WATCH (a cached read does not)
    diff.checkAll(c("PFADD", "w", "a"), c("WATCH", "w"), c("PFCOUNT", "w"), c("MULTI"),
        c("PING"), c("EXEC"), c("WATCH", "w"), c("PFCOUNT", "w"), c("MULTI"), c("PING"),
        c("EXEC"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void promotion_atSparseMaxBytes_identical(int resp) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "hll-sparse-max-bytes", "60");
    for (int i = 0; i < 40; i++) {
      diff.checkAll(c("PFADD", "p", "x" + i), c("STRLEN", "p"), c("PFDEBUG", "ENCODING", "p"));
    }
    diff.checkAll(c("GET", "p"), c("PFCOUNT", "p"), c("GET", "p"),
        c("CONFIG", "SET", "hll-sparse-max-bytes", "1kb"),
        c("CONFIG", "GET", "hll-sparse-max-bytes"),
        c("CONFIG", "SET", "hll-sparse-max-bytes", "-1"),
        c("CONFIG", "SET", "hll-sparse-max-bytes", "3000"),
        c("CONFIG", "GET", "hll-sparse-max-bytes"));
    String[] many = new String[2 + 3000];
    many[0] = "PFADD";
    many[1] = "d";
    for (int i = 0; i < 3000; i++) {
      many[2 + i] = Integer.toString(i * 7919);
    }
    diff.checkAll(many, c("PFDEBUG", "ENCODING", "d"), c("GET", "d"), c("PFCOUNT", "d"),
        c("GET", "d"), c("PFADD", "d", "more"), c("GET", "d"), c("PFDEBUG", "DECODE", "d"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pfmerge_sparseAndDense_identical(int resp) {
    diff.reset(resp);
    String[] dense = new String[2 + 2000];
    dense[0] = "PFADD";
    dense[1] = "dense";
    for (int i = 0; i < 2000; i++) {
      dense[2 + i] = "d" + i;
    }
    diff.checkAll(dense, c("PFADD", "s1", "a", "b", "c"), c("PFADD", "s2", "c", "d", "e"),
        c("PFMERGE", "m", "s1", "s2"), c("GET", "m"), c("PFCOUNT", "m"),
        c("PFDEBUG", "ENCODING", "m"), c("PFMERGE", "m2", "s1", "dense"), c("GET", "m2"),
        c("PFDEBUG", "ENCODING", "m2"), c("PFCOUNT", "m2"), c("PFMERGE", "s1", "s2"),
        c("GET", "s1"), c("PFMERGE", "empty"), c("GET", "empty"), c("PFMERGE", "e2", "nope"),
        c("GET", "e2"), c("PFCOUNT", "s1", "s2", "dense", "nope"),
        c("PFCOUNT", "s1", "s2"), c("SET", "t", "x"), c("EXPIRE", "t", "100"),
        c("PFMERGE", "t", "s1"), c("SET", "str", "abc"), c("PFMERGE", "t2", "s1", "str"),
        c("EXISTS", "t2"), c("LPUSH", "l", "x"), c("PFMERGE", "t2", "l"),
        c("PFMERGE", "l", "s1"), c("PFCOUNT", "s1", "l"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pfdebug_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("PFADD", "h", "a", "b"), c("PFDEBUG", "GETREG", "h"), c("PFDEBUG", "ENCODING", "h"),
        c("GET", "h"), c("PFDEBUG", "DECODE", "h"), c("PFDEBUG", "TODENSE", "h"),
        c("PFADD", "h2", "a"), c("PFDEBUG", "TODENSE", "h2"), c("PFDEBUG", "todense", "h2"),
        c("GET", "h2"), c("PFDEBUG", "NOPE", "h2"), c("PFDEBUG", "NOPE", "missing"),
        c("PFDEBUG", "ENCODING", "missing"), c("PFDEBUG", "ENCODING", "h2", "x"),
        c("PFDEBUG", "NOPE", "h2", "x"), c("PFDEBUG", "ENCODING"),
        c("SET", "s", "x"), c("PFDEBUG", "ENCODING", "s"), c("PFSELFTEST", "x"));
    if (resp == 2) { // Redis's self test takes about a second: once is enough
      diff.check("PFSELFTEST");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void invalidAndCorrupted_identicalErrors(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "s", "abc"), c("PFADD", "s", "a"), c("PFCOUNT", "s"), c("PFCOUNT", "s", "x"),
        c("PFMERGE", "s", "x"), c("PFMERGE", "x", "s"), c("EXISTS", "x"),
        c("SET", "i", "123"), c("PFADD", "i", "a"), c("PFCOUNT", "i"),
        c("LPUSH", "l", "a"), c("PFADD", "l", "a"), c("PFCOUNT", "l"), c("PFCOUNT", "l", "s"),
        c("SET", "m", "HYLL"), c("PFCOUNT", "m"), c("PFADD"), c("PFCOUNT"), c("PFMERGE"));
    // sparse runs that do not cover the 16384 registers
    diff.check(b("SET"), b("short"), hll(1, 0x8000000000000000L, 0x40, 99));
    diff.checkAll(c("PFCOUNT", "short"), c("PFCOUNT", "short", "x"), c("PFMERGE", "x", "short"),
        c("PFDEBUG", "GETREG", "short"), c("PFDEBUG", "TODENSE", "short"),
        c("PFDEBUG", "DECODE", "short"), c("PFADD", "short", "a", "b", "c", "d"),
        c("GET", "short"));
    // too many registers
    diff.check(b("SET"), b("long"), hll(1, 0x8000000000000000L, 0x7f, 0xff, 0x80));
    diff.checkAll(c("PFCOUNT", "long"), c("PFDEBUG", "TODENSE", "long"), c("GET", "long"));
    // an XZERO cut after its first byte (C reads the terminator as its second)
    diff.check(b("SET"), b("cut"), hll(1, 0x8000000000000000L, 0x7f));
    diff.checkAll(c("PFCOUNT", "cut"), c("PFDEBUG", "DECODE", "cut"), c("PFMERGE", "x2", "cut"),
        c("PFDEBUG", "TODENSE", "cut"), c("PFADD", "cut", "a"), c("GET", "cut"));
    // a valid sparse HLL with a cached cardinality that is returned as is
    diff.check(b("SET"), b("cached"), hll(1, 12345, 0x7f, 0xff));
    diff.checkAll(c("PFCOUNT", "cached"), c("PFADD", "cached", "x"), c("PFCOUNT", "cached"),
        c("GET", "cached"));
    // dense with the wrong length, unknown encoding
    byte[] shortDense = hll(0, 0, new int[100]);
    diff.check(b("SET"), b("sd"), shortDense);
    diff.check(b("SET"), b("enc"), hll(2, 0, 0x7f, 0xff));
    diff.checkAll(c("PFCOUNT", "sd"), c("PFADD", "sd", "a"), c("PFCOUNT", "enc"),
        c("PFDEBUG", "ENCODING", "enc"));
    // a dense HLL written directly: registers all 63
    int[] regs = new int[12288];
    Arrays.fill(regs, 0xff);
    diff.check(b("SET"), b("full"), hll(0, 0x8000000000000000L, regs));
    diff.checkAll(c("PFCOUNT", "full"), c("GET", "full"), c("PFADD", "full", "a"),
        c("PFMERGE", "f2", "full", "cached"), c("PFCOUNT", "f2"), c("PFCOUNT", "full", "f2"));
  }

  /** The bytes of a bulk reply. */
  private static byte[] bulk(byte[] reply) throws Exception {
    return ((RespValue.Bulk) RespDecoder.decode(reply)).value();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hll_movesBetweenServersThroughGetSet(int resp) throws Exception {
    diff.reset(resp);
    String[] sparse = {"PFADD", "s", "a", "b", "c", "d", "e"};
    String[] dense = new String[2 + 1500];
    dense[0] = "PFADD";
    dense[1] = "d";
    for (int i = 0; i < 1500; i++) {
      dense[2 + i] = "e" + i;
    }
    // made by Redis alone, then given to both
    diff.redis(sparse);
    diff.redis(dense);
    byte[] fromRedisSparse = bulk(diff.redis("GET", "s"));
    byte[] fromRedisDense = bulk(diff.redis("GET", "d"));
    diff.check(b("SET"), b("rs"), fromRedisSparse);
    diff.check(b("SET"), b("rd"), fromRedisDense);
    // made by LIME alone, then given to both
    diff.lime(sparse);
    diff.lime(dense);
    byte[] fromLimeSparse = bulk(diff.lime("GET", "s"));
    byte[] fromLimeDense = bulk(diff.lime("GET", "d"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(fromRedisSparse, fromLimeSparse);
    org.junit.jupiter.api.Assertions.assertArrayEquals(fromRedisDense, fromLimeDense);
    diff.check(b("SET"), b("ls"), fromLimeSparse);
    diff.check(b("SET"), b("ld"), fromLimeDense);
    diff.checkAll(c("PFCOUNT", "rs"), c("PFCOUNT", "rd"), c("PFCOUNT", "ls"), c("PFCOUNT", "ld"),
        c("PFADD", "rs", "x", "y"), c("PFADD", "rd", "x", "y"), c("GET", "rs"), c("GET", "rd"),
        c("PFMERGE", "rs", "ld"), c("GET", "rs"), c("PFCOUNT", "rs", "ls", "rd"),
        c("PFDEBUG", "ENCODING", "rd"), c("OBJECT", "ENCODING", "rs"));
  }
}
