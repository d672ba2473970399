package io.lime.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The states that make a command take the dispatcher's rare paths, folded into one
 * {@code int}, so a command reads one volatile field instead of one per state when none is
 * active (the common case): a CLIENT PAUSE, a running script (BUSY), client-side caching
 * used since start-up, maxmemory set (eviction before the command, OOM refusal), MONITOR
 * clients and a failed BGSAVE (MISCONF refusal of writes).
 *
 * <p>Each state's owner sets its bit before the state takes effect and clears it after the
 * state ended, so a bit may be set while its state is already over (the full check then
 * runs and finds nothing), never clear while the state is in force. Thread-safe: bits are
 * changed with atomic read-modify-writes.
 */
public final class RareChecks {
  /** A CLIENT PAUSE is in force. */
  public static final int PAUSE = 1;
  /** A script or function is running. */
  public static final int SCRIPT = 2;
  /** Some client has used CLIENT TRACKING (it stays set: tracking keeps state). */
  public static final int TRACKING = 4;
  /** maxmemory is set. */
  public static final int MAXMEMORY = 8;
  /** Some client is in MONITOR mode. */
  public static final int MONITOR = 16;
  /** The last BGSAVE failed (stop-writes-on-bgsave-error may refuse writes: MISCONF). */
  public static final int DISK_ERROR = 32;

  private static final VarHandle BITS;

  static {
    try {
      BITS = MethodHandles.lookup().findVarHandle(RareChecks.class, "bits", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through BITS
  private volatile int bits;

  /** The bits in force (one volatile read). */
  public int get() {
    return bits;
  }

  /** Sets ({@code on}) or clears the bit {@code bit}. */
  public void set(int bit, boolean on) {
    if (on) {
      BITS.getAndBitwiseOr(this, bit);
    } else {
      BITS.getAndBitwiseAnd(this, ~bit);
    }
  }
}
