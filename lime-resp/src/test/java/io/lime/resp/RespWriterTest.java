package io.lime.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RespWriterTest {

  private static void golden(Consumer<RespWriter> reply, String resp2, String resp3) {
    for (int proto = 2; proto <= 3; proto++) {
      RespWriter w = new RespWriter(proto, 64);
      reply.accept(w);
      String expected = proto == 2 ? resp2 : resp3;
      assertEquals(show(expected.getBytes(StandardCharsets.ISO_8859_1)), show(w.toByteArray()),
          "RESP" + proto);
    }
  }

  private static String show(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void scalars_inBothProtocols_matchRedisBytes() {
    golden(RespWriter::ok, "+OK\r\n", "+OK\r\n");
    golden(w -> w.simple("PONG"), "+PONG\r\n", "+PONG\r\n");
    golden(w -> w.simple("a\r\nb"), "+a  b\r\n", "+a  b\r\n");
    golden(w -> w.error("ERR x\ny"), "-ERR x y\r\n", "-ERR x y\r\n");
    golden(w -> w.integer(12345), ":12345\r\n", ":12345\r\n"); // DEBUG PROTOCOL integer
    golden(w -> w.integer(0), ":0\r\n", ":0\r\n");
    golden(w -> w.integer(-1), ":-1\r\n", ":-1\r\n");
    golden(w -> w.integer(Long.MIN_VALUE), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n");
    golden(w -> w.integer(Long.MAX_VALUE), ":9223372036854775807\r\n", ":9223372036854775807\r\n");
    golden(w -> w.bulk("Hello World"), "$11\r\nHello World\r\n", "$11\r\nHello World\r\n");
    golden(w -> w.bulk(utf8("a\r\nb")), "$4\r\na\r\nb\r\n", "$4\r\na\r\nb\r\n");
    golden(w -> w.bulk(utf8("xaby"), 1, 2), "$2\r\nab\r\n", "$2\r\nab\r\n");
    golden(w -> w.bulk(""), "$0\r\n\r\n", "$0\r\n\r\n");
    golden(w -> w.bulk("é"), "$2\r\n\u00c3\u00a9\r\n", "$2\r\n\u00c3\u00a9\r\n");
    golden(w -> w.bulk(-42L), "$3\r\n-42\r\n", "$3\r\n-42\r\n");
    golden(RespWriter::nullBulk, "$-1\r\n", "_\r\n");
    golden(RespWriter::nullArray, "*-1\r\n", "_\r\n");
    golden(w -> w.bool(true), ":1\r\n", "#t\r\n");
    golden(w -> w.bool(false), ":0\r\n", "#f\r\n");
    golden(w -> w.bigNumber("1234567999999999999999999999999999999"),
        "$37\r\n1234567999999999999999999999999999999\r\n",
        "(1234567999999999999999999999999999999\r\n");
    golden(w -> w.verbatim("txt", "This is a verbatim\nstring"),
        "$25\r\nThis is a verbatim\nstring\r\n", "=29\r\ntxt:This is a verbatim\nstring\r\n");
  }

  @Test
  void aggregates_inBothProtocols_matchRedisBytes() {
    // DEBUG PROTOCOL array / set / map / push on redis-server 7.0.15
    golden(w -> {
      w.arrayHeader(3);
      w.integer(0);
      w.integer(1);
      w.integer(2);
    }, "*3\r\n:0\r\n:1\r\n:2\r\n", "*3\r\n:0\r\n:1\r\n:2\r\n");
    golden(w -> {
      w.setHeader(3);
      w.integer(0);
      w.integer(1);
      w.integer(2);
    }, "*3\r\n:0\r\n:1\r\n:2\r\n", "~3\r\n:0\r\n:1\r\n:2\r\n");
    golden(w -> {
      w.mapHeader(3);
      for (int i = 0; i < 3; i++) {
        w.integer(i);
        w.bool(i == 1);
      }
    }, "*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n", "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n");
    golden(w -> {
      w.pushHeader(2);
      w.bulk("server-cpu-usage");
      w.integer(42);
    }, "*2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n", ">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n");
    golden(w -> w.arrayHeader(0), "*0\r\n", "*0\r\n");
    golden(w -> w.arrayHeader(1000), "*1000\r\n", "*1000\r\n");
    golden(w -> w.mapHeader(200), "*400\r\n", "%200\r\n");
  }

  @Test
  void doubleValue_inBothProtocols_matchesRedisZscoreBytes() {
    golden(w -> w.doubleValue(1.1), "$18\r\n1.1000000000000001\r\n", ",1.1000000000000001\r\n");
    golden(w -> w.doubleValue(0.1 + 0.2), "$19\r\n0.30000000000000004\r\n", ",0.30000000000000004\r\n");
    golden(w -> w.doubleValue(1e17), "$5\r\n1e+17\r\n", ",1e+17\r\n");
    golden(w -> w.doubleValue(1e-5), "$22\r\n1.0000000000000001e-05\r\n", ",1.0000000000000001e-05\r\n");
    golden(w -> w.doubleValue(123.0), "$3\r\n123\r\n", ",123\r\n");
    golden(w -> w.doubleValue(-0.0), "$2\r\n-0\r\n", ",-0\r\n");
    golden(w -> w.doubleValue(0.0), "$1\r\n0\r\n", ",0\r\n");
    golden(w -> w.doubleValue(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
    golden(w -> w.doubleValue(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
    golden(w -> w.doubleValue(Double.NaN), "$3\r\nnan\r\n", ",nan\r\n");
    golden(w -> w.doubleValue(1e300), "$23\r\n1.0000000000000001e+300\r\n", ",1.0000000000000001e+300\r\n");
    golden(w -> w.doubleValue(5e-324), "$23\r\n4.9406564584124654e-324\r\n", ",4.9406564584124654e-324\r\n");
    golden(w -> w.doubleValue(1e16), "$17\r\n10000000000000000\r\n", ",10000000000000000\r\n");
    golden(w -> w.doubleValue(3.141), "$5\r\n3.141\r\n", ",3.141\r\n"); // DEBUG PROTOCOL double
  }

  @Test
  void encodeHelpers_produceRawReplies() {
    assertArrayEquals(utf8("-ERR syntax error\r\n"), RespWriter.encodeError("ERR syntax error"));
    assertArrayEquals(utf8("+QUEUED\r\n"), RespWriter.encodeSimple("QUEUED"));
    golden(w -> w.raw(RespWriter.encodeSimple("QUEUED")), "+QUEUED\r\n", "+QUEUED\r\n");
  }

  @Test
  void drainTo_smallDestination_movesEverythingInOrder() {
    RespWriter w = new RespWriter(2, 64);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      w.bulk("value-" + i);
      expected.append("$").append(("value-" + i).length()).append("\r\nvalue-").append(i).append("\r\n");
    }
    assertEquals(expected.length(), w.pendingBytes());
    ByteBuffer dst = ByteBuffer.allocate(7);
    StringBuilder got = new StringBuilder();
    while (!w.isEmpty()) {
      dst.clear();
      int n = w.drainTo(dst);
      assertTrue(n > 0);
      got.append(new String(dst.array(), 0, n, StandardCharsets.ISO_8859_1));
      if (got.length() % 3 == 0) {
        w.integer(7); // writes interleaved with partial drains stay in order
        expected.append(":7\r\n");
      }
    }
    assertEquals(expected.toString(), got.toString());
    assertEquals(0, w.size());
  }

  @Test
  void largeBulk_growsBuffer() {
    RespWriter w = new RespWriter(3, 64);
    byte[] big = new byte[100_000];
    w.bulk(big);
    assertEquals(100_000 + "$100000\r\n".length() + 2, w.size());
    assertEquals(0, w.offset());
  }

  @Test
  void setProtocol_invalid_throws() {
    assertThrows(IllegalArgumentException.class, () -> new RespWriter().setProtocol(4));
  }

  @Test
  void surrogates_encodeAsJavaUtf8() {
    String s = "a\uD83D\uDE00b\uD800c";
    golden(w -> w.bulk(s), "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n",
        "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n");
  }
}
