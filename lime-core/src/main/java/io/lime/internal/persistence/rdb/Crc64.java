package io.lime.internal.persistence.rdb;

/**
 * Redis's crc64 (src/crc64.c): the Jones polynomial {@code 0xad93d23594c935a9}, reflected
 * input and output, initial value 0, no final xor. {@code crc64("123456789")} is
 * {@code 0xe9c6d914c4b8d9ca}. Table-driven, a byte at a time.
 */
final class Crc64 {
  /** The Jones polynomial, bit-reversed for the reflected algorithm. */
  private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
      }
      TABLE[i] = c;
    }
  }

  private Crc64() {}

  /** Continues {@code crc} over {@code len} bytes of {@code b} from {@code off}. */
  static long update(long crc, byte[] b, int off, int len) {
    long c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
    }
    return c;
  }
}
