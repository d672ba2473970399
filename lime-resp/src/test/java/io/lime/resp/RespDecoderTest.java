package io.lime.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** DEBUG PROTOCOL string..false on redis-server 7.0.15 after HELLO 3, as sent. */
  private static final String REDIS_RESP3 = "$11\r\nHello World\r\n:12345\r\n,3.141\r\n"
      + "(1234567999999999999999999999999999999\r\n_\r\n*3\r\n:0\r\n:1\r\n:2\r\n"
      + "~3\r\n:0\r\n:1\r\n:2\r\n%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n"
      + "|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n"
      + "$39\r\nSome real reply following the attribute\r\n"
      + ">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n"
      + "=29\r\ntxt:This is a verbatim\nstring\r\n#t\r\n#f\r\n";

  @Test
  void decodeAll_redisDebugProtocolResp3_yieldsEveryType() throws ProtocolException {
    List<RespValue> v = RespDecoder.decodeAll(b(REDIS_RESP3));
    RespValue.Integer i0 = new RespValue.Integer(0);
    RespValue.Integer i1 = new RespValue.Integer(1);
    RespValue.Integer i2 = new RespValue.Integer(2);
    List<RespValue> expected = List.of(
        RespValue.bulk("Hello World"),
        new RespValue.Integer(12345),
        new RespValue.Double(3.141),
        new RespValue.BigNumber(new BigInteger("1234567999999999999999999999999999999")),
        RespValue.NULL,
        RespValue.array(i0, i1, i2),
        new RespValue.Set(List.of(i0, i1, i2)),
        new RespValue.Map(List.of(
            new RespValue.Pair(i0, new RespValue.Boolean(false)),
            new RespValue.Pair(i1, new RespValue.Boolean(true)),
            new RespValue.Pair(i2, new RespValue.Boolean(false)))),
        new RespValue.Attribute(
            List.of(new RespValue.Pair(RespValue.bulk("key-popularity"),
                RespValue.array(RespValue.bulk("key:123"), new RespValue.Integer(90)))),
            RespValue.bulk("Some real reply following the attribute")),
        new RespValue.Push(List.of(RespValue.bulk("server-cpu-usage"), new RespValue.Integer(42))),
        RespValue.bulk("Some real reply following the push reply"),
        new RespValue.Verbatim("txt", "This is a verbatim\nstring"),
        new RespValue.Boolean(true),
        new RespValue.Boolean(false));
    assertEquals(expected, v);
  }

  @Test
  void next_byteAtATime_yieldsSameValues() throws ProtocolException {
    byte[] all = b(REDIS_RESP3 + "*-1\r\n$-1\r\n-ERR x\r\n!5\r\nERR y\r\n+OK\r\n");
    RespDecoder d = new RespDecoder();
    List<RespValue> got = new ArrayList<>();
    for (byte x : all) {
      d.feed(new byte[] {x});
      for (RespValue v = d.next(); v != null; v = d.next()) {
        got.add(v);
      }
    }
    assertEquals(RespDecoder.decodeAll(all), got);
    assertEquals(RespValue.NULL_ARRAY, got.get(14));
    assertEquals(RespValue.NULL_BULK, got.get(15));
    assertEquals(new RespValue.Error("ERR x"), got.get(16));
    assertEquals(new RespValue.Error("ERR y"), got.get(17));
    assertEquals(new RespValue.SimpleString("OK"), got.get(18));
  }

  @Test
  void next_nestingAtLimit_decodes_beyondLimit_fails() throws ProtocolException {
    String ok = "*1\r\n".repeat(1000) + ":1\r\n";
    RespValue v = RespDecoder.decode(b(ok));
    for (int i = 0; i < 1000; i++) {
      v = ((RespValue.Array) v).elements().get(0);
    }
    assertEquals(new RespValue.Integer(1), v);
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> RespDecoder.decode(b("*1\r\n".repeat(1001) + ":1\r\n")));
    assertEquals("Protocol error: nesting deeper than 1000", e.getMessage());
  }

  @Test
  void next_hugeDeclaredLengths_allocateNothingUpFront() throws ProtocolException {
    RespDecoder d = new RespDecoder();
    d.feed(b("*2000000000\r\n$2000000000\r\nabc"));
    assertNull(d.next());
    RespDecoder e = new RespDecoder();
    e.feed(b("%1000000000\r\n"));
    assertNull(e.next());
  }

  @Test
  void decode_malformed_throws() {
    for (String bad : List.of("?x\r\n", ":12a\r\n", ":99999999999999999999\r\n", "$3\r\nabcd\r\n",
        "*-2\r\n", "#x\r\n", ",1.5x\r\n", ",Infinity\r\n", "+a\rb\r\n", "=3\r\ntxt\r\n", ":1\r\n:2\r\n",
        "$3\r\nab")) {
      assertThrows(ProtocolException.class, () -> RespDecoder.decode(b(bad)), bad);
    }
  }

  @Test
  void decode_integerExtremes_parseExactly() throws ProtocolException {
    assertEquals(new RespValue.Integer(Long.MIN_VALUE), RespDecoder.decode(b(":-9223372036854775808\r\n")));
    assertEquals(new RespValue.Integer(Long.MAX_VALUE), RespDecoder.decode(b(":9223372036854775807\r\n")));
    assertThrows(ProtocolException.class, () -> RespDecoder.decode(b(":9223372036854775808\r\n")));
  }

  @Test
  void decode_specialDoubles() throws ProtocolException {
    assertEquals(new RespValue.Double(Double.POSITIVE_INFINITY), RespDecoder.decode(b(",inf\r\n")));
    assertEquals(new RespValue.Double(Double.NEGATIVE_INFINITY), RespDecoder.decode(b(",-inf\r\n")));
    assertTrue(Double.isNaN(((RespValue.Double) RespDecoder.decode(b(",nan\r\n"))).value()));
    assertEquals(new RespValue.Double(1e17), RespDecoder.decode(b(",1e+17\r\n")));
  }

  @Test
  void describe_rendersReadably() throws ProtocolException {
    RespValue v = RespDecoder.decode(b("*4\r\n+OK\r\n$3\r\na\r\n\r\n%1\r\n:1\r\n_\r\n,1.5\r\n"));
    assertEquals("[+OK, \"a\\r\\n\", {:1: nil}, ,1.5]", RespValue.describe(v));
    assertEquals("\"\\x00\\xff\"", new RespValue.Bulk(new byte[] {0, -1}).describe());
  }
}
