package io.lime.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Key hashing over byte slices, allocation-free, keyed by a per-process random secret.
 *
 * <p>Every table that holds client-chosen bytes (the keyspace, hashes, sets, sorted sets,
 * watch and wait lists) hashes through here, so a client cannot craft keys that collide:
 * the secret ({@link #SEED}, from {@link SecureRandom} at class load) enters every 16-byte
 * block through a 64x64 to 128-bit multiply (the "mum" folding of wyhash/rapidhash), so keys
 * that collide under one secret do not under another. Redis keys its dicts with SipHash-1-3
 * for the same reason; this keyed multiply-mix is a fraction of SipHash's cost on the short
 * keys of a cache (two or three multiplies for a key under 16 bytes), which matters on every
 * command. It is not a cryptographic MAC: its job is to make collisions unpredictable.
 *
 * <p>{@code -Dlime.hashSeed=N} fixes the secret (to reproduce an order in a debugging
 * session); never set it in production.
 */
public final class Hashing {
  private Hashing() {}

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long P0 = 0x2d358dccaa6c78a5L;
  private static final long P1 = 0x8bb84b93962eacc9L;
  private static final long P2 = 0x4b33a62ed433d4a3L;

  /** This process's secret. */
  static final long SEED = seed();

  private static long seed() {
    String fixed = System.getProperty("lime.hashSeed");
    if (fixed != null) {
      return Long.parseLong(fixed);
    }
    return new SecureRandom().nextLong();
  }

  /** A 32-bit hash of {@code len} bytes of {@code b} from {@code off}, keyed by {@link #SEED}. */
  public static int hash(byte[] b, int off, int len) {
    return hash(SEED, b, off, len);
  }

  /** Hash of a whole array. */
  public static int hash(byte[] b) {
    return hash(SEED, b, 0, b.length);
  }

  /**
   * The hash keyed by {@code seed} (tests compare secrets). Both the low bits (buckets) and the
   * high bits (shards) are mixed.
   */
  static int hash(long seed, byte[] b, int off, int len) {
    long s = seed ^ mum(seed ^ P0, P1);
    long a;
    long c;
    if (len <= 16) {
      if (len >= 4) {
        int last = off + len - 4;
        int mid = (len >>> 3) << 2;
        a = ((long) (int) INT_LE.get(b, off) << 32) | ((int) INT_LE.get(b, off + mid) & 0xffffffffL);
        c = ((long) (int) INT_LE.get(b, last) << 32)
            | ((int) INT_LE.get(b, last - mid) & 0xffffffffL);
      } else if (len > 0) {
        a = ((long) (b[off] & 0xff) << 16) | ((long) (b[off + (len >>> 1)] & 0xff) << 8)
            | (b[off + len - 1] & 0xff);
        c = 0;
      } else {
        a = 0;
        c = 0;
      }
    } else {
      int i = off;
      int end = off + len;
      long s1 = s;
      long s2 = s;
      for (; end - i > 32; i += 32) {
        s = mum((long) LONG_LE.get(b, i) ^ P1, (long) LONG_LE.get(b, i + 8) ^ s);
        s1 = mum((long) LONG_LE.get(b, i + 16) ^ P2, (long) LONG_LE.get(b, i + 24) ^ s1);
      }
      s ^= s1 ^ s2;
      if (end - i > 16) {
        s = mum((long) LONG_LE.get(b, i) ^ P1, (long) LONG_LE.get(b, i + 8) ^ s);
      }
      a = (long) LONG_LE.get(b, end - 16);
      c = (long) LONG_LE.get(b, end - 8);
    }
    a ^= P1;
    c ^= s;
    long m = mum(a, c);
    long h = mum(m ^ P0 ^ len, c ^ P1 ^ a);
    return (int) (h ^ (h >>> 32));
  }

  /**
   * Whether every char of {@code s} is ASCII, so its UTF-8 bytes are its chars (the
   * precondition of {@link #hashAscii}).
   */
  public static boolean ascii(String s) {
    int or = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      or |= s.charAt(i);
    }
    return or < 0x80;
  }

  /**
   * {@link #hash(byte[], int, int)} of the UTF-8 bytes of an {@link #ascii} {@code s}, read
   * from its chars (a char is the byte), so a {@code String} key is hashed without encoding
   * it into an array. Same function, block for block, as the byte version. For another
   * {@code s}, some hash (a lookup by it must not conclude that a key is absent).
   */
  public static int hashAscii(String s) {
    long seed = SEED;
    int len = s.length();
    long s0 = seed ^ mum(seed ^ P0, P1);
    long a;
    long c;
    if (len <= 16) {
      if (len >= 4) {
        int last = len - 4;
        int mid = (len >>> 3) << 2;
        a = ((long) int32(s, 0) << 32) | (int32(s, mid) & 0xffffffffL);
        c = ((long) int32(s, last) << 32) | (int32(s, last - mid) & 0xffffffffL);
      } else if (len > 0) {
        a = ((long) s.charAt(0) << 16) | ((long) s.charAt(len >>> 1) << 8) | s.charAt(len - 1);
        c = 0;
      } else {
        a = 0;
        c = 0;
      }
    } else {
      int i = 0;
      long s1 = s0;
      long s2 = s0;
      for (; len - i > 32; i += 32) {
        s0 = mum(int64(s, i) ^ P1, int64(s, i + 8) ^ s0);
        s1 = mum(int64(s, i + 16) ^ P2, int64(s, i + 24) ^ s1);
      }
      s0 ^= s1 ^ s2;
      if (len - i > 16) {
        s0 = mum(int64(s, i) ^ P1, int64(s, i + 8) ^ s0);
      }
      a = int64(s, len - 16);
      c = int64(s, len - 8);
    }
    a ^= P1;
    c ^= s0;
    long m = mum(a, c);
    long h = mum(m ^ P0 ^ len, c ^ P1 ^ a);
    return (int) (h ^ (h >>> 32));
  }

  /** Four chars (bytes) of an ASCII string from {@code i}, little-endian. */
  private static int int32(String s, int i) {
    return s.charAt(i) | s.charAt(i + 1) << 8 | s.charAt(i + 2) << 16 | s.charAt(i + 3) << 24;
  }

  /** Eight chars (bytes) of an ASCII string from {@code i}, little-endian. */
  private static long int64(String s, int i) {
    return (int32(s, i) & 0xffffffffL) | (long) int32(s, i + 4) << 32;
  }

  /** The 128-bit product of {@code a} and {@code b}, folded to 64 bits. */
  private static long mum(long a, long b) {
    return (a * b) ^ Math.multiplyHigh(a, b);
  }
}
