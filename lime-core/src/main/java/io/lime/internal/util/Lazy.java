package io.lime.internal.util;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value made by {@code make} on its first {@link #get()}, once (double-checked locking: one
 * volatile read once made). Thread-safe. {@code make} must not return null.
 *
 * @param <T> the value's type
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> make;
  private volatile @Nullable T value;

  /** A value {@code make} makes when first needed. */
  public Lazy(Supplier<T> make) {
    this.make = make;
  }

  /** The value if made already, else null; makes nothing. */
  public @Nullable T ifMade() {
    return value;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = make.get();
          value = v;
        }
      }
    }
    return v;
  }
}
