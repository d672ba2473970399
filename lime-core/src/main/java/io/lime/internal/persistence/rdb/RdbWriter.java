package io.lime.internal.persistence.rdb;

import io.lime.internal.type.HashValue;
import io.lime.internal.type.ListValue;
import io.lime.internal.type.PersistedValues;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.StreamValue;
import io.lime.internal.type.StringValue;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.persistence.SnapshotVisitor;
import io.lime.command.CustomType;
import io.lime.internal.type.CustomValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an RDB version 10 stream as Redis 7.0.15's rdbSaveRio does:
 *
 * <pre>
 *   "REDIS0010"
 *   AUX redis-ver 7.0.15 | AUX redis-bits 64 | AUX ctime &lt;s&gt; | AUX used-mem &lt;n&gt;
 *   AUX aof-base 0|1
 *   per non-empty database: SELECTDB n | RESIZEDB keys expires |
 *       per key: [EXPIRETIME_MS ms] type key value
 *   EOF | CRC64 (8 bytes LE; zero when rdbchecksum is off)
 * </pre>
 *
 * Values are written in the type and encoding Redis would write for the same in-memory
 * encoding: strings (int-encoded or LZF-compressed as rdbSaveRawString decides), lists as
 * RDB_TYPE_LIST_QUICKLIST_2 with one listpack per node, intsets as RDB_TYPE_SET_INTSET,
 * hashtable sets as RDB_TYPE_SET, listpack hashes and sorted sets as their listpack blob,
 * hashtable hashes as RDB_TYPE_HASH, skiplist sorted sets as RDB_TYPE_ZSET_2 (binary scores,
 * greatest first).
 *
 * <p>Used as a {@link SnapshotVisitor}: {@link #entry} serializes into memory while the
 * shard lock is held; {@link #endShard} writes the buffer out with no lock held.
 */
public final class RdbWriter implements SnapshotVisitor {
  /** The version Redis reports in redis-ver. */
  static final String REDIS_VERSION = "7.0.15";

  private final OutputStream out;
  private final boolean checksum;
  private final RdbBuffer buf;
  private long crc;
  private long keys;

  /**
   * A writer to {@code out} ({@code rdbcompression}: LZF for long strings, {@code
   * rdbchecksum}: the CRC64 trailer, else zero).
   */
  public RdbWriter(OutputStream out, boolean compression, boolean checksum) {
    this.out = out;
    this.checksum = checksum;
    this.buf = new RdbBuffer(compression);
  }

  /** Keys written so far. */
  public long keys() {
    return keys;
  }

  /** Writes the magic, the version and the AUX fields. */
  public void header(long ctimeSeconds, long usedMemory, boolean aofBase) throws IOException {
    buf.writeBytes(Rdb.MAGIC, 0, Rdb.MAGIC.length);
    byte[] v = String.format("%04d", Rdb.VERSION).getBytes(StandardCharsets.US_ASCII);
    buf.writeBytes(v, 0, v.length);
    aux("redis-ver", REDIS_VERSION);
    aux("redis-bits", "64");
    aux("ctime", Long.toString(ctimeSeconds));
    aux("used-mem", Long.toString(usedMemory));
    aux("aof-base", aofBase ? "1" : "0");
    flush();
  }

  /** Writes the FUNCTION libraries (rdbSaveFunctions): one FUNCTION2 record per code. */
  public void functions(java.util.List<byte[]> codes) throws IOException {
    for (byte[] code : codes) {
      buf.writeByte(Rdb.OPCODE_FUNCTION2);
      buf.writeString(code);
    }
    flush();
  }

  private void aux(String key, String value) {
    buf.writeByte(Rdb.OPCODE_AUX);
    buf.writeString(key.getBytes(StandardCharsets.US_ASCII));
    buf.writeString(value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void beginDatabase(int db, long keyCount, long keysWithExpiry) throws IOException {
    buf.writeByte(Rdb.OPCODE_SELECTDB);
    buf.writeLen(db);
    buf.writeByte(Rdb.OPCODE_RESIZEDB);
    buf.writeLen(keyCount);
    buf.writeLen(keysWithExpiry);
  }

  @Override
  public void entry(int db, byte[] key, Object value, long expireAtMillis) throws IOException {
    if (expireAtMillis != -1) {
      buf.writeByte(Rdb.OPCODE_EXPIRETIME_MS);
      buf.writeMillis(expireAtMillis);
    }
    if (value instanceof CustomValue custom) {
      writeCustom(key, custom);
    } else {
      buf.writeByte(objectType(value));
      buf.writeString(key);
      writeValue(buf, value);
    }
    keys++;
    if (buf.size() >= (1 << 20)) {
      // a large shard: keep the buffer bounded by writing while still locked
      flush();
    }
  }

  @Override
  public void endShard() throws IOException {
    flush();
  }

  /** Writes EOF and the checksum, and flushes. */
  public void finish() throws IOException {
    buf.writeByte(Rdb.OPCODE_EOF);
    flush();
    buf.writeLe(checksum ? crc : 0, 8);
    buf.drainTo(out, 0, false);
    out.flush();
  }

  private void flush() throws IOException {
    crc = buf.drainTo(out, crc, checksum);
  }

  /**
   * rdbSaveObjectType: the RDB type byte of a value, in the encoding Redis 7.0 writes for it
   * (quicklist 2 for lists, intset or set, listpack or hash, listpack or zset 2).
   */
  static int objectType(Object value) {
    return switch (PersistedValues.kind(value)) {
      case STRING -> Rdb.TYPE_STRING;
      case LIST -> Rdb.TYPE_LIST_QUICKLIST_2;
      case SET -> PersistedValues.intset((SetValue) value) != null ? Rdb.TYPE_SET_INTSET
          : Rdb.TYPE_SET;
      case HASH -> PersistedValues.isListpack((HashValue) value) ? Rdb.TYPE_HASH_LISTPACK
          : Rdb.TYPE_HASH;
      case ZSET -> PersistedValues.isListpack((SortedSetValue) value) ? Rdb.TYPE_ZSET_LISTPACK
          : Rdb.TYPE_ZSET_2;
      case STREAM -> Rdb.TYPE_STREAM_LISTPACKS_2;
      default -> throw new IllegalStateException();
    };
  }

  /** rdbSaveObject: the value's payload after its type byte (and, in a file, its key). */
  static void writeValue(RdbBuffer buf, Object value) {
    switch (PersistedValues.kind(value)) {
      case STRING -> writeStringValue(buf, value);
      case LIST -> writeList(buf, (ListValue) value);
      case SET -> writeSet(buf, (SetValue) value);
      case HASH -> writeHash(buf, (HashValue) value);
      case ZSET -> writeSortedSet(buf, (SortedSetValue) value);
      case STREAM -> RdbStreams.write(buf, (StreamValue) value);
      default -> throw new IllegalStateException();
    }
  }

  /**
   * A custom type's value (io.lime.command.CustomType) as Redis stores a module's: type 7, the
   * module id (name and encoding version), then the encoded bytes as one module string and
   * the module EOF opcode. A server without the type refuses the file.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void writeCustom(byte[] key, CustomValue custom) {
    CustomType type = custom.type();
    buf.writeByte(Rdb.TYPE_MODULE_2);
    buf.writeString(key);
    buf.writeLen(Rdb.moduleId(type.name(), type.version()));
    buf.writeLen(Rdb.MODULE_OPCODE_STRING);
    buf.writeString(type.encode(custom.value()));
    buf.writeLen(Rdb.MODULE_OPCODE_EOF);
  }

  private static void writeStringValue(RdbBuffer buf, Object value) {
    if (value instanceof Long l) {
      buf.writeLongAsString(l);
    } else if (value instanceof byte[] b) {
      buf.writeString(b);
    } else {
      StringValue sv = (StringValue) value;
      buf.writeString(sv.array(), 0, sv.length());
    }
  }

  private static void writeList(RdbBuffer buf, ListValue list) {
    buf.writeLen(list.nodeCount());
    PersistedValues.forEachNode(list, new PersistedValues.NodeVisitor() {
      private Listpack.Builder lp = new Listpack.Builder();

      @Override
      public void begin(int count) {
        lp = new Listpack.Builder();
      }

      @Override
      public void element(byte[] b, int off, int len) {
        lp.add(b, off, len);
      }

      @Override
      public void end() {
        buf.writeLen(Rdb.QUICKLIST_NODE_PACKED);
        buf.writeString(lp.build());
      }
    });
  }

  private static void writeSet(RdbBuffer buf, SetValue set) {
    byte[] is = PersistedValues.intset(set);
    if (is != null) {
      int width = PersistedValues.intsetWidth(is);
      int count = PersistedValues.intsetCount(is);
      byte[] blob = new byte[8 + count * width];
      for (int i = 0; i < 4; i++) {
        blob[i] = (byte) (width >>> (8 * i));
        blob[4 + i] = (byte) (count >>> (8 * i));
      }
      System.arraycopy(is, 1, blob, 8, count * width);
      buf.writeString(blob);
      return;
    }
    buf.writeLen(set.size());
    PersistedValues.forEachMember(set, buf::writeString);
  }

  private static void writeHash(RdbBuffer buf, HashValue hash) {
    if (PersistedValues.isListpack(hash)) {
      Listpack.Builder lp = new Listpack.Builder();
      hash.forEach((fb, foff, flen, vb, voff, vlen) -> {
        lp.add(fb, foff, flen);
        lp.add(vb, voff, vlen);
      });
      buf.writeString(lp.build());
      return;
    }
    buf.writeLen(hash.size());
    hash.forEach((fb, foff, flen, vb, voff, vlen) -> {
      buf.writeString(fb, foff, flen);
      buf.writeString(vb, voff, vlen);
    });
  }

  private static void writeSortedSet(RdbBuffer buf, SortedSetValue z) {
    if (PersistedValues.isListpack(z)) {
      Listpack.Builder lp = new Listpack.Builder();
      SortedSetType.forEach(z, (b, off, len, score) -> {
        lp.add(b, off, len);
        byte[] s = ScoreText.format(score);
        lp.add(s, 0, s.length);
        return true;
      });
      buf.writeString(lp.build());
      return;
    }
    buf.writeLen(z.size());
    SortedSetType.forEachReverse(z, (b, off, len, score) -> {
      buf.writeString(b, off, len);
      buf.writeBinaryDouble(score);
      return true;
    });
  }
}
