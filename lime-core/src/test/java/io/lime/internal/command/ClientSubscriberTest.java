package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.PubSub;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Message framing, delivery paths and the pubsub output-buffer limit of one client. */
class ClientSubscriberTest {
  /** A connection whose socket takes nothing: pending bytes only grow. */
  static final class FakeOutput implements PushOutput {
    boolean inLoop = true;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final List<Runnable> tasks = new ArrayList<>();
    String closedFor;

    @Override public boolean inLoop() { return inLoop; }
    @Override public void write(byte[] frame) { written.writeBytes(frame); }
    @Override public void execute(Runnable task) { tasks.add(task); }
    @Override public long pendingBytes() { return written.size(); }
    @Override public void closeAsap(String reason) { closedFor = reason; }

    void runTasks() {
      List<Runnable> t = new ArrayList<>(tasks);
      tasks.clear();
      t.forEach(Runnable::run);
    }

    String text() {
      return written.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private final PubSub bus = new PubSub();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final ClientSession session = new ClientSession(7, true, 0);
  private final FakeOutput out = new FakeOutput();

  private ClientSubscriber subscriber(long hard, long soft, long secs) {
    session.pushOutput(out);
    ClientSubscriber s = new ClientSubscriber(session, bus, new PubSubLimits(hard, soft, secs),
        clock::get);
    bus.subscribe(s, b("c"));
    s.recount();
    return s;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void frame_resp2AndResp3_asRedis() {
    assertEquals("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$0\r\n\r\n", new String(
        ClientSubscriber.frame(2, ClientSubscriber.MESSAGE, null, b("ch"), b("")),
        StandardCharsets.ISO_8859_1));
    assertEquals(">4\r\n$8\r\npmessage\r\n$2\r\nc*\r\n$2\r\nch\r\n$10\r\n0123456789\r\n",
        new String(ClientSubscriber.frame(3, ClientSubscriber.PMESSAGE, b("c*"), b("ch"),
            b("0123456789")), StandardCharsets.ISO_8859_1));
  }

  @Test
  void deliver_onOwnThread_writesAtOnce() {
    ClientSubscriber s = subscriber(0, 0, 0);
    assertEquals(1, bus.publish(b("c"), b("m")));
    assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", out.text());
    assertTrue(out.tasks.isEmpty());
    assertTrue(s.active());
    assertEquals(1, s.channelCount());
  }

  @Test
  void deliver_fromOtherThread_queuesOneDrainTask() {
    subscriber(0, 0, 0);
    out.inLoop = false;
    bus.publish(b("c"), b("1"));
    bus.publish(b("c"), b("2"));
    assertEquals("", out.text());
    assertEquals(1, out.tasks.size(), "one drain task for a burst");
    out.runTasks();
    assertTrue(out.text().endsWith("$1\r\n2\r\n"));
    assertEquals(2, out.text().split("message").length - 1);
  }

  @Test
  void drainPending_beforeNextCommand_keepsOrder() {
    ClientSubscriber s = subscriber(0, 0, 0);
    out.inLoop = false;
    bus.publish(b("c"), b("1"));
    out.inLoop = true;
    s.drainPending();
    assertTrue(out.text().endsWith("$1\r\n1\r\n"));
    out.runTasks(); // the scheduled drain finds nothing left
    assertEquals(1, out.text().split("message").length - 1);
  }

  @Test
  void hardLimit_exceeded_closesAndDropsLaterMessages() {
    subscriber(100, 0, 0);
    bus.publish(b("c"), new byte[60]);
    assertNull(out.closedFor);
    bus.publish(b("c"), new byte[60]);
    assertTrue(out.closedFor.startsWith("Client id=7 "), out.closedFor);
    assertTrue(out.closedFor.endsWith(
        " scheduled to be closed ASAP for overcoming of output buffer limits."));
    int size = out.written.size();
    bus.publish(b("c"), new byte[60]);
    assertEquals(size, out.written.size(), "nothing more is buffered for a closing client");
  }

  @Test
  void hardLimit_fromOtherThread_countsQueuedBytes() {
    subscriber(100, 0, 0);
    out.inLoop = false;
    bus.publish(b("c"), new byte[60]);
    bus.publish(b("c"), new byte[60]);
    assertTrue(out.closedFor != null);
    out.runTasks();
    assertEquals(0, out.written.size(), "queued frames of a closing client are dropped");
  }

  @Test
  void softLimit_closesOnlyAfterSoftSeconds() {
    subscriber(0, 50, 2);
    bus.publish(b("c"), new byte[60]); // over soft: timer starts
    clock.addAndGet(2_000);
    bus.publish(b("c"), new byte[1]); // 2 s elapsed: not more than soft seconds yet
    assertNull(out.closedFor);
    clock.addAndGet(1_000);
    bus.publish(b("c"), new byte[1]);
    assertTrue(out.closedFor != null);
  }

  @Test
  void softLimit_backUnder_resetsTimer() {
    subscriber(0, 50, 2);
    bus.publish(b("c"), new byte[60]);
    out.written.reset(); // the socket took everything
    clock.addAndGet(10_000);
    bus.publish(b("c"), new byte[1]);
    assertNull(out.closedFor);
    bus.publish(b("c"), new byte[60]); // over again: a new timer
    clock.addAndGet(1_000);
    bus.publish(b("c"), new byte[1]);
    assertNull(out.closedFor);
  }

  @Test
  void replyOff_stillDeliversMessages() {
    subscriber(0, 0, 0);
    session.replyMode(ClientSession.ReplyMode.OFF);
    assertEquals(1, bus.publish(b("c"), b("m")));
    assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", out.text()); // CLIENT_PUSHING
  }

  @Test
  void closed_unsubscribesEverything() {
    ClientSubscriber s = subscriber(0, 0, 0);
    bus.psubscribe(s, b("p*"));
    s.closed();
    assertFalse(s.active());
    assertEquals(0, bus.publish(b("c"), b("m")) + bus.publish(b("p1"), b("m")));
  }

  @Test
  void limits_parseDirectiveValue() {
    PubSubLimits.Limits l = PubSubLimits.parse(
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 1000 500 7");
    assertEquals(new PubSubLimits.Limits(1000, 500, 7), l);
    assertEquals(new PubSubLimits.Limits(32L << 20, 8L << 20, 60), PubSubLimits.parse(null));
  }
}
