package io.lime.internal.persistence.rdb;

import io.lime.internal.engine.EncodingLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The DUMP / RESTORE payload (Redis's createDumpPayload and verifyDumpPayload):
 *
 * <pre>
 *   +------+-------------------+-----------------+--------------------+
 *   | type | value (RDB)       | RDB version: 2B | CRC64 jones: 8B    |
 *   | 1B   | as in an RDB file | little-endian   | LE, of all before  |
 *   +------+-------------------+-----------------+--------------------+
 * </pre>
 *
 * The value is written as {@link RdbWriter} writes it in a file (so a payload from LIME
 * RESTOREs in Redis 7.0 and back) and read as {@link RdbReader} reads it (every encoding
 * Redis 7.0 accepts, integrity checked as deep sanitization does).
 */
public final class DumpPayload {
  private DumpPayload() {}

  /** A payload for {@code value} ({@code compression}: rdbcompression, LZF for long strings). */
  public static byte[] create(Object value, boolean compression) {
    RdbBuffer buf = new RdbBuffer(compression);
    buf.writeByte(RdbWriter.objectType(value));
    RdbWriter.writeValue(buf, value);
    buf.writeLe(Rdb.VERSION, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream(buf.size() + 8);
    try {
      long crc = buf.drainTo(out, 0, true);
      byte[] body = out.toByteArray();
      byte[] payload = new byte[body.length + 8];
      System.arraycopy(body, 0, payload, 0, body.length);
      for (int i = 0; i < 8; i++) {
        payload[body.length + i] = (byte) (crc >>> (8 * i));
      }
      return payload;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }

  /**
   * verifyDumpPayload: whether the payload is at least 10 bytes, its RDB version at most
   * Redis 7.0's and its CRC64 right.
   */
  public static boolean verify(byte[] p, int off, int len) {
    if (len < 10) {
      return false;
    }
    int footer = off + len - 10;
    int version = (p[footer] & 0xFF) | (p[footer + 1] & 0xFF) << 8;
    if (version > Rdb.VERSION) {
      return false;
    }
    long crc = Crc64.update(0, p, off, len - 8);
    for (int i = 0; i < 8; i++) {
      if ((byte) (crc >>> (8 * i)) != p[footer + 2 + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of a verified payload, or null when Redis would answer "Bad data format" (a
   * malformed value, or an empty collection).
   */
  public static @Nullable Object load(byte[] p, int off, int len, EncodingLimits limits) {
    byte[] body = off == 0 ? p : java.util.Arrays.copyOfRange(p, off, off + len);
    try {
      return RdbReader.readValue(body, len - 10, limits);
    } catch (IOException | RuntimeException e) {
      return null; // truncated, malformed or a corrupt packed encoding: refused, never a crash
    }
  }
}
