package io.lime.internal.type;

import io.lime.internal.util.Numbers;
import java.util.List;
import java.util.Map;

/**
 * What persistence codecs need from streams: each node's listpack elements in Redis's layout
 * (to write RDB_TYPE_STREAM_LISTPACKS_2 byte for byte), and building a stream back from
 * loaded nodes, counters, groups, PELs and consumers. Callers hold the lock of the shard
 * holding a stream they read; streams they build are private until stored.
 */
public final class StreamPersistence {
  private StreamPersistence() {}

  /** Receives the listpack elements of the nodes, in order. */
  public interface NodeVisitor {
    /** A node whose radix-tree key is {@code master} begins. */
    void begin(StreamId master);

    /** An integer element. */
    void integer(long v);

    /** A string element (integer-encoded by the listpack when it is one). */
    void string(byte[] s);

    /** The node ends. */
    void end();
  }

  /** Walks every node's listpack elements: master entry, then each entry (deleted ones too). */
  public static void forEachNode(StreamValue s, NodeVisitor v) {
    for (StreamNode n : s.nodes.values()) {
      v.begin(n.master);
      v.integer(n.live);
      v.integer(n.deleted);
      v.integer(n.masterFields.length);
      for (byte[] f : n.masterFields) {
        v.string(f);
      }
      v.integer(0);
      for (int i = 0; i < n.size; i++) {
        boolean same = (n.flags[i] & StreamNode.FLAG_SAMEFIELDS) != 0;
        byte[][] fv = n.pairs[i];
        int numFields = fv.length / 2;
        v.integer(n.flags[i]);
        v.integer(n.ms[i] - n.master.ms());
        v.integer(n.seq[i] - n.master.seq());
        if (!same) {
          v.integer(numFields);
        }
        for (int j = 0; j < fv.length; j += 2) {
          if (!same) {
            v.string(fv[j]);
          }
          v.string(fv[j + 1]);
        }
        v.integer(same ? numFields + 3 : numFields * 2 + 4);
      }
      v.end();
    }
  }

  /** An empty stream to fill. */
  public static StreamValue newStream() {
    return new StreamValue();
  }

  /**
   * Adds a node read back from its listpack elements (integers as decimal text), keyed by
   * {@code master}.
   *
   * @throws IllegalArgumentException when the elements are not a valid stream node
   */
  public static void addNode(StreamValue s, StreamId master, List<byte[]> e) {
    int p = 0;
    long live = number(e.get(p++));
    long deleted = number(e.get(p++));
    int numMaster = (int) number(e.get(p++));
    byte[][] fields = new byte[numMaster][];
    for (int i = 0; i < numMaster; i++) {
      fields[i] = e.get(p++);
    }
    if (number(e.get(p++)) != 0) {
      throw new IllegalArgumentException("bad stream master entry");
    }
    StreamNode n = new StreamNode(master, fields);
    while (p < e.size()) {
      int flags = (int) number(e.get(p++));
      StreamId id = new StreamId(master.ms() + number(e.get(p++)),
          master.seq() + number(e.get(p++)));
      boolean same = (flags & StreamNode.FLAG_SAMEFIELDS) != 0;
      int numFields = same ? numMaster : (int) number(e.get(p++));
      byte[][] fv = new byte[numFields * 2][];
      for (int i = 0; i < numFields; i++) {
        fv[2 * i] = same ? fields[i] : e.get(p++);
        fv[2 * i + 1] = e.get(p++);
      }
      p++; // lp-count
      n.append(id, fv);
      if ((flags & StreamNode.FLAG_DELETED) != 0) {
        n.markDeleted(n.size - 1);
      }
    }
    if (n.live != live || n.deleted != deleted) {
      throw new IllegalArgumentException("stream node counts mismatch");
    }
    s.nodes.put(master, n);
  }

  private static long number(byte[] b) {
    if (!Numbers.isLong(b, 0, b.length)) {
      throw new IllegalArgumentException("stream node integer expected");
    }
    return Numbers.parseLong(b, 0, b.length);
  }

  /** Sets the stream's counters after its nodes. */
  public static void setMeta(StreamValue s, long length, StreamId lastId, StreamId firstId,
      StreamId maxDeletedId, long entriesAdded) {
    s.length = length;
    s.lastId = lastId;
    s.firstId = firstId;
    s.maxDeletedId = maxDeletedId;
    s.entriesAdded = entriesAdded;
  }

  /** The logical read counter of {@code id} (for groups loaded without one). */
  public static long estimate(StreamValue s, StreamId id) {
    return s.estimateDistanceFromFirstEverEntry(id);
  }

  /** Adds a group; null when the name is taken (a corrupt file). */
  public static StreamGroup addGroup(StreamValue s, byte[] name, StreamId lastId,
      long entriesRead) {
    if (s.group(name) != null) {
      return null;
    }
    StreamGroup g = new StreamGroup(name, lastId, entriesRead);
    s.groupsForWrite().put(name, g);
    return g;
  }

  /** Adds a pending entry of the group (its consumer set by {@link #addConsumerPending}). */
  public static void addPending(StreamGroup g, StreamId id, long deliveryTime,
      long deliveryCount) {
    g.pel.put(id, new StreamGroup.Nack(null, deliveryTime, deliveryCount));
  }

  /** Adds a consumer; null when the name is taken. */
  public static StreamGroup.Consumer addConsumer(StreamGroup g, byte[] name, long seenTime) {
    if (g.consumers.containsKey(name)) {
      return null;
    }
    StreamGroup.Consumer c = new StreamGroup.Consumer(name, seenTime);
    g.consumers.put(name, c);
    return c;
  }

  /** Gives the group's pending entry {@code id} to {@code c}; false when the group lacks it. */
  public static boolean addConsumerPending(StreamGroup g, StreamGroup.Consumer c, StreamId id) {
    StreamGroup.Nack n = g.pel.get(id);
    if (n == null || n.consumer != null) {
      return false;
    }
    n.consumer = c;
    c.pel.put(id, n);
    return true;
  }

  /** Whether every pending entry has a consumer (a loaded group is consistent). */
  public static boolean consistent(StreamGroup g) {
    for (Map.Entry<StreamId, StreamGroup.Nack> e : g.pel.entrySet()) {
      if (e.getValue().consumer == null) {
        return false;
      }
    }
    return true;
  }
}
