package io.lime.internal.store;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.LimeException;
import io.lime.ListView;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListValue;
import io.lime.internal.type.ListWaiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * {@link ListView} over one key of one database: each call locks the key's shard (both keys'
 * shards, in ascending order, for moves) and runs the same {@link ListType} operations as the
 * list commands, building no argv and no RESP. Pushes serve blocked clients (of the server or
 * of this API) before releasing the lock, as the commands do. Blocking calls register a
 * {@link ListWaiter} whose outcome completes a future the calling thread waits on; the
 * timeout is the caller's own wait, so no timer is involved.
 */
public final class LocalListView implements ListView {
  private static final String NO_SUCH_KEY = "ERR no such key";
  private static final String OUT_OF_RANGE = "ERR index out of range";

  private final Engine engine;
  private final Database db;
  private final byte[] key;
  private final int hash;

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalListView(Engine engine, int dbIndex, byte[] key) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
    this.hash = Hashing.hash(this.key, 0, this.key.length);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  private Shard shard() {
    return db.shard(hash);
  }

  private @Nullable Entry lookup(Shard s) {
    return ListType.lookup(s, key, 0, key.length, hash, engine.now());
  }

  // ------------------------------------------------------------------ push / pop

  private long push(boolean head, boolean onlyIfExists, byte[][] elements) {
    for (byte[] e : elements) {
      Objects.requireNonNull(e, "element");
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return pushLocked(head, onlyIfExists, elements);
    } finally {
      if (w != null) {
        w.end(head ? (onlyIfExists ? "LPUSHX" : "LPUSH") : (onlyIfExists ? "RPUSHX" : "RPUSH"),
            key, elements);
      }
    }
  }

