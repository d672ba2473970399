package io.lime.internal.type;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.Waiter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client blocked in BZPOPMIN, BZPOPMAX or BZMPOP: what it takes when a sorted set is stored
 * under a key it waits on (Redis's serveClientBlockedOnSortedSet): the pop of
 * {@link SortedSetWrites#pop}, propagated after the command that served it as
 * {@code ZPOPMIN|ZPOPMAX key [count]}. Subclasses hand the members to their owner.
 */
public abstract class SortedSetWaiter extends Waiter {
  private final boolean max;
  private final long count;

  /**
   * Creates a waiter.
   *
   * @param db the database
   * @param keys the keys (copies, owned by the waiter)
   * @param deadline engine milliseconds, 0 = no timeout
   * @param max pop the highest scores (BZPOPMAX, BZMPOP ... MAX)
   * @param count at most this many members (BZMPOP), or -1 for one without a count (BZPOP*)
   */
  protected SortedSetWaiter(Database db, byte[][] keys, long deadline, boolean max,
      long count) {
    super(db, keys, deadline);
    this.max = max;
    this.count = count;
  }

  @Override
  protected final boolean ready(Entry e) {
    return e.value() instanceof SortedSetValue z && z.size() > 0;
  }

  @Override
  protected final void serve(Shard shard, Entry e, int keyIndex) {
    byte[] key = keys()[keyIndex];
    LockedKey k = LockedKey.within(db(), key, 0, key.length, db().engine().now());
    List<byte[]> members = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    SortedSetWrites.popFrom(k, e, max, count < 0 ? 1 : count, (b, off, len, score) -> {
      members.add(Arrays.copyOfRange(b, off, off + len));
      return scores.add(score);
    });
    Propagation p = k.propagation();
    if (p != null) {
      p.served(db().index(), SortedSetWrites.popForm(key.clone(), max, count));
    }
    served(key, members, scores);
  }

  /**
   * The waiter got {@code members} with their {@code scores}, in pop order, from {@code key}.
   * Called by the serving thread under locks: hand over, do not block.
   */
  protected abstract void served(byte[] key, List<byte[]> members, List<Double> scores);
}
