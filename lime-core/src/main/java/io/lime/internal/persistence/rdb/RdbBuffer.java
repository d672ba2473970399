package io.lime.internal.persistence.rdb;

import io.lime.internal.util.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable output buffer of RDB primitives (Redis's rdbSave* functions): lengths, strings
 * (integer-encoded or LZF-compressed as rdbSaveRawString decides), binary doubles and
 * millisecond times. Drained to a stream by {@link #drainTo}, which maintains the CRC64.
 * Not thread-safe.
 */
final class RdbBuffer {
  /** Strings this long or shorter are tried as integers (rdbTryIntegerEncoding). */
  private static final int MAX_INT_ENCODED_CHARS = 11;
  /** Strings longer than this are tried with LZF when compression is on. */
  private static final int MIN_COMPRESS_BYTES = 20;

  private final boolean compression;
  private byte[] buf = new byte[8192];
  private int pos;
  private byte[] scratch = new byte[0];

  RdbBuffer(boolean compression) {
    this.compression = compression;
  }

  /** Bytes buffered. */
  int size() {
    return pos;
  }

  void writeByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  void writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  /** Little-endian fixed-width integer. */
  void writeLe(long v, int n) {
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  /** rdbSaveLen. */
  void writeLen(long len) {
    ensure(9);
    if (len < 0) { // unsigned 64-bit (stream IDs)
      buf[pos++] = (byte) Rdb.LEN_64BIT;
      for (int i = 7; i >= 0; i--) {
        buf[pos++] = (byte) (len >>> (8 * i));
      }
    } else if (len < (1 << 6)) {
      buf[pos++] = (byte) len;
    } else if (len < (1 << 14)) {
      buf[pos++] = (byte) ((len >>> 8) | (Rdb.LEN_14BIT << 6));
      buf[pos++] = (byte) len;
    } else if (len <= 0xFFFFFFFFL) {
      buf[pos++] = (byte) Rdb.LEN_32BIT;
      for (int i = 3; i >= 0; i--) {
        buf[pos++] = (byte) (len >>> (8 * i));
      }
    } else {
      buf[pos++] = (byte) Rdb.LEN_64BIT;
      for (int i = 7; i >= 0; i--) {
        buf[pos++] = (byte) (len >>> (8 * i));
      }
    }
  }

  /** rdbSaveMillisecondTime. */
  void writeMillis(long ms) {
    writeLe(ms, 8);
  }

  /** rdbSaveBinaryDoubleValue (IEEE 754, little-endian). */
  void writeBinaryDouble(double d) {
    writeLe(Double.doubleToRawLongBits(d), 8);
  }

  /** rdbSaveRawString: int encoding when possible, else LZF when worth it, else raw. */
  void writeString(byte[] b, int off, int len) {
    if (len <= MAX_INT_ENCODED_CHARS && Numbers.isLong(b, off, len)
        && writeIntEncoded(Numbers.parseLong(b, off, len))) {
      return;
    }
    if (compression && len > MIN_COMPRESS_BYTES && writeLzf(b, off, len)) {
      return;
    }
    writeLen(len);
    writeBytes(b, off, len);
  }

  void writeString(byte[] b) {
    writeString(b, 0, b.length);
  }

  /** rdbSaveLongLongAsStringObject: an integer, as int8/16/32 or as its decimal text. */
  void writeLongAsString(long v) {
    if (!writeIntEncoded(v)) {
      byte[] t = Numbers.toBytes(v);
      writeLen(t.length);
      writeBytes(t, 0, t.length);
    }
  }

  /** rdbEncodeInteger; false when the value needs more than 32 bits. */
  private boolean writeIntEncoded(long v) {
    if (v >= -(1 << 7) && v <= (1 << 7) - 1) {
      writeByte((Rdb.ENCVAL << 6) | Rdb.ENC_INT8);
      writeLe(v, 1);
    } else if (v >= -(1 << 15) && v <= (1 << 15) - 1) {
      writeByte((Rdb.ENCVAL << 6) | Rdb.ENC_INT16);
      writeLe(v, 2);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      writeByte((Rdb.ENCVAL << 6) | Rdb.ENC_INT32);
      writeLe(v, 4);
    } else {
      return false;
    }
    return true;
  }

  /** rdbSaveLzfStringObject: requires at least 4 bytes of saving. */
  private boolean writeLzf(byte[] b, int off, int len) {
    int outLen = len - 4;
    if (scratch.length < outLen || scratch.length > 4 * outLen + 1024) {
      scratch = new byte[outLen];
    }
    byte[] in = off == 0 ? b : Arrays.copyOfRange(b, off, off + len);
    byte[] out = scratch.length == outLen ? scratch : new byte[outLen];
    int c = Lzf.compress(in, len, out);
    if (c == 0) {
      return false;
    }
    writeByte((Rdb.ENCVAL << 6) | Rdb.ENC_LZF);
    writeLen(c);
    writeLen(len);
    writeBytes(out, 0, c);
    return true;
  }

  /** Writes the buffered bytes to {@code out}, returning the CRC continued over them. */
  long drainTo(OutputStream out, long crc, boolean checksum) throws IOException {
    long c = checksum ? Crc64.update(crc, buf, 0, pos) : crc;
    out.write(buf, 0, pos);
    pos = 0;
    if (buf.length > (1 << 20)) {
      buf = new byte[8192];
    }
    return c;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      long cap = Math.max((long) buf.length * 2, (long) pos + n);
      buf = Arrays.copyOf(buf, (int) Math.min(cap, Integer.MAX_VALUE - 16));
    }
  }
}
