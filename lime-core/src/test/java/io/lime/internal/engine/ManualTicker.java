package io.lime.internal.engine;

import io.lime.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker tests move by hand. */
final class ManualTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Override
  public long currentTimeMillis() {
    return now.get();
  }

  void advance(long millis) {
    now.addAndGet(millis);
  }
}
