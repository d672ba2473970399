package io.lime.internal.command;

import static io.lime.internal.command.ConnFixture.arity;
import static io.lime.internal.command.ConnFixture.bulk;
import static io.lime.internal.command.ConnFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {
  private final ConnFixture f = new ConnFixture();

  @Test
  void id_currentClient_integer() {
    assertEquals(":" + f.main.client.id() + "\r\n", f.run("CLIENT", "ID"));
    assertEquals(arity("client|id"), f.run("CLIENT", "ID", "x"));
    assertEquals(arity("client"), f.run("CLIENT"));
    assertEquals(err("ERR unknown subcommand 'nope'. Try CLIENT HELP."), f.run("CLIENT", "nope"));
  }

  @Test
  void setname_validName_getnameReturnsIt() {
    assertEquals("$-1\r\n", f.run("CLIENT", "GETNAME"));
    assertEquals("+OK\r\n", f.run("CLIENT", "SETNAME", "worker-1"));
    assertEquals(bulk("worker-1"), f.run("CLIENT", "GETNAME"));
    assertEquals("+OK\r\n", f.run("CLIENT", "SETNAME", ""));
    assertEquals("$-1\r\n", f.run("CLIENT", "GETNAME"));
  }

  @Test
  void setname_specialCharacters_error() {
    String e = err("ERR Client names cannot contain spaces, newlines or special characters.");
    assertEquals(e, f.run("CLIENT", "SETNAME", "a b"));
    assertEquals(e, f.run("CLIENT", "SETNAME", "a\nb"));
    assertEquals(e, f.run("CLIENT", "SETNAME", "caf\u00e9"));
    assertEquals("+OK\r\n", f.run("CLIENT", "SETNAME", "!~"));
  }

  @Test
  void setinfo_libNameAndVersion_storedAsRedis72() {
    assertEquals("+OK\r\n", f.run("CLIENT", "SETINFO", "lib-name", "jedis"));
    assertEquals("+OK\r\n", f.run("CLIENT", "SETINFO", "LIB-VER", "5.1.0"));
    assertEquals("jedis", f.main.client.libName());
    assertEquals("5.1.0", f.main.client.libVersion());
    assertEquals(err("ERR Unrecognized option 'lib-foo'"),
        f.run("CLIENT", "SETINFO", "lib-foo", "x"));
    assertEquals(err("ERR lib-name cannot contain spaces, newlines or special characters."),
        f.run("CLIENT", "SETINFO", "lib-name", "a b"));
    assertEquals(arity("client|setinfo"), f.run("CLIENT", "SETINFO", "lib-name"));
  }

  @Test
  void info_currentClient_redis70LineFormat() {
    f.run("CLIENT", "SETNAME", "me");
    f.main.client.address("127.0.0.1:50000");
    f.main.client.localAddress("127.0.0.1:6379");
    f.main.client.fd(9);
    String line = "id=" + f.main.client.id() + " addr=127.0.0.1:50000 laddr=127.0.0.1:6379"
        + " fd=9 name=me age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0"
        + " qbuf-free=0 argv-mem=10 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0"
        + " tot-mem=1034 events=r cmd=client|info user=default redir=-1 resp=2\n";
    assertEquals(bulk(line), f.run("CLIENT", "INFO"));
  }

  @Test
  void info_resp3_verbatim() {
    f.run("HELLO", "3");
    assertTrue(f.run("CLIENT", "INFO").startsWith("="));
  }

  @Test
  void list_allClients_oneLinePerClientInIdOrder() {
    ConnFixture.Client other = f.connect();
    other.run("CLIENT", "SETNAME", "other");
    f.clock.addAndGet(5_000);
    String reply = f.run("CLIENT", "LIST");
    String[] lines = reply.substring(reply.indexOf("\r\n") + 2).split("\n");
    assertTrue(lines[0].startsWith("id=" + f.main.client.id() + " "));
    assertTrue(lines[0].contains(" age=5 idle=0 "));
    assertTrue(lines[0].contains(" cmd=client|list "));
    assertTrue(lines[1].contains(" name=other age=5 idle=5 "));
    assertTrue(lines[1].contains(" cmd=client|setname "));
  }

  @Test
  void list_filters_typeAndIds() {
    ConnFixture.Client other = f.connect();
    assertEquals(err("ERR Unknown client type 'foo'"), f.run("CLIENT", "LIST", "TYPE", "foo"));
    assertEquals("$0\r\n\r\n", f.run("CLIENT", "LIST", "TYPE", "pubsub"));
    assertTrue(f.run("CLIENT", "LIST", "TYPE", "normal").contains("id=" + other.client.id()));
    assertEquals(err("ERR Invalid client ID"), f.run("CLIENT", "LIST", "ID", "1", "x"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "LIST", "ID"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "LIST", "foo"));
    String only = f.run("CLIENT", "LIST", "ID", String.valueOf(other.client.id()), "99999");
    assertTrue(only.contains("id=" + other.client.id() + " "));
    assertFalse(only.contains("id=" + f.main.client.id() + " "));
  }

  @Test
  void kill_byId_killsOtherClientAndCounts() {
    ConnFixture.Client other = f.connect();
    AtomicInteger hook = new AtomicInteger();
    other.client.killHook(hook::incrementAndGet);
    assertEquals(":1\r\n", f.run("CLIENT", "KILL", "ID", String.valueOf(other.client.id())));
    assertTrue(other.client.killed());
    assertEquals(1, hook.get());
    assertEquals(":0\r\n", f.run("CLIENT", "KILL", "ID", "99999"));
  }

  @Test
  void kill_skipme_protectsCallerUnlessNo() {
    assertEquals(":0\r\n", f.run("CLIENT", "KILL", "ID", String.valueOf(f.main.client.id())));
    assertFalse(f.main.client.closeAfterReply());
    assertEquals(":1\r\n", f.run("CLIENT", "KILL", "ID", String.valueOf(f.main.client.id()),
        "SKIPME", "no"));
    assertTrue(f.main.client.closeAfterReply());
    assertFalse(f.main.client.killed());
  }

  @Test
  void kill_oldFormByAddress_okOrNoSuchClient() {
    ConnFixture.Client other = f.connect();
    other.client.address("10.0.0.1:1234");
    assertEquals(err("ERR No such client"), f.run("CLIENT", "KILL", "10.0.0.9:1"));
    assertEquals("+OK\r\n", f.run("CLIENT", "KILL", "10.0.0.1:1234"));
    assertTrue(other.client.killed());
  }

  @Test
  void kill_filterErrors_asRedis70() {
    assertEquals(arity("client|kill"), f.run("CLIENT", "KILL"));
    assertEquals(err("ERR client-id should be greater than 0"), f.run("CLIENT", "KILL", "ID", "0"));
    assertEquals(err("ERR client-id should be greater than 0"), f.run("CLIENT", "KILL", "ID", "x"));
    assertEquals(err("ERR Unknown client type 'x'"), f.run("CLIENT", "KILL", "TYPE", "x"));
    assertEquals(err("ERR No such user 'bob'"), f.run("CLIENT", "KILL", "USER", "bob"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "KILL", "SKIPME", "maybe"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "KILL", "MAXAGE", "10"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "KILL", "ID", "1", "TYPE"));
    assertEquals(":0\r\n", f.run("CLIENT", "KILL", "TYPE", "master"));
  }

  @Test
  void reply_offSkipOn_suppressAsRedis() {
    assertEquals("", f.run("CLIENT", "REPLY", "SKIP"));
    assertEquals("", f.run("PING", "a"));
    assertEquals(bulk("b"), f.run("PING", "b"));
    assertEquals("", f.run("CLIENT", "REPLY", "OFF"));
    assertEquals("", f.run("PING", "c"));
    assertEquals("", f.run("NOSUCH"));
    assertEquals("", f.run("CLIENT", "REPLY", "SKIP"));
    assertEquals("", f.run("PING", "d"));
    assertEquals("+OK\r\n", f.run("CLIENT", "REPLY", "ON"));
    assertEquals(bulk("e"), f.run("PING", "e"));
    assertEquals("", f.run("CLIENT", "REPLY", "SKIP"));
    assertEquals("+OK\r\n", f.run("CLIENT", "REPLY", "ON"));
    assertEquals(bulk("f"), f.run("PING", "f"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "REPLY", "maybe"));
  }

  @Test
  void noEvictNoTouch_onOff_flagsInClientList() {
    assertEquals("+OK\r\n", f.run("CLIENT", "NO-EVICT", "on"));
    assertEquals("+OK\r\n", f.run("CLIENT", "NO-TOUCH", "ON"));
    assertTrue(f.run("CLIENT", "INFO").contains(" flags=eT "));
    assertEquals("+OK\r\n", f.run("CLIENT", "NO-EVICT", "off"));
    assertEquals("+OK\r\n", f.run("CLIENT", "NO-TOUCH", "off"));
    assertFalse(f.main.client.noEvict());
    assertFalse(f.main.client.noTouch());
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "NO-EVICT", "maybe"));
    assertEquals(err("ERR syntax error"), f.run("CLIENT", "NO-TOUCH", "maybe"));
  }

  @Test
  void trackingStubs_getredirAndTrackinginfo_trackingOff() {
    assertEquals(":-1\r\n", f.run("CLIENT", "GETREDIR"));
    assertEquals("*6\r\n" + bulk("flags") + "*1\r\n" + bulk("off") + bulk("redirect")
        + ":-1\r\n" + bulk("prefixes") + "*0\r\n", f.run("CLIENT", "TRACKINGINFO"));
  }

  @Test
  void help_redis70Text_48Lines() {
    String help = f.run("CLIENT", "HELP");
    assertTrue(help.startsWith("*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]."));
    assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"));
  }
}
