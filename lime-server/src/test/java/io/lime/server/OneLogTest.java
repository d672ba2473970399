package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One log for an in-process server: the engine's own lines (persistence, scripts'
 * redis.log) go into the server's Redis-format log, honouring {@code loglevel} (also as
 * changed by CONFIG SET) and {@code logfile}; each server in the JVM keeps its own lines;
 * without {@code logging(true)} the engine logs through System.Logger only.
 */
class OneLogTest {
  @TempDir Path dir;

  private LimeServer start(String name, String level) throws java.io.IOException {
    Files.createDirectories(dir.resolve(name));
    return LimeServer.builder().ephemeralPort().logging(true)
        .args("--logfile", dir.resolve(name + ".log").toString(), "--loglevel", level,
            "--dir", dir.resolve(name).toString(), "--lime-loops", "1").start();
  }

  private String log(String name) throws Exception {
    return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
  }

  private static boolean hasLine(String log, char mark, String text) {
    return Pattern.compile("(?m)^\\d+:M \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "
        + Pattern.quote(mark + " " + text) + "$").matcher(log).find();
  }

  @Test
  void inProcessServer_engineLinesInItsLog_levelAndFileHonoured() throws Exception {
    try (LimeServer a = start("a", "notice");
        LimeServer b = start("b", "notice");
        TestClient ca = new TestClient(a.port());
        TestClient cb = new TestClient(b.port())) {
      assertEquals("OK", TestClient.text(ca.call("SAVE"))); // RdbPersistence, in lime-core
      ca.call("EVAL", "redis.log(redis.LOG_WARNING, 'warning from a script')", "0");
      ca.call("EVAL", "redis.log(redis.LOG_NOTICE, 'notice from a script')", "0");
      cb.call("EVAL", "redis.log(redis.LOG_WARNING, 'only in b')", "0");
      String la = log("a");
      assertTrue(hasLine(la, '*', "DB saved on disk"), la);
      assertTrue(hasLine(la, '#', "warning from a script"), la);
      assertTrue(hasLine(la, '*', "notice from a script"), la);
      assertFalse(la.contains("only in b"), la);
      assertTrue(hasLine(log("b"), '#', "only in b"), log("b"));

      assertEquals("OK", TestClient.text(ca.call("CONFIG", "SET", "loglevel", "warning")));
      ca.call("EVAL", "redis.log(redis.LOG_NOTICE, 'hidden notice')", "0");
      ca.call("EVAL", "redis.log(redis.LOG_WARNING, 'shown warning')", "0");
      la = log("a");
      assertFalse(la.contains("hidden notice"), la);
      assertTrue(hasLine(la, '#', "shown warning"), la);
    }
  }

  @Test
  void serverWithoutLogging_engineUsesSystemLogger() throws Exception {
    try (LimeServer s = LimeServer.builder().ephemeralPort().start()) {
      assertNull(s.net().engine().logSink());
    }
    try (LimeServer s = start("c", "debug")) {
      assertTrue(s.net().engine().logSink() != null);
    }
  }
}
