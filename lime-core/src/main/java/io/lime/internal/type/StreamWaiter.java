package io.lime.internal.type;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Waiter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked in XREAD or XREADGROUP (Redis 7.0's BLOCKED_STREAM and
 * serveClientsBlockedOnStreamKey): ready when a stream it waits on has a last ID above the
 * one it waits after (for a group: the group's last delivered ID), or when its group was
 * destroyed (it then gets NOGROUP). XADD and XGROUP DESTROY signal the key. Serving reads as
 * the non-blocking command would ({@link StreamGroups#read} for a group), propagated after
 * the command that served it. Subclasses hand the outcome to their owner.
 */
public abstract class StreamWaiter extends Waiter {
  /** Redis's XREAD_BLOCKED_DEFAULT_COUNT: the COUNT of a blocked read given none. */
  public static final long BLOCKED_DEFAULT_COUNT = 1000;

  /**
   * The deadline of XREAD/XREADGROUP BLOCK {@code timeoutMillis} (not negative) issued at
   * {@code now}: 0 (none) for 0, else {@code now + timeoutMillis}, saturated at
   * {@code Long.MAX_VALUE}: a timeout past 64-bit milliseconds blocks, as BLOCK
   * 9223372036854775807 does on Redis 7.0.15, rather than wrapping into the past.
   */
  public static long deadline(long now, long timeoutMillis) {
    if (timeoutMillis == 0) {
      return 0;
    }
    return timeoutMillis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutMillis;
  }

  /**
   * {@link #deadline(long, long)} of the typed door's {@code timeout} (not negative): zero is
   * no timeout, a shorter one than a millisecond is one, a longer one than 2^63 ms saturates.
   */
  public static long deadline(long now, Duration timeout) {
    return timeout.isZero() ? 0
        : deadline(now, Math.max(1, TimeUnit.MILLISECONDS.convert(timeout)));
  }

  private final StreamId[] after;
  private final byte @Nullable [] group;
  private final byte @Nullable [] consumer;
  private final boolean noack;
  private final long count;

  /**
   * Creates a waiter.
   *
   * @param db the database
   * @param keys the stream keys (copies)
   * @param after per key, the ID the read waits after (ignored for a group)
   * @param deadline engine milliseconds, 0 = no timeout
   * @param group the group (XREADGROUP) or null
   * @param consumer the consumer (XREADGROUP) or null
   * @param noack XREADGROUP's NOACK
   * @param count the COUNT, 0 for {@link #BLOCKED_DEFAULT_COUNT}
   */
  protected StreamWaiter(Database db, byte[][] keys, StreamId[] after, long deadline,
      byte @Nullable [] group, byte @Nullable [] consumer, boolean noack, long count) {
    super(db, keys, deadline);
    this.after = after;
    this.group = group;
    this.consumer = consumer;
    this.noack = noack;
    this.count = count != 0 ? count : BLOCKED_DEFAULT_COUNT;
  }

  private int indexOf(byte[] key) {
    byte[][] keys = keys();
    for (int i = 0; i < keys.length; i++) {
      if (Arrays.equals(keys[i], key)) {
        return i;
      }
    }
    return 0;
  }

  @Override
  protected final boolean ready(Entry e) {
    if (!(e.value() instanceof StreamValue s)) {
      return false;
    }
    if (group == null) {
      return s.lastId.compareTo(after[indexOf(e.key())]) > 0;
    }
    StreamGroup g = s.group(group);
    return g == null || s.lastId.compareTo(g.lastId) > 0;
  }

  @Override
  protected final void serve(Shard shard, Entry e, int keyIndex) {
    byte[] key = keys()[keyIndex];
    StreamValue s = (StreamValue) e.value();
    if (group == null) {
      StreamId start = after[keyIndex].next();
      served(key, start == null ? List.of()
          : StreamType.range(s, start, StreamId.MAX, count, false));
      return;
    }
    StreamGroup g = s.group(group);
    if (g == null) {
      noGroup();
      return;
    }
    LockedKey k = LockedKey.within(db(), key, 0, key.length, db().engine().now());
    StreamGroup.Consumer c = StreamGroups.readConsumer(k, g, consumer, noack, true);
    StreamId start = g.lastId.next();
    served(key, StreamGroups.read(k, s, g, c, start == null ? StreamId.MAX : start, count,
        noack, false, true));
  }

  /**
   * The waiter got {@code entries} from {@code key}. Called by the serving thread under locks:
   * hand over, do not block.
   */
  protected abstract void served(byte[] key, List<StreamEntry> entries);

  /** The group the waiter read with was destroyed (Redis replies NOGROUP). */
  protected abstract void noGroup();
}
