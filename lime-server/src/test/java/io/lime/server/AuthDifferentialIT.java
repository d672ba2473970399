package io.lime.server;

import static io.lime.server.WireDifferential.ascii;
import static io.lime.server.WireDifferential.concat;
import static io.lime.server.WireDifferential.encode;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code requirepass secret} over TCP, LIME against redis-server 7.0.15: NOAUTH, AUTH, HELLO
 * AUTH, the unauthenticated protocol limits, QUIT and RESET before and after authenticating.
 */
class AuthDifferentialIT {
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start("--requirepass", "secret");
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  @Test
  void unauthenticated_commandsGetNoauth() {
    try (WireDifferential.Pair p = wire.connect()) {
      for (String[] c : new String[][] {
          {"PING"}, {"GET", "k"}, {"SET", "k", "v"}, {"ECHO", "x"}, {"SELECT", "1"},
          {"CLIENT", "SETNAME", "n"}, {"CLIENT", "GETNAME"}, {"CLIENT", "NOSUCH"},
          {"CONFIG", "GET", "requirepass"}, {"DBSIZE"}, {"NOSUCH", "a"}, {"GET"},
          {"COMMAND", "COUNT"}, {"HELLO"}, {"HELLO", "3"}, {"HELLO", "2"}, {"HELLO", "4"},
          {"HELLO", "abc"}, {"HELLO", "3", "SETNAME", "x"}}) {
        p.check(c);
      }
      p.checkRaw("PING\r\nGET k\r\nNOSUCH\r\n", 3);
    }
  }

  @Test
  void auth_wrongThenRight() {
    try (WireDifferential.Pair p = wire.connect()) {
      p.check("AUTH", "wrong");
      p.check("AUTH", "default", "wrong");
      p.check("AUTH", "nouser", "secret");
      p.check("AUTH", "");
      p.check("AUTH");
      p.check("AUTH", "a", "b", "c");
      p.check("PING");
      p.check("AUTH", "secret");
      p.check("PING");
      p.check("AUTH", "wrong");         // a failed AUTH keeps the connection authenticated
      p.check("GET", "k");
      p.check("AUTH", "default", "secret");
      p.check("AUTH", "a", "b", "c");
    }
  }

  @ParameterizedTest(name = "HELLO {0}")
  @ValueSource(ints = {2, 3})
  void helloAuth_authenticatesAndSwitches(int resp) {
    String v = Integer.toString(resp);
    try (WireDifferential.Pair p = wire.connect()) {
      p.check("HELLO", v, "AUTH", "default", "wrong");
      p.check("HELLO", v, "AUTH", "nouser", "secret");
      p.check("HELLO", v, "AUTH", "default");
      p.check("HELLO", v, "AUTH");
      p.check("PING");
      p.checkRaw(encode("HELLO", v, "AUTH", "default", "secret", "SETNAME", "me"), 1,
          WireDifferential::maskHelloId);
      p.check("CLIENT", "GETNAME");
      p.check("GET", "nokey");
      p.checkRaw(encode("HELLO", v, "AUTH", "default", "wrong"), 1, WireDifferential::maskHelloId);
      p.check("GET", "nokey");
    }
  }

  @Test
  void unauthenticatedMultibulkLimits_closeTheConnection() {
    String[] elevenArgs = new String[11];
    Arrays.fill(elevenArgs, "a");
    String[] tenArgs = Arrays.copyOf(elevenArgs, 10);
    tenArgs[0] = "ECHO";
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkRaw(encode(tenArgs), 1); // ten arguments are parsed: NOAUTH
      p.checkRaw(concat(ascii("*2\r\n$4\r\nECHO\r\n$16384\r\n"), filled(16384), ascii("\r\n")), 1);
      p.checkUntilClose(encode(elevenArgs));
    }
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkUntilClose(concat(ascii("*2\r\n$4\r\nECHO\r\n$16385\r\n"), filled(16385), ascii("\r\n")));
    }
    try (WireDifferential.Pair p = wire.connect()) { // the count is checked before the limit
      p.checkUntilClose("*2147483648\r\n");
    }
    try (WireDifferential.Pair p = wire.connect()) { // the length is checked before the limit
      p.checkUntilClose("*1\r\n$-1\r\n");
    }
    try (WireDifferential.Pair p = wire.connect()) { // inline requests have no such limits
      p.checkRaw(concat(ascii("ECHO "), filled(20000), ascii(" a b c d e f g h i j k\r\n")), 1);
      p.checkRaw("*-20\r\nPING\r\n", 1);
      p.checkRaw("*0\r\nPING\r\n", 1);
    }
  }

  @Test
  void authenticated_limitsAreLifted_evenInTheSameWrite() {
    String[] eleven = {"MSET", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"};
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkRaw(concat(encode("AUTH", "secret"), encode(eleven),
          ascii("*2\r\n$4\r\nECHO\r\n$16385\r\n"), filled(16385), ascii("\r\n")), 3);
      p.check("MGET", "a", "e");
    }
  }

  @Test
  void resetInTheSameWrite_restoresTheLimits() {
    String[] eleven = {"MSET", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"};
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkUntilClose(concat(encode("AUTH", "secret"), encode(eleven), encode("RESET"),
          encode(eleven)));
    }
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkUntilClose(concat(ascii("HELLO 3 AUTH default secret\r\nRESET\r\n"),
          encode(eleven)), WireDifferential::maskHelloId);
    }
  }

  @Test
  void quitBeforeAuth_repliesOkAndCloses() {
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkUntilClose(encode("QUIT"));
    }
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkUntilClose("PING\r\nQUIT\r\nPING\r\n");
    }
  }

  @Test
  void reset_dropsAuthentication() {
    try (WireDifferential.Pair p = wire.connect()) {
      p.check("RESET");
      p.check("AUTH", "secret");
      p.check("SELECT", "2");
      p.check("RESET");
      p.check("PING");
      p.check("AUTH", "secret");
      p.check("PING");
    }
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'z');
    return b;
  }
}
