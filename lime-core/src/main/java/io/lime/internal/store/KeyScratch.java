package io.lime.internal.store;

/**
 * A per-thread buffer that a {@code String} key is encoded into for a read that keeps no
 * reference to the key (the lock-free GET), so the read allocates no key array. Only ASCII
 * keys, whose UTF-8 bytes are their chars, are copied; others are encoded the ordinary way.
 * Use the buffer only until the call returns (a nested call on the same thread reuses it).
 */
final class KeyScratch {
  private KeyScratch() {}

  /** Longest key copied into the buffer (longer ones are encoded into a new array). */
  static final int MAX = 256;

  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[MAX]);

  /** This thread's buffer, {@value #MAX} bytes. */
  static byte[] buffer() {
    return BUFFER.get();
  }

  /**
   * Copies {@code s} into {@code buf} when it is ASCII and fits; returns its length, or -1
   * (nothing meaningful written) when it is not ASCII or too long.
   */
  static int ascii(String s, byte[] buf) {
    int n = s.length();
    if (n > buf.length) {
      return -1;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return -1;
      }
      buf[i] = (byte) c;
    }
    return n;
  }
}
