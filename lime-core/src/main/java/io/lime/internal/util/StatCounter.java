package io.lime.internal.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A statistics counter (INFO stats, commandstats) for the hot path: a {@link StatThread}
 * (an event loop) adds to a cell only it writes, with a plain store and no atomic
 * instruction; every other thread adds to a shared {@link LongAdder}. Each cell is a separate
 * small array allocated by its own thread, so stripes do not share cache lines.
 *
 * <p>{@link #sum()} adds every cell and the shared part; like {@link LongAdder#sum()} it is
 * not an atomic snapshot under concurrent updates. {@link #reset()} subtracts the current sum
 * from later reads, so updates racing with it are kept, never lost. Thread-safe.
 */
public final class StatCounter implements java.util.function.LongSupplier {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long[][] NO_CELLS = new long[0][];

  private final LongAdder shared = new LongAdder();
  /** Cells by stripe; grown (copied) under the monitor, published by the volatile write. */
  private volatile long[][] cells = NO_CELLS;
  private volatile long base;

  /** Adds one. */
  public void increment() {
    add(1);
  }

  /** Adds {@code n}. */
  public void add(long n) {
    if (Thread.currentThread() instanceof StatThread t && t.stripe >= 0) {
      int i = t.stripe;
      long[][] cs = cells;
      long[] c;
      if (i < cs.length && (c = cs[i]) != null) {
        // Single writer: a plain read-modify-write; opaque so readers see it promptly.
        LONGS.setOpaque(c, 0, c[0] + n);
      } else {
        c = cell(i); // first use by this thread; later adds take the path above
        LONGS.setOpaque(c, 0, c[0] + n);
      }
      return;
    }
    shared.add(n);
  }

  private synchronized long[] cell(int stripe) {
    long[][] cs = withCell(cells, stripe, 1);
    cells = cs;
    return cs[stripe];
  }

  /**
   * {@code cs} with a cell of {@code length} longs at {@code stripe} (grown or copied so the
   * caller can publish it with one volatile write); {@code cs} itself when the cell exists.
   * Callers hold their own monitor.
   */
  static long[][] withCell(long[][] cs, int stripe, int length) {
    if (stripe >= cs.length) {
      cs = Arrays.copyOf(cs, Math.min(StatThread.MAX_STRIPES, Math.max(stripe + 1, cs.length * 2)));
    } else if (cs[stripe] != null) {
      return cs;
    } else {
      cs = cs.clone();
    }
    cs[stripe] = new long[length];
    return cs;
  }

  /** The count since creation or the last {@link #reset()}. */
  public long sum() {
    return total() - base;
  }

  /**
   * {@link #sum()}, as a {@code LongSupplier} (a counter passed where one is read, without a
   * method reference whose lambda class would be spun at start-up).
   */
  @Override
  public long getAsLong() {
    return sum();
  }

  private long total() {
    long s = shared.sum();
    for (long[] c : cells) {
      if (c != null) {
        s += (long) LONGS.getOpaque(c, 0);
      }
    }
    return s;
  }

  /** Makes the count start again from zero (CONFIG RESETSTAT). */
  public synchronized void reset() {
    base = total();
  }
}
