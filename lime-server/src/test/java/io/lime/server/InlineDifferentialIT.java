package io.lime.server;

import static io.lime.server.WireDifferential.ascii;
import static io.lime.server.WireDifferential.concat;
import static io.lime.server.WireDifferential.encode;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inline (telnet style) commands, pipelines and requests split across writes, over TCP, LIME
 * against redis-server 7.0.15 under RESP2 and RESP3.
 */
class InlineDifferentialIT {
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start();
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  private static WireDifferential.Pair open(int resp) {
    WireDifferential.Pair p = wire.connect();
    if (resp == 3) {
      p.checkRaw(encode("HELLO", "3"), 1, WireDifferential::maskHelloId);
    }
    p.check("SELECT", Integer.toString(resp)); // one database per protocol: no interference
    p.check("FLUSHDB");
    return p;
  }

  static Stream<Arguments> inlineLines() {
    String[][] cases = {
        {"PING\r\n", "1"}, {"PING\n", "1"}, {"ping\r\n", "1"}, {"PING hello\r\n", "1"},
        {"PING a b\r\n", "1"}, {"ECHO\r\n", "1"}, {"\r\n\r\n \r\n\t\r\n\nPING\r\n", "1"},
        {"  SET   k1    v1   \r\nGET k1\r\n", "2"},
        {"ECHO \"a\\x41\\x7a\\n\\r\\t\\b\\a\\\\\\\"z\"\r\n", "1"},
        {"ECHO \"\\xzz\\x4\"\r\n", "1"}, {"ECHO \"\\q\"\r\n", "1"},
        {"ECHO 'it\\'s \\x41 \"q\"'\r\n", "1"}, {"ECHO ''\r\n", "1"}, {"ECHO \"\"\r\n", "1"},
        {"SET k2 a\"b c\"\r\nGET k2\r\n", "2"}, {"SET k3 a'b c'\r\nGET k3\r\n", "2"},
        {"ECHO a\rb\r\n", "1"}, {"ECHO a\r\r\n", "1"}, {"ECHO a\tb\r\n", "1"},
        {"ECHO \u00e9\u00ff\u0001\r\n", "1"}, {"ECHO \"\u00e9\"\r\n", "1"},
        {"SET k4 \"multi word value\"\r\nGET k4\r\nSTRLEN k4\r\n", "3"},
        {"GET nokey\r\nMGET nokey k1\r\nEXISTS nokey\r\n", "3"},
        {"NOSUCH a b\r\n", "1"}, {"\"PING\"\r\n", "1"}, {"'ECHO' x\r\n", "1"},
        {"ECHO \"a\"\r\nECHO 'b'\r\n", "2"},
        {"PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nECHO inline\r\n*1\r\n$4\r\nPING\r\nPING x\n", "5"},
        {"*1\r\n$4\r\nPING\r\n\r\n*1\r\n$4\r\nPING\r\n", "2"},
    };
    return Stream.of(2, 3).flatMap(resp -> Stream.of(cases)
        .map(c -> Arguments.of(resp, c[0], Integer.parseInt(c[1]))));
  }

  @ParameterizedTest(name = "RESP{0} {1}")
  @MethodSource("inlineLines")
  void inline_repliesAsRedis(int resp, String request, int replies) {
    try (WireDifferential.Pair p = open(resp)) {
      p.checkRaw(request, replies);
      p.checkRaw(request, replies); // again, now that keys exist
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void pipelineOf1000MixedCommands_inOneWrite(int resp) {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    Random rnd = new Random(resp);
    for (int i = 0; i < 1000; i++) {
      String k = "k" + rnd.nextInt(20);
      switch (i % 10) {
        case 0 -> req.writeBytes(encode("SET", k, "v" + i));
        case 1 -> req.writeBytes(ascii("GET " + k + "\r\n"));
        case 2 -> req.writeBytes(encode("INCR", "counter"));
        case 3 -> req.writeBytes(ascii("APPEND " + k + " \"x y\"\n"));
        case 4 -> req.writeBytes(encode("MGET", k, "missing", "counter"));
        case 5 -> req.writeBytes(ascii("INCRBYFLOAT f 0.1\r\n"));
        case 6 -> req.writeBytes(encode("DEL", "k" + rnd.nextInt(20)));
        case 7 -> req.writeBytes(ascii("EXISTS " + k + " counter\r\n"));
        case 8 -> req.writeBytes(encode("INCR", k)); // mostly an error: not an integer
        default -> req.writeBytes(ascii("ECHO " + i + "\r\n"));
      }
    }
    try (WireDifferential.Pair p = open(resp)) {
      p.checkRaw(req.toByteArray(), 1000);
      p.check("DBSIZE");
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void pipelineWithMegabytesOfReplies_keepsOrder_thenProtocolError(int resp) {
    String value = "v".repeat(8 * 1024);
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    for (int i = 0; i < 1000; i++) { // 8 MB of replies: LIME pauses parsing at 1 MiB pending
      req.writeBytes(ascii(i % 100 == 0 ? "ECHO " + i + "\r\n" : "GET big\r\n"));
    }
    try (WireDifferential.Pair p = open(resp)) {
      p.check("SET", "big", value);
      p.checkRaw(req.toByteArray(), 1000);
      req.writeBytes(ascii("*1\r\n$-1\r\nPING\r\n")); // the error after 8 MB of replies
      p.checkUntilClose(req.toByteArray());
    }
    try (WireDifferential.Pair p = open(resp)) {
      req.reset();
      for (int i = 0; i < 300; i++) {
        req.writeBytes(encode(i == 200 ? "QUIT" : "GET", "big"));
      }
      p.checkRaw(encode("SET", "big", value), 1);
      p.checkUntilClose(req.toByteArray()); // QUIT after 200 replies: the rest is dropped
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void requestSplitOneByteAtATime_isReassembled(int resp) {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    byte[] req = concat(
        encode("SET", "split", "value"),
        ascii("GET split\r\n"),
        ascii("*3\r\n$3\r\nSET\r\n$3\r\nbin\r\n$256\r\n"), binary, ascii("\r\n"),
        encode("GET", "bin"),
        ascii("ECHO \"quoted \\x41 arg\"\n"),
        encode("INCRBYFLOAT", "fl", "1.5"),
        ascii("\r\nPING\r\n")); // the empty line is skipped: 7 replies
    try (WireDifferential.Pair p = open(resp)) {
      p.checkSplit(req, 1, 7);
    }
    for (int chunk : new int[] {2, 3, 7, 13}) {
      try (WireDifferential.Pair p = open(resp)) {
        p.checkSplit(req, chunk, 7);
      }
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void protocolErrorSplitAcrossWrites_isFound(int resp) {
    try (WireDifferential.Pair p = open(resp)) {
      byte[] req = ascii("PING\r\n*2\r\n$4\r\nECHO\r\n$x\r\n");
      for (int i = 0; i < req.length; i++) {
        p.redis.send(new byte[] {req[i]});
        p.lime.send(new byte[] {req[i]});
      }
      p.checkUntilClose(new byte[0]);
    }
  }
}
