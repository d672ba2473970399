package io.lime.internal.command;

import static io.lime.internal.command.ConnFixture.arity;
import static io.lime.internal.command.ConnFixture.bulk;
import static io.lime.internal.command.ConnFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {
  private final ConnFixture f = new ConnFixture();

  /** The INFO text without the bulk header. */
  private String info(String... sections) {
    String[] args = new String[sections.length + 1];
    args[0] = "INFO";
    System.arraycopy(sections, 0, args, 1, sections.length);
    String r = f.run(args);
    return r.substring(r.indexOf("\r\n") + 2, r.length() - 2);
  }

  private static List<String> headers(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r\n")) {
      if (line.startsWith("# ")) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void info_default_redisSectionsInOrder() {
    assertEquals(List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats",
        "# Replication", "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace"),
        headers(info()));
    assertEquals(headers(info()), headers(info("default")));
  }

  @Test
  void info_everything_addsCommandAndLatencyStats() {
    List<String> h = headers(info("everything"));
    assertTrue(h.contains("# Commandstats"));
    assertTrue(h.contains("# Latencystats"));
    assertEquals(h, headers(info("all")));
  }

  @Test
  void info_sectionsInRedisOrderSeparatedByBlankLine() {
    assertEquals("# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n",
        info("keyspace", "CLUSTER", "nosuch"));
    assertEquals("$0\r\n\r\n", f.run("INFO", "nosuch"));
  }

  @Test
  void info_server_versionsAndPort() {
    f.state.port(6380);
    String s = info("server");
    assertTrue(s.startsWith("# Server\r\nredis_version:7.0.15\r\n"));
    assertTrue(s.contains("\r\nredis_mode:standalone\r\n"));
    assertTrue(s.contains("\r\ntcp_port:6380\r\n"));
    assertTrue(s.contains("\r\nrun_id:" + f.state.runId() + "\r\n"));
    assertTrue(s.endsWith("\r\nlime_version:" + LimeVersion.VALUE + "\r\n"));
  }

  @Test
  void info_keyspace_onlyNonEmptyDatabases() {
    assertEquals("# Keyspace\r\n", info("keyspace"));
  }

  @Test
  void info_resp3_verbatimTxt() {
    f.run("HELLO", "3");
    assertEquals("=16\r\ntxt:# Keyspace\r\n\r\n", f.run("INFO", "keyspace"));
  }

  @Test
  void info_commandstats_callsRejectedFailed() throws ConfigException {
    f.run("PING");
    f.run("PING");
    f.run("PING", "a", "b");
    f.run("ECHO");
    f.run("CLIENT", "NO-EVICT", "maybe");
    String s = info("commandstats");
    assertTrue(s.contains("cmdstat_ping:calls=3,"), s);
    assertTrue(s.contains(",rejected_calls=0,failed_calls=1\r\n"), s);
    assertTrue(s.contains("cmdstat_echo:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,"
        + "failed_calls=0\r\n"), s);
    assertTrue(s.contains("cmdstat_client|no-evict:calls=1,"), s);
    f.config.set("requirepass", "pw");
    ConnFixture.Client c = f.connect();
    c.run("TIME");
    assertTrue(info("commandstats").contains("cmdstat_time:calls=0,usec=0,usec_per_call=0.00,"
        + "rejected_calls=1,failed_calls=0"));
  }

  @Test
  void info_errorstats_countsByCode_evenWhenMuted() {
    f.run("NOSUCH");
    f.run("ECHO");
    f.run("CLIENT", "REPLY", "OFF");
    f.run("AUTH", "x", "y");
    f.run("CLIENT", "REPLY", "ON");
    assertEquals("# Errorstats\r\nerrorstat_ERR:count=2\r\nerrorstat_WRONGPASS:count=1\r\n",
        info("errorstats"));
    assertTrue(info("stats").contains("\r\ntotal_error_replies:3\r\n"));
  }

  @Test
  void info_persistence_dirtyCounter() {
    f.engine.dirty(7);
    assertTrue(info("persistence").contains("\r\nrdb_changes_since_last_save:7\r\n"));
  }

  @Test
  void time_engineClock_secondsAndMicros() {
    assertEquals("*2\r\n" + bulk("1700000000") + bulk("123000"), f.run("TIME"));
    assertEquals(arity("time"), f.run("TIME", "x"));
  }

  @Test
  void shutdown_optionErrors() {
    assertEquals(err("ERR syntax error"), f.run("SHUTDOWN", "foo"));
    assertEquals(err("ERR syntax error"), f.run("SHUTDOWN", "NOSAVE", "SAVE"));
    assertEquals(err("ERR syntax error"), f.run("SHUTDOWN", "ABORT", "NOW"));
    assertEquals(err("ERR No shutdown in progress."), f.run("SHUTDOWN", "ABORT"));
  }

  @Test
  void shutdown_withoutHook_fails() {
    assertEquals(err("ERR Errors trying to SHUTDOWN. Check logs."), f.run("SHUTDOWN"));
  }

  @Test
  void shutdown_withHook_runsItWithoutReply() {
    AtomicInteger calls = new AtomicInteger();
    f.state.shutdownHook(calls::incrementAndGet);
    assertEquals("", f.run("SHUTDOWN", "NOSAVE", "NOW", "FORCE"));
    assertEquals(1, calls.get());
    assertTrue(f.main.client.closeAfterReply());
  }

  @Test
  void human_bytesToHuman() {
    assertEquals("0B", InfoSections.human(0));
    assertEquals("1023B", InfoSections.human(1023));
    assertEquals("1.00K", InfoSections.human(1024));
    assertEquals("1.50M", InfoSections.human(1024 * 1024 * 3 / 2));
    assertFalse(InfoSections.human(1L << 40).isEmpty());
  }
}
