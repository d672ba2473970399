package io.lime.internal.command;

import static io.lime.internal.command.StringFixture.EMPTY;
import static io.lime.internal.command.StringFixture.NIL;
import static io.lime.internal.command.StringFixture.NOT_FLOAT;
import static io.lime.internal.command.StringFixture.NOT_INT;
import static io.lime.internal.command.StringFixture.OK;
import static io.lime.internal.command.StringFixture.SYNTAX;
import static io.lime.internal.command.StringFixture.WRONGTYPE;
import static io.lime.internal.command.StringFixture.bulk;
import static io.lime.internal.command.StringFixture.err;
import static io.lime.internal.command.StringFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The string commands through the dispatcher, with expected replies taken from redis-server
 * 7.0.15 (see StringCommandsDifferentialIT for the live comparison).
 */
class StringCommandsTest {
  StringFixture f;

  @BeforeEach
  void setUp() {
    f = new StringFixture();
  }

  // ------------------------------------------------------------------ GET / SET

  @Test
  void get_missingKey_isNullAndCountsMiss() {
    assertEquals(NIL, f.run("GET", "nokey"));
    assertEquals(1, f.state.keyspaceMisses.sum());
    f.protocol(3);
    assertEquals("_\r\n", f.run("GET", "nokey"));
  }

  @Test
  void set_thenGet_returnsValueAndCountsHit() {
    assertEquals(OK, f.run("SET", "k", "hello"));
    assertEquals(bulk("hello"), f.run("GET", "k"));
    assertEquals(1, f.state.keyspaceHits.sum());
    assertEquals(1, f.engine.dirty());
  }

  @Test
  void incr_ofACounter_changesItInPlaceButNeverACopyOrAShortString() {
    assertEquals(OK, f.run("SET", "c", "20000"));
    assertEquals(":20001\r\n", f.run("INCR", "c")); // now a counter changed in place
    assertEquals(":1\r\n", f.run("COPY", "c", "d"));
    assertEquals(":20002\r\n", f.run("INCR", "c"));
    assertEquals(":19999\r\n", f.run("DECRBY", "d", "2"));
    assertEquals(bulk("20002"), f.run("GET", "c"));
    assertEquals(bulk("19999"), f.run("GET", "d"));
    assertEquals(bulk("int"), f.run("OBJECT", "ENCODING", "c"));
    assertEquals(":5\r\n", f.run("STRLEN", "c"));
    assertEquals(":7\r\n", f.run("APPEND", "c", "xy"));
    assertEquals(bulk("20002xy"), f.run("GET", "c"));
    assertEquals(OK, f.run("SET", "e", "10001"));
    assertEquals(":10000\r\n", f.run("DECR", "e"));
    assertEquals(":9999\r\n", f.run("DECR", "e")); // a shared integer again
    assertEquals(":2147483647\r\n", f.run("OBJECT", "REFCOUNT", "e"));
    assertEquals(":10000\r\n", f.run("INCR", "e"));
    assertEquals(":1\r\n", f.run("OBJECT", "REFCOUNT", "e"));
    assertEquals(bulk("10000.5"), f.run("INCRBYFLOAT", "e", "0.5"));
  }

