package io.lime.server.internal;

/**
 * {@code client-output-buffer-limit normal} for one connection (Redis's
 * checkClientOutputBufferLimits): over the hard limit, or over the soft one for longer than
 * its seconds. Pub/Sub clients have their own class (ClientSubscriber). Loop thread only.
 */
final class OutputLimit {
  /** When pending output first passed the soft limit (loop millis), or 0. */
  private long softSince;

  /**
   * Whether {@code pending} reply bytes break {@code limits} (hard, soft, soft seconds; 0 is
   * off) at {@code nowMillis}; starts or resets the soft limit's clock.
   */
  boolean over(long[] limits, long pending, long nowMillis) {
    if (limits[0] > 0 && pending >= limits[0]) {
      return true;
    }
    if (limits[1] > 0 && pending >= limits[1]) {
      if (softSince == 0) {
        softSince = Math.max(1, nowMillis);
      } else if (nowMillis - softSince > limits[2] * 1000) {
        return true;
      }
    } else {
      softSince = 0;
    }
    return false;
  }

  /** The output was all written: the soft limit's clock stops. */
  void reset() {
    softSince = 0;
  }
}
