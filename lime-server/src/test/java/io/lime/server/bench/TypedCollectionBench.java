package io.lime.server.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lime.KeyValueStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The typed API's hash, list and sorted-set operations on {@code keys} keys chosen by a
 * precomputed Zipf sample ({@link ZipfKeys}), beside {@link ConcurrentHashMap} and an
 * bounded (never full) Caffeine cache of concurrent collections doing the equivalent:
 * <ul>
 *   <li>{@code hset}/{@code hget}: field {@code f} of a hash holding one field; the reference
 *       is a map of {@code ConcurrentHashMap<String, String>};
 *   <li>{@code lpushRpop}: LPUSH then RPOP on a list holding one element (so it never empties
 *       and is never deleted); the reference is a map of {@link ConcurrentLinkedDeque};
 *   <li>{@code zadd}/{@code zscore}: member {@code m} of a sorted set holding one member; the
 *       reference is a map of {@code ConcurrentHashMap<String, Double>} (the member-to-score
 *       part of a sorted set only: no order is kept).
 * </ul>
 * Only the state a benchmark uses is loaded in its fork. Run with {@code -t 1} and
 * {@code -t 2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TypedCollectionBench {
  static final String FIELD = "f";
  static final String VALUE = "value-0001";

  /** A LIME store whose keys all hold one value of type {@code type}. */
  @State(Scope.Benchmark)
  public abstract static class Lime {
    private final String type;
    final KeyValueStore store = KeyValueStore.open();

    Lime(String type) {
      this.type = type;
    }

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      for (String k : keys.names) {
        switch (type) {
          case "hash" -> store.hash(k).put(FIELD, VALUE);
          case "list" -> store.list(k).leftPush(VALUE);
          default -> store.sortedSet(k).add(FIELD, 1.0);
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  public static class LimeHash extends Lime {
    public LimeHash() {
      super("hash");
    }
  }

  public static class LimeList extends Lime {
    public LimeList() {
      super("list");
    }
  }

  public static class LimeZset extends Lime {
    public LimeZset() {
      super("zset");
    }
  }

  /** The references: a key map of per-key concurrent collections, plain and in Caffeine. */
  @State(Scope.Benchmark)
  public abstract static class Ref {
    private final Supplier<Object> fresh;
    final ConcurrentHashMap<String, Object> chm = new ConcurrentHashMap<>();
    Cache<String, Object> caffeine = Caffeine.newBuilder().build();

    Ref(Supplier<Object> fresh) {
      this.fresh = fresh;
    }

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      caffeine = Caffeine.newBuilder().maximumSize(2L * keys.keys).build();
      for (String k : keys.names) {
        chm.put(k, fresh.get());
        caffeine.put(k, fresh.get());
      }
    }
  }

  public static class RefHash extends Ref {
    public RefHash() {
      super(TypedCollectionBench::newHash);
    }
  }

  public static class RefList extends Ref {
    public RefList() {
      super(TypedCollectionBench::newList);
    }
  }

  public static class RefZset extends Ref {
    public RefZset() {
      super(TypedCollectionBench::newZset);
    }
  }

  static ConcurrentHashMap<String, String> newHash() {
    ConcurrentHashMap<String, String> h = new ConcurrentHashMap<>();
    h.put(FIELD, VALUE);
    return h;
  }

  static ConcurrentLinkedDeque<String> newList() {
    ConcurrentLinkedDeque<String> l = new ConcurrentLinkedDeque<>();
    l.addFirst(VALUE);
    return l;
  }

  static ConcurrentHashMap<String, Double> newZset() {
    ConcurrentHashMap<String, Double> z = new ConcurrentHashMap<>();
    z.put(FIELD, 1.0);
    return z;
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object o) {
    return (T) o;
  }

  // --- hash ---

  @Benchmark
  public boolean limeHset(LimeHash s, ZipfKeys.Cursor c) {
    return s.store.hash(c.next()).put(FIELD, VALUE);
  }

  @Benchmark
  public String limeHget(LimeHash s, ZipfKeys.Cursor c) {
    return s.store.hash(c.next()).get(FIELD);
  }

  @Benchmark
  public String chmHset(RefHash s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, String> h =
        cast(s.chm.computeIfAbsent(c.next(), k -> newHash()));
    return h.put(FIELD, VALUE);
  }

  @Benchmark
  public String chmHget(RefHash s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, String> h = cast(s.chm.get(c.next()));
    return h == null ? null : h.get(FIELD);
  }

  @Benchmark
  public String caffeineHset(RefHash s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, String> h = cast(s.caffeine.get(c.next(), k -> newHash()));
    return h.put(FIELD, VALUE);
  }

  @Benchmark
  public String caffeineHget(RefHash s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, String> h = cast(s.caffeine.getIfPresent(c.next()));
    return h == null ? null : h.get(FIELD);
  }

  // --- list ---

  @Benchmark
  public String limeLpushRpop(LimeList s, ZipfKeys.Cursor c) {
    io.lime.ListView l = s.store.list(c.next());
    l.leftPush(VALUE);
    return l.rightPopString();
  }

  @Benchmark
  public String chmLpushRpop(RefList s, ZipfKeys.Cursor c) {
    ConcurrentLinkedDeque<String> l = cast(s.chm.computeIfAbsent(c.next(), k -> newList()));
    l.addFirst(VALUE);
    return l.pollLast();
  }

  @Benchmark
  public String caffeineLpushRpop(RefList s, ZipfKeys.Cursor c) {
    ConcurrentLinkedDeque<String> l = cast(s.caffeine.get(c.next(), k -> newList()));
    l.addFirst(VALUE);
    return l.pollLast();
  }

  // --- sorted set ---

  @Benchmark
  public boolean limeZadd(LimeZset s, ZipfKeys.Cursor c) {
    return s.store.sortedSet(c.next()).add(FIELD, 2.0);
  }

  @Benchmark
  public Double limeZscore(LimeZset s, ZipfKeys.Cursor c) {
    return s.store.sortedSet(c.next()).score(FIELD);
  }

  @Benchmark
  public Double chmZadd(RefZset s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, Double> z = cast(s.chm.computeIfAbsent(c.next(), k -> newZset()));
    return z.put(FIELD, 2.0);
  }

  @Benchmark
  public Double chmZscore(RefZset s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, Double> z = cast(s.chm.get(c.next()));
    return z == null ? null : z.get(FIELD);
  }

  @Benchmark
  public Double caffeineZadd(RefZset s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, Double> z = cast(s.caffeine.get(c.next(), k -> newZset()));
    return z.put(FIELD, 2.0);
  }

  @Benchmark
  public Double caffeineZscore(RefZset s, ZipfKeys.Cursor c) {
    ConcurrentHashMap<String, Double> z = cast(s.caffeine.getIfPresent(c.next()));
    return z == null ? null : z.get(FIELD);
  }
}
