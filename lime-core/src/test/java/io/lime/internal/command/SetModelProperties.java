package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stateful property: random sequences of set commands (SADD, SREM, SPOP, SMOVE, the STORE
 * commands and CONFIG SET set-max-intset-entries) run through the dispatcher against a model
 * of plain {@link HashSet}s that also predicts each key's encoding by Redis's rules: a set is
 * created intset when its first member is a canonical integer, converts to hashtable when a
 * non-integer is added or it grows past the limit, and never converts back (shrinking or
 * raising the limit leaves it a hashtable). After every step every key's members, size,
 * existence and OBJECT ENCODING must match, and intset members must come out ascending.
 */
class SetModelProperties {
  private static final List<String> KEYS = List.of("a", "b", "c");
  private static final List<String> POOL = List.of("0", "1", "2", "-3", "7", "40000",
      "5000000000", "-9223372036854775808", "9223372036854775807", "01", "-0", "x", "y", "");

  sealed interface Op permits Add, Rem, Pop, Move, Store, Limit {}

  record Add(String key, List<String> members) implements Op {}

  record Rem(String key, List<String> members) implements Op {}

  /** SPOP key (count < 0) or SPOP key count. */
  record Pop(String key, int count) implements Op {}

  record Move(String src, String dst, String member) implements Op {}

  /** kind: SINTERSTORE, SUNIONSTORE or SDIFFSTORE. */
  record Store(String kind, String dst, List<String> srcs) implements Op {}

  record Limit(int max) implements Op {}

  /** One key of the model. */
  static final class ModelSet {
    final Set<String> members = new HashSet<>();
    boolean hashtable;
  }

  @Property(tries = 300)
  void commands_matchModel_includingEncodings(@ForAll("ops") List<Op> ops) {
    KeyFixture f = new KeyFixture();
    Map<String, ModelSet> model = new HashMap<>();
    long[] max = {512};
    for (Op op : ops) {
      apply(f, model, max, op);
      for (String k : KEYS) {
        verify(f, model.get(k), k, op);
      }
    }
  }

  private static boolean isInt(String m) {
    byte[] b = m.getBytes(StandardCharsets.UTF_8);
    return Numbers.isLong(b, 0, b.length);
  }

  /** setTypeAdd on the model: conversion on a non-integer or past the limit. */
  private static void add(ModelSet s, String m, long max) {
    if (!s.members.add(m) || s.hashtable) {
      return;
    }
    if (!isInt(m) || s.members.size() > max) {
      s.hashtable = true;
    }
  }

  private static ModelSet create(String first) {
    ModelSet s = new ModelSet();
    s.hashtable = !isInt(first);
    return s;
  }

  private static void apply(KeyFixture f, Map<String, ModelSet> model, long[] max, Op op) {
    if (op instanceof Add a) {
      List<String> cmd = new ArrayList<>(List.of("SADD", a.key()));
      cmd.addAll(a.members());
      ModelSet s = model.computeIfAbsent(a.key(), k -> create(a.members().get(0)));
      int before = s.members.size();
      for (String m : a.members()) {
        add(s, m, max[0]);
      }
      assertEquals(KeyFixture.i(s.members.size() - before), f.run(cmd.toArray(String[]::new)));
    } else if (op instanceof Rem r) {
      List<String> cmd = new ArrayList<>(List.of("SREM", r.key()));
      cmd.addAll(r.members());
      ModelSet s = model.get(r.key());
      int removed = 0;
      if (s != null) {
        for (String m : r.members()) {
          if (s.members.remove(m)) {
            removed++;
          }
        }
        if (s.members.isEmpty()) {
          model.remove(r.key());
        }
      }
      assertEquals(KeyFixture.i(removed), f.run(cmd.toArray(String[]::new)));
    } else if (op instanceof Pop p) {
      ModelSet s = model.get(p.key());
      String reply = p.count() < 0 ? f.run("SPOP", p.key())
          : f.run("SPOP", p.key(), String.valueOf(p.count()));
      List<String> popped = p.count() < 0 ? bulk(reply) : members(reply);
      int expected = s == null ? 0 : p.count() < 0 ? 1 : Math.min(p.count(), s.members.size());
      assertEquals(expected, popped.size(), reply);
      for (String m : popped) {
        assertTrue(s.members.remove(m), m);
      }
      if (s != null && s.members.isEmpty()) {
        model.remove(p.key());
      }
    } else if (op instanceof Move m) {
      ModelSet src = model.get(m.src());
      ModelSet dst = model.get(m.dst());
      int expected;
      if (src == null || !src.members.contains(m.member())) {
        expected = 0;
      } else if (src == dst) {
        expected = 1;
      } else {
        expected = 1;
        src.members.remove(m.member());
        if (src.members.isEmpty()) {
          model.remove(m.src());
        }
        if (dst == null) {
          dst = create(m.member());
          model.put(m.dst(), dst);
        }
        add(dst, m.member(), max[0]);
      }
      assertEquals(KeyFixture.i(expected), f.run("SMOVE", m.src(), m.dst(), m.member()));
    } else if (op instanceof Store st) {
      List<String> cmd = new ArrayList<>(List.of(st.kind(), st.dst()));
      cmd.addAll(st.srcs());
      ModelSet result = store(model, st, max[0]);
      if (result.members.isEmpty()) {
        model.remove(st.dst());
      } else {
        model.put(st.dst(), result);
      }
      assertEquals(KeyFixture.i(result.members.size()), f.run(cmd.toArray(String[]::new)));
    } else if (op instanceof Limit l) {
      max[0] = l.max();
      assertEquals(KeyFixture.OK,
          f.run("CONFIG", "SET", "set-max-intset-entries", String.valueOf(l.max())));
    }
  }

