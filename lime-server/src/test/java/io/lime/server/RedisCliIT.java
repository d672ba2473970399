package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code redis-cli} binary against LIME and against redis-server 7.0.15: the same
 * invocation must print the same output and exit with the same status. Skips without
 * redis-cli or redis-server, except under {@code CI=true} where it fails.
 */
class RedisCliIT {
  private static final long TIMEOUT_SECONDS = 10;
  private static WireDifferential wire;
  private static String cli;

  @BeforeAll
  static void up() {
    cli = findOnPath("redis-cli");
    if (cli == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true but redis-cli is not on PATH");
      }
      Assumptions.abort("redis-cli not on PATH; skipped");
    }
    wire = WireDifferential.start();
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  @BeforeEach
  void flush() {
    try (WireDifferential.Pair p = wire.connect()) {
      p.check("FLUSHALL");
    }
  }

  @Test
  void setGet_rawAndNoRaw() {
    same("", "SET", "a", "b");
    same("", "GET", "a");
    same("", "--no-raw", "GET", "a");
    same("", "GET", "missing");
    same("", "--no-raw", "GET", "missing");
    same("", "--no-raw", "MGET", "a", "missing");
    same("", "MGET", "a", "missing");
    same("", "--no-raw", "INCR", "n");
    same("", "--no-raw", "INCRBYFLOAT", "f", "1.5");
    same("", "PING");
    same("", "--no-raw", "ECHO", "two words");
    same("", "-n", "3", "SET", "k", "v");
    same("", "-n", "3", "DBSIZE");
    same("", "DBSIZE");
    same("", "-n", "3", "--no-raw", "KEYS", "*"); // one key: the order is deterministic
  }

  @Test
  void resp3_typesPrintAsRedis() {
    same("", "SET", "a", "b");
    same("", "-3", "GET", "a");
    same("", "-3", "--no-raw", "GET", "missing");
    same("", "-3", "--no-raw", "MGET", "a", "missing");
    same("", "-3", "--no-raw", "INCRBYFLOAT", "f", "2.5");
    same("", "-3", "--no-raw", "CONFIG", "GET", "maxmemory");
    same("", "-3", "CONFIG", "GET", "maxmemory-policy");
    same("", "-3", "--no-raw", "EXISTS", "a");
  }

  @Test
  void errors_printAndExitAsRedis() {
    same("", "NOSUCH", "x");
    same("", "--no-raw", "NOSUCH", "x");
    same("", "GET");
    same("", "--no-raw", "SET", "a");
    same("", "SET", "s", "v");
    same("", "INCR", "s");
    same("", "-n", "99", "PING");
  }

  @Test
  void stdinCommandsAndPipeMode() {
    same("SET x 1\nINCR x\nGET x\nNOSUCH\n");
    same("SET x 1\nGET x\n", "--no-raw");
    same("*3\r\n$3\r\nSET\r\n$1\r\np\r\n$1\r\n1\r\n*2\r\n$4\r\nINCR\r\n$1\r\np\r\n", "--pipe");
    same("", "GET", "p");
  }

  @Test
  void infoServer_reportsRedisVersion_andLimeVersion() {
    Result r = run(wire.limePort(), "", "INFO", "server");
    assertEquals(0, r.exit, r.out);
    assertTrue(r.out.contains("redis_version:7.0.15\r\n"), r.out);
    assertTrue(r.out.contains("lime_version:"), r.out);
    Result real = run(wire.redisPort(), "", "INFO", "server");
    assertTrue(real.out.contains("redis_version:7.0.15\r\n"), real.out);
  }

  /** Runs redis-cli against both servers; asserts identical output and exit status. */
  private static void same(String stdin, String... args) {
    Result expected = run(wire.redisPort(), stdin, args);
    Result actual = run(wire.limePort(), stdin, args);
    assertEquals(expected.exit + "\n" + expected.out, actual.exit + "\n" + actual.out,
        () -> "redis-cli " + String.join(" ", args) + " (stdin " + stdin.length() + " bytes)");
  }

  private record Result(int exit, String out) {}

  private static Result run(int port, String stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of(cli, "-h", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("REDISCLI_HISTFILE", "/dev/null");
    pb.environment().remove("REDISCLI_AUTH");
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("redis-cli did not exit: " + cmd);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
