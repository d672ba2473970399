package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.Message;
import io.lime.Subscription;
import io.lime.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub across the two front doors (embedded listener API and RESP clients) and the
 * {@code client-output-buffer-limit pubsub} protection against subscribers that never read.
 */
class PubSubServerTest {
  private LimeServer server;

  @BeforeEach
  void start() {
    server = LimeServer.builder().ephemeralPort().logging(false).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> texts(RespValue v) {
    List<RespValue> els = v instanceof RespValue.Push p ? p.elements()
        : ((RespValue.Array) v).elements();
    return els.stream().map(TestClient::text).toList();
  }

  @Test
  void javaPublish_reachesRespSubscribers_resp2AndResp3() {
    try (TestClient two = new TestClient(server.port());
        TestClient three = new TestClient(server.port())) {
      assertEquals(List.of("subscribe", "j2r", "1"), texts(two.call("SUBSCRIBE", "j2r")));
      three.call("HELLO", "3");
      assertEquals(List.of("psubscribe", "j2*", "1"), texts(three.call("PSUBSCRIBE", "j2*")));
      assertEquals(2, server.store().publish("j2r", "from java"));
      RespValue m2 = two.read();
      assertInstanceOf(RespValue.Array.class, m2);
      assertEquals(List.of("message", "j2r", "from java"), texts(m2));
      RespValue m3 = three.read();
      assertInstanceOf(RespValue.Push.class, m3);
      assertEquals(List.of("pmessage", "j2*", "j2r", "from java"), texts(m3));
    }
  }

  @Test
  void respPublish_reachesJavaListeners() throws Exception {
    BlockingQueue<Message> got = new LinkedBlockingQueue<>();
    try (Subscription sub = server.store().subscribe("r2j", got::add);
        Subscription psub = server.store().psubscribe("r2?", got::add);
        TestClient c = new TestClient(server.port())) {
      assertEquals(List.of("r2j", "1"), texts(c.call("PUBSUB", "NUMSUB", "r2j")));
      assertEquals("1", TestClient.text(c.call("PUBSUB", "NUMPAT")));
      assertEquals("2", TestClient.text(c.call("PUBLISH", "r2j", "from resp")));
      Message a = got.poll(10, TimeUnit.SECONDS);
      Message b = got.poll(10, TimeUnit.SECONDS);
      assertNotNull(a);
      assertNotNull(b);
      assertEquals("from resp", a.messageString());
      assertEquals("r2j", b.channelString());
      assertEquals("r2?", (a.pattern() == null ? b : a).patternString());
      psub.close();
      sub.close();
      assertEquals("0", TestClient.text(c.call("PUBLISH", "r2j", "nobody")));
    }
  }

  @Test
  void javaListener_doesNotRunOnServerLoop() throws Exception {
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    try (Subscription sub = server.store().subscribe("t",
        m -> threads.add(Thread.currentThread().getName()));
        TestClient c = new TestClient(server.port())) {
      c.call("PUBLISH", "t", "x");
      String name = threads.poll(10, TimeUnit.SECONDS);
      assertEquals("lime-pubsub-delivery", name);
    }
  }

  @Test
  void clientList_showsSubscriptionCountsAndFlag() {
    try (TestClient s = new TestClient(server.port());
        TestClient q = new TestClient(server.port())) {
      s.call("SUBSCRIBE", "a");
      s.send("PSUBSCRIBE", "p1", "p2");
      s.read();
      s.read();
      s.call("SSUBSCRIBE", "s");
      String list = TestClient.text(q.call("CLIENT", "LIST"));
      assertTrue(list.contains("flags=P db=0 sub=1 psub=2 ssub=1 "), list);
      String info = TestClient.text(q.call("INFO", "stats"));
      assertTrue(info.contains("pubsub_channels:1\r\npubsub_patterns:2\r\npubsubshard_channels:1"),
          info);
    }
  }

  // ------------------------------------------------------------------ slow subscribers

  private static final int PAYLOAD_BYTES = 64 * 1024;

  private static byte[] publishRequest(String channel, int size) {
    byte[] payload = new byte[size];
    java.util.Arrays.fill(payload, (byte) 'x');
    byte[] head = ("*3\r\n$7\r\nPUBLISH\r\n$" + channel.length() + "\r\n" + channel + "\r\n$"
        + size + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] req = new byte[head.length + size + 2];
    System.arraycopy(head, 0, req, 0, head.length);
    System.arraycopy(payload, 0, req, head.length, size);
    req[req.length - 2] = '\r';
    req[req.length - 1] = '\n';
    return req;
  }

  /** A subscriber with a small receive buffer that never reads after its confirmation. */
  private Socket stalledSubscriber(String channel) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    s.setSoTimeout(10_000);
    s.getOutputStream().write(TestClient.encode("SUBSCRIBE", channel));
    byte[] expect = ("*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel
        + "\r\n:1\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] got = s.getInputStream().readNBytes(expect.length);
    assertEquals(new String(expect, StandardCharsets.US_ASCII),
        new String(got, StandardCharsets.US_ASCII));
    return s;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Whether the server closed {@code s}: reads (and drops) what is buffered until EOF/reset. */
  private static boolean closedByServer(Socket s) {
    byte[] buf = new byte[1 << 16];
    try {
      InputStream in = s.getInputStream();
      while (true) {
        if (in.read(buf) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void slowSubscriber_overHardLimit_isDisconnected_memoryStaysBounded() throws Exception {
    long baseline = usedHeapAfterGc();
    long peakGrowth = 0;
    int total = 2048; // 2048 x 64 KiB = 128 MiB published, 4x the 32 MiB hard limit
    int delivered = 0;
    try (Socket slow = stalledSubscriber("slow");
        TestClient pub = new TestClient(server.port());
        TestClient other = new TestClient(server.port())) {
      byte[] req = publishRequest("slow", PAYLOAD_BYTES);
      long last = -1;
      for (int i = 0; i < total; i++) {
        pub.send(req);
        last = ((RespValue.Integer) pub.read()).value();
        delivered += (int) last;
        if (i % 256 == 255) {
          peakGrowth = Math.max(peakGrowth, usedHeapAfterGc() - baseline);
        }
      }
      assertEquals(0, last, "the subscriber is gone before the end");
      assertTrue(delivered < total / 2, "delivered " + delivered);
      // 32 MiB of pending output at most (its buffer may double once), never the 128 MiB sent
      assertTrue(peakGrowth < 96L << 20, "heap grew by " + (peakGrowth >> 20) + " MiB");
      assertEquals("PONG", TestClient.text(other.call("PING")));
      assertEquals(List.of("slow", "0"), texts(other.call("PUBSUB", "NUMSUB", "slow")));
      assertTrue(closedByServer(slow));
    }
    assertTrue(usedHeapAfterGc() - baseline < 16L << 20, "buffers released");
  }

  @Test
  void slowSubscriber_limitSetByConfigSet_applies() throws Exception {
    try (TestClient admin = new TestClient(server.port())) {
      assertEquals("OK", TestClient.text(admin.call("CONFIG", "SET",
          "client-output-buffer-limit", "pubsub 1mb 0 0")));
      try (Socket slow = stalledSubscriber("small");
          TestClient fast = new TestClient(server.port())) {
        fast.call("SUBSCRIBE", "small");
        byte[] req = publishRequest("small", PAYLOAD_BYTES);
        long last = -1;
        int deliveredToFast = 0;
        for (int i = 0; i < 128; i++) { // 8 MiB: far above 1 MiB for the stalled reader
          admin.send(req);
          last = ((RespValue.Integer) admin.read()).value();
          deliveredToFast++;
          assertEquals(List.of("message", "small"), texts(fast.read()).subList(0, 2));
        }
        assertEquals(1, last, "only the reading subscriber is left");
        assertEquals(128, deliveredToFast);
        assertTrue(closedByServer(slow));
      }
    }
  }

  /**
   * The pubsub soft limit with seconds (Redis's 8mb/60 s class default, here 1mb/60 s and no
   * hard limit): a subscriber that does not read stays while its output has been over the
   * soft limit for less than the seconds, and is closed by the first message once they
   * have passed. Time is the server's ticker, moved by hand.
   */
  @Test
  void stalledSubscriber_softLimitWithSeconds_closedOnlyAfterTheSeconds() throws Exception {
    server.close();
    java.util.concurrent.atomic.AtomicLong now =
        new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);
    server = LimeServer.builder().ephemeralPort().ticker(now::get)
        .args("--client-output-buffer-limit", "pubsub 0 1mb 60").start();
    try (Socket slow = stalledSubscriber("soft");
        TestClient pub = new TestClient(server.port())) {
      byte[] req = publishRequest("soft", PAYLOAD_BYTES);
      for (int i = 0; i < 256; i++) { // 16 MiB: far over 1 MiB whatever the kernel buffers
        pub.send(req);
        assertEquals(new RespValue.Integer(1), pub.read(), "message " + i);
      }
      now.addAndGet(59_000); // over the soft limit for 59 s: kept
      pub.send(req);
      assertEquals(new RespValue.Integer(1), pub.read());
      now.addAndGet(2_000); // 61 s: the next message closes it
      pub.send(req);
      pub.read();
      assertTrue(closedByServer(slow));
      assertEquals(List.of("soft", "0"), texts(pub.call("PUBSUB", "NUMSUB", "soft")));
    }
  }
}
