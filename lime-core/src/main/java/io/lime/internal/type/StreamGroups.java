package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Consumer groups (Redis 7.0's t_stream.c group half): the XGROUP subcommands, XACK, and the
 * group read of XREADGROUP (new entries with {@code >}, or the consumer's history), with the
 * last-delivered-ID, entries-read and PEL bookkeeping as 7.0 does it. XPENDING, XCLAIM and
 * XAUTOCLAIM are in {@link StreamClaims}.
 *
 * <p>Propagation follows Redis 7.0: a group read propagates, instead of itself, one
 * {@code XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID id} per
 * delivered entry, and with NOACK an {@code XGROUP SETID key group id ENTRIESREAD n} when the
 * group moved, so that replaying the log rebuilds the same PEL.
 */
public final class StreamGroups {
  private StreamGroups() {}

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * The stream an XGROUP subcommand works on (Redis's xgroupCommand prologue): null only when
   * absent and {@code mkstream}.
   *
   * @throws LimeException WRONGTYPE, or the "requires the key to exist" error
   */
  private static @Nullable StreamValue target(LockedKey k, boolean mkstream) {
    StreamValue s = StreamType.lookup(k);
    if (s == null && !mkstream) {
      throw new LimeException(Errors.STREAM_XGROUP_NO_KEY);
    }
    return s;
  }

  /**
   * The group {@code name} of {@code s} (XGROUP, XINFO CONSUMERS).
   *
   * @throws LimeException NOGROUP when absent
   */
  public static StreamGroup existing(LockedKey k, StreamValue s, byte[] name) {
    StreamGroup g = s.group(name);
    if (g == null) {
      throw new LimeException(Errors.streamNoGroup(text(name), text(k.keyCopy())));
    }
    return g;
  }

  /**
   * XGROUP CREATE: creates group {@code name} at {@code idArg} ({@code $}: the last ID),
   * creating an empty stream with {@code mkstream}.
   *
   * @throws LimeException BUSYGROUP, an invalid ID, a missing key, WRONGTYPE
   */
  public static void create(LockedKey k, byte[] name, byte[] idArg, boolean mkstream,
      long entriesRead) {
    checkEntriesRead(entriesRead);
    StreamValue s = target(k, mkstream);
    StreamId id;
    if (idArg.length == 1 && idArg[0] == '$') {
      id = s != null ? s.lastId : StreamId.MIN;
    } else {
      id = StreamId.parse(idArg, 0, true);
    }
    if (s == null) {
      s = new StreamValue();
      k.insert(s);
    }
    if (s.group(name) != null) {
      throw new LimeException(Errors.STREAM_BUSYGROUP);
    }
    s.groupsForWrite().put(name.clone(), new StreamGroup(name.clone(), id, entriesRead));
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xgroup-create");
    given(k, "CREATE", name, idArg, mkstream ? List.of("MKSTREAM") : List.of(),
        entriesRead == StreamValue.INVALID_ENTRIES_READ ? List.of()
            : List.of("ENTRIESREAD", entriesRead));
  }

  /**
   * XGROUP SETID: moves the group's last delivered ID ({@code $}: the stream's last ID) and
   * sets its entries-read counter ({@code -1}: unknown).
   *
   * @throws LimeException a bad {@code entriesRead}, a missing key, NOGROUP, an invalid ID,
   *     WRONGTYPE
   */
  public static void setId(LockedKey k, byte[] name, byte[] idArg, long entriesRead) {
    checkEntriesRead(entriesRead);
    StreamValue s = target(k, false);
    StreamGroup g = existing(k, s, name);
    StreamId id = idArg.length == 1 && idArg[0] == '$' ? s.lastId
        : StreamId.parse(idArg, 0, false);
    g.lastId = id;
    g.entriesRead = entriesRead;
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xgroup-setid");
    given(k, "SETID", name, idArg, entriesRead == StreamValue.INVALID_ENTRIES_READ ? List.of()
        : List.of("ENTRIESREAD", entriesRead));
  }

  /** Sets {@code XGROUP subcommand key args...} as the form of a typed write. */
  private static void given(LockedKey k, String subcommand, Object... args) {
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("XGROUP", subcommand, k, List.of(args)));
    }
  }

  /** ENTRIESREAD: non-negative, or -1 for "unknown" (checked before the key, as Redis). */
  private static void checkEntriesRead(long entriesRead) {
    if (entriesRead < 0 && entriesRead != StreamValue.INVALID_ENTRIES_READ) {
      throw new LimeException(Errors.STREAM_ENTRIES_READ_NEGATIVE);
    }
  }

  /** XGROUP DESTROY: 1 when the group existed; wakes its blocked readers (NOGROUP). */
  public static long destroy(LockedKey k, byte[] name) {
    StreamValue s = target(k, false);
    if (s.groups == null || s.groups.remove(name) == null) {
      return 0;
    }
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xgroup-destroy");
    given(k, "DESTROY", name);
    k.engine().blocking().signal(k.db(), k.array(), k.offset(), k.length(), k.hash());
    k.engine().blocking().serveReady();
    return 1;
  }

  /** XGROUP CREATECONSUMER: 1 when created. */
  public static long createConsumer(LockedKey k, byte[] name, byte[] consumer) {
    StreamValue s = target(k, false);
    StreamGroup g = existing(k, s, name);
    if (g.consumers.containsKey(consumer)) {
      return 0;
    }
    newConsumer(k, g, consumer);
    given(k, "CREATECONSUMER", name, consumer);
    return 1;
  }

  /** Creates a consumer (Redis's streamCreateConsumer: dirty, event). */
  static StreamGroup.Consumer newConsumer(LockedKey k, StreamGroup g, byte[] consumer) {
    StreamGroup.Consumer c = new StreamGroup.Consumer(consumer.clone(), k.now());
    g.consumers.put(c.name, c);
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xgroup-createconsumer");
    return c;
  }

  /**
   * The consumer, its seen time refreshed, created when absent (streamLookupConsumer and
   * streamCreateConsumer), for XCLAIM and XAUTOCLAIM, whose propagated XCLAIMs create it on
   * replay. A group read takes {@link #readConsumer}.
   */
  public static StreamGroup.Consumer consumer(LockedKey k, StreamGroup g, byte[] name) {
    StreamGroup.Consumer c = g.consumers.get(name);
    if (c == null) {
      return newConsumer(k, g, name);
    }
    c.seenTime = k.now();
    return c;
  }

  /**
   * The consumer a group read serves (XREADGROUP with something to serve, or a blocked one
   * being served): as Redis 7.0, looked up or created only once there is something to serve,
   * never by a read that finds nothing; one a NOACK read creates is propagated as
   * {@code XGROUP CREATECONSUMER} (streamPropagateConsumerCreation: such a read propagates no
   * XCLAIM that would create it on replay). {@code served}: see {@link #read}.
   */
  public static StreamGroup.Consumer readConsumer(LockedKey k, StreamGroup g, byte[] name,
      boolean noack, boolean served) {
    StreamGroup.Consumer c = g.consumers.get(name);
    if (c != null) {
      c.seenTime = k.now();
      return c;
    }
    c = newConsumer(k, g, name);
    Propagation p = k.propagation();
    if (noack && p != null) {
      propagate(p, k, served, Argvs.of("XGROUP", "CREATECONSUMER", k.keyCopy(), g.name, name));
    }
    return c;
  }

  /** XGROUP DELCONSUMER: the number of entries the consumer had pending. */
  public static long delConsumer(LockedKey k, byte[] name, byte[] consumer) {
    StreamValue s = target(k, false);
    StreamGroup g = existing(k, s, name);
    StreamGroup.Consumer c = g.consumers.remove(consumer);
    if (c == null) {
      return 0;
    }
    for (StreamId id : c.pel.keySet()) {
      g.pel.remove(id);
    }
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xgroup-delconsumer");
    given(k, "DELCONSUMER", name, consumer);
    return c.pel.size();
  }

  /**
   * XACK: removes the IDs {@code idArgs} (all parsed first) from the group's PEL; 0 when the
   * key or the group is absent.
   */
  public static long ack(LockedKey k, byte[] name, ByteArgs idArgs) {
    StreamValue s = StreamType.lookup(k);
    StreamGroup g = s == null ? null : s.group(name);
    if (g == null) {
      return 0;
    }
    List<StreamId> ids = StreamType.parseIds(idArgs);
    long acked = 0;
    for (StreamId id : ids) {
      StreamGroup.Nack n = g.pel.remove(id);
      if (n != null) {
        n.consumer.pel.remove(id);
        acked++;
      }
    }
    k.dirty(acked);
    Propagation p = acked > 0 ? k.asGiven() : null;
    if (p != null) {
      p.rewrite(Argvs.of("XACK", k, name, idArgs.copies()));
    }
    return acked;
  }

  // ------------------------------------------------------------------ XREADGROUP

  /**
   * XREADGROUP on one stream with {@code >}: the entries after the group's last delivered ID
   * (at most {@code count}, 0: all), delivered to {@code consumer} (created if needed).
   *
   * @throws LimeException WRONGTYPE, or NOGROUP when the key or the group is absent
   */
  public static List<StreamEntry> readNew(LockedKey k, byte[] group, byte[] consumer,
      long count, boolean noack) {
    StreamValue s = StreamType.lookup(k);
    StreamGroup g = s == null ? null : s.group(group);
    if (g == null) {
      throw new LimeException(Errors.streamNoKeyOrGroupRead(text(k.keyCopy()), text(group)));
    }
    StreamId last = s.lastEntryId();
    if (last == null || last.compareTo(g.lastId) <= 0) {
      return List.of(); // nothing to serve: no consumer made (Redis 7.0)
    }
    StreamGroup.Consumer c = readConsumer(k, g, consumer, noack, false);
    StreamId start = g.lastId.next();
    return read(k, s, g, c, start == null ? StreamId.MAX : start, count, noack, false, false);
  }

  /**
   * Reads for consumer {@code consumerName} of group {@code g} of the stream at {@code k}
   * (Redis's streamReplyWithRange with a group): with {@code history}, the consumer's pending
   * entries from {@code start} (deleted ones with null fields), refreshing their delivery;
   * otherwise the entries from {@code start} on, moving the group's last ID and
   * entries-read and, unless {@code noack}, adding them to the PELs. At most {@code count}
   * (0: all). The consumer must have been fetched with {@link #consumer}. {@code served}: a
   * blocked client is served by another command, whose propagation this read follows.
   */
  public static List<StreamEntry> read(LockedKey k, StreamValue s, StreamGroup g,
      StreamGroup.Consumer consumer, StreamId start, long count, boolean noack,
      boolean history, boolean served) {
    List<StreamEntry> out = new ArrayList<>();
    long now = k.now();
    if (history) {
      for (Map.Entry<StreamId, StreamGroup.Nack> e : consumer.pel.tailMap(start, true)
          .entrySet()) {
        if (count != 0 && out.size() >= count) {
          break;
        }
        byte[][] fv = s.get(e.getKey());
        if (fv != null) {
          e.getValue().deliveryTime = now;
          e.getValue().deliveryCount++;
        }
        out.add(new StreamEntry(e.getKey(), fv));
      }
      return out;
    }
    Propagation p = k.propagation();
    boolean[] moved = new boolean[1];
    s.forEach(start, StreamId.MAX, false, (id, fv) -> {
      if (id.compareTo(g.lastId) > 0) {
        if (g.entriesRead != StreamValue.INVALID_ENTRIES_READ
            && !s.rangeHasTombstones(id, null)) {
          g.entriesRead++;
        } else if (s.entriesAdded != 0) {
          g.entriesRead = s.estimateDistanceFromFirstEverEntry(id);
        }
        g.lastId = id;
        moved[0] = noack; // else the XCLAIMs' LASTID carries it (Redis 7.0)
      }
      out.add(new StreamEntry(id, fv));
      if (!noack) {
        StreamGroup.Nack n = g.pel.get(id);
        if (n == null) {
          n = new StreamGroup.Nack(consumer, now, 1);
          g.pel.put(id, n);
        } else {
          n.consumer.pel.remove(id);
          n.consumer = consumer;
          n.deliveryTime = now;
          n.deliveryCount = 1;
        }
        consumer.pel.put(id, n);
        if (p != null) {
          propagate(p, k, served, claimForm(k.keyCopy(), g, consumer.name, id, n));
        }
      }
      return count == 0 || out.size() < count;
    });
    if (p != null) {
      if (moved[0]) {
        propagate(p, k, served, setIdForm(k.keyCopy(), g));
      }
      if (!served) {
        p.prevent();
      }
    }
    k.dirty(1);
    return out;
  }

  private static void propagate(Propagation p, LockedKey k, boolean served, byte[][] argv) {
    if (served) {
      p.served(k.db().index(), argv);
    } else {
      p.alsoPropagate(k.db().index(), argv);
    }
  }

  /** Redis's streamPropagateXCLAIM form. */
  static byte[][] claimForm(byte[] key, StreamGroup g, byte[] consumer, StreamId id,
      StreamGroup.Nack n) {
    return Argvs.of("XCLAIM", key, g.name, consumer, "0", id.toString(), "TIME",
        n.deliveryTime, "RETRYCOUNT", n.deliveryCount, "FORCE", "JUSTID", "LASTID",
        g.lastId.toString());
  }

  /** Redis's streamPropagateGroupID form. */
  static byte[][] setIdForm(byte[] key, StreamGroup g) {
    return Argvs.of("XGROUP", "SETID", key, g.name, g.lastId.toString(), "ENTRIESREAD",
        g.entriesRead);
  }
}
