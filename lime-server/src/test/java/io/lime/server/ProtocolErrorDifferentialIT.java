package io.lime.server;

import static io.lime.server.WireDifferential.ascii;
import static io.lime.server.WireDifferential.concat;
import static io.lime.server.WireDifferential.encode;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol errors over TCP, LIME against redis-server 7.0.15 with {@code proto-max-bulk-len
 * 1mb} (its minimum): each request is sent as raw bytes in one write and everything each
 * server writes until it closes the connection is compared, under RESP2 and RESP3.
 */
class ProtocolErrorDifferentialIT {
  private static final int INLINE_MAX = 64 * 1024;
  private static final int MAX_BULK = 1024 * 1024;
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start("--proto-max-bulk-len", "1mb");
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
    return p;
  }

  static Stream<Arguments> closingRequests() {
    String[] requests = {
        // multibulk count
        "*abc\r\n", "*2147483648\r\n", "*99999999999999999999\r\n", "*01\r\n", "*+1\r\n",
        "*-0\r\n", "* 1\r\n", "*1 \r\n", "*\r\n", "*1a\r\n",
        // expected '$'
        "*1\r\nX\r\n", "*3\r\nSET a b\r\n", "*1\r\n\r\n", "*1\r\n\n\r\n", "*1\r\n\u00ff\r\n",
        "*2147483647\r\n*1\r\n", "*2\r\n$4\r\nPING\r\n:1\r\n", "*1\r\n $4\r\nPING\r\n",
        // bulk length
        "*1\r\n$-1\r\n", "*1\r\n$abc\r\n", "*1\r\n$\r\n", "*1\r\n$+4\r\nPING\r\n",
        "*1\r\n$04\r\nPING\r\n", "*1\r\n$-0\r\n", "*1\r\n$" + (MAX_BULK + 1) + "\r\n",
        "*1\r\n$99999999999999999999\r\n", "*1\r\n$9223372036854775807\r\n",
        "*1\r\n$4 \r\nPING\r\n",
        // inline quoting
        "SET \"a b\r\n", "SET 'a\r\n", "SET \"a\"b c\r\n", "SET 'a'b c\r\n", "ECHO \"\\\r\n",
        "ECHO \"abc\\\"\r\n",
        // commands before the error run first; the rest is dropped
        "PING\r\n*1\r\n$4\r\nPING\r\nECHO a\r\n*abc\r\nPING\r\n",
        "*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n*1\r\n$-1\r\n*1\r\n$4\r\nPING\r\n",
        "PING\r\nPING\r\nSET \"x\r\nPING\r\n",
    };
    return Stream.of(2, 3).flatMap(resp -> Arrays.stream(requests)
        .map(r -> Arguments.of(resp, r)));
  }

  @ParameterizedTest(name = "RESP{0} {1}")
  @MethodSource("closingRequests")
  void protocolError_repliesThenCloses(int resp, String request) {
    try (WireDifferential.Pair p = open(resp)) {
      p.checkUntilClose(request);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void ignoredAndLenientForms_runLikeRedis(int resp) {
    try (WireDifferential.Pair p = open(resp)) {
      p.checkRaw("*-5\r\nPING\r\n", 1);               // negative count: ignored
      p.checkRaw("*0\r\n*-1\r\nPING\r\n", 1);
      p.checkRaw("*1\rX$4\rYPING\r\n", 1);            // the byte after a header CR is skipped
      p.checkRaw("*1\r\n$4\r\nPINGXX", 1);            // the payload trailer is not checked
      p.checkRaw("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", 1);
      p.checkRaw("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPI", 1);
      p.checkRaw("NG\r\n", 1);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void bulkAtProtoMaxBulkLen_isAccepted(int resp) {
    byte[] big = new byte[MAX_BULK];
    Arrays.fill(big, (byte) 'b');
    try (WireDifferential.Pair p = open(resp)) {
      p.checkRaw(concat(ascii("*2\r\n$4\r\nECHO\r\n$" + MAX_BULK + "\r\n"), big, ascii("\r\n")), 1);
      p.checkUntilClose(concat(ascii("*2\r\n$4\r\nECHO\r\n$" + (MAX_BULK + 1) + "\r\n"), big));
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void inlineLongerThan64KiB_withoutNewline_isTooBig(int resp) {
    for (int size : new int[] {INLINE_MAX + 1, 200 * 1024}) {
      try (WireDifferential.Pair p = open(resp)) {
        p.checkUntilClose(filled("ECHO ", size, 'a', ""));
      }
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void inlineOf64KiB_completedByALaterWrite_runs(int resp) {
    try (WireDifferential.Pair p = open(resp)) {
      byte[] line = filled("ECHO ", INLINE_MAX, 'a', "");
      p.redis.send(line);
      p.lime.send(line);
      p.checkRaw("\r\nPING\r\n", 2);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void nulBeforeNewline_hidesIt_untilTooBig(int resp) {
    try (WireDifferential.Pair p = open(resp)) {
      p.checkUntilClose(concat(ascii("PING\r\nGET\0\r\n"), filled("", INLINE_MAX + 10, 'x', "\r\n")));
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void headerLinesLongerThan64KiB_areTooBig(int resp) {
    try (WireDifferential.Pair p = open(resp)) {
      p.checkUntilClose(filled("*", 70_000, '1', ""));
    }
    try (WireDifferential.Pair p = open(resp)) {
      p.checkUntilClose(filled("*1\r\n$", 70_000, '1', ""));
    }
    try (WireDifferential.Pair p = open(resp)) { // LF alone does not end a header line
      p.checkUntilClose(filled("*1\n$4\nPING\n", 70_000, 'x', ""));
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void writesBeforeAnError_areApplied_afterItDropped(int resp) {
    String key = "pe" + resp;
    try (WireDifferential.Pair p = open(resp)) {
      p.check("DEL", key, key + "b");
      p.checkUntilClose("SET " + key + " v\r\n*x\r\nSET " + key + "b v\r\n");
    }
    try (WireDifferential.Pair p = open(resp)) {
      p.check("MGET", key, key + "b");
    }
  }

  /** {@code prefix} + {@code fill} repeated up to {@code size} bytes in all + {@code suffix}. */
  private static byte[] filled(String prefix, int size, char fill, String suffix) {
    byte[] b = new byte[size + suffix.length()];
    Arrays.fill(b, (byte) fill);
    System.arraycopy(ascii(prefix), 0, b, 0, prefix.length());
    System.arraycopy(ascii(suffix), 0, b, size, suffix.length());
    return b;
  }
}
