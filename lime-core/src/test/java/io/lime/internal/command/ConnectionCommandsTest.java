package io.lime.internal.command;

import static io.lime.internal.command.ConnFixture.arity;
import static io.lime.internal.command.ConnFixture.bulk;
import static io.lime.internal.command.ConnFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {
  private static final String WRONGPASS =
      err("WRONGPASS invalid username-password pair or user is disabled.");

  private final ConnFixture f = new ConnFixture();

  private ConnFixture.Client withPassword() throws ConfigException {
    f.config.set("requirepass", "secret");
    return f.connect();
  }

  private static String hello(int proto, long id) {
    String head = proto == 3 ? "%8\r\n" : "*16\r\n";
    return head + bulk("server") + bulk("redis") + bulk("version") + bulk("7.0.15")
        + bulk("proto") + ":" + proto + "\r\n" + bulk("id") + ":" + id + "\r\n"
        + bulk("mode") + bulk("standalone") + bulk("role") + bulk("master")
        + bulk("modules") + "*0\r\n" + bulk("lime_version") + bulk(LimeVersion.VALUE);
  }

  @Test
  void ping_noArgument_pong() {
    assertEquals("+PONG\r\n", f.run("PING"));
  }

  @Test
  void ping_message_bulkEcho() {
    assertEquals(bulk("hi there"), f.run("ping", "hi there"));
  }

  @Test
  void ping_twoArguments_arityError() {
    assertEquals(arity("ping"), f.run("PING", "a", "b"));
  }

  @Test
  void echo_message_bulk() {
    assertEquals(bulk(""), f.run("ECHO", ""));
    assertEquals(arity("echo"), f.run("ECHO"));
  }

  @Test
  void quit_anyArguments_okAndClosesAfterReply() {
    assertEquals("+OK\r\n", f.run("QUIT", "extra", "args"));
    assertTrue(f.main.client.closeAfterReply());
  }

  @Test
  void quit_unauthenticated_ok() throws ConfigException {
    ConnFixture.Client c = withPassword();
    assertEquals("+OK\r\n", c.run("QUIT"));
  }

  @Test
  void auth_noPasswordConfigured_error() {
    assertEquals(err(ConnectionCommands.AUTH_WITHOUT_PASSWORD), f.run("AUTH", "x"));
  }

  @Test
  void auth_defaultUserWithoutPassword_anyPasswordOk() {
    assertEquals("+OK\r\n", f.run("AUTH", "default", "whatever"));
    assertEquals(WRONGPASS, f.run("AUTH", "bob", "whatever"));
    assertEquals(err("ERR syntax error"), f.run("AUTH", "a", "b", "c"));
  }

  @Test
  void auth_requirepass_noauthUntilCorrectPassword() throws ConfigException {
    ConnFixture.Client c = withPassword();
    assertEquals(err("NOAUTH Authentication required."), c.run("PING"));
    assertEquals(arity("echo"), c.run("ECHO"));
    assertEquals(WRONGPASS, c.run("AUTH", "wrong"));
    assertEquals(WRONGPASS, c.run("AUTH", "default", "wrong"));
    assertEquals("+OK\r\n", c.run("AUTH", "secret"));
    assertEquals("+PONG\r\n", c.run("PING"));
    assertEquals(WRONGPASS, c.run("AUTH", "wrong"));
    assertEquals("+PONG\r\n", c.run("PING"), "a failed AUTH keeps the client authenticated");
    assertEquals("+OK\r\n", c.run("AUTH", "default", "secret"));
  }

  @Test
  void hello_noArguments_keepsProtocol() {
    assertEquals(hello(2, f.main.client.id()), f.run("HELLO"));
    assertEquals(2, f.main.client.protocol());
  }

  @Test
  void hello_3_switchesClientAndWriterToResp3() {
    assertEquals(hello(3, f.main.client.id()), f.run("HELLO", "3"));
    assertEquals(3, f.main.client.protocol());
    assertEquals(3, f.main.writer.protocol());
    assertEquals("_\r\n", f.run("CLIENT", "GETNAME"));
    assertEquals(hello(2, f.main.client.id()), f.run("HELLO", "2"));
  }

  @Test
  void hello_badVersions_errors() {
    String noproto = err("NOPROTO unsupported protocol version");
    String notInt = err("ERR Protocol version is not an integer or out of range");
    assertEquals(noproto, f.run("HELLO", "4"));
    assertEquals(noproto, f.run("HELLO", "1"));
    assertEquals(notInt, f.run("HELLO", "03"));
    assertEquals(notInt, f.run("HELLO", "three"));
    assertEquals(notInt, f.run("HELLO", "AUTH", "a", "b"));
    assertEquals(2, f.main.client.protocol());
  }

  @Test
  void hello_badOptions_syntaxErrors() {
    assertEquals(err("ERR Syntax error in HELLO option 'AUTH'"), f.run("HELLO", "3", "AUTH", "u"));
    assertEquals(err("ERR Syntax error in HELLO option 'SETNAME'"), f.run("HELLO", "3", "SETNAME"));
    assertEquals(err("ERR Syntax error in HELLO option 'foo'"), f.run("HELLO", "3", "foo"));
    assertEquals(err(ConnectionCommands.BAD_CLIENT_NAME), f.run("HELLO", "3", "SETNAME", "a b"));
    assertEquals(2, f.main.client.protocol());
  }

  @Test
  void hello_setnameThenSyntaxError_nameKeptAsRedis70() {
    f.run("HELLO", "3", "SETNAME", "kept", "BAD");
    assertEquals("kept", f.main.client.name());
    assertEquals(2, f.main.client.protocol());
  }

  @Test
  void hello_unauthenticated_noauthButSetnameApplied() throws ConfigException {
    ConnFixture.Client c = withPassword();
    assertEquals(err(ConnectionCommands.HELLO_NOAUTH), c.run("HELLO", "3", "SETNAME", "x"));
    assertEquals("x", c.client.name());
    assertEquals(2, c.client.protocol());
    assertEquals(WRONGPASS, c.run("HELLO", "3", "AUTH", "default", "wrong"));
    assertEquals(WRONGPASS, c.run("HELLO", "3", "AUTH", "bob", "secret"));
    assertEquals(hello(3, c.client.id()), c.run("HELLO", "3", "AUTH", "default", "secret"));
    assertTrue(c.client.authenticated());
  }

  @Test
  void hello_authThenSyntaxError_staysAuthenticated() throws ConfigException {
    ConnFixture.Client c = withPassword();
    c.run("HELLO", "3", "AUTH", "default", "secret", "FOO");
    assertTrue(c.client.authenticated());
  }

  @Test
  void reset_clearsConnectionState() throws ConfigException {
    f.run("HELLO", "3", "SETNAME", "n");
    f.main.client.db(5);
    f.run("CLIENT", "NO-EVICT", "on");
    assertEquals("+RESET\r\n", f.run("RESET"));
    ClientSession c = f.main.client;
    assertEquals(0, c.db());
    assertEquals(2, c.protocol());
    assertEquals(2, f.main.writer.protocol());
    assertNull(c.name());
    assertFalse(c.noEvict());
    assertTrue(c.authenticated());
  }

  @Test
  void reset_withRequirepass_deauthenticates() throws ConfigException {
    ConnFixture.Client c = withPassword();
    c.run("AUTH", "secret");
    assertEquals("+RESET\r\n", c.run("RESET"));
    assertEquals(err("NOAUTH Authentication required."), c.run("PING"));
  }

  @Test
  void reset_underReplyOff_repliesAndTurnsRepliesOn() {
    f.run("CLIENT", "REPLY", "OFF");
    assertEquals("+RESET\r\n", f.run("RESET"));
    assertEquals("+PONG\r\n", f.run("PING"));
  }

  @Test
  void reset_rightAfterReplySkip_isSkipped() {
    f.run("CLIENT", "REPLY", "SKIP");
    assertEquals("", f.run("RESET"));
    assertEquals("+PONG\r\n", f.run("PING"));
  }
}
