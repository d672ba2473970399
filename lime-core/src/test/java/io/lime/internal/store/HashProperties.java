package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lime.HashView;
import io.lime.LimeException;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.HashType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A stateful property: random chains of hash operations (through the typed view) and
 * threshold changes (as CONFIG SET would make them), checked after every step against a
 * {@link LinkedHashMap} model plus a model of Redis's encoding rules: a hash is created as
 * a listpack, becomes a hashtable when a field or value longer than the value limit is
 * written or when it grows past the entry limit, and never converts back; the key vanishes
 * when the last field goes. Listpack hashes must also keep the model's insertion order.
 */
class HashProperties {
  private static final byte[] KEY = "h".getBytes(StandardCharsets.UTF_8);

  /** The system under test and the model. */
  static final class State {
    final Engine engine = new Engine(1, 4, () -> 1_700_000_000_000L, 0);
    final HashView view = new LocalHashView(engine, 0, KEY);
    final EncodingLimits limits = engine.limits();
    final LinkedHashMap<String, String> model = new LinkedHashMap<>();
    String modelEncoding = "none";

    State() {
      limits.hashMaxListpackEntries = 4;
      limits.hashMaxListpackValue = 6;
    }

    /** The model's HSET of one field, with Redis's conversion points. */
    void modelSet(String f, String v) {
      if (modelEncoding.equals("none")) {
        modelEncoding = "listpack";
      }
      if (modelEncoding.equals("listpack")
          && (utf8Len(f) > limits.hashMaxListpackValue || utf8Len(v) > limits.hashMaxListpackValue)) {
        modelEncoding = "hashtable";
      }
      model.put(f, v);
      if (modelEncoding.equals("listpack") && model.size() > limits.hashMaxListpackEntries) {
        modelEncoding = "hashtable";
      }
    }

    void modelDelete(String f) {
      model.remove(f);
      if (model.isEmpty()) {
        modelEncoding = "none";
      }
    }

    String encoding() {
      int h = Hashing.hash(KEY);
      Shard s = engine.db(0).shard(h);
      s.lock();
      try {
        Entry e = s.find(KEY, h, engine.now());
        return e == null ? "none" : HashType.encoding(e.value());
      } finally {
        s.unlock();
      }
    }

