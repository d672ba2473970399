package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process consumer blocked in a group read of one stream (the typed API's
 * {@code readGroupAsync}): the outcome completes a future: the entries served by the XADD
 * that woke it, an empty list at its deadline (the blocking machinery's timer), or NOGROUP
 * when its group was destroyed. Cancelling the caller's future cancels the wait.
 */
public final class StreamFutureWaiter extends StreamWaiter {
  private final CompletableFuture<List<StreamEntry>> result = new CompletableFuture<>();

  private StreamFutureWaiter(Database db, byte[] key, long deadline, byte[] group,
      byte[] consumer, boolean noack, long count) {
    super(db, new byte[][] {key}, new StreamId[] {StreamId.MAX}, deadline, group, consumer,
        noack, count);
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
    StreamFutureWaiter w = new StreamFutureWaiter(k.db(), k.keyCopy(), deadline, group.clone(),
        consumer.clone(), noack, count);
    List<StreamEntry> now = StreamGroups.readNew(k, group, consumer, count, noack);
    if (!now.isEmpty()) {
      w.result.complete(now);
    } else {
      k.engine().blocking().block(w);
    }
    return w;
  }

  /** The outcome. */
  public CompletableFuture<List<StreamEntry>> result() {
    return result;
  }

  /** Stops waiting (the caller's future was cancelled); false when already finished. */
  public boolean cancel() {
    return db().engine().blocking().cancel(this);
  }

  @Override
  protected void served(byte[] key, List<StreamEntry> entries) {
    result.complete(entries);
  }

  @Override
  protected void noGroup() {
    result.completeExceptionally(new LimeException(Errors.STREAM_GROUP_DESTROYED));
  }

  @Override
  protected void timedOut(boolean error) {
    result.complete(List.of());
  }
}
