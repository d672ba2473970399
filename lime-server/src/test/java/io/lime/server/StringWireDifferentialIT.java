package io.lime.server;

import static io.lime.server.WireDifferential.ascii;
import static io.lime.server.WireDifferential.encode;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * String and key commands end to end over TCP, LIME against redis-server 7.0.15, under RESP2
 * and RESP3 (doubles, nulls, booleans-free integer replies, arrays with null elements).
 */
class StringWireDifferentialIT {
  private static final String[][] COMMANDS = {
      {"SET", "s", "hello"}, {"GET", "s"}, {"GET", "missing"}, {"MGET", "s", "missing", "s"},
      {"SET", "s", "v2", "GET"}, {"SET", "n", "x", "NX", "GET"}, {"SET", "n", "y", "XX", "GET"},
      {"SET", "s", "v", "NX"}, {"SET", "s", "v", "EX", "0"}, {"SET", "s", "v", "EX", "abc"},
      {"SET", "s", "v", "NX", "XX"}, {"GETDEL", "n"}, {"GETDEL", "n"},
      {"INCRBYFLOAT", "f", "1.5"}, {"INCRBYFLOAT", "f", "0.1"}, {"INCRBYFLOAT", "f", "-1.6"},
      {"INCRBYFLOAT", "f", "1e3"}, {"INCRBYFLOAT", "f", "3.0e-5"}, {"INCRBYFLOAT", "f", "abc"},
      {"INCRBYFLOAT", "f", "inf"}, {"INCRBYFLOAT", "s", "1"}, {"GET", "f"},
      {"INCRBYFLOAT", "big", "1e300"}, {"INCRBYFLOAT", "big", "1e300"},
      {"INCR", "i"}, {"INCRBY", "i", "9223372036854775806"}, {"INCR", "i"}, {"DECR", "i"},
      {"DECRBY", "i", "-1"}, {"INCRBY", "i", "x"}, {"INCR", "s"},
      {"APPEND", "a", "one"}, {"APPEND", "a", " two"}, {"STRLEN", "a"}, {"STRLEN", "missing"},
      {"GETRANGE", "a", "0", "2"}, {"GETRANGE", "a", "-3", "-1"}, {"GETRANGE", "a", "5", "1"},
      {"SUBSTR", "a", "0", "0"}, {"SETRANGE", "a", "4", "2"}, {"GET", "a"},
      {"SETRANGE", "r", "3", "x"}, {"GET", "r"}, {"SETRANGE", "r", "-1", "x"},
      {"MSET", "m1", "1", "m2", "2"}, {"MSETNX", "m2", "x", "m3", "3"}, {"MGET", "m1", "m2", "m3"},
      {"GETSET", "m1", "one"}, {"GETSET", "nogs", "x"}, {"SETNX", "m1", "z"},
      {"SETEX", "e", "100", "v"}, {"TTL", "e"}, {"PSETEX", "pe", "100000", "v"},
      {"SETEX", "e", "-1", "v"}, {"GETEX", "e", "PERSIST"}, {"TTL", "e"}, {"TTL", "missing"},
      {"GETEX", "missing"}, {"EXPIRE", "e", "100"}, {"PERSIST", "e"}, {"PERSIST", "e"},
      {"EXISTS", "s", "missing", "s"}, {"TYPE", "s"}, {"TYPE", "missing"}, {"TOUCH", "s", "x"},
      {"RENAME", "s", "s2"}, {"RENAME", "missing", "x"}, {"RENAMENX", "s2", "m1"},
      {"COPY", "s2", "s3"}, {"COPY", "s2", "s3"}, {"GET", "s3"}, {"KEYS", "s2"},
      {"DEL", "s2", "s3", "missing"}, {"UNLINK", "m1"}, {"LCS", "m2", "a"},
      {"OBJECT", "ENCODING", "i"}, {"OBJECT", "ENCODING", "a"}, {"OBJECT", "ENCODING", "missing"},
      {"MOVE", "a", "1"}, {"MOVE", "a", "1"}, {"SELECT", "1"}, {"GET", "a"}, {"FLUSHDB"},
      {"SELECT", "0"}, {"DBSIZE"}, {"FLUSHDB"}, {"DBSIZE"}, {"RANDOMKEY"},
      {"SCAN", "0"}, {"SET", "only", "1"}, {"RANDOMKEY"}, {"SCAN", "0"}, {"KEYS", "*"},
  };
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start();
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void commands_oneByOne(int resp) {
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkRaw(encode("HELLO", Integer.toString(resp)), 1, WireDifferential::maskHelloId);
      p.check("SELECT", Integer.toString(resp));
      p.check("FLUSHALL");
      for (String[] c : COMMANDS) {
        p.check(c);
      }
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void commands_pipelinedInOneWrite(int resp) {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.writeBytes(ascii("HELLO " + resp + "\r\nFLUSHALL\r\n"));
    for (String[] c : COMMANDS) {
      req.writeBytes(encode(c));
    }
    try (WireDifferential.Pair p = wire.connect()) {
      p.checkRaw(req.toByteArray(), COMMANDS.length + 2, WireDifferential::maskHelloId);
    }
  }
}
