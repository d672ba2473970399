package io.lime.internal.persistence.rdb;

import io.lime.LimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of FUNCTION DUMP and FUNCTION RESTORE (Redis's createDumpPayload over the RDB
 * function records): per library the opcode {@code FUNCTION2} (245) and its code as an RDB
 * string, then the RDB version (2 bytes, little-endian) and the CRC64 of all that (8 bytes,
 * little-endian).
 */
public final class FunctionPayload {
  private FunctionPayload() {}

  /** The payload of the libraries whose codes are {@code codes}. */
  public static byte[] dump(List<byte[]> codes) {
    RdbBuffer b = new RdbBuffer(true); // LZF when it saves room, as rdbSaveRawString
    for (byte[] code : codes) {
      b.writeByte(Rdb.OPCODE_FUNCTION2);
      b.writeString(code);
    }
    b.writeLe(Rdb.VERSION, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      long crc = b.drainTo(out, 0, true);
      b.writeLe(crc, 8);
      b.drainTo(out, crc, false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * The library codes of {@code payload}.
   *
   * @throws LimeException with Redis's text when the footer or a record is invalid
   */
  public static List<byte[]> codes(byte[] payload) {
    int n = payload.length;
    if (n < 10) {
      throw new LimeException("ERR DUMP payload version or checksum are wrong");
    }
    int version = (payload[n - 10] & 0xff) | (payload[n - 9] & 0xff) << 8;
    long crc = 0;
    for (int i = 7; i >= 0; i--) {
      crc = (crc << 8) | (payload[n - 8 + i] & 0xff);
    }
    if (version > Rdb.VERSION || Crc64.update(0, payload, 0, n - 8) != crc) {
      throw new LimeException("ERR DUMP payload version or checksum are wrong");
    }
    RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, n - 10), n - 10);
    List<byte[]> codes = new ArrayList<>();
    try {
      while (in.offset() < n - 10) {
        int type = in.readByte();
        if (type == Rdb.OPCODE_FUNCTION) {
          throw new LimeException("ERR Pre-GA function format not supported");
        }
        if (type != Rdb.OPCODE_FUNCTION2) {
          throw new LimeException("ERR given type is not a function");
        }
        codes.add(in.readString());
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof LimeException l) {
        throw l;
      }
      throw new LimeException("ERR failed loading the library code");
    }
    return codes;
  }
}
