package io.lime.internal.command;

import static io.lime.internal.command.ListFixture.array;
import static io.lime.internal.command.ListFixture.bulk;
import static io.lime.internal.command.ListFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.command.CommandFixture.Client;
import org.junit.jupiter.api.Test;

/** BLPOP and friends through the dispatcher, with clients whose loops the test drives. */
class ListBlockingCommandsTest {
  private static final String NIL_ARRAY = "*-1\r\n";

  private final ListFixture f = new ListFixture();

  @Test
  void blpop_dataPresent_popsAtOnce() {
    f.run("RPUSH", "b", "x");
    assertEquals(array("b", "x"), f.run("BLPOP", "a", "b", "0"));
    assertFalse(f.main.blocked());
  }

  @Test
  void blpop_emptyThenPush_servesWaiterAfterPusherReply() {
    Client c1 = f.client();
    assertEquals("", c1.run("BLPOP", "q", "0"));
    assertTrue(c1.blocked());
    assertEquals(1, f.engine.blocking().blockedCount());
    assertEquals(i(3), f.run("RPUSH", "q", "a", "b", "c"));
    assertEquals(array("q", "a"), c1.drain());
    assertFalse(c1.blocked());
    assertEquals(array("b", "c"), f.run("LRANGE", "q", "0", "-1"));
    assertEquals(0, f.engine.blocking().blockedCount());
  }

  @Test
  void waiters_servedInArrivalOrder_acrossKeys() {
    Client c1 = f.client();
    Client c2 = f.client();
    Client c3 = f.client();
    c1.run("BLPOP", "k1", "k2", "0");
    c2.run("BRPOP", "k2", "0");
    c3.run("BLPOP", "k2", "k1", "0");
    assertEquals(i(2), f.run("RPUSH", "k2", "x", "y"));
    assertEquals(array("k2", "x"), c1.drain());
    assertEquals(array("k2", "y"), c2.drain());
    assertEquals("", c3.drain());
    assertTrue(c3.blocked());
    assertEquals(i(0), f.run("EXISTS", "k2"));
    f.run("LPUSH", "k1", "z");
    assertEquals(array("k1", "z"), c3.drain());
  }

  @Test
  void blmove_served_movesAndChainsToDestinationWaiters() {
    Client mover = f.client();
    Client consumer = f.client();
    mover.run("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
    consumer.run("BLPOP", "dst", "0");
    f.run("RPUSH", "src", "job");
    assertEquals(bulk("job"), mover.drain());
    assertEquals(array("dst", "job"), consumer.drain());
    assertEquals(i(0), f.run("EXISTS", "src"));
    assertEquals(i(0), f.run("EXISTS", "dst"));
  }

  @Test
  void blmove_destinationWrongType_unblocksWithError() {
    Client mover = f.client();
    mover.run("BRPOPLPUSH", "src", "dst", "0");
    f.run("SET", "dst", "string");
    f.run("RPUSH", "src", "a");
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        mover.drain());
    assertEquals(array("a"), f.run("LRANGE", "src", "0", "-1"));
  }

  @Test
  void blmpop_served_takesCount() {
    Client c = f.client();
    c.run("BLMPOP", "0", "2", "a", "b", "RIGHT", "COUNT", "2");
    f.run("RPUSH", "b", "1", "2", "3");
    assertEquals("*2\r\n" + bulk("b") + array("3", "2"), c.drain());
  }

  @Test
  void timeout_passes_repliesNullArray() {
    Client c = f.client();
    c.run("BLPOP", "q", "1.5");
    f.advance(1500);
    assertEquals(0, f.expire());
    f.advance(1);
    assertEquals(1, f.expire());
    assertEquals(NIL_ARRAY, c.drain());
    Client m = f.client();
    m.run("BLMOVE", "q", "d", "LEFT", "LEFT", "0.001");
    f.advance(2);
    f.expire();
    assertEquals(NIL_ARRAY, m.drain());
  }

