package io.lime.internal.command;

import static io.lime.internal.command.ListFixture.array;
import static io.lime.internal.command.ListFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.command.CommandFixture.Client;
import org.junit.jupiter.api.Test;

/** BZPOPMIN, BZPOPMAX and BZMPOP through the dispatcher, with clients the test drives. */
class SortedSetBlockingCommandsTest {
  private static final String NIL_ARRAY = "*-1\r\n";

  private final ListFixture f = new ListFixture();

  @Test
  void bzpopmin_dataPresent_popsAtOnceWithKey() {
    f.run("ZADD", "b", "1", "x", "2", "y");
    assertEquals(array("b", "x", "1"), f.run("BZPOPMIN", "a", "b", "0"));
    assertEquals(array("b", "y", "2"), f.run("BZPOPMAX", "b", "0"));
    assertEquals(i(0), f.run("EXISTS", "b"));
  }

  @Test
  void bzpopmax_emptyThenZadd_servesWaiterAfterZaddReply() {
    Client c1 = f.client();
    assertEquals("", c1.run("BZPOPMAX", "z", "0"));
    assertTrue(c1.blocked());
    assertEquals(i(2), f.run("ZADD", "z", "1", "a", "2", "b"));
    assertEquals(array("z", "b", "2"), c1.drain());
    assertFalse(c1.blocked());
    assertEquals(array("a"), f.run("ZRANGE", "z", "0", "-1"));
  }

  @Test
  void bzmpop_servedByStore_nestedReplyWithCount() {
    Client c1 = f.client();
    c1.protocol(3);
    assertEquals("", c1.run("BZMPOP", "0", "2", "x", "y", "MIN", "COUNT", "5"));
    f.run("ZADD", "src", "1", "a", "2", "b");
    assertEquals(i(2), f.run("ZUNIONSTORE", "y", "1", "src"));
    assertEquals("*2\r\n$1\r\ny\r\n*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2\r\n",
        c1.drain());
    assertEquals(i(0), f.run("EXISTS", "y"));
  }

  @Test
  void waiters_servedInArrivalOrder() {
    Client c1 = f.client();
    Client c2 = f.client();
    c1.run("BZPOPMIN", "k", "0");
    c2.run("BZPOPMIN", "k", "0");
    f.run("ZADD", "k", "5", "only");
    assertEquals(array("k", "only", "5"), c1.drain());
    assertEquals("", c2.drain());
    assertTrue(c2.blocked());
    f.run("ZINCRBY", "k", "3", "next");
    assertEquals(array("k", "next", "3"), c2.drain());
  }

  @Test
  void mixedWaiters_zaddSkipsListWaiterQueuedFirst() {
    Client list = f.client();
    Client zset = f.client();
    list.run("BLPOP", "k", "0");
    zset.run("BZPOPMIN", "k", "0");
    assertEquals(i(1), f.run("ZADD", "k", "1", "a"));
    assertEquals(array("k", "a", "1"), zset.drain()); // Redis serves waiters by type
    assertEquals("", list.drain());
    assertTrue(list.blocked());
    assertEquals(i(1), f.run("RPUSH", "k", "x"));
    assertEquals(array("k", "x"), list.drain());
    assertEquals(i(0), f.run("EXISTS", "k"));
  }

  @Test
  void timeout_passes_repliesNullArray() {
    Client c1 = f.client();
    c1.run("BZPOPMIN", "q", "1");
    f.advance(1001);
    assertEquals(1, f.expire());
    assertEquals(NIL_ARRAY, c1.drain());
    assertFalse(c1.blocked());
  }

  @Test
  void errors_matchRedis() {
    f.run("SET", "s", "v");
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        f.run("BZPOPMIN", "nokey", "s", "0"));
    assertEquals("-ERR timeout is not a float or out of range\r\n",
        f.run("BZPOPMIN", "q", "x"));
    assertEquals("-ERR timeout is negative\r\n", f.run("BZPOPMAX", "q", "-1"));
    assertEquals("-ERR numkeys should be greater than 0\r\n",
        f.run("BZMPOP", "x", "0", "q", "MIN"));
    assertEquals("-ERR timeout is not a float or out of range\r\n",
        f.run("BZMPOP", "x", "1", "q", "MIN"));
    assertEquals("-ERR syntax error\r\n", f.run("BZMPOP", "0", "1", "q", "SIDEWAYS"));
  }
}
