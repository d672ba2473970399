package io.lime.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** How the extension turns {@link LimeTest} options into a running server. */
class LimeFixtureTest {
  @LimeTest(config = {"save \"\"", "maxmemory 10mb", "  notify-keyspace-events   Ex "})
  private static final class Configured {}

  @LimeTest(config = "no-such-directive 1")
  private static final class Unknown {}

  @LimeTest(config = "maxclients many")
  private static final class BadValue {}

  @LimeTest(config = "requirepass")
  private static final class NoValue {}

  @LimeTest(manualClock = true)
  private static final class Manual {}

  private static LimeTest options(Class<?> c) {
    return c.getAnnotation(LimeTest.class);
  }

  @Test
  void start_configEntries_applyDirectivesWithQuotesAndSpaces() {
    try (LimeFixture f = LimeFixture.start(options(Configured.class))) {
      assertEquals("", f.server().config("save"));
      assertEquals("10485760", f.server().config("maxmemory"));
      assertEquals("xE", f.server().config("notify-keyspace-events"));
      assertEquals(URI.create("redis://127.0.0.1:" + f.server().port()), f.uri());
      assertNull(f.clock());
    }
  }

  @Test
  void start_unknownDirective_failsWithRedisText() {
    ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
        () -> LimeFixture.start(options(Unknown.class)));
    assertEquals("@LimeTest config: 'no-such-directive': Bad directive or wrong number of arguments",
        e.getMessage());
  }

  @Test
  void start_badValue_failsWithRedisText() {
    ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
        () -> LimeFixture.start(options(BadValue.class)));
    assertEquals("@LimeTest config: 'maxclients': argument couldn't be parsed into an integer",
        e.getMessage());
  }

  @Test
  void start_entryWithoutValue_fails() {
    assertThrows(ExtensionConfigurationException.class,
        () -> LimeFixture.start(options(NoValue.class)));
  }

  @Test
  void start_manualClock_startsAtWallTimeAndOnlyMovesWhenTold() {
    long before = System.currentTimeMillis();
    try (LimeFixture f = LimeFixture.start(options(Manual.class))) {
      LimeClock clock = f.clock();
      assertNotNull(clock);
      long t = clock.currentTimeMillis();
      assertEquals(true, t >= before && t <= System.currentTimeMillis());
      assertEquals(t, clock.currentTimeMillis());
      f.server().store().set("k", "v");
      f.server().store().expire("k", java.time.Duration.ofSeconds(1));
      clock.set(clock.instant().plusMillis(1001));
      assertEquals(0, f.server().store().dbSize());
    }
  }
}