  private long pushLocked(boolean head, boolean onlyIfExists, byte[][] elements) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null && (onlyIfExists || elements.length == 0)) {
        return 0;
      }
      ListValue l = e != null ? ListType.value(e) : ListType.create(s, key, 0, key.length, hash);
      int fill = ListType.fill(s);
      for (byte[] v : elements) {
        l.push(head, v, fill);
      }
      engine.dirty(elements.length);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, head ? "lpush" : "rpush", key);
      return l.size();
    } finally {
      engine.blocking().serveReady();
      s.unlock();
    }
  }

  @Override
  public long leftPush(byte[]... elements) {
    return push(true, false, elements);
  }

  @Override
  public long leftPush(String... elements) {
    return push(true, false, utf8(elements));
  }

  @Override
  public long rightPush(byte[]... elements) {
    return push(false, false, elements);
  }

  @Override
  public long rightPush(String... elements) {
    return push(false, false, utf8(elements));
  }

  @Override
  public long leftPushIfExists(byte[]... elements) {
    return push(true, true, elements);
  }

  @Override
  public long leftPushIfExists(String... elements) {
    return push(true, true, utf8(elements));
  }

  @Override
  public long rightPushIfExists(byte[]... elements) {
    return push(false, true, elements);
  }

  @Override
  public long rightPushIfExists(String... elements) {
    return push(false, true, utf8(elements));
  }

  private byte @Nullable [] pop(boolean head) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      Shard s = shard();
      s.lock();
      try {
        return ListType.pop(s, key, 0, key.length, hash, engine.now(), head);
      } finally {
        s.unlock();
      }
    } finally {
      if (w != null) {
        w.end(head ? "LPOP" : "RPOP", key);
      }
    }
  }

  private List<byte[]> pop(boolean head, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return popLocked(head, count);
    } finally {
      if (w != null) {
        w.end(head ? "LPOP" : "RPOP", key, count);
      }
    }
  }

  private List<byte[]> popLocked(boolean head, long count) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null || count == 0) {
        return List.of();
      }
      ListValue l = ListType.value(e);
      long n = Math.min(count, l.size());
      List<byte[]> out = new ArrayList<>((int) Math.min(n, 1 << 16));
      for (long i = 0; i < n; i++) {
        out.add(l.pop(head));
      }
      boolean deleted = ListType.deleteIfEmpty(s, e);
      engine.dirty(n);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, head ? "lpop" : "rpop", key);
      if (deleted) {
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
      }
      return out;
    } finally {
      s.unlock();
    }
  }

  @Override
  public byte @Nullable [] leftPop() {
    return pop(true);
  }

  @Override
  public @Nullable String leftPopString() {
    return str(pop(true));
  }

  @Override
  public List<byte[]> leftPop(long count) {
    return pop(true, count);
  }

  @Override
  public byte @Nullable [] rightPop() {
    return pop(false);
  }

  @Override
  public @Nullable String rightPopString() {
    return str(pop(false));
  }

  @Override
  public List<byte[]> rightPop(long count) {
    return pop(false, count);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public long size() {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      return e == null ? 0 : ListType.value(e).size();
    } finally {
      s.unlock();
    }
  }

  @Override
  public List<byte[]> range(long start, long stop) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return List.of();
      }
      ListValue l = ListType.value(e);
      long[] r = ListType.range(l.size(), start, stop);
      return l.copyRange(r[0], r[1]);
    } finally {
      s.unlock();
    }
  }

  @Override
  public List<String> rangeStrings(long start, long stop) {
    List<byte[]> raw = range(start, stop);
    List<String> out = new ArrayList<>(raw.size());
    for (byte[] b : raw) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public byte @Nullable [] index(long index) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return null;
      }
      ListValue l = ListType.value(e);
      long i = ListType.index(l.size(), index);
      return i < 0 ? null : l.get(i);
    } finally {
      s.unlock();
    }
  }

  @Override
  public @Nullable String indexString(long index) {
    return str(index(index));
  }

  @Override
  public long position(byte[] element) {
    List<Long> p = positions(element, 1, 1, 0);
    return p.isEmpty() ? -1 : p.get(0);
  }

  @Override
  public long position(String element) {
    return position(element.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<Long> positions(byte[] element, long rank, long count, long maxlen) {
    Objects.requireNonNull(element, "element");
    if (rank == 0 || count < 0 || maxlen < 0) {
      throw new IllegalArgumentException("rank must not be 0, count and maxlen not negative");
    }
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return List.of();
      }
      List<Long> out = new ArrayList<>();
      boolean fromTail = rank < 0;
      ListType.value(e).positions(element, 0, element.length, fromTail, fromTail ? -rank : rank,
          count, maxlen, out::add);
      return out;
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ in-place writes

  @Override
  public void set(long index, byte[] element) {
    Objects.requireNonNull(element, "element");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      setLocked(index, element);
    } finally {
      if (w != null) {
        w.end("LSET", key, index, element);
      }
    }
  }

  private void setLocked(long index, byte[] element) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        throw new LimeException(NO_SUCH_KEY);
      }
      ListValue l = ListType.value(e);
      long i = ListType.index(l.size(), index);
      if (i < 0) {
        throw new LimeException(OUT_OF_RANGE);
      }
      l.set(i, element, 0, element.length, ListType.fill(s));
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "lset", key);
    } finally {
      s.unlock();
    }
  }

  @Override
  public void set(long index, String element) {
    set(index, element.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public long insert(boolean after, byte[] pivot, byte[] element) {
    Objects.requireNonNull(pivot, "pivot");
    Objects.requireNonNull(element, "element");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return insertLocked(after, pivot, element);
    } finally {
      if (w != null) {
        w.end("LINSERT", key, after ? "AFTER" : "BEFORE", pivot, element);
      }
    }
  }

  private long insertLocked(boolean after, byte[] pivot, byte[] element) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return 0;
      }
      ListValue l = ListType.value(e);
      if (!l.insert(pivot, 0, pivot.length, after, element, 0, element.length,
          ListType.fill(s))) {
        return -1;
      }
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "linsert", key);
      return l.size();
    } finally {
      s.unlock();
    }
  }

  @Override
  public long insert(boolean after, String pivot, String element) {
    return insert(after, pivot.getBytes(StandardCharsets.UTF_8),
        element.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public long remove(long count, byte[] element) {
    Objects.requireNonNull(element, "element");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return removeLocked(count, element);
    } finally {
      if (w != null) {
        w.end("LREM", key, count, element);
      }
    }
  }

  private long removeLocked(long count, byte[] element) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return 0;
      }
      long removed = ListType.value(e).remove(count, element, 0, element.length,
          ListType.fill(s));
      boolean deleted = ListType.deleteIfEmpty(s, e);
      engine.dirty(removed);
      if (removed > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.LIST, "lrem", key);
        if (deleted) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
        }
      }
      return removed;
    } finally {
      s.unlock();
    }
  }

  @Override
  public long remove(long count, String element) {
    return remove(count, element.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void trim(long start, long stop) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      trimLocked(start, stop);
    } finally {
      if (w != null) {
        w.end("LTRIM", key, start, stop);
      }
    }
  }

  private void trimLocked(long start, long stop) {
    Shard s = shard();
    s.lock();
    try {
      Entry e = lookup(s);
      if (e == null) {
        return;
      }
      ListValue l = ListType.value(e);
      long size = l.size();
      long[] r = ListType.range(size, start, stop);
      long head = r[1] == 0 ? size : r[0];
      long tail = r[1] == 0 ? 0 : size - r[0] - r[1];
      l.trim(head, tail, ListType.fill(s));
      boolean deleted = ListType.deleteIfEmpty(s, e);
      engine.dirty(head + tail);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "ltrim", key);
      if (deleted) {
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
      }
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ moves

  @Override
  public byte @Nullable [] move(byte[] destination, End from, End to) {
    Objects.requireNonNull(destination, "destination");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return moveLocked(destination, from, to);
    } finally {
      if (w != null) {
        w.end("LMOVE", key, destination, from.name(), to.name());
      }
    }
  }

  private byte @Nullable [] moveLocked(byte[] destination, End from, End to) {
    int dh = Hashing.hash(destination, 0, destination.length);
    Shard src = shard();
    Shard dst = db.shard(dh);
    lockBoth(src, dst, dh);
    try {
      Entry e = lookup(src);
      if (e == null) {
        return null;
      }
      return ListType.move(src, e, dst, destination, 0, destination.length, dh, engine.now(),
          from == End.LEFT, to == End.LEFT);
    } finally {
      engine.blocking().serveReady();
      unlockBoth(src, dst);
    }
  }

  @Override
  public @Nullable String move(String destination, End from, End to) {
    return str(move(destination.getBytes(StandardCharsets.UTF_8), from, to));
  }

  /** Locks this key's shard and the one of hash {@code otherHash} in ascending order. */
  private void lockBoth(Shard a, Shard b, int otherHash) {
    if (a == b) {
      a.lock();
    } else if (db.shardIndex(hash) < db.shardIndex(otherHash)) {
      a.lock();
      b.lock();
    } else {
      b.lock();
      a.lock();
    }
  }

  private static void unlockBoth(Shard a, Shard b) {
    a.unlock();
    if (a != b) {
      b.unlock();
    }
  }

  // ------------------------------------------------------------------ blocking

  @Override
  public byte @Nullable [] blockingLeftPop(Duration timeout) throws InterruptedException {
    return first(block(ListWaiter.Mode.POP, true, null, false, timeout));
  }

  @Override
  public @Nullable String blockingLeftPopString(Duration timeout) throws InterruptedException {
    return str(blockingLeftPop(timeout));
  }

  @Override
  public byte @Nullable [] blockingRightPop(Duration timeout) throws InterruptedException {
    return first(block(ListWaiter.Mode.POP, false, null, false, timeout));
  }

  @Override
  public @Nullable String blockingRightPopString(Duration timeout) throws InterruptedException {
    return str(blockingRightPop(timeout));
  }

  @Override
  public byte @Nullable [] blockingMove(byte[] destination, End from, End to, Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(destination, "destination");
    return first(block(ListWaiter.Mode.MOVE, from == End.LEFT, destination.clone(),
        to == End.LEFT, timeout));
  }

  /** Serves at once when the list has data, else waits on a registered waiter. */
  private @Nullable List<byte[]> block(ListWaiter.Mode mode, boolean head,
      byte @Nullable [] destination, boolean toHead, Duration timeout)
      throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    FutureWaiter w;
    Shard s = shard();
    int dh = destination == null ? hash : Hashing.hash(destination, 0, destination.length);
    Shard dst = db.shard(dh);
    TypedWrite tw = TypedWrite.begin(engine, db.index());
    boolean atOnce = false;
    try {
      lockBoth(s, dst, dh);
      try {
        Entry e = lookup(s);
        if (e != null) {
          atOnce = true;
          if (destination != null) {
            return List.of(ListType.move(s, e, dst, destination, 0, destination.length, dh,
                engine.now(), head, toHead));
          }
          return List.of(ListType.popFrom(s, e, head));
        }
        w = new FutureWaiter(db, new byte[][] {key.clone()}, mode, head, destination, toHead);
        engine.blocking().block(w);
      } finally {
        engine.blocking().serveReady();
        unlockBoth(s, dst);
      }
    } finally {
      if (tw != null) { // served at once: Redis propagates BLPOP as LPOP, BLMOVE as LMOVE
        if (!atOnce) {
          tw.end(); // only what serving other waiters propagated
        } else if (destination != null) {
          tw.end("LMOVE", key, destination, head ? "LEFT" : "RIGHT", toHead ? "LEFT" : "RIGHT");
        } else {
          tw.end(head ? "LPOP" : "RPOP", key);
        }
      }
    }
    try {
      return timeout.isZero() ? w.result.get() : w.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException expired) {
      if (engine.blocking().cancel(w)) {
        return null;
      }
      return join(w); // served while the wait expired
    } catch (InterruptedException interrupted) {
      if (engine.blocking().cancel(w)) {
        throw interrupted;
      }
      Thread.currentThread().interrupt(); // already served: hand the element over
      return join(w);
    } catch (ExecutionException failed) {
      throw unwrap(failed);
    }
  }

  private static @Nullable List<byte[]> join(FutureWaiter w) {
    try {
      return w.result.join();
    } catch (java.util.concurrent.CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException r ? r : failed;
    }
  }

  private static RuntimeException unwrap(ExecutionException failed) {
    return failed.getCause() instanceof RuntimeException r ? r
        : new IllegalStateException(failed.getCause());
  }

  /** A typed-API consumer: the outcome completes a future. */
  private static final class FutureWaiter extends ListWaiter {
    final CompletableFuture<@Nullable List<byte[]>> result = new CompletableFuture<>();

    private final boolean head;
    private final byte @Nullable [] destination;
    private final boolean toHead;

    FutureWaiter(Database db, byte[][] keys, Mode mode, boolean head,
        byte @Nullable [] destination, boolean toHead) {
      super(db, keys, 0, mode, head, 1, destination, toHead);
      this.head = head;
      this.destination = destination;
      this.toHead = toHead;
    }

    @Override
    protected void served(byte[] key, List<byte[]> values) {
      // Propagated as Redis's serveClientBlockedOnList: after the write that served it.
      io.lime.internal.engine.Propagation p = db().engine().propagation();
      if (p != null && p.active()) {
        byte[] dst = destination;
        p.served(db().index(), dst == null
            ? new byte[][] {TypedWrite.ascii(head ? "LPOP" : "RPOP"), key.clone()}
            : new byte[][] {TypedWrite.ascii("LMOVE"), key.clone(), dst.clone(),
                TypedWrite.ascii(head ? "LEFT" : "RIGHT"),
                TypedWrite.ascii(toHead ? "LEFT" : "RIGHT")});
      }
      result.complete(values);
    }

    @Override
    protected void wrongType() {
      result.completeExceptionally(new WrongTypeException());
    }

    @Override
    protected void timedOut(boolean error) {
      result.complete(null);
    }
  }

  // ------------------------------------------------------------------ conversions

  private static byte @Nullable [] first(@Nullable List<byte[]> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static @Nullable String str(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static byte[][] utf8(String[] values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ListView[" + new String(key, StandardCharsets.UTF_8) + "]";
  }

}
