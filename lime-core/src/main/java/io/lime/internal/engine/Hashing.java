package io.lime.internal.engine;

/** Key hashing over byte slices, allocation-free. */
public final class Hashing {
  private Hashing() {}

  /**
   * A 32-bit hash of {@code len} bytes of {@code b} from {@code off} (FNV-1a folded with a
   * murmur3 finalizer, so both the low bits, used for buckets, and the high bits, used for
   * shards, are well mixed).
   */
  public static int hash(byte[] b, int off, int len) {
    int h = 0x811c9dc5 ^ len;
    int end = off + len;
    int i = off;
    for (; i + 3 < end; i += 4) {
      int k = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | b[i + 3] << 24;
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    for (; i < end; i++) {
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

  /** Hash of a whole array. */
  public static int hash(byte[] b) {
    return hash(b, 0, b.length);
  }
}
