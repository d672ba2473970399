package io.lime.server.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lime.KeyValueStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * The typed API's string operations ({@link KeyValueStore#get(String)}, {@code set},
 * {@code incr}) on {@code keys} keys chosen by a precomputed Zipf sample ({@link ZipfKeys}),
 * beside {@link ConcurrentHashMap} and a bounded Caffeine cache (never full, so it pays its
 * policy but never evicts) doing the equivalent: {@code get}, {@code put}, {@code merge(k, 1L,
 * Long::sum)}. Run with {@code -t 1} and {@code -t 2} for 1 and 2 threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TypedStringBench {
  static final String VALUE = "100000000"; // an integer, so INCR works on every key

  @State(Scope.Benchmark)
  public static class Lime {
    KeyValueStore store = KeyValueStore.open();

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      for (String k : keys.names) {
        store.set(k, VALUE);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Chm {
    final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Long> counters = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      for (String k : keys.names) {
        strings.put(k, VALUE);
        counters.put(k, 100_000_000L);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Caff {
    Cache<String, String> strings = Caffeine.newBuilder().build();
    Cache<String, Long> counters = Caffeine.newBuilder().build();

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      strings = Caffeine.newBuilder().maximumSize(2L * keys.keys).build();
      counters = Caffeine.newBuilder().maximumSize(2L * keys.keys).build();
      for (String k : keys.names) {
        strings.put(k, VALUE);
        counters.put(k, 100_000_000L);
      }
    }
  }

  @Benchmark
  public String limeGet(Lime s, ZipfKeys.Cursor c) {
    return s.store.get(c.next());
  }

  @Benchmark
  public void limeSet(Lime s, ZipfKeys.Cursor c) {
    s.store.set(c.next(), VALUE);
  }

  @Benchmark
  public long limeIncr(Lime s, ZipfKeys.Cursor c) {
    return s.store.incr(c.next());
  }

  @Benchmark
  public String chmGet(Chm s, ZipfKeys.Cursor c) {
    return s.strings.get(c.next());
  }

  /**
   * {@code ConcurrentHashMap.get} by a key equal to the stored one but another instance, so
   * the map compares the two strings' bytes (as LIME must): the map's cost for a caller that
   * builds its key, where {@link #chmGet} finds the very instance it stored.
   */
  @Benchmark
  public String chmGetEqualKey(Chm s, ZipfKeys.Cursor c) {
    return s.strings.get(c.nextCopy());
  }

  @Benchmark
  public String chmSet(Chm s, ZipfKeys.Cursor c) {
    return s.strings.put(c.next(), VALUE);
  }

  @Benchmark
  public Long chmIncr(Chm s, ZipfKeys.Cursor c) {
    return s.counters.merge(c.next(), 1L, Long::sum);
  }

  @Benchmark
  public String caffeineGet(Caff s, ZipfKeys.Cursor c) {
    return s.strings.getIfPresent(c.next());
  }

  @Benchmark
  public void caffeineSet(Caff s, ZipfKeys.Cursor c) {
    s.strings.put(c.next(), VALUE);
  }

  @Benchmark
  public Long caffeineIncr(Caff s, ZipfKeys.Cursor c) {
    return s.counters.asMap().merge(c.next(), 1L, Long::sum);
  }
}
