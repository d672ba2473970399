package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Hashing;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hash flooding: 100,000 keys crafted so that they all collide under an unseeded hash (the
 * murmur3-style hash LIME used before, inverted block by block: every key has the same
 * 32-bit hash) cost a table no more than random keys under LIME's keyed hash. Cost is the
 * operation count of looking every key up ({@link ChainedTable#probeCost}), not time.
 */
class HashFloodingTest {
  private static final int KEYS = 100_000;

  static final class N extends ChainedTable.Node<N> {
    N(byte[] key, int hash) {
      super(key, hash);
    }
  }

  @Test
  void keysCollidingUnderUnseededHash_costAsRandomKeys() {
    Random rnd = new Random(16);
    byte[][] colliding = collidingKeys(rnd);
    Set<Integer> unseeded = new HashSet<>();
    for (byte[] k : colliding) {
      unseeded.add(unseededHash(k));
    }
    assertEquals(1, unseeded.size(), "the crafted keys all collide under the unseeded hash");

    byte[][] random = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      random[i] = new byte[8];
      rnd.nextBytes(random[i]);
    }
    long collidingCost = cost(colliding);
    long randomCost = cost(random);
    double ratio = (double) collidingCost / randomCost;
    System.out.printf("hash flooding: %d colliding keys cost %d probes, random keys %d: "
        + "ratio %.3f (unseeded: %d)%n", KEYS, collidingCost, randomCost, ratio,
        (long) KEYS * (KEYS + 1) / 2);
    assertTrue(ratio < 1.2, "colliding keys cost " + ratio + "x random ones");
    // what the unseeded hash would have cost: one chain of every key
    assertTrue(collidingCost < (long) KEYS * (KEYS + 1) / 2 / 1000);
  }

  private static long cost(byte[][] keys) {
    ChainedTable<N> t = new ChainedTable<>(0);
    for (byte[] k : keys) {
      t.insert(new N(k, Hashing.hash(k)));
    }
    return t.probeCost();
  }

  // ---------------------------------------------------------------- the unseeded hash

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  /** The former {@code Hashing.hash}: FNV-1a folded with murmur3 blocks and finalizer. */
  static int unseededHash(byte[] b) {
    int h = 0x811c9dc5 ^ b.length;
    int i = 0;
    for (; i + 3 < b.length; i += 4) {
      h = step(h, block(b, i));
    }
    for (; i < b.length; i++) {
      h ^= b[i] & 0xff;
      h *= 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int block(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | b[i + 3] << 24;
  }

  private static int mix(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }

  private static int step(int h, int k) {
    h ^= mix(k);
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }

  /** The inverse of an odd number modulo 2^32 (Newton's iteration). */
  private static int inverse(int a) {
    int x = a;
    for (int i = 0; i < 5; i++) {
      x *= 2 - a * x;
    }
    return x;
  }

  /**
   * Eight-byte keys with one 32-bit unseeded hash: a random first block, then the second
   * block solved so that the state after it is a fixed target (each step is invertible).
   */
  private static byte[][] collidingKeys(Random rnd) {
    int target = 0x5eed1e55;
    int x = Integer.rotateRight((target - 0xe6546b64) * inverse(5), 13);
    Set<Integer> firsts = new HashSet<>();
    byte[][] keys = new byte[KEYS][];
    for (int n = 0; n < KEYS; ) {
      int k1 = rnd.nextInt();
      if (!firsts.add(k1)) {
        continue;
      }
      int h1 = step(0x811c9dc5 ^ 8, k1);
      int mixed = x ^ h1;
      int k2 = Integer.rotateRight(mixed * inverse(C2), 15) * inverse(C1);
      byte[] k = new byte[8];
      for (int j = 0; j < 4; j++) {
        k[j] = (byte) (k1 >>> (8 * j));
        k[4 + j] = (byte) (k2 >>> (8 * j));
      }
      keys[n++] = k;
    }
    return keys;
  }
}