  /** The STORE commands on the model, with the encoding Redis's construction yields. */
  private static ModelSet store(Map<String, ModelSet> model, Store st, long max) {
    List<ModelSet> srcs = new ArrayList<>();
    for (String k : st.srcs()) {
      srcs.add(model.get(k));
    }
    ModelSet out = new ModelSet();
    switch (st.kind()) {
      case "SUNIONSTORE" -> {
        for (ModelSet s : srcs) {
          if (s != null) {
            out.members.addAll(s.members);
          }
        }
      }
      case "SINTERSTORE" -> {
        if (!srcs.contains(null)) {
          out.members.addAll(srcs.get(0).members);
          for (ModelSet s : srcs) {
            out.members.retainAll(s.members);
          }
        }
      }
      default -> {
        ModelSet first = srcs.get(0);
        boolean same = false;
        for (int j = 1; j < srcs.size(); j++) {
          same |= first != null && srcs.get(j) == first;
        }
        if (first != null && !same) {
          out.members.addAll(first.members);
          long one = 0;
          long two = 0;
          for (ModelSet s : srcs) {
            if (s != null) {
              one += first.members.size();
              two += s.members.size();
              if (s != first) {
                out.members.removeAll(s.members);
              }
            }
          }
          if (one / 2 > two) {
            // algorithm 2 copies the first set, then removes: it converts on the way
            out.hashtable = first.members.stream().anyMatch(m -> !isInt(m))
                || first.members.size() > max;
            return out;
          }
        }
      }
    }
    out.hashtable = out.members.stream().anyMatch(m -> !isInt(m)) || out.members.size() > max;
    return out;
  }

  private static void verify(KeyFixture f, ModelSet s, String key, Op after) {
    String ctx = key + " after " + after;
    if (s == null) {
      assertEquals(KeyFixture.i(0), f.run("EXISTS", key), ctx);
      return;
    }
    assertEquals(KeyFixture.i(s.members.size()), f.run("SCARD", key), ctx);
    List<String> got = members(f.run("SMEMBERS", key));
    assertEquals(new TreeSet<>(s.members), new TreeSet<>(got), ctx);
    String enc = s.hashtable ? "hashtable" : "intset";
    assertEquals(KeyFixture.bulk(enc), f.run("OBJECT", "ENCODING", key), ctx);
    if (!s.hashtable) {
      List<String> sorted = new ArrayList<>(got);
      sorted.sort(Comparator.comparingLong(Long::parseLong));
      assertEquals(sorted, got, ctx);
    }
  }

  /** The bulk strings of a flat aggregate reply (members have no CR LF). */
  private static List<String> members(String reply) {
    List<String> out = new ArrayList<>();
    String[] lines = reply.split("\r\n", -1);
    for (int k = 2; k < lines.length - 1; k += 2) {
      out.add(lines[k]);
    }
    return out;
  }

  private static List<String> bulk(String reply) {
    return reply.startsWith("$-1") ? List.of() : List.of(reply.split("\r\n", -1)[1]);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> member = Arbitraries.of(POOL);
    Arbitrary<String> many = Arbitraries.integers().between(0, 300).map(String::valueOf);
    Arbitrary<List<String>> some = Arbitraries.oneOf(member, many).list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<Op> add = Combinators.combine(key, some).as(Add::new);
    Arbitrary<Op> rem = Combinators.combine(key, some).as(Rem::new);
    Arbitrary<Op> pop = Combinators.combine(key, Arbitraries.integers().between(-1, 6))
        .as(Pop::new);
    Arbitrary<Op> move = Combinators.combine(key, key, Arbitraries.oneOf(member, many))
        .as(Move::new);
    Arbitrary<Op> store = Combinators.combine(
        Arbitraries.of("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"), key,
        key.list().ofMinSize(1).ofMaxSize(4)).as(Store::new);
    Arbitrary<Op> limit = Arbitraries.of(0, 1, 2, 3, 5, 8, 512).map(Limit::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, add), net.jqwik.api.Tuple.of(4, rem),
        net.jqwik.api.Tuple.of(2, pop), net.jqwik.api.Tuple.of(2, move),
        net.jqwik.api.Tuple.of(3, store), net.jqwik.api.Tuple.of(1, limit))
        .list().ofMaxSize(40);
  }
}
