package io.lime.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RequestParserProperties {

  /** A request stream and the commands it must yield. */
  record Stream(byte[] bytes, List<List<String>> expected) {
    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }
  }

  private static final String TOKEN_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:*$";

  @Provide
  Arbitrary<Stream> streams() {
    Arbitrary<byte[]> arg = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
        Arbitraries.of((byte) '\r', (byte) '\n', (byte) '*', (byte) '$', (byte) '"', (byte) 0)
            .array(byte[].class).ofMaxSize(6));
    Arbitrary<List<byte[]>> args = arg.list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 9);
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Combinators.combine(args.list().ofMaxSize(12), kind.list().ofSize(12), seeds)
        .as((cmds, kinds, seed) -> build(cmds, kinds, new Random(seed)));
  }

  private static Stream build(List<List<byte[]>> cmds, List<Integer> kinds, Random rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<List<String>> expected = new ArrayList<>();
    for (int c = 0; c < cmds.size(); c++) {
      int kind = kinds.get(c);
      List<byte[]> args = cmds.get(c);
      if (kind == 0) { // noise Redis ignores
        out.writeBytes(latin1(List.of("*0\r\n", "*-1\r\n", "\r\n", "\n", "  \t \r\n").get(rnd.nextInt(5))));
      }
      List<String> cmd = new ArrayList<>();
      if (kind <= 5) {
        out.writeBytes(latin1("*" + args.size() + "\r\n"));
        for (byte[] a : args) {
          out.writeBytes(latin1("$" + a.length + "\r\n"));
          out.writeBytes(a);
          out.writeBytes(latin1("\r\n"));
          cmd.add(new String(a, StandardCharsets.ISO_8859_1));
        }
      } else {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
          byte[] a = args.get(i);
          if (i > 0) {
            line.append(" \t".charAt(rnd.nextInt(2)));
          }
          boolean plain = a.length > 0 && (i > 0 || a[0] != '*');
          for (byte b : a) {
            plain &= TOKEN_CHARS.indexOf(b) >= 0;
          }
          if (plain) {
            line.append(new String(a, StandardCharsets.ISO_8859_1));
          } else { // quoted with \xHH escapes
            line.append('"');
            for (byte b : a) {
              line.append(String.format("\\x%02x", b & 0xff));
            }
            line.append('"');
          }
          cmd.add(new String(a, StandardCharsets.ISO_8859_1));
        }
        line.append(rnd.nextBoolean() ? "\r\n" : "\n");
        out.writeBytes(latin1(line.toString()));
      }
      expected.add(cmd);
    }
    return new Stream(out.toByteArray(), expected);
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int[] cuts(byte[] input, long seed, int maxCuts) {
    Random rnd = new Random(seed);
    if (input.length < 2) {
      return new int[0];
    }
    return rnd.ints(rnd.nextInt(maxCuts + 1), 1, input.length).sorted().distinct().toArray();
  }

  @Property(tries = 300)
  void anyChunking_ofValidStream_yieldsSameCommands(
      @ForAll("streams") Stream s, @ForAll long seed) {
    Commands one = Commands.oneShot(new RequestParser(), s.bytes());
    assertNull(one.error, () -> "unexpected " + one.errorText());
    assertEquals(s.expected(), one.commands);
    Commands chunked = Commands.chunked(new RequestParser(), s.bytes(), cuts(s.bytes(), seed, 40));
    assertNull(chunked.error);
    assertEquals(s.expected(), chunked.commands);
  }

  @Property(tries = 100)
  void byteAtATime_ofValidStream_yieldsSameCommands(@ForAll("streams") Stream s) {
    RequestParser p = new RequestParser();
    Commands c = Commands.byteAtATime(p, s.bytes());
    assertNull(c.error);
    assertEquals(s.expected(), c.commands);
    assertFalse(p.hasPartialCommand());
  }

  @Property(tries = 200)
  void handlerStopping_atRandom_resumesWithoutLoss(@ForAll("streams") Stream s, @ForAll long seed)
      throws ProtocolException {
    Random rnd = new Random(seed);
    RequestParser p = new RequestParser();
    List<List<String>> got = new ArrayList<>();
    CommandHandler h = a -> got.add(Commands.argv(a)) && rnd.nextInt(3) != 0;
    int from = 0;
    for (int cut : cuts(s.bytes(), seed, 8)) {
      p.parse(ByteBuffer.wrap(s.bytes(), from, cut - from), h);
      from = cut;
    }
    p.parse(ByteBuffer.wrap(s.bytes(), from, s.bytes().length - from), h);
    for (int guard = 0; p.hasBufferedInput() && guard < 10_000; guard++) {
      p.parse(ByteBuffer.allocate(0), h);
    }
    assertEquals(s.expected(), got);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<Byte> protocolish = Arbitraries.of(
        (byte) '*', (byte) '$', (byte) '\r', (byte) '\n', (byte) '"', (byte) '\'', (byte) '\\',
        (byte) 'x', (byte) ' ', (byte) '-', (byte) '0', (byte) '1', (byte) '2', (byte) '9',
        (byte) 0, (byte) 'a');
    Arbitrary<byte[]> structured = streams().map(Stream::bytes);
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(4096),
        protocolish.array(byte[].class).ofMaxSize(4096),
        Combinators.combine(structured, Arbitraries.integers().between(0, 4095), Arbitraries.bytes())
            .as((b, at, v) -> { // one corrupted byte in a valid stream
              byte[] c = b.clone();
              if (c.length > 0) {
                c[at % c.length] = v;
              }
              return c;
            }));
  }

  @Property(tries = 500)
  void randomBytes_yieldCommandsOrProtocolError_sameForAnyChunking_boundedMemory(
      @ForAll("noise") byte[] input, @ForAll long seed) {
    RequestParser one = new RequestParser();
    Commands a = Commands.oneShot(one, input); // any other exception fails the property
    RequestParser chunked = new RequestParser();
    Commands b = new Commands();
    int from = 0;
    int[] cuts = cuts(input, seed, 64);
    try {
      for (int k = 0; k <= cuts.length; k++) {
        int to = k < cuts.length ? cuts[k] : input.length;
        chunked.parse(ByteBuffer.wrap(input, from, to - from), b::record);
        from = to;
        assertTrue(chunked.argv().byteCapacity() <= 2L * input.length + 256,
            () -> "arena " + chunked.argv().byteCapacity() + " for " + input.length + " bytes");
        assertTrue(chunked.argv().argCapacity() <= input.length + 16);
        assertTrue(chunked.bufferedBytes() <= input.length);
      }
    } catch (ProtocolException e) {
      b.error = e;
    }
    assertEquals(a.commands, b.commands);
    assertEquals(a.errorText(), b.errorText());
    assertTrue(one.argv().byteCapacity() <= 2L * input.length + 256);
    if (a.error != null) {
      assertTrue(a.errorText().startsWith("ERR Protocol error: "), a.errorText());
    }
  }

  @Property(tries = 50)
  void trickledHugeBulk_growsArenaWithArrivedBytesOnly(@ForAll long seed) throws ProtocolException {
    Random rnd = new Random(seed);
    RequestParser p = new RequestParser();
    p.parse(ByteBuffer.wrap(latin1("*1\r\n$100000000\r\n")), a -> true);
    int fed = 0;
    for (int i = 0; i < 20; i++) {
      byte[] chunk = new byte[1 + rnd.nextInt(5000)];
      p.parse(ByteBuffer.wrap(chunk), a -> true);
      fed += chunk.length;
      assertTrue(p.argv().byteCapacity() <= 2 * fed + 256,
          "arena " + p.argv().byteCapacity() + " after " + fed + " payload bytes");
    }
    assertEquals(fed, p.bufferedBytes());
    assertTrue(p.hasPartialCommand());
  }
}
