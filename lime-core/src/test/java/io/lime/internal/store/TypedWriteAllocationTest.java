package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.ListView;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With {@code Persistence.none()} the propagation seam of typed writes costs nothing: write
 * methods that allocate nothing themselves (no stored data, no result objects) still
 * allocate nothing per call (no argv, no propagation unit). A measurement with HotSpot's
 * per-thread allocation counter, not a timing assertion.
 */
class TypedWriteAllocationTest {
  private static final int CALLS = 20_000;

  @Test
  void noPersistence_writesThatChangeNothing_allocateNothingPerCall() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
    try (KeyValueStore store = KeyValueStore.builder().ticker(() -> 1_700_000_000_000L)
        .activeExpiryHz(0).build()) {
      byte[] key = "k".getBytes(StandardCharsets.UTF_8);
      byte[] missing = "missing".getBytes(StandardCharsets.UTF_8);
      store.set(key, "v".getBytes(StandardCharsets.UTF_8));
      ListView list = store.list(missing);
      long perCall = Long.MAX_VALUE;
      for (int round = 0; round < 5 && perCall > 0; round++) { // warm-up rounds for the JIT
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
          store.persist(key);        // no TTL: changes nothing
          store.getDel(missing);
          list.leftPop();
          list.rightPop();
        }
        perCall = (threads.getCurrentThreadAllocatedBytes() - before) / (4L * CALLS);
      }
      assertTrue(perCall == 0, "bytes allocated per typed write: " + perCall);
    }
  }
}
