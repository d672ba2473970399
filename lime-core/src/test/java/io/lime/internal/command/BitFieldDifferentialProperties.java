package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Tuple;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;

/**
 * Random BITFIELD programs (GET, SET, INCRBY on i1..i64 and u1..u63 fields at plain and
 * {@code #} offsets, OVERFLOW WRAP/SAT/FAIL in between, a few invalid tokens) over random
 * initial strings, against a real redis-server 7.0: replies and the resulting bytes are
 * identical, as are BITCOUNT and BITPOS over random ranges of the result.
 */
class BitFieldDifferentialProperties {
  private static Differential diff;

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
  Arbitrary<List<String>> op() {
    // invalid tokens are rare, so that most programs run
    Arbitrary<String> type = Arbitraries.frequencyOf(
        Tuple.of(30, Combinators.combine(Arbitraries.of("i", "u"),
            Arbitraries.integers().between(1, 64)).as((s, b) -> s + b)),
        Tuple.of(1, Arbitraries.of("u64", "i65", "i0", "x8")));
    Arbitrary<String> offset = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.integers().between(0, 90).map(String::valueOf)),
        Tuple.of(4, Arbitraries.integers().between(0, 5).map(i -> "#" + i)),
        Tuple.of(1, Arbitraries.of("-1", "x")));
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.longs().between(-300, 300).map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("9223372036854775807", "-9223372036854775808", "1", "-1", "0"));
    Arbitrary<List<String>> get = Combinators.combine(type, offset)
        .as((t, o) -> List.of("GET", t, o));
    Arbitrary<List<String>> set = Combinators.combine(Arbitraries.of("SET", "INCRBY"), type,
        offset, value).as((s, t, o, v) -> List.of(s, t, o, v));
    Arbitrary<List<String>> overflow = Arbitraries.of("WRAP", "SAT", "FAIL", "fail")
        .map(m -> List.of("OVERFLOW", m));
    return Arbitraries.frequencyOf(Tuple.of(3, get), Tuple.of(5, set),
        Tuple.of(2, overflow));
  }

  @Provide
  Arbitrary<String> initial() {
    return Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12),
        Arbitraries.longs().map(String::valueOf));
  }

  @Property(tries = 300)
  void bitfield_randomPrograms_identical(@ForAll("initial") String initial,
      @ForAll @Size(max = 6) List<@From("op") List<String>> program, @ForAll boolean readOnly) {
    diff.reset(3);
    if (!initial.isEmpty()) {
      diff.check("SET", "k", initial);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(readOnly ? "BITFIELD_RO" : "BITFIELD");
    cmd.add("k");
    program.forEach(cmd::addAll);
    diff.check(cmd.toArray(String[]::new));
    diff.check("GET", "k");
    diff.check("OBJECT", "ENCODING", "k");
    diff.check("BITCOUNT", "k", "1", "-2", "BIT");
    diff.check("BITPOS", "k", "0", "3", "-3", "BIT");
    diff.check("BITPOS", "k", "1", "-5");
  }
}
