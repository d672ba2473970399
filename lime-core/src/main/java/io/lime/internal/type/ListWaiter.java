package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.engine.BlockingKeys;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on lists (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH, and the typed
 * {@code blockingLeftPop}/{@code blockingMove}): what it takes when a list it waits on gets
 * data (Redis's serveClientBlockedOnList). Subclasses deliver the outcome to their owner: a
 * connection's loop thread, or a future ({@link FutureWaiter}).
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
        : Hashing.hash(destination, 0, destination.length);
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

  /**
   * Serves the waiter with the same operations as the commands ({@link ListType#pop}, {@link
   * ListType#move}), propagated after the command that served it ({@link ListType.Form#SERVED}).
   */
  @Override
  protected final void serve(Shard shard, Entry e, int keyIndex) {
    byte[] key = keys()[keyIndex];
    long now = db().engine().now();
    LockedKey k = LockedKey.within(db(), key, 0, key.length, now);
    switch (mode) {
      case POP -> served(key, List.of(Objects.requireNonNull(
          ListType.pop(k, head, ListType.Form.SERVED))));
      case MPOP -> {
        List<byte[]> values = new ArrayList<>();
        ListType.pop(k, head, count, ListType.Form.SERVED, values, ListSink.COPY);
        served(key, values);
      }
      case MOVE -> {
        byte[] dst = Objects.requireNonNull(destination);
        byte[] v;
        try {
          v = ListType.move(k, LockedKey.within(db(), dst, 0, dst.length, now), head, toHead,
              ListType.Form.SERVED);
        } catch (WrongTypeException wrongType) {
          wrongType();
          return;
        }
        served(key, List.of(Objects.requireNonNull(v)));
      }
      default -> throw new IllegalStateException();
    }
  }

  /**
   * The waiter got data from {@code key}: one element for POP and MOVE, up to count for MPOP,
   * in pop order (already propagated). Called by the serving thread under locks: hand over,
   * do not block.
   */
  protected abstract void served(byte[] key, List<byte[]> values);

  /** BLMOVE's destination holds another type: the waiter is unblocked with WRONGTYPE. */
  protected abstract void wrongType();

  /**
   * An in-process consumer (the typed API's blocking calls, {@link #take}): the outcome
   * completes a future that the calling thread waits on with {@link #await}, its own timeout,
   * so no timer is involved. Takes one element (POP, or MOVE to a destination).
   */
  public static final class FutureWaiter extends ListWaiter {
    private final CompletableFuture<byte @Nullable []> result = new CompletableFuture<>();

    private FutureWaiter(Database db, byte[] key, boolean head, byte @Nullable [] destination,
        boolean toHead) {
      super(db, new byte[][] {key}, 0, destination == null ? Mode.POP : Mode.MOVE, head, 1,
          destination, toHead);
    }

    /**
     * BLPOP/BRPOP (BLMOVE when {@code destination} is not null) of {@code key} for an
     * in-process consumer: takes the element at once when the list has data, propagated as
     * Redis propagates the command served at once (LPOP/RPOP, LMOVE), and returns a completed
     * waiter; otherwise registers a new one, under the same locks, so no push slips between.
     *
     * @throws WrongTypeException if a key holds another type
     */
    public static FutureWaiter take(Database db, byte[] key, boolean head,
        byte @Nullable [] destination, boolean toHead) {
      FutureWaiter w = new FutureWaiter(db, key.clone(), head, destination, toHead);
      long now = db.engine().now();
      try (KeyLocks locks = KeyLocks.of(db, key, destination == null ? key : destination)) {
        LockedKey k = locks.key(key, now);
        byte[] v = destination == null ? ListType.pop(k, head, ListType.Form.REWRITTEN)
            : ListType.move(k, locks.key(destination, now), head, toHead,
                ListType.Form.REWRITTEN);
        if (v != null) {
          w.result.complete(v);
        } else {
          db.engine().blocking().block(w);
        }
      }
      return w;
    }

    @Override
    protected void served(byte[] key, List<byte[]> values) {
      result.complete(values.get(0));
    }

    @Override
    protected void wrongType() {
      result.completeExceptionally(new WrongTypeException());
    }

    @Override
    protected void timedOut(boolean error) {
      result.complete(null);
    }

    /**
     * Waits (forever when {@code timeout} is zero) for the element; null when the wait timed
     * out, after which the waiter is cancelled. An element served while the wait ended is
     * still returned (with the interrupt status set again when interrupted).
     *
     * @throws InterruptedException if interrupted before being served (the waiter is cancelled)
     * @throws WrongTypeException if BLMOVE's destination held another type when served
     */
    public byte @Nullable [] await(Duration timeout) throws InterruptedException {
      BlockingKeys blocking = db().engine().blocking();
      try {
        // TimeUnit.convert saturates: a timeout past 2^63 ns (ChronoUnit.FOREVER, Long.MAX_VALUE
        // ms) waits that long, as BLPOP k 9223372036854775 blocks, instead of throwing here
        // with the waiter still registered
        return timeout.isZero() ? result.get()
            : result.get(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
      } catch (TimeoutException expired) {
        return blocking.cancel(this) ? null : join(); // else served meanwhile
      } catch (InterruptedException interrupted) {
        if (blocking.cancel(this)) {
          throw interrupted;
        }
        Thread.currentThread().interrupt(); // already served: hand the element over
        return join();
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(failed.getCause());
      }
    }

    private byte @Nullable [] join() {
      try {
        return result.join();
      } catch (CompletionException failed) {
        throw failed.getCause() instanceof RuntimeException r ? r : failed;
      }
    }
  }
}
