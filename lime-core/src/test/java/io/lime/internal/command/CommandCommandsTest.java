package io.lime.internal.command;

import static io.lime.internal.command.ConnFixture.bulk;
import static io.lime.internal.command.ConnFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandCommandsTest {
  private final ConnFixture f = new ConnFixture();

  private int tableSize() {
    return f.state.commandTable().size();
  }

  @Test
  void count_tableSize() {
    assertEquals(":" + tableSize() + "\r\n", f.run("COMMAND", "COUNT"));
  }

  @Test
  void command_noArguments_infoOfEveryCommand() {
    assertTrue(f.run("COMMAND").startsWith("*" + tableSize() + "\r\n*10\r\n"));
    assertTrue(f.run("COMMAND", "INFO").startsWith("*" + tableSize() + "\r\n*10\r\n"));
  }

  @Test
  void info_ping_redisBytes() {
    String ping = "*10\r\n" + bulk("ping") + ":-1\r\n*1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n"
        + "*2\r\n+@fast\r\n+@connection\r\n*2\r\n" + bulk("request_policy:all_shards")
        + bulk("response_policy:all_succeeded") + "*0\r\n*0\r\n";
    assertEquals("*2\r\n" + ping + "$-1\r\n", f.run("COMMAND", "INFO", "PING", "nosuch"));
  }

  @Test
  void info_subcommandByFullName_found() {
    assertTrue(f.run("COMMAND", "INFO", "client|list").startsWith("*1\r\n*10\r\n"
        + bulk("client|list") + ":-2\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n"));
    assertEquals("*1\r\n$-1\r\n", f.run("COMMAND", "INFO", "client|nosuch"));
  }

  @Test
  void info_limeOnlySubcommand_specFieldsNoTips() {
    String r = f.run("COMMAND", "INFO", "client|setinfo");
    assertTrue(r.startsWith("*1\r\n*10\r\n" + bulk("client|setinfo") + ":4\r\n"));
    assertTrue(r.endsWith("*2\r\n+@slow\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n"));
  }

  @Test
  void docs_unknownNamesLeftOut_knownHaveRedisArguments() {
    assertEquals("*0\r\n", f.run("COMMAND", "DOCS", "nosuch"));
    String r = f.run("COMMAND", "DOCS", "nosuch", "echo");
    assertTrue(r.startsWith("*2\r\n" + bulk("echo") + "*10\r\n" + bulk("summary")));
    assertTrue(r.contains(bulk("arguments")));
  }

  @Test
  void docs_container_onlyImplementedSubcommands() {
    String r = f.run("COMMAND", "DOCS", "client");
    assertTrue(r.contains(bulk("client|setinfo")));
    assertTrue(r.contains(bulk("client|caching"))); // served since issue 13
    String latency = f.run("COMMAND", "DOCS", "latency");
    assertTrue(latency.contains(bulk("latency|latest")));
    assertTrue(latency.contains(bulk("latency|doctor"))); // served since issue 13
  }

  @Test
  void list_filters() {
    assertEquals(err("ERR syntax error"), f.run("COMMAND", "LIST", "x"));
    assertEquals(err("ERR syntax error"), f.run("COMMAND", "LIST", "FILTERBY", "foo", "x"));
    assertEquals(err("ERR syntax error"), f.run("COMMAND", "LIST", "FILTERBY", "pattern"));
    assertEquals("*0\r\n", f.run("COMMAND", "LIST", "FILTERBY", "module", "x"));
    assertEquals("*0\r\n", f.run("COMMAND", "LIST", "FILTERBY", "aclcat", "nosuch"));
    assertEquals("*1\r\n" + bulk("hello"),
        f.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "HEL?O"));
    String conn = f.run("COMMAND", "LIST", "FILTERBY", "aclcat", "CONNECTION");
    assertTrue(conn.contains(bulk("client|list")));
    assertFalse(conn.contains(bulk("client")));
    assertTrue(f.run("COMMAND", "LIST").contains(bulk("command|getkeys")));
  }

  @Test
  void getkeys_errors() {
    assertEquals(err("ERR Invalid command specified"), f.run("COMMAND", "GETKEYS", "nosuch", "a"));
    assertEquals(err("ERR Invalid command specified"),
        f.run("COMMAND", "GETKEYS", "client", "nosuch"));
    assertEquals(err("ERR The command has no key arguments"),
        f.run("COMMAND", "GETKEYS", "ping", "x"));
    assertEquals(err("ERR The command has no key arguments"),
        f.run("COMMAND", "GETKEYS", "client", "list"));
    assertEquals(err("ERR wrong number of arguments for 'command|getkeys' command"),
        f.run("COMMAND", "GETKEYS", "ping"));
  }

  @Test
  void getkeys_legacyRange_forSpecWithoutRedisData() {
    CommandSpec spec = new CommandSpec("zzlimeonly", -2, 0, 1, -1, 2, java.util.List.of(), null,
        java.util.List.of());
    java.util.List<KeyFinder.Key> keys = KeyFinder.find(spec, "zzlimeonly",
        io.lime.resp.Argv.of("zzlimeonly", "a", "1", "b", "2"), 0);
    assertEquals(java.util.List.of(1, 3), keys.stream().map(KeyFinder.Key::pos).toList());
  }

  @Test
  void getkeysandflags_setWithGet_variableFlags() {
    if (f.state.commandTable().get("set") == null) {
      return;
    }
    assertEquals("*1\r\n*2\r\n" + bulk("k") + "*2\r\n+OW\r\n+update\r\n",
        f.run("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"));
    assertEquals("*1\r\n*2\r\n" + bulk("k") + "*3\r\n+RW\r\n+access\r\n+update\r\n",
        f.run("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "GET"));
  }

  @Test
  void help_redis70Text() {
    String r = f.run("COMMAND", "HELP");
    assertTrue(r.startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]."));
  }

  @Test
  void aclCategories_implicitFromFlagsInRedisOrder() {
    CommandSpec s = new CommandSpec("x", 1, CommandSpec.mask(CommandFlag.WRITE, CommandFlag.ADMIN),
        0, 0, 0, java.util.List.of("connection", "string"), null, java.util.List.of());
    assertEquals(java.util.List.of("write", "string", "admin", "slow", "dangerous", "connection"),
        AclCategories.of(s));
  }
}
