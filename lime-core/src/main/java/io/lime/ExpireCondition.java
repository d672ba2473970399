package io.lime;

/**
 * When an expire operation applies (the options of Redis's EXPIRE family). A key without
 * an expiry counts as having an infinite one. {@link #NX} combines with nothing;
 * {@link #GT} and {@link #LT} exclude each other; {@link #XX} combines with either.
 */
public enum ExpireCondition {
  /** Only if the key has no expiry. */
  NX,
  /** Only if the key has an expiry. */
  XX,
  /** Only if the new deadline is later than the current one (never for a key without one). */
  GT,
  /** Only if the new deadline is earlier than the current one (always for a key without one). */
  LT
}
