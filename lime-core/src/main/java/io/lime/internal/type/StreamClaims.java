package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pending-entries commands of consumer groups (Redis 7.0's xpendingCommand,
 * xclaimCommand, xautoclaimCommand): inspecting the PEL and moving entries between
 * consumers, each claim propagated as Redis's XCLAIM form (see {@link StreamGroups}).
 */
public final class StreamClaims {
  private StreamClaims() {}

  /** One claimed entry: its ID and, unless JUSTID, its fields (null when deleted). */
  public record Claimed(StreamId id, byte @Nullable [][] fieldsValues) {}

  /** XAUTOCLAIM's result: the next cursor, the claimed entries, the IDs dropped from the PEL. */
  public record AutoClaim(StreamId next, List<Claimed> claimed, List<StreamId> deleted) {}

  /** XCLAIM's options (Redis's defaults: -1 = not given). */
  public record ClaimOptions(long deliveryTime, long retryCount, boolean force, boolean justId,
      StreamId lastId) {}

  /**
   * The group for XPENDING / XCLAIM / XAUTOCLAIM.
   *
   * @throws LimeException WRONGTYPE, or NOGROUP when the key or the group is absent
   */
  public static StreamGroup group(LockedKey k, byte[] name) {
    StreamValue s = StreamType.lookup(k);
    StreamGroup g = s == null ? null : s.group(name);
    if (g == null) {
      throw new LimeException(Errors.streamNoKeyOrGroup(StreamGroups.text(k.keyCopy()),
          StreamGroups.text(name)));
    }
    return g;
  }

  /**
   * XPENDING's extended form: at most {@code count} pending entries of the group (or of
   * {@code consumer}, none when it does not exist) in {@code [start, end]} idle for at least
   * {@code minIdle} ms.
   */
  public static List<Map.Entry<StreamId, StreamGroup.Nack>> pending(StreamGroup g,
      byte @Nullable [] consumer, StreamId start, StreamId end, long count, long minIdle,
      long now) {
    List<Map.Entry<StreamId, StreamGroup.Nack>> out = new ArrayList<>();
    Map<StreamId, StreamGroup.Nack> pel = g.pel;
    if (consumer != null) {
      StreamGroup.Consumer c = g.consumers.get(consumer);
      if (c == null) {
        return out;
      }
      pel = c.pel;
    }
    if (start.compareTo(end) > 0 || count <= 0) {
      return out;
    }
    for (Map.Entry<StreamId, StreamGroup.Nack> e
        : ((java.util.TreeMap<StreamId, StreamGroup.Nack>) pel).subMap(start, true, end, true)
            .entrySet()) {
      if (minIdle != 0 && now - e.getValue().deliveryTime < minIdle) {
        continue;
      }
      out.add(e);
      if (out.size() >= count) {
        break;
      }
    }
    return out;
  }