  @Test
  void get_wrongType_isWrongtype() {
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("GET", "l"));
  }

  @Test
  void set_conflictingOptions_isSyntaxError() {
    assertEquals(SYNTAX, f.run("SET", "k", "v", "EX", "10", "PX", "10"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "PX", "10", "EX", "10"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "EXAT", "10", "EX", "10"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "PXAT", "10", "EXAT", "10"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "NX", "XX"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "XX", "NX"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "KEEPTTL", "EX", "10"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "EX", "10", "KEEPTTL"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "EX"));
    assertEquals(SYNTAX, f.run("SET", "k", "v", "PERSIST"));
    assertEquals(NIL, f.run("GET", "k"));
  }

  @Test
  void set_repeatedExpiry_lastWinsAndOnlyLastIsParsed() {
    assertEquals(OK, f.run("SET", "k", "v", "EX", "abc", "EX", "10"));
    assertEquals(10_000, f.pttl("k"));
    assertEquals(OK, f.run("SET", "k", "v", "PX", "100", "PX", "20000"));
    assertEquals(20_000, f.pttl("k"));
    assertEquals(OK, f.run("SET", "k", "v", "KEEPTTL", "KEEPTTL"));
    assertEquals(20_000, f.pttl("k"));
  }

  @Test
  void set_invalidExpire_isErrorNamingTheCommand() {
    String invalid = err("ERR invalid expire time in 'set' command");
    assertEquals(invalid, f.run("SET", "k", "v", "EX", "0"));
    assertEquals(invalid, f.run("SET", "k", "v", "EX", "-1"));
    assertEquals(invalid, f.run("SET", "k", "v", "EX", "9223372036854775807"));
    assertEquals(invalid, f.run("SET", "k", "v", "EX", "9223372036854775"));
    assertEquals(invalid, f.run("SET", "k", "v", "PX", "9223372036854775000"));
    assertEquals(invalid, f.run("SET", "k", "v", "EXAT", "9223372036854776"));
    assertEquals(invalid, f.run("SET", "k", "v", "PXAT", "-1"));
    assertEquals(NOT_INT, f.run("SET", "k", "v", "EX", "abc"));
    assertEquals(OK, f.run("SET", "k", "v", "EXAT", "9223372036854775"));
    assertEquals(OK, f.run("SET", "k", "v", "PXAT", "9223372036854775807"));
    assertEquals(err("ERR invalid expire time in 'setex' command"), f.run("SETEX", "k", "0", "v"));
    assertEquals(err("ERR invalid expire time in 'psetex' command"), f.run("PSETEX", "k", "0", "v"));
    assertEquals(NOT_INT, f.run("SETEX", "k", "abc", "v"));
  }

  @Test
  void set_expiry_expiresWithTheClock() {
    assertEquals(OK, f.run("SET", "k", "v", "PX", "1500"));
    f.advance(1500);
    assertEquals(bulk("v"), f.run("GET", "k")); // alive at its deadline: Redis expires when now > when
    f.advance(1);
    assertEquals(NIL, f.run("GET", "k"));
    assertEquals(OK, f.run("SET", "k", "v", "EXAT", "1"));
    assertEquals(NIL, f.run("GET", "k"));
    assertEquals(OK, f.run("SET", "k", "v", "PXAT", String.valueOf(StringFixture.START_MILLIS + 5000)));
    assertEquals(5000 - 1501, f.pttl("k"));
  }

  @Test
  void set_nxXxAndGet_followRedis() {
    assertEquals(NIL, f.run("SET", "k", "v", "XX"));
    assertEquals(OK, f.run("SET", "k", "v", "NX"));
    assertEquals(NIL, f.run("SET", "k", "w", "NX"));
    assertEquals(NIL, f.run("SET", "k", "v", "NX", "NX"));
    assertEquals(bulk("v"), f.run("SET", "k", "w", "NX", "GET"));
    assertEquals(bulk("v"), f.run("GET", "k"));
    assertEquals(NIL, f.run("SET", "k2", "v2", "NX", "GET"));
    assertEquals(bulk("v2"), f.run("GET", "k2"));
    assertEquals(NIL, f.run("SET", "k3", "v3", "XX", "GET"));
    assertEquals(NIL, f.run("GET", "k3"));
    assertEquals(bulk("v"), f.run("SET", "k", "z", "get", "GET"));
    assertEquals(bulk("z"), f.run("GET", "k"));
  }

  @Test
  void set_getOnWrongType_isWrongtypeAndDoesNotSet() {
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("SET", "l", "v", "GET"));
    assertEquals(WRONGTYPE, f.run("SET", "l", "v", "NX", "GET"));
    assertEquals(WRONGTYPE, f.run("GET", "l"));
    assertEquals(OK, f.run("SET", "l", "v"));
    assertEquals(bulk("v"), f.run("GET", "l"));
  }

  @Test
  void set_keepTtlAndPlainSet_keepOrClearExpiry() {
    f.run("SET", "k", "v", "EX", "10");
    f.run("SET", "k", "v2", "KEEPTTL");
    assertEquals(10_000, f.pttl("k"));
    f.run("SET", "k", "v3");
    assertEquals(-1, f.pttl("k"));
  }

  @Test
  void setnxSetexPsetex_replyAndExpire() {
    assertEquals(i(1), f.run("SETNX", "a", "1"));
    assertEquals(i(0), f.run("SETNX", "a", "2"));
    f.putOther("l");
    assertEquals(i(0), f.run("SETNX", "l", "q"));
    assertEquals(OK, f.run("SETEX", "b", "100", "v"));
    assertEquals(100_000, f.pttl("b"));
    assertEquals(OK, f.run("PSETEX", "c", "1234", "v"));
    assertEquals(1234, f.pttl("c"));
  }

  @Test
  void set_encodings_followTryObjectEncoding() {
    f.run("SET", "i", "12345");
    assertEquals("int", f.encoding("i"));
    f.run("SET", "i20", "-9223372036854775808");
    assertEquals("int", f.encoding("i20"));
    f.run("SET", "big", "12345678901234567890");
    assertEquals("embstr", f.encoding("big"));
    f.run("SET", "lead", "01");
    assertEquals("embstr", f.encoding("lead"));
    f.run("SET", "e44", "x".repeat(44));
    assertEquals("embstr", f.encoding("e44"));
    f.run("SET", "e45", "x".repeat(45));
    assertEquals("raw", f.encoding("e45"));
  }

  // ------------------------------------------------------------------ GETSET / GETDEL / GETEX

  @Test
  void getsetAndGetdel_behaveAsRedis() {
    assertEquals(NIL, f.run("GETSET", "k", "v"));
    assertEquals(bulk("v"), f.run("GETSET", "k", "w"));
    f.run("SETEX", "t", "100", "v");
    assertEquals(bulk("v"), f.run("GETSET", "t", "x"));
    assertEquals(-1, f.pttl("t"));
    assertEquals(bulk("w"), f.run("GETDEL", "k"));
    assertEquals(NIL, f.run("GETDEL", "k"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("GETDEL", "l"));
    assertEquals(WRONGTYPE, f.run("GETSET", "l", "x"));
  }

  @Test
  void getex_optionsAndErrors() {
    f.run("SET", "k", "v");
    assertEquals(SYNTAX, f.run("GETEX", "k", "PERSIST", "EX", "10"));
    assertEquals(SYNTAX, f.run("GETEX", "k", "EX", "10", "PERSIST"));
    assertEquals(SYNTAX, f.run("GETEX", "k", "KEEPTTL"));
    assertEquals(SYNTAX, f.run("GETEX", "k", "GET"));
    assertEquals(SYNTAX, f.run("GETEX", "k", "NX"));
    assertEquals(err("ERR invalid expire time in 'getex' command"), f.run("GETEX", "k", "PX", "0"));
    assertEquals(NIL, f.run("GETEX", "nokey", "PX", "0"));
    assertEquals(NIL, f.run("GETEX", "nokey", "EX", "abc"));
    assertEquals(NOT_INT, f.run("GETEX", "k", "EX", "abc"));
    assertEquals(bulk("v"), f.run("GETEX", "k", "EX", "100"));
    assertEquals(100_000, f.pttl("k"));
    assertEquals(bulk("v"), f.run("GETEX", "k", "PERSIST", "PERSIST"));
    assertEquals(-1, f.pttl("k"));
    assertEquals(bulk("v"), f.run("GETEX", "k"));
    assertEquals(bulk("v"), f.run("GETEX", "k", "EXAT", "1"));
    assertEquals(NIL, f.run("GET", "k"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("GETEX", "l", "EX", "0"));
  }

  @Test
  void getex_dirty_countsOnlyChanges() {
    f.run("SET", "k", "v");
    long d = f.engine.dirty();
    f.run("GETEX", "k");
    f.run("GETEX", "k", "PERSIST");
    assertEquals(d, f.engine.dirty());
    f.run("GETEX", "k", "PX", "100");
    f.run("GETEX", "k", "PERSIST");
    assertEquals(d + 2, f.engine.dirty());
  }

  // ------------------------------------------------------------------ MGET / MSET / MSETNX

  @Test
  void msetMgetMsetnx_behaveAsRedis() {
    assertEquals(err("ERR wrong number of arguments for 'mset' command"), f.run("MSET", "a", "b", "c"));
    assertEquals(err("ERR wrong number of arguments for 'msetnx' command"), f.run("MSETNX", "a", "b", "c"));
    assertEquals(OK, f.run("MSET", "a", "1", "b", "2", "a", "3"));
    f.putOther("l");
    assertEquals("*4\r\n" + bulk("3") + bulk("2") + NIL + NIL, f.run("MGET", "a", "b", "l", "nokey"));
    assertEquals(i(0), f.run("MSETNX", "x", "1", "a", "2"));
    assertEquals(NIL, f.run("GET", "x"));
    assertEquals(i(1), f.run("MSETNX", "x", "1", "y", "2"));
    assertEquals("*2\r\n" + bulk("1") + bulk("2"), f.run("MGET", "x", "y"));
    f.protocol(3);
    assertEquals("*2\r\n" + bulk("1") + "_\r\n", f.run("MGET", "x", "nokey"));
  }

  @Test
  void mset_overwritesOtherTypesAndClearsTtl() {
    f.putOther("l");
    f.run("SET", "t", "v", "EX", "100");
    assertEquals(OK, f.run("MSET", "l", "x", "t", "y"));
    assertEquals(bulk("x"), f.run("GET", "l"));
    assertEquals(-1, f.pttl("t"));
  }

  // ------------------------------------------------------------------ INCR family

  @Test
  void incr_nonCanonicalIntegers_areRejected() {
    for (String v : new String[] {" 1", "01", "+1", "-0", "1 ", "", "1.0", "abc"}) {
      f.run("SET", "a", v);
      assertEquals(NOT_INT, f.run("INCR", "a"), v);
    }
  }

  @Test
  void incrDecr_overflowAndLimits() {
    f.run("SET", "a", "9223372036854775807");
    assertEquals(err("ERR increment or decrement would overflow"), f.run("INCR", "a"));
    f.run("SET", "a", "-9223372036854775808");
    assertEquals(err("ERR increment or decrement would overflow"), f.run("DECR", "a"));
    assertEquals(NOT_INT, f.run("DECRBY", "a", "9223372036854775808"));
    assertEquals(err("ERR decrement would overflow"), f.run("DECRBY", "a", "-9223372036854775808"));
    assertEquals(err("ERR decrement would overflow"), f.run("DECRBY", "nokey", "-9223372036854775808"));
    assertEquals(err("ERR increment or decrement would overflow"), f.run("INCRBY", "a", "-9223372036854775808"));
    assertEquals(NOT_INT, f.run("INCRBY", "x", "1.5"));
    assertEquals(i(-9223372036854775807L), f.run("INCR", "a"));
  }

  @Test
  void incr_keepsTtlAndMakesInt() {
    f.run("SET", "k", "5", "EX", "100");
    assertEquals(i(6), f.run("INCR", "k"));
    assertEquals(100_000, f.pttl("k"));
    assertEquals(i(16), f.run("INCRBY", "k", "10"));
    assertEquals(i(6), f.run("DECRBY", "k", "10"));
    assertEquals(i(5), f.run("DECR", "k"));
    assertEquals("int", f.encoding("k"));
    f.run("APPEND", "r", "10");
    f.run("APPEND", "r", "0");
    assertEquals("raw", f.encoding("r"));
    assertEquals(i(101), f.run("INCR", "r"));
    assertEquals("int", f.encoding("r"));
  }

  @Test
  void incr_wrongTypeVsArgumentError_order() {
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("INCR", "l"));
    assertEquals(NOT_INT, f.run("INCRBY", "l", "abc"));
    assertEquals(WRONGTYPE, f.run("INCRBYFLOAT", "l", "abc"));
  }

  @Test
  void incrbyfloat_formatsAsRedis() {
    f.run("SET", "f", "10.5");
    assertEquals(bulk("10.6"), f.run("INCRBYFLOAT", "f", "0.1"));
    assertEquals(bulk("3010.60000000000000009"), f.run("INCRBYFLOAT", "f", "3.0e3"));
    assertEquals(bulk("8010.60000000000000009"), f.run("INCRBYFLOAT", "f", "5.0e3"));
    assertEquals(bulk("-10000"), f.run("INCRBYFLOAT", "f", "-18010.6"));
    assertEquals("embstr", f.encoding("f"));
    f.run("SET", "g", "1");
    assertEquals(bulk("1.3333333333333333"), f.run("INCRBYFLOAT", "g", "0.3333333333333333"));
    assertEquals(bulk("1.6666666666666666"), f.run("INCRBYFLOAT", "g", "0.3333333333333333"));
    assertEquals(bulk("1.9999999999999999"), f.run("INCRBYFLOAT", "g", "0.3333333333333333"));
    assertEquals(bulk("0.00000381469726562"), f.run("INCRBYFLOAT", "h", "0.000003814697265625"));
    assertEquals(bulk("0"), f.run("INCRBYFLOAT", "h4", "-5e-18"));
    assertEquals(bulk("100000000000000000000"), f.run("INCRBYFLOAT", "h6", "1e20"));
    assertEquals(bulk("12345678901234567889920"), f.run("INCRBYFLOAT", "h7", "12345678901234567890123"));
    assertEquals(bulk("0.5"), f.run("INCRBYFLOAT", "h8", "0x1p-1"));
    assertEquals(bulk("16"), f.run("INCRBYFLOAT", "h9", "0x10"));
    assertEquals(bulk("5"), f.run("INCRBYFLOAT", "h10", "+.5e+1"));
  }

  @Test
  void incrbyfloat_invalidAndNonFinite_areErrors() {
    for (String v : new String[] {"abc", " 1", "1 ", "nan", "", "1e", "0x", "1e-5000", "1e5000"}) {
      assertEquals(NOT_FLOAT, f.run("INCRBYFLOAT", "x", v), v);
    }
    String nanInf = err("ERR increment would produce NaN or Infinity");
    assertEquals(nanInf, f.run("INCRBYFLOAT", "x", "inf"));
    assertEquals(nanInf, f.run("INCRBYFLOAT", "x", "-Infinity"));
    f.run("SET", "x", "abc");
    assertEquals(NOT_FLOAT, f.run("INCRBYFLOAT", "x", "1"));
    f.run("SET", "big", "1e4932");
    assertEquals(nanInf, f.run("INCRBYFLOAT", "big", "1e4932"));
  }

  @Test
  void incrbyfloat_hugeValue_isRawAndExact() {
    String r = f.run("INCRBYFLOAT", "x", "1e4000");
    assertTrue(r.startsWith("$4000\r\n99999999999999999999654638730996"), r.substring(0, 40));
    assertEquals("raw", f.encoding("x"));
  }

  // ------------------------------------------------------------------ APPEND / STRLEN / ranges

  @Test
  void append_createsThenGoesRaw() {
    assertEquals(i(3), f.run("APPEND", "k", "123"));
    assertEquals("int", f.encoding("k"));
    assertEquals(i(4), f.run("APPEND", "k", "4"));
    assertEquals("raw", f.encoding("k"));
    assertEquals(bulk("1234"), f.run("GET", "k"));
    f.run("SET", "n", "12345");
    assertEquals(i(5), f.run("APPEND", "n", ""));
    assertEquals("raw", f.encoding("n"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("APPEND", "l", "x"));
  }

  @Test
  void append_manyTimes_buildsTheConcatenation() {
    StringBuilder expected = new StringBuilder();
    for (int n = 0; n < 300; n++) {
      String piece = "p" + n;
      expected.append(piece);
      assertEquals(i(expected.length()), f.run("APPEND", "k", piece));
    }
    assertEquals(bulk(expected.toString()), f.run("GET", "k"));
    assertEquals(i(expected.length()), f.run("STRLEN", "k"));
  }

  @Test
  void strlen_countsBytesOfAnyEncoding() {
    assertEquals(i(0), f.run("STRLEN", "nokey"));
    f.run("SET", "i", "-123");
    assertEquals(i(4), f.run("STRLEN", "i"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("STRLEN", "l"));
  }

  @Test
  void getrange_indicesAsRedis() {
    f.run("SET", "s", "Hello World");
    assertEquals(bulk("Hello World"), f.run("GETRANGE", "s", "0", "-1"));
    assertEquals(EMPTY, f.run("GETRANGE", "s", "-1", "-5"));
    assertEquals(bulk("World"), f.run("GETRANGE", "s", "-5", "-1"));
    assertEquals(EMPTY, f.run("GETRANGE", "s", "5", "3"));
    assertEquals(bulk("H"), f.run("GETRANGE", "s", "-100", "-50"));
    assertEquals(bulk("Hello World"), f.run("GETRANGE", "s", "-100", "100"));
    assertEquals(bulk("H"), f.run("GETRANGE", "s", "0", "-100"));
    assertEquals(EMPTY, f.run("GETRANGE", "s", "100", "200"));
    assertEquals(EMPTY, f.run("GETRANGE", "s", "9223372036854775807", "-9223372036854775808"));
    assertEquals(bulk("Hello World"), f.run("GETRANGE", "s", "-9223372036854775808", "9223372036854775807"));
    assertEquals(NOT_INT, f.run("GETRANGE", "nokey", "0", "abc"));
    assertEquals(EMPTY, f.run("GETRANGE", "nokey", "0", "-1"));
    f.run("SET", "e", "");
    assertEquals(EMPTY, f.run("GETRANGE", "e", "0", "-1"));
    assertEquals(EMPTY, f.run("GETRANGE", "e", "0", "0"));
    f.run("SET", "n", "12345");
    assertEquals(bulk("23"), f.run("GETRANGE", "n", "1", "2"));
    assertEquals(bulk("2345"), f.run("SUBSTR", "n", "1", "-1"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("GETRANGE", "l", "0", "-1"));
    assertEquals(NOT_INT, f.run("GETRANGE", "l", "a", "0"));
  }

  @Test
  void setrange_paddingLimitsAndErrors() {
    f.run("SET", "s", "Hello World");
    assertEquals(err("ERR offset is out of range"), f.run("SETRANGE", "s", "-1", "x"));
    String tooLong = err("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    assertEquals(tooLong, f.run("SETRANGE", "s", "536870912", "x"));
    assertEquals(tooLong, f.run("SETRANGE", "s", "9223372036854775807", "x"));
    assertEquals(i(11), f.run("SETRANGE", "s", "9223372036854775807", ""));
    assertEquals(i(0), f.run("SETRANGE", "nokey", "536870912", ""));
    assertEquals(tooLong, f.run("SETRANGE", "nokey", "536870912", "x"));
    assertEquals(i(0), f.run("SETRANGE", "nokey", "5", ""));
    assertEquals(NIL, f.run("GET", "nokey"));
    assertEquals(i(5), f.run("SETRANGE", "nokey", "3", "ab"));
    assertEquals(bulk("\0\0\0ab"), f.run("GET", "nokey"));
    assertEquals("raw", f.encoding("nokey"));
    assertEquals(i(11), f.run("SETRANGE", "s", "6", "Redis"));
    assertEquals(bulk("Hello Redis"), f.run("GET", "s"));
    f.putOther("l");
    assertEquals(WRONGTYPE, f.run("SETRANGE", "l", "0", "x"));
    assertEquals(WRONGTYPE, f.run("SETRANGE", "l", "0", ""));
    assertEquals(err("ERR offset is out of range"), f.run("SETRANGE", "l", "-1", ""));
    assertEquals(NOT_INT, f.run("SETRANGE", "l", "abc", "x"));
    f.run("SET", "n", "12345");
    assertEquals(i(5), f.run("SETRANGE", "n", "0", ""));
    assertEquals("int", f.encoding("n"));
    assertEquals(i(5), f.run("SETRANGE", "n", "0", "9"));
    assertEquals("raw", f.encoding("n"));
    assertEquals(bulk("92345"), f.run("GET", "n"));
  }

  // ------------------------------------------------------------------ LCS

  @Test
  void lcs_allReplyShapes() {
    f.run("MSET", "key1", "ohmytext", "key2", "mynewtext");
    assertEquals(bulk("mytext"), f.run("LCS", "key1", "key2"));
    assertEquals(i(6), f.run("LCS", "key1", "key2", "LEN"));
    String idx = "*4\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
        + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n";
    assertEquals(idx, f.run("LCS", "key1", "key2", "IDX"));
    assertEquals(idx, f.run("LCS", "key1", "key2", "MINMATCHLEN", "-5", "IDX"));
    assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
        + "$3\r\nlen\r\n:6\r\n", f.run("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
    f.protocol(3);
    assertEquals("%2" + idx.substring(2), f.run("LCS", "key1", "key2", "IDX"));
  }

  @Test
  void lcs_errorsInRedisOrder() {
    f.run("MSET", "key1", "ohmytext", "key2", "mynewtext");
    String both = err("ERR If you want both the length and indexes, please just use IDX.");
    assertEquals(both, f.run("LCS", "key1", "key2", "IDX", "LEN"));
    assertEquals(SYNTAX, f.run("LCS", "key1", "key2", "IDX", "LEN", "FOO"));
    assertEquals(SYNTAX, f.run("LCS", "key1", "key2", "MINMATCHLEN"));
    assertEquals(NOT_INT, f.run("LCS", "key1", "key2", "MINMATCHLEN", "abc"));
    f.putOther("l");
    String notStrings = err("ERR The specified keys must contain string values");
    assertEquals(notStrings, f.run("LCS", "key1", "l"));
    assertEquals(notStrings, f.run("LCS", "l", "key1", "FOO"));
    assertEquals(EMPTY, f.run("LCS", "key1", "nokey"));
    assertEquals("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", f.run("LCS", "nokey", "nokey2", "IDX"));
  }

  @Test
  void lcs_tableBeyondProtoMaxBulkLen_isRefused() {
    f.run("SETRANGE", "a", "11999", "x");
    f.run("SETRANGE", "b", "11999", "y");
    assertEquals(err("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
        f.run("LCS", "a", "b", "LEN"));
  }

  // ------------------------------------------------------------------ binary safety

  @Test
  void binaryValues_roundTrip() {
    byte[] v = new byte[256];
    for (int n = 0; n < v.length; n++) {
      v[n] = (byte) n;
    }
    byte[] k = {0, (byte) 0xff, '\r', '\n'};
    assertEquals(OK, f.run("SET".getBytes(StandardCharsets.US_ASCII), k, v));
    String reply = f.run("GET".getBytes(StandardCharsets.US_ASCII), k);
    assertEquals("$256\r\n" + new String(v, StandardCharsets.ISO_8859_1) + "\r\n", reply);
  }

  @Test
  void arity_isCheckedByTheTable() {
    assertEquals(err("ERR wrong number of arguments for 'get' command"), f.run("GET"));
    assertEquals(err("ERR wrong number of arguments for 'set' command"), f.run("SET", "k"));
    assertEquals(err("ERR wrong number of arguments for 'lcs' command"), f.run("LCS", "a"));
    assertEquals(err("ERR wrong number of arguments for 'getrange' command"), f.run("GETRANGE", "a", "1"));
  }
}
