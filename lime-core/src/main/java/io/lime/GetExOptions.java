package io.lime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What GETEX does to the expiry of the key it reads: set a relative time (EX/PX), set an
 * absolute deadline (EXAT/PXAT; one already past deletes the key after reading it), or
 * remove it (PERSIST). Immutable and thread-safe. Millisecond precision.
 */
public final class GetExOptions {
  /** The kinds of change. */
  public enum Mode {
    /** Expire after {@link #ttl()} from now. */
    EXPIRE_IN,
    /** Expire at {@link #deadline()}. */
    EXPIRE_AT,
    /** Remove the expiry. */
    PERSIST
  }

  private static final GetExOptions PERSIST = new GetExOptions(Mode.PERSIST, null, null);

  private final Mode mode;
  private final @Nullable Duration ttl;
  private final @Nullable Instant deadline;

  private GetExOptions(Mode mode, @Nullable Duration ttl, @Nullable Instant deadline) {
    this.mode = mode;
    this.ttl = ttl;
    this.deadline = deadline;
  }

  /**
   * GETEX PX: the key expires {@code ttl} after the read.
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond
   */
  public static GetExOptions expireIn(Duration ttl) {
    return new GetExOptions(Mode.EXPIRE_IN, SetOptions.checkTtl(ttl), null);
  }

  /**
   * GETEX PXAT: the key expires at {@code deadline}; if that is not in the future the key
   * is deleted right after being read.
   *
   * @throws IllegalArgumentException if {@code deadline} is not after the Unix epoch
   */
  public static GetExOptions expireAt(Instant deadline) {
    return new GetExOptions(Mode.EXPIRE_AT, null, SetOptions.checkDeadline(deadline));
  }

  /** GETEX PERSIST: the key's expiry is removed. */
  public static GetExOptions persist() { return PERSIST; }

  /** The kind of change. */
  public Mode mode() { return mode; }

  /** The time to live of {@link Mode#EXPIRE_IN}, else null. */
  public @Nullable Duration ttl() { return ttl; }

  /** The deadline of {@link Mode#EXPIRE_AT}, else null. */
  public @Nullable Instant deadline() { return deadline; }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GetExOptions g && g.mode == mode && Objects.equals(g.ttl, ttl)
        && Objects.equals(g.deadline, deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, ttl, deadline);
  }

  @Override
  public String toString() {
    return "GetExOptions[" + mode + (ttl != null ? " " + ttl : "")
        + (deadline != null ? " " + deadline : "") + "]";
  }
}
