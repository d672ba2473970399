package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pub/sub over TCP, LIME against redis-server 7.0.15, under RESP2 and RESP3: subscribe and
 * unsubscribe confirmations, message frames (push frames under RESP3), PUBSUB introspection,
 * the subscribed-state restrictions of RESP2, PING in that state, RESET and disconnects.
 * Each test uses its own channel names (the servers are shared by the class). Replies whose
 * order follows Redis's hash tables (several channels at once) are compared as sets.
 */
class PubSubWireDifferentialIT {
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

  private static WireDifferential.Pair open(int resp) {
    return wire.connect(resp);
  }

  /** Reads {@code n} replies that arrived without a request (messages) and compares them. */
  private static void expectPushed(WireDifferential.Pair p, int n) {
    byte[] r = p.redis.readReplies(n);
    byte[] l = p.lime.readReplies(n);
    assertEquals(Differential.show(r), Differential.show(l), "pushed messages differ");
  }

  /** Sends one command, compares its {@code n} replies as a multiset of frames. */
  private static void checkUnordered(WireDifferential.Pair p, int n, boolean maskCounts,
      String... command) {
    byte[] req = encode(command);
    p.redis.send(req);
    p.lime.send(req);
    assertEquals(frames(p.redis, n, maskCounts), frames(p.lime, n, maskCounts),
        () -> String.join(" ", command));
  }

  private static List<String> frames(WireDifferential.Conn c, int n) {
    return frames(c, n, false);
  }

