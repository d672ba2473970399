package io.lime.internal.command;

import static io.lime.internal.command.StreamCommandsDifferentialIT.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consumer groups (XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM), XREAD without
 * BLOCK, and XINFO, options and errors included, compared byte for byte with a real
 * redis-server 7.0 under RESP2 and RESP3. Replies holding times (idle, delivery times,
 * seen-time) are avoided or filtered to what does not depend on the clock (IDLE 0, JUSTID).
 */
class StreamGroupCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static void reset(int resp) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "stream-node-max-entries", "100");
    diff.check("SET", "str", "x");
    for (int i = 1; i <= 5; i++) {
      diff.check("XADD", "s", Integer.toString(i), "f", "v" + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xgroup_subcommands_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("XGROUP", "CREATE", "s", "g", "0"), c("XGROUP", "CREATE", "s", "g", "0"),
        c("XGROUP", "CREATE", "s", "g2", "$"), c("XGROUP", "CREATE", "s", "g3", "-"),
        c("XGROUP", "CREATE", "s", "g3", "+"), c("XGROUP", "CREATE", "s", "g3", "bad"),
        c("XGROUP", "CREATE", "s", "g3", "2", "ENTRIESREAD", "2"),
        c("XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "-2"),
        c("XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "x"),
        c("XGROUP", "CREATE", "s", "g4", "0", "FOO"), c("XGROUP", "CREATE", "s"),
        c("XGROUP", "CREATE", "s", "g4", "0", "MKSTREAM", "MKSTREAM"),
        c("XGROUP", "CREATE", "nokey", "g", "0"), c("XGROUP", "CREATE", "str", "g", "0"),
        c("XGROUP", "CREATE", "new", "g", "$", "MKSTREAM"), c("XINFO", "STREAM", "new"),
        c("XGROUP", "SETID", "s", "nog", "0"), c("XGROUP", "SETID", "s", "g", "bad"),
        c("XGROUP", "SETID", "s", "g", "$", "ENTRIESREAD", "3"), c("XGROUP", "SETID", "s", "g", "1", "ENTRIESREAD"),
        c("XGROUP", "SETID", "nokey", "g", "1"), c("XGROUP", "SETID", "str", "g", "1"),
        c("XGROUP", "SETID", "s", "g3", "-"), c("XGROUP", "SETID", "s", "g2", "+"),
        c("XINFO", "GROUPS", "s"),
        c("XGROUP", "CREATECONSUMER", "s", "g", "c1"), c("XGROUP", "CREATECONSUMER", "s", "g", "c1"),
        c("XGROUP", "CREATECONSUMER", "s", "nog", "c1"), c("XGROUP", "CREATECONSUMER", "nokey", "g", "c"),
        c("XGROUP", "DELCONSUMER", "s", "g", "c9"), c("XGROUP", "DELCONSUMER", "s", "g", "c1"),
        c("XGROUP", "DESTROY", "s", "g4"), c("XGROUP", "DESTROY", "s", "g3"),
        c("XGROUP", "DESTROY", "s", "g3"), c("XGROUP", "DESTROY", "nokey", "g"),
        c("XGROUP", "FOO"), c("XGROUP", "HELP"), c("XGROUP"), c("XINFO", "GROUPS", "s"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xreadgroup_ack_pending_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("XGROUP", "CREATE", "s", "g", "0"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">", ">"),
        c("XREADGROUP", "GROUP", "nog", "c1", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "nokey", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "COUNT", "x", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "BLOCK", "-1", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "BLOCK", "x", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "FOO", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "$"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "bad"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "str", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"),
        c("XINFO", "GROUPS", "s"),
        c("XREADGROUP", "GROUP", "g", "c2", "COUNT", "1", "NOACK", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"),
        c("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", "1"),
        c("XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", "0"),
        c("XPENDING", "s", "g"), c("XPENDING", "s", "g", "-", "+", "10", "c9"),
        c("XPENDING", "s", "g", "x"), c("XPENDING", "s", "g", "-", "+", "x"),
        c("XPENDING", "s", "g", "IDLE", "10", "-", "+"), c("XPENDING", "s", "g", "IDLE", "x", "-", "+", "1"),
        c("XPENDING", "s", "nog"), c("XPENDING", "nokey", "g"), c("XPENDING", "str", "g"),
        c("XPENDING", "s", "g", "IDLE", "3600000", "(1", "(2", "5"),
        c("XPENDING", "s", "g", "-", "+", "0"),
        c("XACK", "s", "g", "1", "bad"), c("XACK", "s", "g", "1", "1", "7"), c("XACK", "s", "nog", "2"),
        c("XACK", "nokey", "g", "bad"), c("XACK", "str", "g", "1"),
        c("XPENDING", "s", "g"), c("XDEL", "s", "2"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"),
        c("XINFO", "GROUPS", "s"), c("XINFO", "STREAM", "s"),
        c("XADD", "s", "9", "f", "v9"), c("XINFO", "GROUPS", "s"),
        c("XREADGROUP", "GROUP", "g", "c3", "STREAMS", "s", ">"), c("XINFO", "GROUPS", "s"),
        c("XGROUP", "DELCONSUMER", "s", "g", "c1"), c("XPENDING", "s", "g"),
        // nothing new to serve: Redis 7.0 makes no consumer, with or without NOACK
        c("XREADGROUP", "GROUP", "g", "c4", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "c5", "NOACK", "STREAMS", "s", ">"),
        c("XINFO", "GROUPS", "s"),
        c("XADD", "s", "10", "f", "v10"),
        c("XREADGROUP", "GROUP", "g", "c5", "NOACK", "STREAMS", "s", ">"),
        c("XINFO", "GROUPS", "s"), c("XPENDING", "s", "g"));
    for (String[] cmd : new String[][] {c("XPENDING", "s", "g", "-", "+", "10"),
        c("XPENDING", "s", "g", "(1", "(9", "5", "c3"), c("XPENDING", "s", "g", "IDLE", "0", "-", "+", "2")}) {
      assertEquals(maskIdle(diff.redis(cmd)), maskIdle(diff.lime(cmd)), String.join(" ", cmd));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xinfoFullAndConsumers_withTimesMasked_sameShape(int resp) {
    reset(resp);
    diff.checkAll(
        c("XGROUP", "CREATE", "s", "g", "0"), c("XGROUP", "CREATE", "s", "h", "3"),
        c("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"),
        c("XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">"),
        c("XGROUP", "CREATECONSUMER", "s", "h", "idle"), c("XDEL", "s", "4"));
    for (String[] cmd : new String[][] {c("XINFO", "STREAM", "s", "FULL"),
        c("XINFO", "STREAM", "s", "FULL", "COUNT", "1"), c("XINFO", "CONSUMERS", "s", "g"),
        c("XINFO", "CONSUMERS", "s", "h")}) {
      assertEquals(maskTimes(diff.redis(cmd)), maskTimes(diff.lime(cmd)), String.join(" ", cmd));
    }
  }

  /**
   * XINFO's clock-dependent integers replaced by {@code _}: Unix-millisecond times
   * (seen-time, delivery times: 13 digits) and the value after {@code idle}.
   */
  private static String maskTimes(byte[] reply) {
    return new String(reply, StandardCharsets.UTF_8)
        .replaceAll(":\\d{13}\r\n", ":_\r\n")
        .replaceAll("(idle\r\n):\\d+\r\n", "$1:_\r\n");
  }

  /** XPENDING's extended rows with their idle time (clock-dependent) replaced by {@code _}. */
  private static String maskIdle(byte[] reply) {
    return new String(reply, StandardCharsets.UTF_8).replaceAll(
        "(\\*4\r\n\\$\\d+\r\n[^\r]*\r\n\\$\\d+\r\n[^\r]*\r\n):\\d+\r\n", "$1:_\r\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xread_identical(int resp) {
    reset(resp);
    diff.check("XADD", "t", "3-5", "a", "b");
    diff.checkAll(
        c("XREAD", "STREAMS", "s", "0"), c("XREAD", "COUNT", "2", "STREAMS", "s", "t", "0", "0"),
        c("XREAD", "STREAMS", "s", "t", "3", "$"), c("XREAD", "STREAMS", "s", "5"),
        c("XREAD", "STREAMS", "nokey", "s", "0", "4"), c("XREAD", "STREAMS", "s", ">"),
        c("XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"), c("XREAD", "NOACK", "STREAMS", "s", "0"),
        c("XREAD", "STREAMS", "s"), c("XREAD", "STREAMS", "s", "t", "0"), c("XREAD", "COUNT", "1"),
        c("XREAD", "FOO", "STREAMS", "s", "0"), c("XREAD", "STREAMS", "str", "0"),
        c("XREAD", "STREAMS", "s", "bad"), c("XREAD", "STREAMS", "s", "-"),
        c("XREAD", "COUNT", "-1", "STREAMS", "s", "3"), c("XREAD", "BLOCK", "-5", "STREAMS", "s", "$"),
        c("MULTI"), c("XREAD", "BLOCK", "0", "STREAMS", "s", "$"), c("EXEC"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xclaim_xautoclaim_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("XGROUP", "CREATE", "s", "g", "0"),
        c("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"),
        c("XCLAIM", "s", "g", "c2", "0", "1", "2", "JUSTID"),
        c("XCLAIM", "s", "g", "c2", "0", "3", "RETRYCOUNT", "7", "JUSTID"),
        c("XPENDING", "s", "g"), c("XCLAIM", "s", "g", "c2", "0", "x"),
        c("XCLAIM", "s", "g", "c2", "x", "1"), c("XCLAIM", "s", "g", "c2", "0", "1", "IDLE", "x"),
        c("XCLAIM", "s", "g", "c2", "0", "1", "TIME", "x"), c("XCLAIM", "s", "g", "c2", "0", "1", "RETRYCOUNT", "x"),
        c("XCLAIM", "s", "g", "c2", "0", "1", "LASTID", "bad"), c("XCLAIM", "s", "nog", "c2", "0", "1"),
        c("XCLAIM", "nokey", "g", "c2", "0", "1"), c("XCLAIM", "str", "g", "c2", "0", "1"),
        c("XCLAIM", "s", "g", "c3", "3600000", "4", "5"),
        c("XCLAIM", "s", "g", "c3", "0", "4"),
        c("XADD", "s", "6", "f", "v6"), c("XCLAIM", "s", "g", "c3", "0", "6"),
        c("XCLAIM", "s", "g", "c3", "0", "6", "FORCE", "RETRYCOUNT", "2", "JUSTID"),
        c("XCLAIM", "s", "g", "c3", "0", "7", "FORCE"),
        c("XCLAIM", "s", "g", "c1", "0", "5", "LASTID", "50", "JUSTID"), c("XINFO", "GROUPS", "s"),
        c("XDEL", "s", "1"), c("XCLAIM", "s", "g", "c1", "0", "1", "2"), c("XPENDING", "s", "g"),
        c("XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "0"), c("XAUTOCLAIM", "s", "g", "c4", "0", "0", "FOO"),
        c("XAUTOCLAIM", "s", "g", "c4", "x", "0"), c("XAUTOCLAIM", "s", "g", "c4", "0", "bad"),
        c("XAUTOCLAIM", "s", "nog", "c4", "0", "0"), c("XAUTOCLAIM", "str", "g", "c4", "0", "0"),
        c("XAUTOCLAIM", "s", "g", "c4", "3600000", "0"),
        c("XDEL", "s", "3"),
        c("XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "1", "JUSTID"),
        c("XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "2"),
        c("XAUTOCLAIM", "s", "g", "c4", "0", "(4", "JUSTID"),
        c("XAUTOCLAIM", "s", "g", "c5", "0", "-"),
        c("XPENDING", "s", "g"), c("XINFO", "GROUPS", "s"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xinfo_identical(int resp) {
    reset(resp);
    diff.check("CONFIG", "SET", "stream-node-max-entries", "2");
    for (int i = 6; i <= 40; i += 3) {
      diff.check("XADD", "s", i + "-" + i, "f", "v", "g" + i, "w");
    }
    diff.checkAll(
        c("XINFO", "STREAM", "s"), c("XINFO", "STREAM", "s", "FULL", "COUNT", "x"),
        c("XINFO", "STREAM", "s", "FULL", "FOO", "1"), c("XINFO", "STREAM", "s", "FOO"),
        c("XINFO", "STREAM", "s", "FULL", "COUNT", "1", "2"), c("XINFO", "STREAM", "nokey"),
        c("XINFO", "STREAM", "str"), c("XINFO", "GROUPS", "nokey"), c("XINFO", "CONSUMERS", "s", "nog"),
        c("XINFO", "HELP"), c("XINFO", "STREAM", "s", "FULL"), c("XINFO", "STREAM", "s", "FULL", "COUNT", "0"),
        c("XINFO", "STREAM", "s", "FULL", "COUNT", "-3"),
        c("XDEL", "s", "1", "9-9", "40-40"), c("XINFO", "STREAM", "s"),
        c("XTRIM", "s", "MAXLEN", "3"), c("XINFO", "STREAM", "s"), c("XTRIM", "s", "MAXLEN", "0"),
        c("XINFO", "STREAM", "s"), c("XINFO", "STREAM", "s", "FULL"));
  }
}
