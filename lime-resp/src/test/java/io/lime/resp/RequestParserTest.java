package io.lime.resp;

import static io.lime.resp.Commands.bytes;
import static io.lime.resp.Commands.multibulk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  private static List<List<String>> parse(String input) {
    Commands c = Commands.oneShot(new RequestParser(), bytes(input));
    assertNull(c.error, () -> "unexpected " + c.errorText());
    Commands slow = Commands.byteAtATime(new RequestParser(), bytes(input));
    assertEquals(c.commands, slow.commands, "byte-at-a-time differs from one-shot");
    assertNull(slow.error);
    return c.commands;
  }

  private static String error(RequestParser p, String input) {
    Commands c = Commands.oneShot(p, bytes(input));
    assertTrue(c.error != null, () -> "expected an error, got " + c.commands);
    Commands slow = Commands.byteAtATime(newLike(p), bytes(input));
    assertEquals(c.errorText(), slow.errorText(), "byte-at-a-time error differs");
    assertEquals(c.commands, slow.commands);
    return c.errorText();
  }

  private static boolean unauthenticated;

  private static RequestParser newLike(RequestParser p) {
    RequestParser q = new RequestParser();
    q.setAuthenticated(!unauthenticated);
    return q;
  }

  private static String error(String input) {
    unauthenticated = false;
    return error(new RequestParser(), input);
  }

  private static String unauthError(String input) {
    unauthenticated = true;
    RequestParser p = new RequestParser();
    p.setAuthenticated(false);
    return error(p, input);
  }

  @Test
  void parse_multibulk_yieldsArguments() {
    assertEquals(List.of(List.of("SET", "k", "v")), parse(multibulk("SET", "k", "v")));
  }

  @Test
  void parse_pipelinedMixed_yieldsAllInOrder() {
    String in = multibulk("PING") + "ECHO hi\r\n" + multibulk("GET", "a\r\nb") + "PING\n";
    assertEquals(
        List.of(List.of("PING"), List.of("ECHO", "hi"), List.of("GET", "a\r\nb"), List.of("PING")),
        parse(in));
  }

  @Test
  void parse_emptyBulk_yieldsEmptyArgument() {
    assertEquals(List.of(List.of("ECHO", "")), parse("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"));
  }

  @Test
  void parse_zeroOrNegativeCount_isIgnored() {
    assertEquals(List.of(List.of("PING")), parse("*0\r\n*-1\r\n*-5\r\n" + multibulk("PING")));
  }

  @Test
  void parse_payloadNotFollowedByCrlf_skipsTwoBytesUnchecked() {
    assertEquals(List.of(List.of("PING"), List.of("PING")), parse("*1\r\n$4\r\nPINGXX" + multibulk("PING")));
  }

  @Test
  void parse_headerCrFollowedByAnyByte_acceptsIt() {
    assertEquals(List.of(List.of("PING")), parse("*1\rX$4\rYPINGzz"));
  }

  @Test
  void parse_garbageAfterCommand_isAnInlineCommand() {
    assertEquals(List.of(List.of("PING"), List.of("garbage", "here")),
        parse(multibulk("PING") + "garbage here\r\n"));
  }

  @Test
  void parse_maxIntCount_acceptedWithoutPreallocation() {
    RequestParser p = new RequestParser();
    Commands c = Commands.oneShot(p, bytes("*2147483647\r\n$3\r\nfoo\r\n"));
    assertNull(c.error);
    assertTrue(p.hasPartialCommand());
    assertTrue(p.argv().argCapacity() <= 16, "arg table grew ahead of input");
  }

  @Test
  void parse_hugeBulkHeader_doesNotPreallocate() {
    RequestParser p = new RequestParser();
    Commands c = Commands.oneShot(p, bytes("*1\r\n$500000000\r\nabc"));
    assertNull(c.error);
    assertTrue(p.argv().byteCapacity() <= 1024, "arena grew ahead of input");
  }

  @Test
  void parse_bulkOfExactlyMaxBulkLen_isAccepted() {
    Commands ok = Commands.oneShot(new RequestParser(4), bytes("*1\r\n$4\r\nPING\r\n"));
    assertEquals(List.of(List.of("PING")), ok.commands);
    Commands over = Commands.oneShot(new RequestParser(3), bytes("*1\r\n$4\r\nPING\r\n"));
    assertEquals("ERR Protocol error: invalid bulk length", over.errorText());
  }

  static Stream<Arguments> malformed() {
    String mb = "ERR Protocol error: invalid multibulk length";
    String bulk = "ERR Protocol error: invalid bulk length";
    String quotes = "ERR Protocol error: unbalanced quotes in request";
    return Stream.of(
        Arguments.of("*2147483648\r\n", mb),
        Arguments.of("*\r\n", mb),
        Arguments.of("*+1\r\n", mb),
        Arguments.of("*01\r\n", mb),
        Arguments.of("*1x\r\n", mb),
        Arguments.of("*99999999999999999999\r\n", mb),
        Arguments.of("*1\r\n$-1\r\n", bulk),
        Arguments.of("*1\r\n$-0\r\n", bulk),
        Arguments.of("*1\r\n$04\r\n", bulk),
        Arguments.of("*1\r\n$\r\n", bulk),
        Arguments.of("*1\r\n$536870913\r\n", bulk),
        Arguments.of("*1\r\n$100000000000000000000\r\n", bulk),
        Arguments.of("*3\r\nSET a b\r\n", "ERR Protocol error: expected '$', got 'S'"),
        Arguments.of("*1\r\n\r\n", "ERR Protocol error: expected '$', got ' '"),
        Arguments.of("*1\r\n\n\r\n", "ERR Protocol error: expected '$', got ' '"),
        Arguments.of("ECHO \"abc\r\n", quotes),
        Arguments.of("ECHO \"abc\"d\r\n", quotes),
        Arguments.of("ECHO 'abc\r\n", quotes),
        Arguments.of("ECHO 'a'b\r\n", quotes),
        Arguments.of("ECHO \"a\\\r\n", quotes));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void parse_malformed_failsWithRedisText(String input, String expected) {
    assertEquals(expected, error(input));
  }

  @Test
  void parse_highByteInsteadOfDollar_quotesTheRawByte() {
    RequestParser p = new RequestParser();
    Commands c = Commands.oneShot(p, bytes("*1\r\n\u00ff\r\n"));
    assertEquals("ERR Protocol error: expected '$', got '\u00ff'", c.errorText());
    assertArrayEquals(bytes("-ERR Protocol error: expected '$', got '\u00ff'\r\n"), c.error.replyBytes());
  }

  @Test
  void parse_unauthenticated_limitsCountAndBulkAfterValidity() {
    assertEquals("ERR Protocol error: unauthenticated multibulk length", unauthError("*11\r\n"));
    assertEquals("ERR Protocol error: invalid multibulk length", unauthError("*2147483648\r\n"));
    assertEquals("ERR Protocol error: unauthenticated bulk length", unauthError("*1\r\n$16385\r\n"));
    assertEquals("ERR Protocol error: invalid bulk length", unauthError("*1\r\n$-1\r\n"));
    assertEquals("ERR Protocol error: invalid bulk length", unauthError("*1\r\n$536870913\r\n"));
  }

  @Test
  void parse_unauthenticatedAtLimits_accepts() {
    RequestParser p = new RequestParser();
    p.setAuthenticated(false);
    Commands c = Commands.oneShot(p, bytes("*-1\r\n*10\r\n$16384\r\n"));
    assertNull(c.error);
    Commands inline = Commands.oneShot(p = new RequestParser(), bytes("PING" + " a".repeat(20) + "\r\n"));
    assertEquals(21, inline.commands.get(0).size());
  }

  @Test
  void parse_inlineLineOver64KibWithoutNewline_failsTooBig() {
    assertNull(Commands.oneShot(new RequestParser(), bytes("A".repeat(65536))).error);
    assertEquals("ERR Protocol error: too big inline request", error("A".repeat(65537)));
  }

  @Test
  void parse_inlineLineOver64KibInOneCall_isAcceptedAsRedisDoesWithinOneRead() {
    String big = "A".repeat(70000);
    assertEquals(List.of(List.of("ECHO", big)),
        Commands.oneShot(new RequestParser(), bytes("ECHO " + big + "\r\n")).commands);
  }

  @Test
  void parse_headerLinesOver64Kib_failTooBig() {
    assertNull(Commands.oneShot(new RequestParser(), bytes("*" + "1".repeat(65535))).error);
    assertEquals("ERR Protocol error: too big mbulk count string", error("*" + "1".repeat(65536)));
    assertEquals("ERR Protocol error: too big bulk count string", error("*1\r\n$" + "1".repeat(65536)));
  }

  @Test
  void parse_nulBeforeTerminator_hidesItUntilTooBig() {
    RequestParser p = new RequestParser();
    Commands c = Commands.oneShot(p, bytes("PING\0\r\nPING\r\n"));
    assertNull(c.error);
    assertTrue(c.commands.isEmpty());
    assertEquals("ERR Protocol error: too big inline request", error("PING\0" + "\n".repeat(65537)));
    assertEquals("ERR Protocol error: too big bulk count string",
        error("*1\r\n$1\0" + "1\r\n".repeat(22000)));
  }

  @Test
  void parse_commandsBeforeError_areDelivered() {
    Commands c = Commands.oneShot(new RequestParser(), bytes(multibulk("PING") + "*1\r\n$-1\r\n"));
    assertEquals(List.of(List.of("PING")), c.commands);
    assertEquals("ERR Protocol error: invalid bulk length", c.errorText());
  }

  @Test
  void parse_afterError_rethrowsUntilReset() throws ProtocolException {
    RequestParser p = new RequestParser();
    ProtocolException first = Commands.oneShot(p, bytes("*x\r\n")).error;
    ProtocolException again = assertThrows(ProtocolException.class,
        () -> p.parse(ByteBuffer.wrap(bytes("PING\r\n")), a -> true));
    assertSame(first, again);
    p.reset();
    List<List<String>> got = new ArrayList<>();
    p.parse(ByteBuffer.wrap(bytes("PING\r\n")), a -> got.add(Commands.argv(a)));
    assertEquals(List.of(List.of("PING")), got);
  }

  static Stream<Arguments> inlineQuoting() {
    return Stream.of(
        Arguments.of("ECHO \"a\\x41\\n\\q\"", List.of("ECHO", "aA\nq")),
        Arguments.of("SET \"\" x", List.of("SET", "", "x")),
        Arguments.of("a\"b c\"", List.of("ab c")),
        Arguments.of("ECHO 'it\\'s' 'a\\nb'", List.of("ECHO", "it's", "a\\nb")),
        Arguments.of("  ECHO\t x  ", List.of("ECHO", "x")),
        Arguments.of("\"\\x4g\"", List.of("x4g")),
        Arguments.of("\"\\xFf\"", List.of("\u00ff")),
        Arguments.of("\"\\t\\r\\b\\a\\\"\"", List.of("\t\r\b\u0007\"")),
        Arguments.of("'\\x41'", List.of("\\x41")),
        Arguments.of("ECHO \"a\"\u000bb", List.of("ECHO", "a", "b")),
        Arguments.of("x\"y\"\t'z'", List.of("xy", "z")));
  }

  @ParameterizedTest
  @MethodSource("inlineQuoting")
  void parse_inlineQuoting_followsSdssplitargs(String line, List<String> expected) {
    assertEquals(List.of(expected), parse(line + "\r\n"));
  }

  @Test
  void parse_inlineSeparators_asRedis() {
    assertEquals(List.of(List.of("ECHO", "a\u000bb")), parse("ECHO a\u000bb\r\n"));
    assertEquals(List.of(List.of("ECHO", "a", "b")), parse("ECHO a\rb\r\n"));
    assertEquals(List.of(List.of("ECHO", "ab")), parse("ECHO ab\r\r\n"));
    assertEquals(List.of(List.of("PING"), List.of("PING")), parse("PING\nPING\n"));
    assertEquals(List.of(List.of("PING")), parse("\r\n\n  \r\n\t\nPING\r\n"));
  }

  @Test
  void parse_handlerStops_restIsResumedFromAnEmptyBuffer() throws ProtocolException {
    RequestParser p = new RequestParser();
    String in = multibulk("A") + multibulk("B") + "C\r\n" + "*1\r\n$1\r\nD";
    List<List<String>> got = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(bytes(in));
    p.parse(buf, a -> got.add(Commands.argv(a)) && false);
    assertFalse(buf.hasRemaining());
    assertEquals(List.of(List.of("A")), got);
    assertTrue(p.hasBufferedInput());
    p.parse(ByteBuffer.allocate(0), a -> got.add(Commands.argv(a)) && false);
    assertEquals(List.of(List.of("A"), List.of("B")), got);
    p.parse(ByteBuffer.wrap(bytes("\r\n")), a -> got.add(Commands.argv(a)));
    assertEquals(List.of(List.of("A"), List.of("B"), List.of("C"), List.of("D")), got);
    assertFalse(p.hasBufferedInput());
    assertFalse(p.hasPartialCommand());
  }

  @Test
  void parse_handlerSetsUnauthenticated_appliesToNextCommand() {
    RequestParser p = new RequestParser();
    Commands c = new Commands();
    ProtocolException e = assertThrows(ProtocolException.class, () -> p.parse(
        ByteBuffer.wrap(bytes(multibulk("RESET") + "*1\r\n$20000\r\n")),
        a -> {
          p.setAuthenticated(false);
          return c.record(a);
        }));
    assertEquals("ERR Protocol error: unauthenticated bulk length", e.getMessage());
  }

  @Test
  void parse_directBuffer_works() throws ProtocolException {
    byte[] in = bytes(multibulk("SET", "k", "v") + "PING\r\n");
    ByteBuffer direct = ByteBuffer.allocateDirect(in.length).put(in).flip();
    List<List<String>> got = new ArrayList<>();
    new RequestParser().parse(direct, a -> got.add(Commands.argv(a)));
    assertEquals(List.of(List.of("SET", "k", "v"), List.of("PING")), got);
  }
}
