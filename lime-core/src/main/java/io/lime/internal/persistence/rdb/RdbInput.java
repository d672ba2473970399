package io.lime.internal.persistence.rdb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads RDB primitives (Redis's rdbLoad* functions) from a stream, counting the offset and
 * continuing the CRC64 over every byte read. A length beyond the bytes left in the stream
 * (when its size is known) is reported as a short read before anything is allocated.
 */
final class RdbInput {
  /** Marker returned by {@link #readLen()} for an encoded (special) string. */
  static final long ENCODED = Long.MIN_VALUE;

  private final InputStream in;
  private final long size;
  private final byte[] buf = new byte[65536];
  private int pos;
  private int limit;
  private long consumed;
  private long crc;
  private boolean lastLenEncoded;

  /** Input of {@code size} bytes ({@code -1} when unknown). */
  RdbInput(InputStream in, long size) {
    this.in = in;
    this.size = size;
  }

  /** Offset of the next byte. */
  long offset() {
    return consumed + pos;
  }

  /** CRC64 of every byte read so far. */
  long crc() {
    return Crc64.update(crc, buf, 0, pos);
  }

  private void fill() throws IOException {
    crc = Crc64.update(crc, buf, 0, pos);
    consumed += pos;
    pos = 0;
    limit = 0;
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      throw new EOFException();
    }
    limit = n;
  }

  int readByte() throws IOException {
    if (pos == limit) {
      fill();
    }
    return buf[pos++] & 0xFF;
  }

  void readFully(byte[] dst, int off, int len) throws IOException {
    while (len > 0) {
      if (pos == limit) {
        fill();
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Reads {@code n} bytes, checking first that the stream can hold them. */
  byte[] readBytes(long n) throws IOException {
    if (n < 0 || n > Integer.MAX_VALUE - 16 || (size >= 0 && n > size - offset())) {
      throw new EOFException();
    }
    byte[] b = new byte[(int) n];
    readFully(b, 0, b.length);
    return b;
  }

  long readLe(int n) throws IOException {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) readByte() << (8 * i);
    }
    return v;
  }

  /**
   * rdbLoadLenByRef: a length, or for an encoded string the encoding type with {@link
   * #lastLenEncoded()} true.
   */
  long readLen() throws IOException {
    int b = readByte();
    int type = (b & 0xC0) >>> 6;
    lastLenEncoded = false;
    if (type == Rdb.ENCVAL) {
      lastLenEncoded = true;
      return b & 0x3F;
    }
    if (type == Rdb.LEN_6BIT) {
      return b & 0x3F;
    }
    if (type == Rdb.LEN_14BIT) {
      return ((b & 0x3F) << 8) | readByte();
    }
    if (b == Rdb.LEN_32BIT) {
      long v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | readByte();
      }
      return v;
    }
    if (b == Rdb.LEN_64BIT) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | readByte();
      }
      return v;
    }
    throw new RdbFormatException("Unknown length encoding " + b + " in rdbLoadLen()");
  }

  /** A plain length (an encoded value here is corrupt). */
  long readPlainLen() throws IOException {
    long n = readLen();
    if (lastLenEncoded) {
      throw new RdbFormatException("Unexpected encoded length");
    }
    return n;
  }

  /** rdbGenericLoadStringObject: the string's bytes (integers as decimal text). */
  byte[] readString() throws IOException {
    long len = readLen();
    if (lastLenEncoded) {
      return switch ((int) len) {
        case Rdb.ENC_INT8 -> io.lime.internal.util.Numbers.toBytes((byte) readByte());
        case Rdb.ENC_INT16 -> io.lime.internal.util.Numbers.toBytes((short) readLe(2));
        case Rdb.ENC_INT32 -> io.lime.internal.util.Numbers.toBytes((int) readLe(4));
        case Rdb.ENC_LZF -> readLzf();
        default -> throw new RdbFormatException("Unknown RDB string encoding type " + len);
      };
    }
    return readBytes(len);
  }

  /**
   * As {@link #readString()} but an int-encoded value is returned as a {@link Long} (for
   * string values: Redis keeps it int-encoded).
   */
  Object readStringOrLong() throws IOException {
    long len = readLen();
    if (lastLenEncoded) {
      return switch ((int) len) {
        case Rdb.ENC_INT8 -> (long) (byte) readByte();
        case Rdb.ENC_INT16 -> (long) (short) readLe(2);
        case Rdb.ENC_INT32 -> (long) (int) readLe(4);
        case Rdb.ENC_LZF -> readLzf();
        default -> throw new RdbFormatException("Unknown RDB string encoding type " + len);
      };
    }
    return readBytes(len);
  }

  private byte[] readLzf() throws IOException {
    long clen = readPlainLen();
    long len = readPlainLen();
    byte[] c = readBytes(clen);
    if (len > Integer.MAX_VALUE - 16 || len > 64L * clen + 1024 * 1024 * 1024L) {
      throw new RdbFormatException("Invalid LZF compressed string");
    }
    byte[] out = new byte[(int) len];
    try {
      Lzf.decompress(c, c.length, out);
    } catch (IllegalArgumentException e) {
      throw new RdbFormatException("Invalid LZF compressed string");
    }
    return out;
  }

  /** rdbLoadBinaryDoubleValue. */
  double readBinaryDouble() throws IOException {
    return Double.longBitsToDouble(readLe(8));
  }

  /** rdbLoadDoubleValue (the text form of RDB_TYPE_ZSET). */
  double readTextDouble() throws IOException {
    int len = readByte();
    return switch (len) {
      case 255 -> Double.NEGATIVE_INFINITY;
      case 254 -> Double.POSITIVE_INFINITY;
      case 253 -> Double.NaN;
      default -> {
        byte[] b = new byte[len];
        readFully(b, 0, len);
        try {
          yield ScoreText.parse(b);
        } catch (NumberFormatException e) {
          throw new RdbFormatException("Invalid double value");
        }
      }
    };
  }
}