  /** XCLAIM: claims the pending {@code ids} idle for at least {@code minIdle} ms. */
  public static List<Claimed> claim(LockedKey k, byte[] groupName, byte[] consumerName,
      long minIdle, List<StreamId> ids, ClaimOptions o) {
    StreamValue s = StreamType.lookup(k);
    StreamGroup g = group(k, groupName);
    long now = k.now();
    boolean propagateLastId = false;
    if (o.lastId().compareTo(g.lastId) > 0) {
      g.lastId = o.lastId();
      propagateLastId = true;
    }
    long deliveryTime = o.deliveryTime();
    if (deliveryTime != -1) {
      if (deliveryTime < 0 || deliveryTime > now) {
        deliveryTime = now;
      }
    } else {
      deliveryTime = now;
    }
    Propagation p = k.propagation();
    StreamGroup.Consumer consumer = null;
    List<Claimed> out = new ArrayList<>();
    for (StreamId id : ids) {
      StreamGroup.Nack n = g.pel.get(id);
      if (!s.contains(id)) {
        if (n != null) {
          if (p != null) {
            p.alsoPropagate(k.db().index(),
                StreamGroups.claimForm(k.keyCopy(), g, n.consumer.name, id, n));
          }
          propagateLastId = false;
          k.dirty(1);
          g.pel.remove(id);
          n.consumer.pel.remove(id);
        }
        continue;
      }
      if (o.force() && n == null) {
        n = new StreamGroup.Nack(null, now, 1);
        g.pel.put(id, n);
      }
      if (n == null) {
        continue;
      }
      if (n.consumer != null && minIdle != 0 && now - n.deliveryTime < minIdle) {
        continue;
      }
      if (consumer == null) {
        consumer = StreamGroups.consumer(k, g, consumerName);
      }
      if (n.consumer != consumer && n.consumer != null) {
        n.consumer.pel.remove(id);
      }
      n.deliveryTime = deliveryTime;
      if (o.retryCount() >= 0) {
        n.deliveryCount = o.retryCount();
      } else if (!o.justId()) {
        n.deliveryCount++;
      }
      if (n.consumer != consumer) {
        consumer.pel.put(id, n);
        n.consumer = consumer;
      }
      out.add(new Claimed(id, o.justId() ? null : s.get(id)));
      if (p != null) {
        p.alsoPropagate(k.db().index(), StreamGroups.claimForm(k.keyCopy(), g, consumer.name,
            id, n));
      }
      propagateLastId = false;
      k.dirty(1);
    }
    if (propagateLastId) {
      if (p != null) {
        p.alsoPropagate(k.db().index(), StreamGroups.setIdForm(k.keyCopy(), g));
      }
      k.dirty(1);
    }
    if (p != null) {
      p.prevent();
    }
    return out;
  }

  /**
   * Whether {@code count} is a valid XAUTOCLAIM COUNT: 1 to {@code Long.MAX_VALUE / 16}, as
   * Redis bounds it (by the size of a stream ID); else Redis's "COUNT must be > 0".
   */
  public static boolean validAutoClaimCount(long count) {
    return count >= 1 && count <= Long.MAX_VALUE / 16;
  }

  /** XAUTOCLAIM: claims up to {@code count} pending entries from {@code start}. */
  public static AutoClaim autoClaim(LockedKey k, byte[] groupName, byte[] consumerName,
      long minIdle, StreamId start, long count, boolean justId) {
    StreamValue s = StreamType.lookup(k);
    StreamGroup g = group(k, groupName);
    long now = k.now();
    long attempts = count * 10;
    Propagation p = k.propagation();
    StreamGroup.Consumer consumer = null;
    List<Claimed> out = new ArrayList<>();
    List<StreamId> deleted = new ArrayList<>();
    Iterator<Map.Entry<StreamId, StreamGroup.Nack>> it =
        g.pel.tailMap(start, true).entrySet().iterator();
    while (attempts-- != 0 && count != 0 && it.hasNext()) {
      Map.Entry<StreamId, StreamGroup.Nack> e = it.next();
      StreamId id = e.getKey();
      StreamGroup.Nack n = e.getValue();
      if (!s.contains(id)) {
        if (p != null) {
          p.alsoPropagate(k.db().index(),
              StreamGroups.claimForm(k.keyCopy(), g, n.consumer.name, id, n));
        }
        k.dirty(1);
        it.remove();
        n.consumer.pel.remove(id);
        deleted.add(id);
        count--;
        continue;
      }
      if (minIdle != 0 && now - n.deliveryTime < minIdle) {
        continue;
      }
      if (consumer == null) {
        consumer = StreamGroups.consumer(k, g, consumerName);
      }
      if (n.consumer != consumer) {
        n.consumer.pel.remove(id);
      }
      n.deliveryTime = now;
      if (!justId) {
        n.deliveryCount++;
      }
      if (n.consumer != consumer) {
        consumer.pel.put(id, n);
        n.consumer = consumer;
      }
      out.add(new Claimed(id, justId ? null : s.get(id)));
      count--;
      if (p != null) {
        p.alsoPropagate(k.db().index(), StreamGroups.claimForm(k.keyCopy(), g, consumer.name,
            id, n));
      }
      k.dirty(1);
    }
    StreamId next = it.hasNext() ? it.next().getKey() : StreamId.MIN;
    if (p != null) {
      p.prevent();
    }
    return new AutoClaim(next, out, deleted);
  }
}
