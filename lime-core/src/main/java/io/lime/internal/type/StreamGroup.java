package io.lime.internal.type;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis 7.0's streamCG): the last delivered ID, the logical
 * count of entries read, the pending entries list (PEL: delivered, not acknowledged) and the
 * consumers, each with its own PEL sharing the group's {@link Nack}s. Guarded by the key's
 * shard lock.
 */
public final class StreamGroup {
  final byte[] name;
  StreamId lastId;
  long entriesRead;
  final TreeMap<StreamId, Nack> pel = new TreeMap<>();
  final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

  StreamGroup(byte[] name, StreamId lastId, long entriesRead) {
    this.name = name;
    this.lastId = lastId;
    this.entriesRead = entriesRead;
  }

  /** The group's name. */ public byte[] name() { return name; }
  /** The last delivered ID. */ public StreamId lastId() { return lastId; }
  /** The logical read counter, or {@link StreamValue#INVALID_ENTRIES_READ}. */ public long entriesRead() { return entriesRead; }
  /** The group's pending entries by ID (do not modify). */ public TreeMap<StreamId, Nack> pel() { return pel; }
  /** The consumers by name (do not modify). */ public TreeMap<byte[], Consumer> consumers() { return consumers; }

  /** The consumer {@code name}, created (seen now) when absent; see {@link #created}. */
  Consumer consumer(byte[] name, long now) {
    Consumer c = consumers.get(name);
    if (c == null) {
      c = new Consumer(name, now);
      c.created = true;
      consumers.put(name, c);
    }
    return c;
  }

  /** A copy sharing no mutable state. */
  StreamGroup duplicate() {
    StreamGroup g = new StreamGroup(name, lastId, entriesRead);
    for (Consumer c : consumers.values()) {
      Consumer d = new Consumer(c.name, c.seenTime);
      g.consumers.put(d.name, d);
    }
    for (Map.Entry<StreamId, Nack> e : pel.entrySet()) {
      Nack n = e.getValue();
      Consumer owner = g.consumers.get(n.consumer.name);
      Nack copy = new Nack(owner, n.deliveryTime, n.deliveryCount);
      g.pel.put(e.getKey(), copy);
      owner.pel.put(e.getKey(), copy);
    }
    return g;
  }

  /** A consumer of a group (Redis's streamConsumer). */
  public static final class Consumer {
    final byte[] name;
    long seenTime;
    final TreeMap<StreamId, Nack> pel = new TreeMap<>();
    /** Set when {@link StreamGroup#consumer} created it (for the event). */ boolean created;

    Consumer(byte[] name, long seenTime) {
      this.name = name;
      this.seenTime = seenTime;
    }

    /** The consumer's name. */ public byte[] name() { return name; }
    /** When it last read or claimed, Unix milliseconds. */ public long seenTime() { return seenTime; }
    /** Its pending entries by ID (do not modify). */ public TreeMap<StreamId, Nack> pel() { return pel; }
  }

  /** A pending entry (Redis's streamNACK). */
  public static final class Nack {
    Consumer consumer;
    long deliveryTime;
    long deliveryCount;

    Nack(Consumer consumer, long deliveryTime, long deliveryCount) {
      this.consumer = consumer;
      this.deliveryTime = deliveryTime;
      this.deliveryCount = deliveryCount;
    }

    /** The consumer it was last delivered to. */ public Consumer consumer() { return consumer; }
    /** When it was last delivered, Unix milliseconds. */ public long deliveryTime() { return deliveryTime; }
    /** How many times it was delivered. */ public long deliveryCount() { return deliveryCount; }
  }
}
