package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection, CLIENT, COMMAND and server commands compared byte for byte with a real
 * redis-server 7.0.15 under RESP2 and RESP3: every deterministic reply and every error.
 * Replies that differ by nature (client ids, addresses, times, the command count, the
 * order of COMMAND's hash table) and CLIENT REPLY OFF/SKIP (no reply to wait for) are
 * covered by the unit tests instead.
 */
class ConnectionDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pingEcho_allForms_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("PING");
    diff.check("ping", "hello");
    diff.check("PING", "");
    diff.check("PING", "a", "b");
    diff.check("ECHO");
    diff.check("ECHO", "x");
    diff.check("ECHO", "");
    diff.check("ECHO", "a", "b");
    diff.check("NOSUCHCOMMAND", "a", "b");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void auth_withoutPassword_errorsMatchRedis(int resp) {
    diff.reset(resp);
    diff.check("AUTH");
    diff.check("AUTH", "x");
    diff.check("AUTH", "default", "anything");
    diff.check("AUTH", "bob", "x");
    diff.check("AUTH", "a", "b", "c");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hello_errors_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("HELLO", "4");
    diff.check("HELLO", "1");
    diff.check("HELLO", "0");
    diff.check("HELLO", "-1");
    diff.check("HELLO", "foo");
    diff.check("HELLO", "03");
    diff.check("HELLO", "99999999999999999999");
    diff.check("HELLO", "AUTH", "a", "b");
    diff.check("HELLO", "3", "AUTH", "default");
    diff.check("HELLO", "3", "AUTH", "bob", "x");
    diff.check("HELLO", "3", "SETNAME");
    diff.check("HELLO", "3", "SETNAME", "a b");
    diff.check("HELLO", "2", "FOO");
    diff.check("HELLO", "2", "setname", "ok", "extra");
    diff.check("CLIENT", "GETNAME");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void clientName_setGetAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("CLIENT");
    diff.check("CLIENT", "GETNAME");
    diff.check("CLIENT", "SETNAME", "conn-1");
    diff.check("CLIENT", "GETNAME");
    diff.check("CLIENT", "SETNAME", "a b");
    diff.check("CLIENT", "SETNAME", "a\nb");
    diff.check("CLIENT", "SETNAME", "caf\u00e9");
    diff.check("CLIENT", "SETNAME", "~!");
    diff.check("CLIENT", "GETNAME");
    diff.check("CLIENT", "SETNAME", "");
    diff.check("CLIENT", "GETNAME");
    diff.check("CLIENT", "SETNAME");
    diff.check("CLIENT", "SETNAME", "a", "b");
    diff.check("CLIENT", "GETNAME", "x");
    diff.check("CLIENT", "ID", "x");
    diff.check("CLIENT", "NOSUCH");
    diff.check("client", "help");
    diff.check("CLIENT", "HELP", "x");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void clientMisc_replies_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("CLIENT", "NO-EVICT", "on");
    diff.check("CLIENT", "NO-EVICT", "OFF");
    diff.check("CLIENT", "NO-EVICT", "maybe");
    diff.check("CLIENT", "NO-EVICT");
    diff.check("CLIENT", "REPLY");
    diff.check("CLIENT", "REPLY", "maybe");
    diff.check("CLIENT", "REPLY", "ON");
    diff.check("CLIENT", "GETREDIR");
    diff.check("CLIENT", "TRACKINGINFO");
    diff.check("CLIENT", "LIST", "TYPE", "foo");
    diff.check("CLIENT", "LIST", "TYPE", "master");
    diff.check("CLIENT", "LIST", "TYPE", "pubsub");
    diff.check("CLIENT", "LIST", "ID");
    diff.check("CLIENT", "LIST", "ID", "abc");
    diff.check("CLIENT", "LIST", "ID", "99999");
    diff.check("CLIENT", "LIST", "foo");
    diff.check("CLIENT", "KILL");
    diff.check("CLIENT", "KILL", "1.2.3.4:5");
    diff.check("CLIENT", "KILL", "ID", "abc");
    diff.check("CLIENT", "KILL", "ID", "0");
    diff.check("CLIENT", "KILL", "ID", "99999");
    diff.check("CLIENT", "KILL", "ID", "99999", "TYPE");
    diff.check("CLIENT", "KILL", "TYPE", "foo");
    diff.check("CLIENT", "KILL", "TYPE", "pubsub");
    diff.check("CLIENT", "KILL", "TYPE", "master");
    diff.check("CLIENT", "KILL", "USER", "nobody");
    diff.check("CLIENT", "KILL", "SKIPME", "maybe");
    diff.check("CLIENT", "KILL", "MAXAGE", "10");
    diff.check("CLIENT", "KILL", "ADDR", "1.2.3.4:5");
    diff.check("CLIENT", "KILL", "LADDR", "1.2.3.4:5", "SKIPME", "yes");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void command_helpAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("COMMAND", "HELP");
    diff.check("COMMAND", "NOSUCH");
    diff.check("COMMAND", "COUNT", "x");
    diff.check("COMMAND", "INFO", "nosuch");
    diff.check("COMMAND", "INFO", "client|nosuch");
    diff.check("COMMAND", "DOCS", "nosuch");
    diff.check("COMMAND", "LIST", "x");
    diff.check("COMMAND", "LIST", "FILTERBY");
    diff.check("COMMAND", "LIST", "FILTERBY", "foo", "x");
    diff.check("COMMAND", "LIST", "FILTERBY", "pattern", "a", "b");
    diff.check("COMMAND", "LIST", "FILTERBY", "module", "x");
    diff.check("COMMAND", "LIST", "FILTERBY", "aclcat", "nosuch");
    diff.check("COMMAND", "LIST", "FILTERBY", "pattern", "ping");
    diff.check("COMMAND", "LIST", "FILTERBY", "pattern", "HEL?O");
    diff.check("COMMAND", "GETKEYS");
    diff.check("COMMAND", "GETKEYS", "ping");
    diff.check("COMMAND", "GETKEYS", "nosuch", "a");
    diff.check("COMMAND", "GETKEYS", "client", "list");
    diff.check("COMMAND", "GETKEYS", "client", "nosuch");
    diff.check("COMMAND", "GETKEYS", "ping", "x");
    diff.check("COMMAND", "GETKEYSANDFLAGS", "echo", "x");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void commandInfoAndDocs_ownCommands_matchRedis(int resp) {
    diff.reset(resp);
    for (String c : new String[] {"ping", "echo", "quit", "reset", "auth", "hello", "info",
        "time", "shutdown", "client|id", "client|getname", "client|setname", "client|list",
        "client|info", "client|kill", "client|reply", "client|no-evict", "client|help",
        "client|getredir", "client|trackinginfo", "command|info", "command|docs",
        "command|count", "command|list", "command|getkeys", "command|getkeysandflags",
        "command|help"}) {
      diff.check("COMMAND", "INFO", c);
      diff.check("COMMAND", "DOCS", c);
    }
    diff.check("COMMAND", "INFO", "PING", "nosuch", "Echo");
    diff.check("COMMAND", "DOCS", "ping", "nosuch", "echo");
  }

  /**
   * Every non-container command in LIME's table, whatever group it belongs to, against
   * Redis's COMMAND INFO and DOCS: catches spec mistakes (arity, flags, key positions).
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void commandInfoAndDocs_everyCommand_matchRedis(int resp) {
    diff.reset(resp);
    for (CommandSpec s : diff.limeState().commandTable().all()) {
      if (s.isContainer()) {
        for (CommandSpec sub : s.subcommands()) {
          String full = s.name() + "|" + sub.name();
          if (!full.equals("client|setinfo") && !full.equals("client|no-touch")) {
            diff.check("COMMAND", "INFO", full);
            diff.check("COMMAND", "DOCS", full);
          }
        }
      } else {
        diff.check("COMMAND", "INFO", s.name());
        diff.check("COMMAND", "DOCS", s.name());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void commandGetkeys_keyedCommands_matchRedis(int resp) {
    diff.reset(resp);
    if (diff.limeState().commandTable().get("get") == null) {
      return; // string commands not installed yet
    }
    diff.check("COMMAND", "GETKEYS", "get", "a");
    diff.check("COMMAND", "GETKEYS", "GET", "a");
    diff.check("COMMAND", "GETKEYS", "get", "a", "b");
    diff.check("COMMAND", "GETKEYS", "set", "a", "b", "EX", "10");
    diff.check("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b");
    diff.check("COMMAND", "GETKEYSANDFLAGS", "get", "a");
    if (diff.limeState().commandTable().get("mset") != null) {
      diff.check("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2");
      diff.check("COMMAND", "GETKEYS", "mset", "a", "1", "b");
      diff.check("COMMAND", "GETKEYSANDFLAGS", "mset", "a", "1", "b", "2");
    }
    if (diff.limeState().commandTable().get("del") != null) {
      diff.check("COMMAND", "GETKEYS", "del", "a", "b", "c");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void info_deterministicSections_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("INFO", "nosuch");
    diff.check("INFO", "cluster");
    diff.check("INFO", "CLUSTER", "cluster", "nosuch");
    diff.check("INFO", "modules");
    diff.check("INFO", "module_list");
    diff.check("INFO", "keyspace");
    diff.check("TIME", "x");
    diff.check("SHUTDOWN", "foo");
    diff.check("SHUTDOWN", "ABORT");
    diff.check("SHUTDOWN", "NOSAVE", "SAVE");
    diff.check("SHUTDOWN", "ABORT", "NOW");
    diff.check("RESET", "x");
    diff.check("RESET");
  }
}
