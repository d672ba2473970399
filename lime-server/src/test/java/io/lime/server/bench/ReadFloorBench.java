package io.lime.server.bench;

import io.lime.internal.engine.Hashing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@code KeyValueStore.get(String)}: the least a store keyed by the bytes of
 * its keys must do for that call, in a minimal table with nothing of LIME's around it (no
 * shards, no optimistic stamp, no expiry, no LRU clock, no type check), on the keys and Zipf
 * sample of {@link TypedStringBench} ({@link ZipfKeys}). Compare with {@code
 * TypedStringBench.limeGet}, {@code chmGet} (the map finds the very {@code String} it stored:
 * no byte compared) and {@code chmGetEqualKey} (an equal key: the map compares bytes too).
 *
 * <p>The table: one slot per key, chained entries holding the key's hash
 * ({@link Hashing#hashAscii}, LIME's keyspace hash of an ASCII key's chars), its length and
 * one array with the key's bytes then the value as a little-endian long (LIME's layout for an
 * integer string), allocated together.
 * <ul>
 *   <li>{@link #floorFind}: hash the key's chars, find the entry by comparing the stored
 *       bytes with them; returns the entry (builds no result);
 *   <li>{@link #floorGet}: the same, returning the value as a new {@code String}
 *       ({@code Long.toString}), as {@code get(String)} must;
 *   <li>{@link #floorGetInline}: {@link #floorGet} on entries that hold a key of up to 16
 *       bytes and the value in fields, no array: one object fewer to read per lookup.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ReadFloorBench {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final long VALUE = 100_000_000L; // TypedStringBench.VALUE as stored

  /** An entry: the key's bytes then the value's 8 bytes in one array. */
  static final class ArrayEntry {
    final byte[] keyAndValue;
    final int hash;
    final int keyLength;
    ArrayEntry next;

    ArrayEntry(byte[] keyAndValue, int hash, int keyLength, ArrayEntry next) {
      this.keyAndValue = keyAndValue;
      this.hash = hash;
      this.keyLength = keyLength;
      this.next = next;
    }
  }

  /** An entry holding a key of up to 16 bytes (little-endian in two longs) and the value. */
  static final class InlineEntry {
    final long key0;
    final long key1;
    final int keyLength;
    final int hash;
    final long value;
    InlineEntry next;

    InlineEntry(long key0, long key1, int keyLength, int hash, long value, InlineEntry next) {
      this.key0 = key0;
      this.key1 = key1;
      this.keyLength = keyLength;
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  @State(Scope.Benchmark)
  public static class Tables {
    ArrayEntry[] arrays = new ArrayEntry[0];
    InlineEntry[] inline = new InlineEntry[0];

    @Setup(Level.Trial)
    public void setup(ZipfKeys keys) {
      int slots = Integer.highestOneBit(keys.names.length * 2 - 1);
      arrays = new ArrayEntry[slots];
      inline = new InlineEntry[slots];
      for (String k : keys.names) {
        byte[] b = k.getBytes(StandardCharsets.US_ASCII);
        int h = Hashing.hashAscii(k);
        int i = h & (slots - 1);
        byte[] kv = java.util.Arrays.copyOf(b, b.length + Long.BYTES);
        LONG_LE.set(kv, b.length, VALUE);
        arrays[i] = new ArrayEntry(kv, h, b.length, arrays[i]);
        if (k.length() > 16) {
          throw new IllegalStateException("inline entries hold keys of up to 16 bytes");
        }
        inline[i] = new InlineEntry(chars(k, 0), chars(k, 8), k.length(), h, VALUE, inline[i]);
      }
    }
  }

  /** Up to 8 chars of an ASCII {@code s} from {@code from}, little-endian, zero-padded. */
  static long chars(String s, int from) {
    long r = 0;
    for (int i = from, end = Math.min(from + 8, s.length()); i < end; i++) {
      r |= (long) s.charAt(i) << (8 * (i - from));
    }
    return r;
  }

  static ArrayEntry find(ArrayEntry[] table, String s) {
    int h = Hashing.hashAscii(s);
    int n = s.length();
    for (ArrayEntry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.keyLength == n && sameChars(e.keyAndValue, s)) {
        return e;
      }
    }
    throw new IllegalStateException("absent: " + s);
  }

  private static boolean sameChars(byte[] b, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (b[i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Benchmark
  public Object floorFind(Tables t, ZipfKeys.Cursor c) {
    return find(t.arrays, c.next());
  }

  @Benchmark
  public String floorGet(Tables t, ZipfKeys.Cursor c) {
    ArrayEntry e = find(t.arrays, c.next());
    return Long.toString((long) LONG_LE.get(e.keyAndValue, e.keyLength));
  }

  @Benchmark
  public String floorGetInline(Tables t, ZipfKeys.Cursor c) {
    String s = c.next();
    int h = Hashing.hashAscii(s);
    int n = s.length();
    long k0 = chars(s, 0);
    long k1 = chars(s, 8);
    for (InlineEntry e = t.inline[h & (t.inline.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.keyLength == n && e.key0 == k0 && e.key1 == k1) {
        return Long.toString(e.value);
      }
    }
    throw new IllegalStateException("absent: " + s);
  }
}
