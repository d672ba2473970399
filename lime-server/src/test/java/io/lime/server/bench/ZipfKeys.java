package io.lime.server.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The key space of the typed-API benchmarks: {@code keys} names ({@code key:0000000042}) and a
 * precomputed sample of {@value #SAMPLE} key indexes drawn from a Zipf distribution of exponent
 * {@code zipf} (rank 0 the most popular, ranks shuffled over the key space), so the benchmark
 * loop only reads an array. Built once per JVM and shared by the states of a fork.
 */
@State(Scope.Benchmark)
public class ZipfKeys {
  /** Sample length (a power of two: the cursor wraps with a mask). */
  static final int SAMPLE = 1 << 22;

  private static final Map<String, ZipfKeys> CACHE = new ConcurrentHashMap<>();

  /** Number of keys loaded into every store. */
  @Param("1000000")
  public int keys;

  /** Zipf exponent of the key choice (0 = uniform). */
  @Param("0.99")
  public double zipf;

  String[] names = new String[0];
  /**
   * Equal copies of {@link #names} (other instances, hash codes already cached): the key a
   * caller builds for its lookup, which a map compares by content, not by identity.
   */
  String[] copies = new String[0];
  int[] sample = new int[0];

  @Setup(Level.Trial)
  public void setup() {
    ZipfKeys built = CACHE.computeIfAbsent(keys + "/" + zipf, k -> build(keys, zipf));
    names = built.names;
    copies = built.copies;
    sample = built.sample;
  }

  private static ZipfKeys build(int keys, double s) {
    ZipfKeys z = new ZipfKeys();
    z.names = new String[keys];
    for (int i = 0; i < keys; i++) {
      z.names[i] = String.format(Locale.ROOT, "key:%010d", i);
    }
    z.copies = new String[keys];
    for (int i = 0; i < keys; i++) {
      z.copies[i] = new String(z.names[i].toCharArray());
      z.copies[i].hashCode(); // cached, as for a key used before
    }
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1.0 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    SplittableRandom random = new SplittableRandom(42);
    int[] rankToKey = new int[keys]; // popular ranks spread over the key space (and shards)
    for (int i = 0; i < keys; i++) {
      rankToKey[i] = i;
    }
    for (int i = keys - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rankToKey[i];
      rankToKey[i] = rankToKey[j];
      rankToKey[j] = t;
    }
    z.sample = new int[SAMPLE];
    for (int i = 0; i < SAMPLE; i++) {
      int rank = Arrays.binarySearch(cdf, random.nextDouble() * sum);
      rank = rank >= 0 ? rank : Math.min(keys - 1, -rank - 1);
      z.sample[i] = rankToKey[rank];
    }
    return z;
  }

  /** A thread's position in the sample (threads start far apart). */
  @State(Scope.Thread)
  public static class Cursor {
    private String[] names = new String[0];
    private String[] copies = new String[0];
    private int[] sample = new int[0];
    private int pos;

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys, ThreadParams thread) {
      names = keys.names;
      copies = keys.copies;
      sample = keys.sample;
      pos = thread.getThreadIndex() * (SAMPLE / 7);
    }

    /** The next key of this thread's sequence. */
    public String next() {
      return names[sample[pos++ & (SAMPLE - 1)]];
    }

    /** As {@link #next()}, the key as an equal copy of the stored one ({@link ZipfKeys#copies}). */
    public String nextCopy() {
      return copies[sample[pos++ & (SAMPLE - 1)]];
    }
  }
}
