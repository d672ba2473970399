package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC/WATCH and keyspace notifications in process, with a manual clock: WATCH
 * invalidation by other clients, by lazy and active expiry, by the typed API; the events a
 * bus receiver sees, synchronously, for representative commands.
 */
class TransactionCommandsTest {
  final ConnFixture f = new ConnFixture();

  /** A bus receiver recording "channel message" lines (delivered on the publisher's thread). */
  static final class Recorder implements PubSub.Receiver {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void message(byte[] channel, byte[] message) {
      lines.add(s(channel) + " " + s(message));
    }

    @Override
    public synchronized void pmessage(byte[] pattern, byte[] channel, byte[] message) {
      lines.add(s(channel) + " " + s(message));
    }

    @Override
    public void smessage(byte[] channel, byte[] message) {
    }

    private static String s(byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  private Recorder subscribe() {
    Recorder r = new Recorder();
    f.engine.pubsub().psubscribe(r, "__key*__:*".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void exec_queuedCommands_runInOrderAndReplyArray() {
    assertEquals("+OK\r\n", f.run("MULTI"));
    assertEquals("+QUEUED\r\n", f.run("SET", "a", "1"));
    assertEquals("+QUEUED\r\n", f.run("INCR", "a"));
    assertEquals("*2\r\n+OK\r\n:2\r\n", f.run("EXEC"));
    assertFalse(f.main.client.inMulti());
  }

  @Test
  void exec_afterUnknownCommand_isAbortedAndNothingRuns() {
    f.run("MULTI");
    f.run("SET", "a", "1");
    assertTrue(f.run("NOPE").startsWith("-ERR unknown command"));
    assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n",
        f.run("EXEC"));
    assertEquals("$-1\r\n", f.run("GET", "a"));
  }

  @Test
  void watch_keyChangedByOtherClient_execRepliesNull() {
    ConnFixture.Client other = f.connect();
    f.run("WATCH", "k");
    other.run("SET", "k", "x");
    f.run("MULTI");
    f.run("SET", "k", "mine");
    assertEquals("*-1\r\n", f.run("EXEC"));
    assertEquals("$1\r\nx\r\n", f.run("GET", "k"));
  }

  @Test
  void watch_keyExpiresBeforeExec_execFailsEvenIfNotDeleted() {
    f.run("SET", "k", "v", "PX", "100");
    f.run("WATCH", "k");
    f.clock.addAndGet(200); // past the deadline, nobody touched it
    f.run("MULTI");
    f.run("PING");
    assertEquals("*-1\r\n", f.run("EXEC"));
  }

  @Test
  void watch_keyDeletedByActiveExpiry_execFails() {
    f.run("SET", "k", "v", "PX", "100");
    f.run("WATCH", "k");
    f.clock.addAndGet(200);
    while (f.engine.activeExpireCycle() == 0) {
      // sampling is random: repeat until the one volatile key is found
    }
    f.run("MULTI");
    f.run("PING");
    assertEquals("*-1\r\n", f.run("EXEC"));
  }

  @Test
  void watch_keyAlreadyExpiredWhenWatched_deletionIsNoChange() {
    f.run("SET", "k", "v", "PX", "100");
    f.clock.addAndGet(200);
    f.run("WATCH", "k");
    assertEquals("$-1\r\n", f.run("GET", "k")); // lazy expiry deletes it
    f.run("MULTI");
    f.run("PING");
    assertEquals("*1\r\n+PONG\r\n", f.run("EXEC"));
  }

  @Test
  void watch_changeThroughTypedApi_execFails() {
    var store = io.lime.internal.store.LocalKeyValueStore.over(f.engine, 0);
    f.run("WATCH", "h");
    store.hash("h").put("f", "v");
    f.run("MULTI");
    f.run("PING");
    assertEquals("*-1\r\n", f.run("EXEC"));
  }

  @Test
  void watch_flushAllOfExistingKey_execFails() {
    f.run("SET", "k", "v");
    f.run("WATCH", "k");
    ConnFixture.Client other = f.connect();
    other.run("FLUSHALL");
    f.run("MULTI");
    f.run("PING");
    assertEquals("*-1\r\n", f.run("EXEC"));
  }

  @Test
  void disconnect_dropsWatches() {
    ConnFixture.Client c = f.connect();
    c.run("WATCH", "a", "b");
    f.state.removeClient(c.client);
    f.run("SET", "a", "1"); // no watcher left to mark
    assertEquals("+OK\r\n", f.run("MULTI"));
    assertEquals("*0\r\n", f.run("EXEC"));
  }

  @Test
  void blockingCommandInsideExec_doesNotBlock() {
    f.run("MULTI");
    f.run("BLPOP", "nolist", "0");
    assertEquals("*1\r\n*-1\r\n", f.run("EXEC"));
    assertFalse(f.main.client.denyBlocking());
  }

  @Test
  void exec_runtimeErrorOfQueuedCommand_countsForThatCommandOnly() {
    f.run("SET", "s", "text");
    f.run("MULTI");
    f.run("INCR", "s");
    f.run("SET", "t", "1");
    assertEquals("*2\r\n-ERR value is not an integer or out of range\r\n+OK\r\n", f.run("EXEC"));
    assertEquals(0, f.state.stats("exec").failed.sum());
    assertEquals(1, f.state.stats("exec").calls.sum());
    assertEquals(1, f.state.stats("incr").failed.sum());
    assertEquals(0, f.state.stats("set").failed.sum());
  }

  @Test
  void clientInfo_insideMulti_showsFlagAndQueueLength() {
    f.run("MULTI");
    f.run("SET", "a", "1");
    f.run("CLIENT", "INFO");
    String exec = f.run("EXEC");
    assertTrue(exec.contains(" flags=x "), exec);
    assertTrue(exec.contains(" multi=2 "), exec);
    assertTrue(f.run("CLIENT", "INFO").contains(" multi=-1 "));
  }

  @Test
  void notifications_disabledByDefault_nothingPublished() {
    Recorder r = subscribe();
    f.run("SET", "a", "1");
    assertEquals(List.of(), r.lines);
  }

  @Test
  void notifications_keyspaceAndKeyevent_forSetAndIncr() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "KEA");
    Recorder r = subscribe();
    f.run("SET", "a", "1");
    f.run("INCR", "a");
    f.run("DEL", "a");
    assertEquals(List.of("__keyspace@0__:a set", "__keyevent@0__:set a",
        "__keyspace@0__:a incrby", "__keyevent@0__:incrby a",
        "__keyspace@0__:a del", "__keyevent@0__:del a"), r.lines);
  }

  @Test
  void notifications_lazyExpiry_publishedDuringTheLookup() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "Ex");
    Recorder r = subscribe();
    f.run("SET", "a", "1", "PX", "10");
    f.clock.addAndGet(20);
    f.run("EXISTS", "a");
    assertEquals(List.of("__keyevent@0__:expired a"), r.lines);
  }

  @Test
  void notifications_newClass_onlyForCreatedKeys() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "En");
    Recorder r = subscribe();
    f.run("SET", "a", "1");
    f.run("SET", "a", "2");
    f.run("RPUSH", "l", "x");
    assertEquals(List.of("__keyevent@0__:new a", "__keyevent@0__:new l"), r.lines);
  }

  @Test
  void notifications_typedApi_sameEventsAsCommands() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "E$lg");
    Recorder r = subscribe();
    var store = io.lime.internal.store.LocalKeyValueStore.over(f.engine, 2);
    store.set("s", "v");
    store.list("l").rightPush("x");
    store.list("l").leftPop();
    assertEquals(List.of("__keyevent@2__:set s", "__keyevent@2__:rpush l",
        "__keyevent@2__:lpop l", "__keyevent@2__:del l"), r.lines);
  }
}
