package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redis-server compatible command line, in-process and as a separate JVM. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void version_printsThePomsVersionAndRedisVersion() throws java.io.IOException {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<parent>.*?<version>([^<]+)</version>", java.util.regex.Pattern.DOTALL).matcher(pom);
    assertTrue(m.find());
    assertEquals(0, run("--version"));
    String line = out.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("LIME server v=" + m.group(1) + " redis=7.0.15 "), line);
    out.reset();
    assertEquals(0, run("-v"));
    assertEquals(line, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_usageOnStderr() {
    assertEquals(1, run("--help"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage: java -jar lime-server.jar"));
  }

  @Test
  void help_listsEveryDirectiveWithItsDefault() {
    assertEquals(1, run("-h"));
    String help = err.toString(StandardCharsets.UTF_8);
    io.lime.internal.config.ConfigRegistry config = new io.lime.internal.config.ConfigRegistry();
    for (String name : config.names()) {
      assertTrue(help.contains("\n  --" + name + " "), name);
    }
    assertTrue(help.contains("\n  --port 6379\n"), help);
    assertTrue(help.contains("\n  --appendfsync everysec\n"), help);
  }

  @Test
  void badDirective_fatalTextAndStatus1() {
    assertEquals(1, run("--port", "0", "--foo", "bar"));
    assertEquals("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file,"
        + " at line 3\n>>> 'foo \"bar\"'\nBad directive or wrong number of arguments\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void portZeroAlone_notListeningAnywhere_status1() {
    assertEquals(1, run("--port", "0"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(
        "# Configured to not listen anywhere, exiting."), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingConfigFile_logsAndStatus1() {
    assertEquals(1, run("/nonexistent/redis.conf"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(
        "# Fatal error, can't open config file '/nonexistent/redis.conf': No such file or directory"));
  }

  @Test
  void configFileAndArgs_startServerThatLogsRedisFormat(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("redis.conf");
    Files.writeString(conf, "port " + TestClient.freePort() + "\nlime-loops 1\ndir " + dir + "\n"); // keep dumps out of the module dir
    assertEquals(-1, run(conf.toString(), "--maxmemory", "1mb"));
    String log = out.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("port=(\\d+)\\.").matcher(log);
    assertTrue(m.find(), log);
    int port = Integer.parseInt(m.group(1));
    assertTrue(Pattern.compile("(?m)^\\d+:C \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} # LIME version=0\\.1\\.0")
        .matcher(log).find(), log);
    assertTrue(Pattern.compile("(?m)^\\d+:M .* \\* Ready to accept connections$").matcher(log).find(), log);
    try (TestClient c = new TestClient(port)) {
      assertEquals(RespValue.array(RespValue.bulk("maxmemory"), RespValue.bulk("1048576")),
          c.call("CONFIG", "GET", "maxmemory"));
      Runnable hook = java.util.Objects.requireNonNull(running().state().shutdownHook());
      hook.run();
      assertTrue(c.closedByServer());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("# User requested shutdown..."));
  }

  @Test
  void pidfile_writtenAtStart_removedAtShutdown(@TempDir Path dir) throws Exception {
    Path pid = dir.resolve("lime.pid");
    assertEquals(-1, run("--port", String.valueOf(TestClient.freePort()), "--lime-loops", "1", "--dir", dir.toString(),
        "--pidfile", pid.toString()));
    assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pid));
    java.util.Objects.requireNonNull(running().state().shutdownHook()).run();
    assertTrue(!Files.exists(pid));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "repl-timeout|30|replication is not implemented",
    "active-expire-effort|5|LIME's active expiry runs Redis's default effort",
    "cluster-node-timeout|1|cluster mode is not implemented",
  })
  void inertDirective_otherValue_stopsStartupAsABadValue(String name, String value,
      String why) {
    assertEquals(1, run("--port", "0", "--" + name, value));
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("*** FATAL CONFIG FILE ERROR"), text);
    assertTrue(text.contains(">>> '" + name + " \"" + value + "\"'"), text);
    assertTrue(text.contains("not supported: " + why), text);
  }

  @Test
  void inertDirective_default_accepted(@TempDir Path dir) throws Exception {
    assertEquals(-1, run("--port", String.valueOf(TestClient.freePort()), "--lime-loops", "1", "--dir", dir.toString(),
        "--repl-timeout", "60", "--activerehashing", "yes"));
    java.util.Objects.requireNonNull(running().state().shutdownHook()).run();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "daemonize|yes|a JVM cannot fork itself into the background",
    "supervised|systemd|LIME does not notify service managers",
    "io-threads|4|io-threads above 1 is not supported",
    "cluster-enabled|yes|cluster mode is not implemented",
    "replicaof|127.0.0.1 6380|replication is not implemented",
    "syslog-enabled|yes|syslog is not supported",
  })
  void unsupportedDirective_stopsStartupNamingIt(String name, String value, String why) {
    List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--" + name));
    args.addAll(List.of(value.split(" ")));
    assertEquals(1, run(args.toArray(String[]::new)));
    String log = out.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("# Fatal config error: '" + name + "': not supported: "), log);
    assertTrue(log.contains(why), log);
  }

  @Test
  void renameCommand_unknownCommand_stopsStartup() {
    assertEquals(1, run("--port", "0", "--rename-command", "nosuchcmd", "x"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(
        "# Fatal config error: 'rename-command': No such command in rename-command"));
  }

  @Test
  void renameCommandAndUsers_applyOverTheWire(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("redis.conf");
    Files.writeString(conf, "port " + TestClient.freePort() + "\nlime-loops 1\ndir " + dir + "\n"
        + "rename-command flushall \"\"\nrename-command get fetch\n"
        + "user alice on >pw ~a* +@read +auth\n");
    assertEquals(-1, run(conf.toString()));
    Matcher m = Pattern.compile("port=(\\d+)\\.").matcher(out.toString(StandardCharsets.UTF_8));
    assertTrue(m.find());
    try (TestClient c = new TestClient(Integer.parseInt(m.group(1)))) {
      assertEquals(new RespValue.Error("ERR unknown command 'flushall', with args beginning with: "),
          c.call("flushall"));
      assertEquals(new RespValue.Error("ERR unknown command 'get', with args beginning with: 'k' "),
          c.call("get", "k"));
      assertEquals(RespValue.NULL_BULK, c.call("fetch", "k"));
      assertEquals(new RespValue.SimpleString("OK"), c.call("AUTH", "alice", "pw"));
      assertEquals(new RespValue.Error("NOPERM this user has no permissions to access one of the "
          + "keys used as arguments"), c.call("fetch", "b"));
      assertEquals(new RespValue.Error("NOPERM this user has no permissions to run the 'set' "
          + "command"), c.call("set", "a", "1"));
      java.util.Objects.requireNonNull(running().state().shutdownHook()).run();
    }
  }

  private static io.lime.server.internal.NetServer running() throws Exception {
    java.lang.reflect.Field f = Main.class.getDeclaredField("running");
    f.setAccessible(true);
    return (io.lime.server.internal.NetServer) f.get(null);
  }

  @Test
  void separateJvm_startsAndAnswers(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = Path.of("target", "lime-server.jar");
    List<String> cmd = new ArrayList<>(List.of(java));
    if (Files.exists(jar) && Files.getLastModifiedTime(jar).toMillis()
        >= Files.getLastModifiedTime(Path.of("target", "classes")).toMillis()) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      // as the jar's manifest does (Add-Exports): CLIENT LIST's fd
      cmd.addAll(List.of("--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp",
          AofCrashIT.testClasspath(), "io.lime.server.Main"));
    }
    cmd.addAll(List.of("--port", String.valueOf(TestClient.freePort()), "--lime-loops", "1", "--dir", dir.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      int port = -1;
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = Pattern.compile("port=(\\d+)\\.").matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
        if (line.contains("Ready to accept connections")) {
          break;
        }
      }
      assertTrue(port > 0, "no port in log of " + String.join(" ", cmd));
      try (TestClient c = new TestClient(port)) {
        assertEquals(new RespValue.Error(
            "ERR unknown command 'foo', with args beginning with: "), c.call("foo"));
        String info = ((RespValue.Bulk) c.call("CLIENT", "INFO")).string();
        int fd = Integer.parseInt(info.replaceFirst("(?s).* fd=(-?\\d+) .*", "$1"));
        assertTrue(fd > 2, info); // a real descriptor, past stdin/stdout/stderr
      }
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertTrue(File.separatorChar == '/' ? p.exitValue() == 143 || p.exitValue() == 0 : true);
  }
}
