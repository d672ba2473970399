package io.lime.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser's array fast path (heap buffers, whole well-formed multibulk commands) must
 * behave exactly as the byte-at-a-time state machine, which is all a direct buffer gets:
 * same commands, same protocol error, for any input, limits and chunking.
 */
class RequestParserFastPathProperties {

  private static final List<String> HEADER_PIECES = List.of(
      "*", "$", "\r", "\n", "\r\n", "0", "1", "2", "3", "9", "10", "11", "00", "01", "-1", "+1",
      "16384", "16385", "999999999", "1000000000", "abc", "\0", " ", "SET", "GET", "key");

  /** Streams of multibulk commands with some headers and bytes corrupted in protocol-ish ways. */
  @Provide
  Arbitrary<byte[]> inputs() {
    return Arbitraries.longs().map(RequestParserFastPathProperties::build);
  }

  private static byte[] build(long seed) {
    Random rnd = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int commands = 1 + rnd.nextInt(8);
    int bad = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(3); // corruption level
    for (int c = 0; c < commands; c++) {
      int argc = rnd.nextInt(14);
      out.writeBytes(Commands.bytes("*" + numberText(rnd, argc, bad) + lineEnd(rnd, bad)));
      for (int i = 0; i < argc; i++) {
        int len = rnd.nextInt(40) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(12);
        out.writeBytes(Commands.bytes((rnd.nextInt(100) < bad ? "+" : "$")
            + numberText(rnd, len, bad) + lineEnd(rnd, bad)));
        for (int k = 0; k < len; k++) {
          out.write(rnd.nextInt(8) == 0 ? "\r\n*$\0".charAt(rnd.nextInt(5)) : 'a' + rnd.nextInt(26));
        }
        out.writeBytes(Commands.bytes(rnd.nextInt(100) < bad ? "xy" : "\r\n"));
      }
      if (rnd.nextInt(30) < bad) {
        out.writeBytes(Commands.bytes(HEADER_PIECES.get(rnd.nextInt(HEADER_PIECES.size()))));
      }
    }
    byte[] b = out.toByteArray();
    if (b.length > 0 && rnd.nextInt(8) == 0) { // one stray byte
      b[rnd.nextInt(b.length)] = (byte) HEADER_PIECES.get(rnd.nextInt(HEADER_PIECES.size())).charAt(0);
    }
    if (b.length > 0 && rnd.nextInt(4) == 0) { // truncated
      b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
    }
    return b;
  }

  private static String numberText(Random rnd, int n, int bad) {
    return switch (bad == 0 ? 99 : rnd.nextInt(100)) {
      case 0 -> "0" + n;
      case 1 -> "+" + n;
      case 2 -> "-" + n;
      case 3 -> n + "x";
      case 4 -> "";
      case 5 -> HEADER_PIECES.get(rnd.nextInt(HEADER_PIECES.size()));
      default -> Integer.toString(n);
    };
  }

  private static String lineEnd(Random rnd, int bad) {
    return switch (bad == 0 ? 99 : rnd.nextInt(60)) {
      case 0 -> "\rX";
      case 1 -> "\n";
      case 2 -> "\0\r\n";
      default -> "\r\n";
    };
  }

  @Property(tries = 400)
  void heapAndDirectBuffers_anyInputAndChunking_sameCommandsAndError(
      @ForAll("inputs") byte[] input, @ForAll long seed) {
    Random rnd = new Random(seed);
    boolean authenticated = rnd.nextInt(3) != 0;
    long maxBulkLen = rnd.nextBoolean() ? RequestParser.DEFAULT_MAX_BULK_LEN : rnd.nextInt(16);
    int[] cuts = rnd.nextBoolean() ? new int[0]
        : rnd.ints(rnd.nextInt(8), 0, input.length + 1).sorted().distinct().toArray();
    Commands heap = run(input, cuts, false, authenticated, maxBulkLen);
    Commands direct = run(input, cuts, true, authenticated, maxBulkLen);
    assertEquals(direct.commands, heap.commands);
    assertEquals(direct.errorText(), heap.errorText());
  }

  @Property(tries = 100)
  void heapAndDirectBuffers_handlerStopsAtRandom_sameCommands(
      @ForAll("inputs") byte[] input, @ForAll long seed) {
    Commands heap = runStopping(input, seed, false);
    Commands direct = runStopping(input, seed, true);
    assertEquals(direct.commands, heap.commands);
    assertEquals(direct.errorText(), heap.errorText());
  }

  private static Commands run(byte[] input, int[] cuts, boolean direct, boolean authenticated,
      long maxBulkLen) {
    RequestParser p = new RequestParser(maxBulkLen);
    p.setAuthenticated(authenticated);
    Commands c = new Commands();
    int from = 0;
    try {
      for (int k = 0; k <= cuts.length; k++) {
        int to = k < cuts.length ? cuts[k] : input.length;
        p.parse(buffer(input, from, to, direct), c::record);
        from = to;
      }
    } catch (ProtocolException e) {
      c.error = e;
    }
    return c;
  }

  private static Commands runStopping(byte[] input, long seed, boolean direct) {
    Random rnd = new Random(seed);
    RequestParser p = new RequestParser();
    Commands c = new Commands();
    CommandHandler h = a -> {
      c.record(a);
      return rnd.nextInt(3) != 0;
    };
    try {
      p.parse(buffer(input, 0, input.length, direct), h);
      for (int guard = 0; p.hasBufferedInput() && guard < 10_000; guard++) {
        p.parse(buffer(input, 0, 0, direct), h);
      }
    } catch (ProtocolException e) {
      c.error = e;
    }
    return c;
  }

  private static ByteBuffer buffer(byte[] input, int from, int to, boolean direct) {
    if (!direct) {
      return ByteBuffer.wrap(input, from, to - from);
    }
    ByteBuffer b = ByteBuffer.allocateDirect(to - from);
    b.put(input, from, to - from).flip();
    return b;
  }
}