  @Test
  void timeout_parsing_matchesRedis() {
    assertEquals("-ERR timeout is not a float or out of range\r\n", f.run("BLPOP", "q", "x"));
    assertEquals("-ERR timeout is negative\r\n", f.run("BLPOP", "q", "-1"));
    assertEquals("-ERR timeout is negative\r\n", f.run("BLPOP", "q", "inf"));
    assertEquals("-ERR timeout is negative\r\n", f.run("BLPOP", "q", "1e16"));
    assertEquals("-ERR timeout is not a float or out of range\r\n", f.run("BLPOP", "q", "nan"));
    assertEquals(0, Blocking.millisCeil(io.lime.internal.util.LongDouble.parse(
        "-0.0001".getBytes())));
    assertEquals(1, Blocking.millisCeil(io.lime.internal.util.LongDouble.parse(
        "0.000015".getBytes())));
    assertEquals(1, Blocking.millisCeil(io.lime.internal.util.LongDouble.parse(
        "0.001".getBytes())));
    assertEquals(1500, Blocking.millisCeil(io.lime.internal.util.LongDouble.parse(
        "1.5".getBytes())));
  }

  @Test
  void clientUnblock_timeoutAndError() {
    Client c = f.client();
    c.run("BLPOP", "q", "0");
    long id = c.client.id();
    assertEquals(i(1), f.run("CLIENT", "UNBLOCK", String.valueOf(id)));
    assertEquals(NIL_ARRAY, c.drain());
    assertEquals(i(0), f.run("CLIENT", "UNBLOCK", String.valueOf(id)));
    c.run("BLPOP", "q", "0");
    assertEquals(i(1), f.run("CLIENT", "UNBLOCK", String.valueOf(id), "ERROR"));
    assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n", c.drain());
    assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n",
        f.run("CLIENT", "UNBLOCK", "1", "xx"));
    assertEquals("-ERR value is not an integer or out of range\r\n",
        f.run("CLIENT", "UNBLOCK", "x"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'unblock'. "
        + "Try CLIENT HELP.\r\n", f.run("CLIENT", "unblock", "1", "timeout", "x"));
  }

  @Test
  void disconnect_blockedClient_leavesQueues() {
    Client c = f.client();
    c.run("BLPOP", "q", "0");
    f.state.removeClient(c.client);
    assertEquals(0, f.engine.blocking().blockedCount());
    assertEquals(i(1), f.run("RPUSH", "q", "a"));
    assertEquals("", c.drain());
    assertEquals(i(1), f.run("LLEN", "q"));
  }

  @Test
  void cannotBlock_repliesTimeoutAtOnce() {
    f.main.client.loopExecutor(null);
    assertEquals(NIL_ARRAY, f.run("BLPOP", "q", "0"));
    assertEquals(NIL_ARRAY, f.run("BRPOPLPUSH", "q", "d", "0"));
    assertEquals(NIL_ARRAY, f.run("BLMPOP", "0", "1", "q", "LEFT"));
  }

  @Test
  void denyBlocking_asInMulti_repliesNullOfCommandKind() {
    f.main.client.denyBlocking(true);
    assertEquals(NIL_ARRAY, f.run("BLPOP", "q", "0"));
    assertEquals("$-1\r\n", f.run("BLMOVE", "q", "d", "LEFT", "LEFT", "0"));
    assertEquals(NIL_ARRAY, f.run("BLMPOP", "0", "1", "q", "LEFT"));
    assertFalse(f.main.blocked());
  }

  @Test
  void info_blockedClients_counts() {
    Client c = f.client();
    c.run("BLPOP", "q", "0");
    assertTrue(f.run("INFO", "clients").contains("blocked_clients:1\r\n"));
  }

  @Test
  void rename_createsWaitedKey_servesWaiter() {
    Client c = f.client();
    c.run("BLPOP", "dst", "0");
    f.run("RPUSH", "src", "a", "b");
    assertEquals("+OK\r\n", f.run("RENAME", "src", "dst"));
    assertEquals(array("dst", "a"), c.drain());
    assertEquals(array("b"), f.run("LRANGE", "dst", "0", "-1"));
  }

  @Test
  void lmove_sameKeyWaiters_eachGetsTheRotatedElement() {
    Client c1 = f.client();
    Client c2 = f.client();
    c1.run("BLMOVE", "k", "k", "LEFT", "RIGHT", "0");
    c2.run("BLPOP", "k", "0");
    f.run("RPUSH", "k", "a");
    assertEquals(bulk("a"), c1.drain());
    assertEquals(array("k", "a"), c2.drain());
    assertEquals(i(0), f.run("EXISTS", "k"));
  }
}
