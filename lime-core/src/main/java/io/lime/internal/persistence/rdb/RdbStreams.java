package io.lime.internal.persistence.rdb;

import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamPersistence;
import io.lime.internal.type.StreamValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Streams in RDB, as Redis 7.0's rdbSaveObject / rdbLoadObject write and read them:
 *
 * <pre>
 *   RDB_TYPE_STREAM_LISTPACKS_2 (19):
 *     nodes(len) | per node: master ID (string, 16 bytes big-endian) | listpack (string)
 *     length(len) | last-id ms, seq (len, len) | first-id ms, seq | max-deleted-id ms, seq
 *     entries-added(len) | groups(len)
 *     per group: name (string) | last-id ms, seq | entries-read (len)
 *       PEL: count(len) | per entry: ID (16 raw bytes) | delivery time (ms, 8 LE) | count(len)
 *       consumers(len) | per consumer: name | seen time (ms, 8 LE)
 *         PEL: count(len) | per entry: ID (16 raw bytes)
 *   RDB_TYPE_STREAM_LISTPACKS (15, read only): without first-id, max-deleted-id,
 *     entries-added and entries-read (estimated on load, as Redis does).
 * </pre>
 *
 * Listpacks are built with {@link Listpack.Builder}, element by element as streamAppendItem
 * appends them, so a node's bytes are Redis's.
 */
final class RdbStreams {
  private RdbStreams() {}

  /** Writes a stream's value (after its type byte and key). */
  static void write(RdbBuffer buf, StreamValue s) {
    buf.writeLen(s.nodeCount());
    StreamPersistence.forEachNode(s, new StreamPersistence.NodeVisitor() {
      private Listpack.Builder lp;

      @Override
      public void begin(StreamId master) {
        byte[] key = new byte[16];
        putId(key, 0, master);
        buf.writeLen(16);
        buf.writeBytes(key, 0, 16);
        lp = new Listpack.Builder();
      }

      @Override
      public void integer(long v) {
        lp.addLong(v);
      }

      @Override
      public void string(byte[] str) {
        lp.add(str);
      }

      @Override
      public void end() {
        buf.writeString(lp.build());
      }
    });
    buf.writeLen(s.length());
    writeId(buf, s.lastId());
    writeId(buf, s.recordedFirstId());
    writeId(buf, s.maxDeletedId());
    buf.writeLen(s.entriesAdded());
    buf.writeLen(s.groups().size());
    byte[] raw = new byte[16];
    for (StreamGroup g : s.groups().values()) {
      buf.writeString(g.name());
      writeId(buf, g.lastId());
      buf.writeLen(g.entriesRead());
      buf.writeLen(g.pel().size());
      for (Map.Entry<StreamId, StreamGroup.Nack> e : g.pel().entrySet()) {
        putId(raw, 0, e.getKey());
        buf.writeBytes(raw, 0, 16);
        buf.writeMillis(e.getValue().deliveryTime());
        buf.writeLen(e.getValue().deliveryCount());
      }
      buf.writeLen(g.consumers().size());
      for (StreamGroup.Consumer c : g.consumers().values()) {
        buf.writeString(c.name());
        buf.writeMillis(c.seenTime());
        buf.writeLen(c.pel().size());
        for (StreamId id : c.pel().keySet()) {
          putId(raw, 0, id);
          buf.writeBytes(raw, 0, 16);
        }
      }
    }
  }

  private static void writeId(RdbBuffer buf, StreamId id) {
    buf.writeLen(id.ms());
    buf.writeLen(id.seq());
  }

  private static void putId(byte[] b, int off, StreamId id) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (id.ms() >>> (56 - 8 * i));
      b[off + 8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
    }
  }

  private static StreamId getId(byte[] b) {
    long ms = 0;
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      ms = (ms << 8) | (b[i] & 0xFF);
      seq = (seq << 8) | (b[8 + i] & 0xFF);
    }
    return new StreamId(ms, seq);
  }

  /** Reads a stream's value (type 19 with {@code v2}, else 15). */
  static StreamValue read(RdbInput in, boolean v2) throws IOException {
    StreamValue s = StreamPersistence.newStream();
    long nodes = in.readPlainLen();
    for (long i = 0; i < nodes; i++) {
      byte[] key = in.readString();
      if (key.length != 16) {
        throw new RdbFormatException("Stream node key entry is not the size of a stream ID");
      }
      byte[] lp = in.readString();
      List<byte[]> elements;
      try {
        elements = Listpack.decode(lp);
        if (elements.isEmpty()) {
          throw new RdbFormatException("Empty listpack inside stream");
        }
        StreamPersistence.addNode(s, getId(key), elements);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new RdbFormatException("Stream listpack integrity check failed: " + e.getMessage());
      }
    }
    long length = in.readPlainLen();
    StreamId last = readId(in);
    StreamId first = StreamId.MIN;
    StreamId maxDeleted = StreamId.MIN;
    long entriesAdded = length;
    if (v2) {
      first = readId(in);
      maxDeleted = readId(in);
      entriesAdded = in.readPlainLen();
    }
    StreamPersistence.setMeta(s, length, last, first, maxDeleted, entriesAdded);
    if (!v2) {
      StreamId f = s.firstEntryId();
      StreamPersistence.setMeta(s, length, last, f == null ? StreamId.MIN : f, maxDeleted,
          entriesAdded);
    }
    long groups = in.readPlainLen();
    for (long i = 0; i < groups; i++) {
      byte[] name = in.readString();
      StreamId groupLast = readId(in);
      long entriesRead = v2 ? in.readPlainLen() : StreamPersistence.estimate(s, groupLast);
      StreamGroup g = StreamPersistence.addGroup(s, name, groupLast, entriesRead);
      if (g == null) {
        throw new RdbFormatException("Duplicated consumer group name");
      }
      long pel = in.readPlainLen();
      for (long j = 0; j < pel; j++) {
        StreamId id = getId(in.readBytes(16));
        long time = in.readLe(8);
        StreamPersistence.addPending(g, id, time, in.readPlainLen());
      }
      long consumers = in.readPlainLen();
      for (long j = 0; j < consumers; j++) {
        byte[] cname = in.readString();
        long seen = in.readLe(8);
        StreamGroup.Consumer c = StreamPersistence.addConsumer(g, cname, seen);
        if (c == null) {
          throw new RdbFormatException("Duplicate stream consumer detected");
        }
        long cpel = in.readPlainLen();
        for (long k = 0; k < cpel; k++) {
          if (!StreamPersistence.addConsumerPending(g, c, getId(in.readBytes(16)))) {
            throw new RdbFormatException("Consumer PEL entry not found in group global PEL");
          }
        }
      }
      if (!StreamPersistence.consistent(g)) {
        throw new RdbFormatException("Stream group PEL entry without a consumer");
      }
    }
    return s;
  }

  private static StreamId readId(RdbInput in) throws IOException {
    long ms = in.readPlainLen();
    return new StreamId(ms, in.readPlainLen());
  }
}
