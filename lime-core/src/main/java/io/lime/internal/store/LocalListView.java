package io.lime.internal.store;

import io.lime.ListView;
import io.lime.internal.engine.Engine;
import io.lime.internal.type.ListSink;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListType.Form;
import io.lime.internal.type.ListWaiter.FutureWaiter;
import io.lime.resp.Argv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link ListView} over one key of one database, on the {@link ListType} operations the list
 * commands run (the shape is {@link LocalDoor}'s; moves lock both keys). Blocking calls
 * register a {@link FutureWaiter}, served by the same operations.
 */
public final class LocalListView extends LocalKeyView implements ListView {
  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalListView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "ListView");
  }

  // ------------------------------------------------------------------ push / pop

  private long push(boolean head, boolean onlyIfExists, byte[][] elements) {
    Argv args = Argv.ofBytes(nonNull(elements));
    return write(key, k -> ListType.push(k, head, onlyIfExists, args, 0));
  }

  @Override public long leftPush(byte[]... e) { return push(true, false, e); }
  @Override public long rightPush(byte[]... e) { return push(false, false, e); }
  @Override public long leftPushIfExists(byte[]... e) { return push(true, true, e); }
  @Override public long rightPushIfExists(byte[]... e) { return push(false, true, e); }

  private List<byte[]> pop(boolean head, long count) {
    requireArgument(count >= 0, "count must not be negative", count);
    List<byte[]> out = new ArrayList<>();
    write(key, k -> ListType.pop(k, head, count, Form.GIVEN, out, ListSink.COPY));
    return out;
  }

  // LPOP and RPOP without a count: non-capturing operations, so popping allocates nothing
  @Override
  public byte @Nullable [] leftPop() {
    return write(key, k -> ListType.pop(k, true, Form.GIVEN));
  }

  @Override
  public byte @Nullable [] rightPop() {
    return write(key, k -> ListType.pop(k, false, Form.GIVEN));
  }

  @Override public List<byte[]> leftPop(long count) { return pop(true, count); }
  @Override public List<byte[]> rightPop(long count) { return pop(false, count); }

  // ------------------------------------------------------------------ reads

  @Override public long size() { return onKey(ListType::length); }

  @Override
  public List<byte[]> range(long start, long stop) {
    List<byte[]> out = new ArrayList<>();
    onKey(k -> ListType.range(k, start, stop, out, ListSink.COPY));
    return out;
  }

  @Override
  public byte @Nullable [] index(long index) {
    List<byte[]> out = new ArrayList<>(1);
    onKey(k -> ListType.index(k, true, index, out, ListSink.COPY));
    return out.isEmpty() ? null : out.get(0);
  }

  @Override
  public long position(byte[] element) {
    List<Long> p = positions(element, 1, 1, 0);
    return p.isEmpty() ? -1 : p.get(0);
  }

  @Override
  public List<Long> positions(byte[] element, long rank, long count, long maxlen) {
    Objects.requireNonNull(element, "element");
    requireArgument(rank != 0 && count >= 0 && maxlen >= 0,
        "rank must not be 0, count and maxlen not negative");
    List<Long> out = new ArrayList<>();
    onKey(k -> ListType.positions(k, element, 0, element.length, rank, count, maxlen, out::add));
    return out;
  }

  // ------------------------------------------------------------------ in-place writes

  @Override
  public void set(long index, byte[] element) {
    Objects.requireNonNull(element, "element");
    update(k -> ListType.set(k, true, index, element, 0, element.length));
  }

  @Override
  public long insert(boolean after, byte[] pivot, byte[] element) {
    Objects.requireNonNull(pivot, "pivot");
    Objects.requireNonNull(element, "element");
    return write(key, k -> ListType.insert(k, after, pivot, 0, pivot.length, element, 0,
        element.length));
  }

  @Override
  public long remove(long count, byte[] element) {
    Objects.requireNonNull(element, "element");
    return write(key, k -> ListType.remove(k, count, element, 0, element.length));
  }

  @Override
  public void trim(long start, long stop) {
    update(k -> ListType.trim(k, start, stop));
  }

  // ------------------------------------------------------------------ moves

  @Override
  public byte @Nullable [] move(byte[] destination, End from, End to) {
    byte[][] keys = {key, Objects.requireNonNull(destination, "destination")};
    return write(() -> onKeys(keys, (locks, now) -> ListType.move(locks.key(key, now),
        locks.key(destination, now), from == End.LEFT, to == End.LEFT, Form.GIVEN)));
  }

  // ------------------------------------------------------------------ blocking

  @Override
  public byte @Nullable [] blockingLeftPop(Duration timeout) throws InterruptedException {
    return block(true, null, false, timeout);
  }

  @Override
  public byte @Nullable [] blockingRightPop(Duration timeout) throws InterruptedException {
    return block(false, null, false, timeout);
  }

  @Override
  public byte @Nullable [] blockingMove(byte[] destination, End from, End to, Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(destination, "destination");
    return block(from == End.LEFT, destination.clone(), to == End.LEFT, timeout);
  }

  /** Pops (moves) at once when the list has data, else waits ({@link FutureWaiter#take}). */
  private byte @Nullable [] block(boolean head, byte @Nullable [] destination, boolean toHead,
      Duration timeout) throws InterruptedException {
    requireArgument(!timeout.isNegative(), "timeout must not be negative", timeout);
    // propagated as the pop or move it made, when served at once
    return write(() -> FutureWaiter.take(db, key, head, destination, toHead)).await(timeout);
  }
}
