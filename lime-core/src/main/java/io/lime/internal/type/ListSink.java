package io.lime.internal.type;

import io.lime.internal.engine.LockedKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receives the elements a {@link ListType} operation reads or pops, in reply order and in
 * place (valid only during the call): the RESP door writes them to its reply, the typed door
 * copies them ({@link #COPY}). Implementations are stateless singletons, so the RESP door
 * allocates nothing.
 *
 * @param <T> where the elements go (a reply, a list)
 */
public interface ListSink<T> {
  /** A sink adding copies of the elements to a list. */
  ListSink<List<byte[]>> COPY = new ListSink<>() {
    @Override
    public void begin(List<byte[]> target, LockedKey k, long n) {
      if (target instanceof ArrayList<byte[]> a) {
        a.ensureCapacity((int) Math.min(n, 1 << 16));
      }
    }

    @Override
    public void element(List<byte[]> target, byte[] b, int off, int len) {
      target.add(Arrays.copyOfRange(b, off, off + len));
    }
  };

  /** {@code n} elements of key {@code k} follow (0 or 1 for LINDEX: found or not). */
  void begin(T target, LockedKey k, long n);

  /** The next element, {@code b[off..off+len)}. */
  void element(T target, byte[] b, int off, int len);
}
