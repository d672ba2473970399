package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An in-process reader blocked in a group read of one stream or in a plain read of several
 * (the typed API's {@code readGroupAsync} and {@code readAsync}): the outcome completes a
 * future: the stream and entries served by the XADD that woke it, no entries at its deadline
 * (the blocking machinery's timer), or NOGROUP when its group was destroyed. Cancelling the
 * caller's future cancels the wait.
 */
public final class StreamFutureWaiter extends StreamWaiter {
  /** What a waiter got: the stream that served it (null at the deadline) and its entries. */
  public record Served(byte @Nullable [] key, List<StreamEntry> entries) {}

  private static final Served NONE = new Served(null, List.of());

  private final CompletableFuture<Served> result = new CompletableFuture<>();

  private StreamFutureWaiter(Database db, byte[][] keys, StreamId[] after, long deadline,
      byte @Nullable [] group, byte @Nullable [] consumer, boolean noack, long count) {
    super(db, keys, after, deadline, group, consumer, noack, count);
  }

  /**
   * XREAD ... BLOCK ... STREAMS keys ids for an in-process reader that found nothing: registers
   * a waiter on {@code keys} (copies), each waiting for an ID above its {@code after}. Call with
   * the keys' shards locked (the same locks the non-blocking read ran under, so no XADD slips
   * between).
   *
   * @param count the COUNT, 0 for the blocked default
   * @param deadline engine milliseconds, 0 = no timeout
   */
  public static StreamFutureWaiter read(Database db, byte[][] keys, StreamId[] after,
      long count, long deadline) {
    StreamFutureWaiter w = new StreamFutureWaiter(db, keys, after, deadline, null, null, false,
        count);
    db.engine().blocking().block(w);
    return w;
  }

  /**
   * XREADGROUP ... BLOCK ... STREAMS key {@code >} for an in-process consumer, on the locked
   * key: the entries at once when there are new ones (a completed waiter), else a registered
   * waiter, under the same lock so no XADD slips between.
   *
   * @param deadline engine milliseconds, 0 = no timeout
   * @throws LimeException WRONGTYPE or NOGROUP
   */
  public static StreamFutureWaiter readGroup(LockedKey k, byte[] group, byte[] consumer,
      long count, boolean noack, long deadline) {
    byte[] key = k.keyCopy();
    StreamFutureWaiter w = new StreamFutureWaiter(k.db(), new byte[][] {key},
        new StreamId[] {StreamId.MAX}, deadline, group.clone(), consumer.clone(), noack, count);
    List<StreamEntry> now = StreamGroups.readNew(k, group, consumer, count, noack);
    if (!now.isEmpty()) {
      w.result.complete(new Served(key, now));
    } else {
      k.engine().blocking().block(w);
    }
    return w;
  }

  /** The outcome. */
  public CompletableFuture<Served> result() {
    return result;
  }

  /** Stops waiting (the caller's future was cancelled); false when already finished. */
  public boolean cancel() {
    return db().engine().blocking().cancel(this);
  }

  @Override
  protected void served(byte[] key, List<StreamEntry> entries) {
    result.complete(new Served(key, entries));
  }

  @Override
  protected void noGroup() {
    result.completeExceptionally(new LimeException(Errors.STREAM_GROUP_DESTROYED));
  }

  @Override
  protected void timedOut(boolean error) {
    result.complete(NONE);
  }
}
