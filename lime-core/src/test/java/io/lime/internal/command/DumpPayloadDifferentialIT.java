package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.resp.ProtocolException;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random values of every type and deterministic encoding (strings, lists, intsets, listpack
 * hashes, sorted sets in both encodings, random scores included): LIME's DUMP is Redis's DUMP
 * byte for byte (rdbcompression off), and each server RESTOREs the other's payload to a key
 * whose DUMP is the same again.
 */
class DumpPayloadDifferentialIT {
  static Differential diff;

  @BeforeContainer
  static void up() {
    diff = Differential.start();
  }

  @AfterContainer
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  @Provide
  Arbitrary<List<String>> commands() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(70),
        Arbitraries.longs().map(v -> String.valueOf(v)),
        Arbitraries.integers().between(-200, 200).map(v -> String.valueOf(v)));
    Arbitrary<String> score = Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e20, 1e20).map(d -> Double.toString(d)),
        Arbitraries.integers().between(-1000, 1000).map(v -> String.valueOf(v)),
        Arbitraries.of("inf", "-inf", "0.1", "1e-300", "123456789012345678"));
    Arbitrary<List<String>> string = text.map(v -> List.of("SET", "k", v));
    Arbitrary<List<String>> list = text.list().ofMinSize(1).ofMaxSize(300)
        .map(vs -> prefixed(List.of("RPUSH", "k"), vs));
    Arbitrary<List<String>> intset = Arbitraries.longs().map(v -> String.valueOf(v)).list()
        .ofMinSize(1).ofMaxSize(100).map(vs -> prefixed(List.of("SADD", "k"), vs));
    Arbitrary<String> shortText = Arbitraries.oneOf(  // within hash-max-listpack-value
        Arbitraries.strings().alpha().numeric().ofMaxLength(64),
        Arbitraries.longs().map(v -> String.valueOf(v)));
    Arbitrary<List<String>> hash = shortText.list().ofMinSize(2).ofMaxSize(60)
        .map(vs -> {
          List<String> argv = new ArrayList<>(List.of("HSET", "k"));
          for (int i = 0; i + 1 < vs.size(); i += 2) {
            argv.add("f" + i);
            argv.add(vs.get(i + 1));
          }
          return argv;
        });
    Arbitrary<List<String>> zset = score.list().ofMinSize(1).ofMaxSize(200)
        .map(ss -> {
          List<String> argv = new ArrayList<>(List.of("ZADD", "k"));
          for (int i = 0; i < ss.size(); i++) {
            argv.add(ss.get(i));
            argv.add("m" + i);
          }
          return argv;
        });
    return Arbitraries.oneOf(string, list, intset, hash, zset);
  }

  private static List<String> prefixed(List<String> head, List<String> tail) {
    List<String> out = new ArrayList<>(head);
    out.addAll(tail);
    return out;
  }

  private static byte[] bulk(byte[] reply) {
    try {
      return ((RespValue.Bulk) RespDecoder.decode(reply)).value();
    } catch (ProtocolException | ClassCastException e) {
      throw new AssertionError(Differential.show(reply), e);
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 60)
  void randomValue_samePayloadBothWays(@ForAll("commands") List<String> create) {
    samePayloadBothWays(create);
  }

  /** Integral scores are integers in the listpack only within +-2^62 (Redis's double2ll). */
  @Example
  void zsetScoresNearLongLimits_samePayloadBothWays() {
    samePayloadBothWays(List.of("ZADD", "k", "-5.2561860923644662E18", "a",
        "4611686018427387904", "b", "-4611686018427387904", "c", "4611686018427388928", "d",
        "-4611686018427388928", "e", "4503599627370497", "f", "9.2e18", "g"));
  }

  private static void samePayloadBothWays(List<String> create) {
    diff.reset(2);
    diff.check("CONFIG", "SET", "rdbcompression", "no");
    diff.check(create.toArray(String[]::new));
    byte[] redis = bulk(diff.redis("DUMP", "k"));
    byte[] lime = bulk(diff.lime("DUMP", "k"));
    assertArrayEquals(redis, lime, "DUMP of " + create);
    assertEquals("+OK\r\n", new String(diff.lime(b("RESTORE"), b("c"), b("0"), redis),
        StandardCharsets.UTF_8));
    assertEquals("+OK\r\n", new String(diff.redis(b("RESTORE"), b("c"), b("0"), lime),
        StandardCharsets.UTF_8));
    assertArrayEquals(redis, bulk(diff.lime("DUMP", "c")), "LIME's DUMP of Redis's payload");
    assertArrayEquals(lime, bulk(diff.redis("DUMP", "c")), "Redis's DUMP of LIME's payload");
    diff.check("OBJECT", "ENCODING", "c");
  }
}
