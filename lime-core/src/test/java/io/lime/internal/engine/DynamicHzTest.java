package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * dynamic-hz: the frequency in force doubles from the configured hz while clients / hz > 200,
 * up to 500, as Redis 7.0's serverCron (integer division, as listLength / server.hz).
 */
class DynamicHzTest {
  @Test
  void effective_followsRedisServerCron() {
    assertEquals(10, ExpiryCron.effective(10, 0));
    assertEquals(10, ExpiryCron.effective(10, 2009)); // 2009 / 10 = 200: not over
    assertEquals(20, ExpiryCron.effective(10, 2010));
    assertEquals(40, ExpiryCron.effective(10, 4020));
    assertEquals(320, ExpiryCron.effective(10, 64_000)); // 64000 / 320 = 200
    assertEquals(500, ExpiryCron.effective(10, 64_320)); // 640 would pass CONFIG_MAX_HZ
    assertEquals(500, ExpiryCron.effective(1, Integer.MAX_VALUE));
    assertEquals(500, ExpiryCron.effective(500, 1_000_000));
    assertEquals(1, ExpiryCron.effective(1, 200));
  }

  @Test
  void engine_hzInForceFollowsClientsOnlyWithDynamicHz() {
    AtomicInteger clients = new AtomicInteger(5000);
    try (Engine e = new Engine(1, 1, new ManualTicker(), 10)) {
      assertEquals(10, e.hz());
      e.dynamicHz(clients::get);
      assertEquals(40, e.hz());
      e.hz(100); // CONFIG SET hz: the configured one changes, dynamic-hz still applies
      assertEquals(100, e.hz());
      clients.set(30_000);
      e.hz(100);
      assertEquals(200, e.hz());
      e.dynamicHz(null); // dynamic-hz no
      assertEquals(100, e.hz());
    }
  }
}