    void check() {
      assertEquals(modelEncoding, encoding(), "encoding");
      assertEquals(model.size(), view.size(), "size");
      Map<String, String> all = view.getAll();
      if (modelEncoding.equals("listpack")) {
        assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(all.entrySet()),
            "listpack keeps insertion order");
      } else {
        assertEquals(new HashMap<>(model), new HashMap<>(all));
      }
    }
  }

  private static int utf8Len(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Arbitrary<String> fields() {
    return Arbitraries.oneOf(Arbitraries.of("a", "b", "c", "d", "e", "f", "g", ""),
        Arbitraries.strings().withChars("abcxyz").ofMinLength(5).ofMaxLength(9));
  }

  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(Arbitraries.of("0", "1", "-7", "42", "2.5", "abc", ""),
        Arbitraries.longs().between(-1000, 1000).map(String::valueOf),
        Arbitraries.strings().alpha().ofMaxLength(10));
  }

  static final class Put implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(fields(), values()).as((f, v) -> Transformer.mutate(
          "put " + f + "=" + v, s -> {
            boolean isNew = !s.model.containsKey(f);
            assertEquals(isNew, s.view.put(f, v));
            s.modelSet(f, v);
            s.check();
          }));
    }
  }

  static final class PutIfAbsent implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(fields(), values()).as((f, v) -> Transformer.mutate(
          "putIfAbsent " + f + "=" + v, s -> {
            boolean isNew = !s.model.containsKey(f);
            assertEquals(isNew, s.view.putIfAbsent(f, v));
            if (isNew) {
              s.modelSet(f, v);
            }
            s.check();
          }));
    }
  }

  static final class PutAll implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(fields(), values()).as((f, v) -> Map.entry(f, v)).list()
          .ofMinSize(1).ofMaxSize(6).map(pairs -> Transformer.mutate("putAll " + pairs, s -> {
            LinkedHashMap<String, String> m = new LinkedHashMap<>();
            pairs.forEach(p -> m.put(p.getKey(), p.getValue()));
            long fresh = m.keySet().stream().filter(k -> !s.model.containsKey(k)).count();
            // HSET checks every argument's length before setting any pair.
            boolean longArg = m.entrySet().stream().anyMatch(e -> utf8Len(e.getKey())
                > s.limits.hashMaxListpackValue || utf8Len(e.getValue()) > s.limits.hashMaxListpackValue);
            assertEquals(fresh, s.view.putAll(m));
            if (s.modelEncoding.equals("none")) {
              s.modelEncoding = "listpack";
            }
            if (longArg) {
              s.modelEncoding = "hashtable";
            }
            m.forEach(s::modelSet);
            s.check();
          }));
    }
  }

  static final class Delete implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return fields().list().ofMinSize(1).ofMaxSize(3).map(fs -> Transformer.mutate(
          "delete " + fs, s -> {
            long expected = fs.stream().distinct().filter(s.model::containsKey).count();
            assertEquals(expected, s.view.delete(fs.toArray(String[]::new)));
            fs.forEach(s::modelDelete);
            s.check();
          }));
    }
  }

  static final class IncrBy implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(fields(), Arbitraries.longs().between(-50, 50)).as((f, d) ->
          Transformer.mutate("incrBy " + f + " " + d, s -> {
            String cur = s.model.get(f);
            Long old = cur == null ? Long.valueOf(0) : canonicalLong(cur);
            if (old == null) {
              LimeException e = assertThrows(LimeException.class, () -> s.view.incrBy(f, d));
              assertEquals(Errors.HASH_NOT_INTEGER, e.getMessage());
            } else {
              assertEquals(old + d, s.view.incrBy(f, d));
              s.modelSet(f, Long.toString(old + d));
            }
            s.check();
          }));
    }
  }

  static final class IncrByFloat implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(fields(), Arbitraries.of("0.5", "-1.5", "2", "0.25")).as((f, d) ->
          Transformer.mutate("incrByFloat " + f + " " + d, s -> {
            String cur = s.model.get(f);
            BigDecimal old = cur == null ? BigDecimal.ZERO : decimal(cur);
            if (old == null) {
              LimeException e = assertThrows(LimeException.class,
                  () -> s.view.incrByFloatText(f, d));
              assertEquals(Errors.HASH_NOT_FLOAT, e.getMessage());
            } else {
              BigDecimal sum = old.add(new BigDecimal(d));
              String text = sum.signum() == 0 ? "0" : sum.stripTrailingZeros().toPlainString();
              assertEquals(text, s.view.incrByFloatText(f, d));
              s.modelSet(f, text);
            }
            s.check();
          }));
    }
  }

  /** A threshold change, as CONFIG SET hash-max-listpack-*: converts nothing by itself. */
  static final class SetLimits implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 8),
          Arbitraries.integers().between(0, 10)).as((entries, value) -> Transformer.mutate(
              "limits entries=" + entries + " value=" + value, s -> {
                s.limits.hashMaxListpackEntries = entries;
                s.limits.hashMaxListpackValue = value;
                s.check();
              }));
    }
  }

  static final class Probe implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return fields().map(f -> Transformer.mutate("probe " + f, s -> {
        assertEquals(s.model.get(f), s.view.get(f));
        assertEquals(s.model.containsKey(f), s.view.exists(f));
        String v = s.model.get(f);
        assertEquals(v == null ? 0 : utf8Len(v), s.view.strlen(f));
        List<String> fs = s.view.randomFields(-3);
        assertEquals(s.model.isEmpty() ? 0 : 3, fs.size());
        fs.forEach(x -> assertEquals(true, s.model.containsKey(x)));
        List<String> distinct = s.view.randomFields(2);
        assertEquals(Math.min(2, s.model.size()), distinct.size());
      }));
    }
  }

  private static Long canonicalLong(String s) {
    try {
      long v = Long.parseLong(s);
      return Long.toString(v).equals(s) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal decimal(String s) {
    if (s.isEmpty() || !s.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return null;
    }
    return new BigDecimal(s);
  }

  @Property(tries = 150)
  void operations_matchLinkedHashMapModelAndEncodingRules(@ForAll("chains") ActionChain<State> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<State>> chains() {
    return ActionChain.startWith(State::new)
        .withAction(5, new Put())
        .withAction(2, new PutIfAbsent())
        .withAction(2, new PutAll())
        .withAction(3, new Delete())
        .withAction(2, new IncrBy())
        .withAction(2, new IncrByFloat())
        .withAction(1, new SetLimits())
        .withAction(2, new Probe())
        .withMaxTransformations(40);
  }
}
