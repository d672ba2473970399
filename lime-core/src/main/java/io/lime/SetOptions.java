package io.lime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a SET: a condition on the key's existence (NX/XX) and what happens to its
 * expiry (a relative time as EX/PX, an absolute deadline as EXAT/PXAT, or keep it as
 * KEEPTTL; by default SET removes it). Immutable and thread-safe; the {@code with} methods
 * return new instances.
 *
 * <pre>{@code
 * strings.set("session", token, SetOptions.ifAbsent().expireIn(Duration.ofMinutes(30)));
 * }</pre>
 *
 * <p>Expiry has millisecond precision: a duration or instant is truncated to milliseconds.
 */
public final class SetOptions {
  /** Condition on the key's existence. */
  public enum Condition {
    /** Set whether or not the key exists. */
    ALWAYS,
    /** Set only when the key does not exist (NX). */
    IF_ABSENT,
    /** Set only when the key exists (XX). */
    IF_PRESENT
  }

  /** What to do with the key's expiry. */
  public enum ExpiryMode {
    /** Remove any expiry (SET's default). */
    CLEAR,
    /** Keep the current expiry (KEEPTTL). */
    KEEP,
    /** Expire after {@link #ttl()} from now (PX). */
    RELATIVE,
    /** Expire at {@link #deadline()} (PXAT). */
    ABSOLUTE
  }

  private static final Duration ONE_MILLI = Duration.ofMillis(1);
  private static final Instant FIRST_DEADLINE = Instant.ofEpochMilli(1);

  private static final SetOptions DEFAULTS =
      new SetOptions(Condition.ALWAYS, ExpiryMode.CLEAR, null, null);

  private final Condition condition;
  private final ExpiryMode expiryMode;
  private final @Nullable Duration ttl;
  private final @Nullable Instant deadline;

  private SetOptions(Condition condition, ExpiryMode expiryMode, @Nullable Duration ttl,
      @Nullable Instant deadline) {
    this.condition = condition;
    this.expiryMode = expiryMode;
    this.ttl = ttl;
    this.deadline = deadline;
  }

  /** Plain SET: unconditional, removing any expiry. */
  public static SetOptions defaults() { return DEFAULTS; }

  /** SET NX: only when the key does not exist. */
  public static SetOptions ifAbsent() {
    return DEFAULTS.condition(Condition.IF_ABSENT);
  }

  /** SET XX: only when the key exists. */
  public static SetOptions ifPresent() {
    return DEFAULTS.condition(Condition.IF_PRESENT);
  }

  /** These options with another condition. */
  public SetOptions condition(Condition c) {
    return new SetOptions(Objects.requireNonNull(c, "condition"), expiryMode, ttl, deadline);
  }

  /**
   * These options with the key expiring {@code ttl} after the write (EX/PX).
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond
   */
  public SetOptions expireIn(Duration ttl) {
    return new SetOptions(condition, ExpiryMode.RELATIVE, checkTtl(ttl), null);
  }

  /**
   * These options with the key expiring at {@code deadline} (EXAT/PXAT); a deadline in the
   * past makes the key expire at once.
   *
   * @throws IllegalArgumentException if {@code deadline} is not after the Unix epoch
   */
  public SetOptions expireAt(Instant deadline) {
    return new SetOptions(condition, ExpiryMode.ABSOLUTE, null, checkDeadline(deadline));
  }

  /**
   * {@code ttl}, checked as SET EX/PX and GETEX EX/PX check it: at least one millisecond. One
   * past 64-bit milliseconds is accepted here, as the command parses its EX 9223372036854775807,
   * and the write fails as the command does ("invalid expire time").
   */
  static Duration checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(ONE_MILLI) < 0) {
      throw new IllegalArgumentException("ttl must be at least 1 ms: " + ttl);
    }
    return ttl;
  }

  /**
   * {@code deadline}, checked as SET EXAT/PXAT and GETEX EXAT/PXAT check it; one past 64-bit
   * milliseconds fails at the write, as the command's EXAT 31556889864403199 does.
   */
  static Instant checkDeadline(Instant deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isBefore(FIRST_DEADLINE)) {
      throw new IllegalArgumentException("deadline must be after the epoch: " + deadline);
    }
    return deadline;
  }

  /** These options keeping the key's current expiry (KEEPTTL). */
  public SetOptions keepTtl() {
    return new SetOptions(condition, ExpiryMode.KEEP, null, null);
  }

  /** The condition. */
  public Condition condition() { return condition; }

  /** The expiry mode. */
  public ExpiryMode expiryMode() { return expiryMode; }

  /** The time to live of {@link ExpiryMode#RELATIVE}, else null. */
  public @Nullable Duration ttl() { return ttl; }

  /** The deadline of {@link ExpiryMode#ABSOLUTE}, else null. */
  public @Nullable Instant deadline() { return deadline; }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SetOptions s && s.condition == condition && s.expiryMode == expiryMode
        && Objects.equals(s.ttl, ttl) && Objects.equals(s.deadline, deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(condition, expiryMode, ttl, deadline);
  }

  @Override
  public String toString() {
    return "SetOptions[" + condition + ", " + expiryMode
        + (ttl != null ? " " + ttl : "") + (deadline != null ? " " + deadline : "") + "]";
  }
}
