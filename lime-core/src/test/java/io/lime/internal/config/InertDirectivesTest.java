package io.lime.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The directives LIME lists (as Redis 7.0's CONFIG GET * does) but cannot honour: CONFIG SET
 * to another valid value fails saying why, setting the current value is accepted, and the
 * start-up path (config file, arguments) refuses another value too. No silent acceptance.
 */
class InertDirectivesTest {
  /** A valid value of {@code d} other than its default. */
  private static String other(Directive d) {
    String def = d.defaultValue();
    if (d.type() instanceof ValueType.Bool) {
      return def.equals("yes") ? "no" : "yes";
    }
    if (d.type() instanceof ValueType.Num) {
      return Long.toString(Long.parseLong(def) + 1);
    }
    if (d.type() instanceof ValueType.Choice c) {
      return c.values().stream().filter(v -> !v.equals(def)).findFirst().orElseThrow();
    }
    return def + "x";
  }

  @Test
  void configSet_otherValue_refusedWithReason_currentValueAccepted() {
    ConfigRegistry config = new ConfigRegistry();
    List<String> diffs = new ArrayList<>();
    int checked = 0;
    for (Directive d : Directives.all()) {
      String why = Directives.INERT.get(d.name());
      if (why == null) {
        continue;
      }
      checked++;
      String err = config.setAll(List.of(d.name(), other(d)));
      String expected = "ERR CONFIG SET failed (possibly related to argument '" + d.name()
          + "') - not supported: " + why;
      if (!expected.equals(err)) {
        diffs.add(d.name() + ": " + err);
      }
      assertEquals(d.defaultValue(), config.get(d.name()));
      assertNull(config.setAll(List.of(d.name(), d.defaultValue())), d.name());
      ConfigException e = assertThrows(ConfigException.class,
          () -> config.set(d.name(), other(d)), d.name());
      assertEquals(d.name(), e.directive());
    }
    assertEquals(List.of(), diffs);
    assertEquals(Directives.INERT.size(), checked); // every inert name is a directive
  }

  @Test
  void inertReason_namesTheMissingFeature() {
    assertNotNull(ConfigRegistry.inertReason("REPL-TIMEOUT"));
    assertEquals("not supported: cluster mode is not implemented",
        assertThrows(ConfigException.class, () -> new ConfigRegistry()
            .set("cluster-node-timeout", "1")).getMessage());
    assertNull(ConfigRegistry.inertReason("maxmemory"));
  }
}
