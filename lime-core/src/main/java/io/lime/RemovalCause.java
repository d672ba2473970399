package io.lime;

/** Why a {@link LimeCache} entry was removed (what its {@link RemovalListener} is told). */
public enum RemovalCause {
  /** Removed by {@link LimeCache#invalidate} or {@link LimeCache#invalidateAll}. */
  EXPLICIT,
  /** Its value was replaced by a put, a load or a refresh. */
  REPLACED,
  /** Its expire-after-write or expire-after-access deadline passed. */
  EXPIRED,
  /** Evicted to keep the cache within its maximum size or memory. */
  EVICTED;

  /** Whether the cache removed it on its own (expired or evicted), not the application. */
  public boolean wasEvicted() {
    return this == EXPIRED || this == EVICTED;
  }
}
