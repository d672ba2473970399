package io.lime.internal.util;

import java.util.BitSet;

/**
 * A thread with its own stripe in every {@link StatCounter}: counting from it is a plain
 * write, no atomic instruction. The server's event-loop threads are such threads. Stripes are
 * unique among live threads (taken at construction, given back when {@link #run()} ends), so
 * servers in one JVM, sharing an engine or not, never share one.
 */
public class StatThread extends Thread {
  /** Threads beyond this many live ones count in the shared part, as other threads do. */
  public static final int MAX_STRIPES = 1024;
  private static final BitSet TAKEN = new BitSet();

  /** This thread's stripe, or -1 when all were taken. */
  final int stripe;

  /** Creates a thread running {@code task}. */
  public StatThread(Runnable task, String name) {
    super(task, name);
    this.stripe = take();
  }

  /**
   * Creates a thread running {@code task} with a stack of {@code stackSize} bytes (a hint to
   * the JVM, as {@link Thread#Thread(ThreadGroup, Runnable, String, long)}).
   */
  public StatThread(Runnable task, String name, long stackSize) {
    super(null, task, name, stackSize);
    this.stripe = take();
  }

  @Override
  public void run() {
    try {
      super.run();
    } finally {
      release(stripe);
    }
  }

  private static int take() {
    synchronized (TAKEN) {
      int s = TAKEN.nextClearBit(0);
      if (s >= MAX_STRIPES) {
        return -1;
      }
      TAKEN.set(s);
      return s;
    }
  }

  private static void release(int s) {
    if (s >= 0) {
      synchronized (TAKEN) {
        TAKEN.clear(s);
      }
    }
  }
}
