package io.lime.internal.type;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Waiter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on lists (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH, and the typed
 * {@code blockingLeftPop}/{@code blockingMove}): what it takes when a list it waits on gets
 * data (Redis's serveClientBlockedOnList). Subclasses deliver the outcome to their owner: a
 * connection's loop thread or a future.
 */
public abstract class ListWaiter extends Waiter {
  /** What the waiter takes. */
  public enum Mode {
    /** One element: BLPOP/BRPOP, reply {@code [key, element]}. */
    POP,
    /** Up to {@code count} elements: BLMPOP, reply {@code [key, [elements]]}. */
    MPOP,
    /** One element pushed to a destination: BLMOVE/BRPOPLPUSH, reply the element. */
    MOVE
  }

  private final Mode mode;
  private final boolean head;
  private final long count;
  private final byte @Nullable [] destination;
  private final int destinationHash;
  private final boolean toHead;

  /**
   * Creates a list waiter.
   *
   * @param db the database
   * @param keys the keys (copies, owned by the waiter)
   * @param deadline engine milliseconds, 0 = no timeout
   * @param mode what it takes
   * @param head pop from the head (LEFT) rather than the tail
   * @param count for {@link Mode#MPOP}, at most this many elements (>= 1)
   * @param destination for {@link Mode#MOVE}, the destination key (a copy), else null
   * @param toHead for {@link Mode#MOVE}, push to the destination's head (LEFT)
   */
  protected ListWaiter(Database db, byte[][] keys, long deadline, Mode mode, boolean head,
      long count, byte @Nullable [] destination, boolean toHead) {
    super(db, keys, deadline);
    this.mode = mode;
    this.head = head;
    this.count = count;
    this.destination = destination;
    this.destinationHash = destination == null ? 0
        : io.lime.internal.engine.Hashing.hash(destination, 0, destination.length);
    this.toHead = toHead;
  }

  /** What it takes. */
  public final Mode mode() {
    return mode;
  }

  @Override
  protected final boolean ready(Entry e) {
    return ListType.isList(e.value());
  }

  @Override
  protected final @Nullable Shard extraShard() {
    return destination == null ? null : db().shard(destinationHash);
  }

  @Override
  protected final void serve(Shard shard, Entry e, int keyIndex) {
    byte[] key = keys()[keyIndex];
    switch (mode) {
      case POP -> served(key, List.of(ListType.popFrom(shard, e, head)));
      case MPOP -> {
        ListValue l = ListType.value(e);
        long n = Math.min(count, l.size());
        List<byte[]> values = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
          values.add(l.pop(head));
        }
        boolean deleted = ListType.deleteIfEmpty(shard, e);
        shard.database().engine().dirty(n);
        KeyspaceEvents.signal(shard, NotifyFlags.LIST, head ? "lpop" : "rpop", key);
        if (deleted) {
          KeyspaceEvents.event(shard, NotifyFlags.GENERIC, "del", key, 0, key.length);
        }
        served(key, values);
      }
      case MOVE -> {
        byte[] dst = destination;
        byte[] v;
        try {
          v = ListType.move(shard, e, db().shard(destinationHash), dst, 0, dst.length,
              destinationHash, db().engine().now(), head, toHead);
        } catch (WrongTypeException wrongType) {
          wrongType();
          return;
        }
        served(key, List.of(v));
      }
      default -> throw new IllegalStateException();
    }
  }

  /**
   * The waiter got data from {@code key}: one element for POP and MOVE, up to count for MPOP,
   * in pop order. Called by the serving thread under locks: hand over, do not block.
   */
  protected abstract void served(byte[] key, List<byte[]> values);

  /** BLMOVE's destination holds another type: the waiter is unblocked with WRONGTYPE. */
  protected abstract void wrongType();
}