  private static List<String> frames(WireDifferential.Conn c, int n, boolean maskCounts) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String f = Differential.show(c.readReplies(1));
      out.add(maskCounts ? f.replaceAll(":\\d+(\\\\r\\\\n|\r\n)$", ":N") : f);
    }
    out.sort(null);
    return out;
  }

  /** PUBSUB CHANNELS-like array replies: same elements, any order. */
  private static void checkArrayUnordered(WireDifferential.Pair p, String... command) {
    String r = Differential.show(p.redis.call(command));
    String l = Differential.show(p.lime.call(command));
    assertEquals(sortedLines(r), sortedLines(l), () -> String.join(" ", command));
  }

  private static List<String> sortedLines(String shown) {
    List<String> lines = new ArrayList<>(Arrays.asList(shown.split("\\\\r\\\\n|\r\n|\n")));
    lines.sort(null);
    return lines;
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void subscribe_confirmsEachArgument(int resp) {
    String c = "sub" + resp;
    try (WireDifferential.Pair s = open(resp)) {
      s.checkRaw(encode("SUBSCRIBE", c + "a", c + "b", c + "a"), 3);
      s.checkRaw(encode("PSUBSCRIBE", c + "*", c + "*"), 2);
      s.checkRaw(encode("SSUBSCRIBE", c + "s", c + "t"), 2);
      s.checkRaw(encode("SUBSCRIBE", ""), 1);
      s.checkRaw(encode("UNSUBSCRIBE", c + "a", "never"), 2);
      s.checkRaw(encode("PUNSUBSCRIBE", c + "*"), 1);
      s.checkRaw(encode("SUNSUBSCRIBE", c + "s"), 1);
      checkUnordered(s, 2, true, "UNSUBSCRIBE"); // counts follow the (hash) order: masked
      s.checkRaw(encode("UNSUBSCRIBE"), 1); // none left: a null channel
      s.checkRaw(encode("PUNSUBSCRIBE"), 1);
      s.checkRaw(encode("SUNSUBSCRIBE"), 1);
      s.checkRaw(encode("SUNSUBSCRIBE"), 1);
      s.check("GET", "x"); // no longer subscribed
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void publish_reachesChannelPatternAndShardSubscribers(int resp) {
    String c = "pub" + resp;
    try (WireDifferential.Pair s = open(resp); WireDifferential.Pair p = open(resp)) {
      s.checkRaw(encode("SUBSCRIBE", c), 1);
      s.checkRaw(encode("PSUBSCRIBE", c + "*"), 1);
      s.checkRaw(encode("SSUBSCRIBE", c), 1);
      p.check("PUBLISH", c, "hello"); // the channel's subscribers first, then patterns
      expectPushed(s, 2);
      p.check("PUBLISH", c + "x", "");
      expectPushed(s, 1);
      p.check("PUBLISH", "nobody" + c, "x");
      p.check("SPUBLISH", c, "sharded");
      expectPushed(s, 1);
      p.check("SPUBLISH", c + "x", "none");
      p.checkRaw(WireDifferential.concat(WireDifferential.ascii("*3\r\n$7\r\nPUBLISH\r\n$"
          + c.length() + "\r\n" + c + "\r\n$4\r\n"), new byte[] {0, (byte) 0xff, '\r', '\n'},
          WireDifferential.ascii("\r\n")), 1);
      expectPushed(s, 2);
      p.check("PUBLISH", c, "x".repeat(100_000));
      expectPushed(s, 2);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void subscribedState_restrictsCommandsUnderResp2(int resp) {
    String c = "state" + resp;
    try (WireDifferential.Pair s = open(resp)) {
      s.checkRaw(encode("SUBSCRIBE", c), 1);
      s.check("GET", "x");
      s.check("SET", "k", "v");
      s.check("CLIENT", "GETNAME");
      s.check("CONFIG", "GET", "maxmemory");
      s.check("PUBSUB", "NUMSUB", c);
      s.check("PUBLISH", c + "none", "m");
      s.check("PING");
      s.check("PING", "hello");
      s.check("PING", "a", "b");
      s.check("GET");
      s.check("NOSUCHCOMMAND");
      s.check("ECHO", "x");
      s.checkRaw(encode("UNSUBSCRIBE", c), 1);
      s.checkRaw(encode("SSUBSCRIBE", c), 1);
      s.check("GET", "x"); // a shard subscription alone keeps the state
      s.checkRaw(encode("SUNSUBSCRIBE", c), 1);
      s.check("GET", "x");
      s.check("PING");
    }
  }

  @Test
  void subscribedState_helloSwitchesProtocol() {
    String c = "hello-switch";
    try (WireDifferential.Pair s = open(3)) {
      s.checkRaw(encode("SUBSCRIBE", c), 1);
      s.checkRaw(encode("HELLO", "2"), 1, WireDifferential::maskHelloId); // allowed in RESP3
      s.check("GET", "x");
      s.check("HELLO", "3"); // refused in RESP2
      s.check("PING");
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void publish_toSelfUnderResp3_pushPrecedesReply(int resp) {
    String c = "self" + resp;
    try (WireDifferential.Pair s = open(resp)) {
      s.checkRaw(encode("SSUBSCRIBE", c + "s"), 1);
      if (resp == 3) {
        s.checkRaw(encode("SUBSCRIBE", c), 1);
        s.checkRaw(encode("PUBLISH", c, "me"), 2);
        s.checkRaw(encode("SPUBLISH", c + "s", "me"), 2);
      } else {
        s.check("PUBLISH", c, "me"); // refused while subscribed
      }
    }
  }

  /**
   * CLIENT REPLY OFF mutes replies but not pub/sub messages (Redis flags them CLIENT_PUSHING):
   * a subscriber that turned replies off still receives every message, and its
   * (un)subscribe confirmations, in both protocols.
   */
  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void replyOff_messagesStillDelivered(int resp) {
    String c = "off" + resp;
    try (WireDifferential.Pair s = open(resp); WireDifferential.Pair p = open(resp)) {
      s.checkRaw(encode("CLIENT", "REPLY", "OFF"), 0);
      s.checkRaw(encode("SUBSCRIBE", c), 1);
      s.checkRaw(encode("PSUBSCRIBE", c + "*"), 1);
      p.check("PUBLISH", c, "while-off");
      expectPushed(s, 2);
      if (resp == 3) {
        s.checkRaw(encode("GET", "x"), 0); // a plain reply stays muted
        s.checkRaw(encode("PUBLISH", c, "self"), 2); // the pushes, not the reply
        s.checkRaw(encode("CLIENT", "REPLY", "ON"), 1);
        s.check("PING");
      }
      s.checkRaw(encode("UNSUBSCRIBE", c), 1);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void pubsub_introspection(int resp) {
    String c = "intro" + resp;
    try (WireDifferential.Pair s = open(resp); WireDifferential.Pair q = open(resp)) {
      s.checkRaw(encode("SUBSCRIBE", c + ":a", c + ":b"), 2);
      s.checkRaw(encode("PSUBSCRIBE", c + ":*"), 1);
      s.checkRaw(encode("SSUBSCRIBE", c + ":s"), 1);
      q.check("PUBSUB", "NUMSUB", c + ":a", c + ":b", c + ":none", c + ":s");
      q.check("PUBSUB", "NUMSUB");
      q.check("PUBSUB", "SHARDNUMSUB", c + ":s", c + ":a");
      q.check("PUBSUB", "SHARDNUMSUB");
      checkArrayUnordered(q, "PUBSUB", "CHANNELS", c + ":*");
      q.check("PUBSUB", "CHANNELS", c + ":a");
      q.check("PUBSUB", "CHANNELS", c + "nomatch*");
      q.check("PUBSUB", "SHARDCHANNELS", c + ":*");
      q.check("PUBSUB", "SHARDCHANNELS", "x" + c + "*");
      q.check("PUBSUB", "HELP");
      q.check("pubsub", "help");
      q.check("PUBSUB");
      q.check("PUBSUB", "NOSUCH");
      q.check("PUBSUB", "NUMPAT", "extra");
      q.check("PUBSUB", "CHANNELS", "a", "b");
      q.check("PUBSUB", "shardchannels", "a", "b");
      q.check("PUBSUB", "HELP", "x");
      q.check("PUBLISH", "a");
      q.check("PUBLISH", "a", "b", "c");
      q.check("SPUBLISH", "a");
      q.check("SUBSCRIBE");
      q.check("PSUBSCRIBE");
      q.check("SSUBSCRIBE");
      s.checkRaw(encode("PUNSUBSCRIBE", c + ":*"), 1);
    }
  }

  @Test
  void pubsub_numpat_countsDistinctPatterns() {
    try (WireDifferential.Pair a = open(2); WireDifferential.Pair b = open(2);
        WireDifferential.Pair q = open(2)) {
      q.check("PUBSUB", "NUMPAT");
      a.checkRaw(encode("PSUBSCRIBE", "np:*", "np:?"), 2);
      b.checkRaw(encode("PSUBSCRIBE", "np:*"), 1);
      q.check("PUBSUB", "NUMPAT");
      q.check("PUBLISH", "np:1", "x"); // three deliveries
      assertEquals(frames(a.redis, 2), frames(a.lime, 2)); // in Redis's dict order
      expectPushed(b, 1);
      a.checkRaw(encode("PUNSUBSCRIBE", "np:*"), 1);
      q.check("PUBSUB", "NUMPAT");
      checkUnordered(a, 1, false, "PUNSUBSCRIBE");
      b.checkRaw(encode("PUNSUBSCRIBE"), 1);
      q.check("PUBSUB", "NUMPAT");
    }
  }

  @Test
  void patterns_globAndEmptyChannel() {
    try (WireDifferential.Pair s = open(2); WireDifferential.Pair p = open(2)) {
      s.checkRaw(encode("PSUBSCRIBE", "g[ae]l?o", "g\\*", "[^a]gx", "*"), 4);
      for (String ch : new String[] {"gallo", "gelxo", "gillo", "g*", "bgx", "agx"}) {
        byte[] r = p.check("PUBLISH", ch, "m");
        int n = Integer.parseInt(new String(r, 1, r.length - 3,
            java.nio.charset.StandardCharsets.US_ASCII));
        // several patterns match: Redis delivers them in its dict's order, so compare as sets
        assertEquals(frames(s.redis, n), frames(s.lime, n), ch);
      }
      p.check("PUBLISH", "", "empty channel: '*' does not match");
      s.checkRaw(encode("PUNSUBSCRIBE", "*"), 1);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void reset_leavesEverySubscription(int resp) {
    String c = "reset" + resp;
    try (WireDifferential.Pair s = open(resp); WireDifferential.Pair q = open(2)) {
      s.checkRaw(encode("SUBSCRIBE", c), 1);
      s.checkRaw(encode("PSUBSCRIBE", c + "*"), 1);
      s.checkRaw(encode("SSUBSCRIBE", c), 1);
      s.check("RESET");
      q.check("PUBSUB", "NUMSUB", c);
      q.check("PUBSUB", "SHARDNUMSUB", c);
      q.check("PUBLISH", c, "nobody");
      s.check("GET", "x");
      s.checkRaw(encode("UNSUBSCRIBE"), 1);
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void quit_whileSubscribed_closes(int resp) {
    try (WireDifferential.Pair s = open(resp)) {
      s.checkRaw(encode("SUBSCRIBE", "quit" + resp), 1);
      s.checkUntilClose(encode("QUIT"));
    }
  }

  @Test
  void disconnect_leavesEverySubscription() {
    String c = "gone";
    WireDifferential.Pair s = open(2);
    s.checkRaw(encode("SUBSCRIBE", c), 1);
    s.checkRaw(encode("SSUBSCRIBE", c), 1);
    s.close();
    try (WireDifferential.Pair q = open(2)) {
      awaitZero(q.redis, "PUBSUB", "NUMSUB", c);
      awaitZero(q.lime, "PUBSUB", "NUMSUB", c);
      awaitZero(q.redis, "PUBSUB", "SHARDNUMSUB", c);
      awaitZero(q.lime, "PUBSUB", "SHARDNUMSUB", c);
      q.check("PUBLISH", c, "x");
    }
  }

  /** Polls (no sleep: each call is a round trip) until the count in the reply is 0. */
  private static void awaitZero(WireDifferential.Conn c, String... command) {
    String last = "";
    for (int i = 0; i < 10_000; i++) {
      last = Differential.show(c.call(command));
      if (last.endsWith(":0\\r\\n") || last.endsWith(":0\r\n")) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("still subscribed: " + last);
  }
}
