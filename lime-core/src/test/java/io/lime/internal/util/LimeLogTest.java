package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Routing of engine log lines: an engine's sink, else the process's, else System.Logger. */
class LimeLogTest {
  private static LimeLog.Sink collecting(List<String> lines, System.Logger.Level min) {
    return new LimeLog.Sink() {
      @Override
      public boolean enabled(System.Logger.Level level) {
        return level.getSeverity() >= min.getSeverity();
      }

      @Override
      public void log(System.Logger.Level level, String message) {
        lines.add(level + " " + message);
      }
    };
  }

  @Test
  void noSink_systemLoggerDecides() {
    System.Logger routed = LimeLog.get("io.lime.test.routing", () -> null);
    System.Logger system = System.getLogger("io.lime.test.routing");
    for (System.Logger.Level l : System.Logger.Level.values()) {
      if (l != System.Logger.Level.OFF) {
        assertEquals(system.isLoggable(l), routed.isLoggable(l), l.toString());
      }
    }
  }

  @Test
  void scopeSink_takesItsLines_levelsAndFormatArguments() {
    List<String> lines = new ArrayList<>();
    AtomicReference<LimeLog.Sink> scope = new AtomicReference<>(
        collecting(lines, System.Logger.Level.INFO));
    System.Logger log = LimeLog.get("io.lime.test.scope", scope::get);
    log.log(System.Logger.Level.DEBUG, "dropped");
    log.log(System.Logger.Level.INFO, "kept {0}", 42);
    log.log(System.Logger.Level.WARNING, "failed", new IllegalStateException("why"));
    assertEquals(List.of("INFO kept 42", "WARNING failed: java.lang.IllegalStateException: why"),
        lines);
    scope.set(null); // the server closed: back to System.Logger
    log.log(System.Logger.Level.WARNING, "not collected");
    assertEquals(2, lines.size());
  }
}
