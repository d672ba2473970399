package io.lime.server.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The file descriptor number of a socket channel, for CLIENT LIST's {@code fd} field, read
 * through the JDK's {@code sun.nio.ch.SelChImpl.getFDVal()}. The standalone jar's manifest
 * exports {@code java.base/sun.nio.ch} to it ({@code Add-Exports}); where the package is not
 * exported (LIME as a module or a library in another application) the number is not
 * available and {@link #of} answers -1, the value Redis prints for a client without a socket.
 *
 * <p>Thread-safety: thread-safe (the handle is looked up once).
 */
final class Descriptors {
  private static final @Nullable MethodHandle FD_VAL = lookup();

  private Descriptors() {}

  private static @Nullable MethodHandle lookup() {
    try {
      Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
      if (!selCh.getModule().isExported("sun.nio.ch", Descriptors.class.getModule())) {
        return null; // asked first: the failed lookup's exception costs the first connection
      }
      return MethodHandles.lookup().findVirtual(selCh, "getFDVal",
          MethodType.methodType(int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // package not exported to this code: no descriptor numbers
    }
  }

  /** The descriptor of {@code channel}, or -1 when the JDK does not let LIME read it. */
  static int of(Channel channel) {
    MethodHandle h = FD_VAL;
    if (h == null || !h.type().parameterType(0).isInstance(channel)) {
      return -1;
    }
    try {
      return (int) h.invoke(channel);
    } catch (Throwable e) {
      return -1;
    }
  }
}
