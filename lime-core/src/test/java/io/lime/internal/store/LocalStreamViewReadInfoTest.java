package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.StreamView;
import io.lime.StreamView.ClaimOptions;
import io.lime.StreamView.Entry;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.StreamAddArgs;
import io.lime.internal.type.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The typed stream view's XREAD (now, as a future, with a timeout), XINFO records, XSETID,
 * XGROUP SETID / CREATECONSUMER / DELCONSUMER and XCLAIM options.
 */
class LocalStreamViewReadInfoTest {

  private static Map<String, String> f(String field, String value) {
    return Map.of(field, value);
  }

  private static List<String> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  private static Map<String, List<String>> ids(Map<String, List<Entry>> read) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    read.forEach((k, v) -> out.put(k, ids(v)));
    return out;
  }

  @Test
  void read_severalStreams_afterIds_withCount() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView a = store.stream("a");
      StreamView b = store.stream("b");
      for (int i = 1; i <= 3; i++) {
        a.add(i + "-0", f("n", "a" + i));
        b.add(i + "-5", f("n", "b" + i));
      }
      assertEquals(List.of(new Entry("2-0", f("n", "a2")), new Entry("3-0", f("n", "a3"))),
          a.read("1-0", 0));
      assertEquals(List.of("2-0"), ids(a.read("1", 1)));
      assertEquals(List.of(), a.read("$", 0));
      Map<String, String> others = new LinkedHashMap<>();
      others.put("missing", "0");
      others.put("b", "2-5");
      assertEquals(Map.of("a", List.of("1-0", "2-0"), "b", List.of("3-5")),
          ids(a.read("0-0", others, 2)));
      assertEquals(List.of("a", "b"), List.copyOf(a.read("0", others, 0).keySet()));
      assertEquals(Map.of(), ids(a.read("$", Map.of("b", "$"), 0)));
      LimeException bad = assertThrows(LimeException.class, () -> a.read("x", 0));
      assertEquals("ERR Invalid stream ID specified as stream command argument",
          bad.getMessage());
      assertThrows(LimeException.class, () -> a.read("+", 0)); // strict, as XREAD
      assertThrows(IllegalArgumentException.class, () -> a.read("0", Map.of("a", "0"), 0));
      store.set("str", "v");
      assertThrows(WrongTypeException.class, () -> a.read("0", Map.of("str", "0"), 0));
      assertEquals(List.of(), store.stream("none").read("0", 0));
    }
  }

  /**
   * A timeout past 64-bit milliseconds from now waits, as XREAD BLOCK 9223372036854775807
   * blocks on Redis 7.0.15: the deadline wrapped into the past and the read timed out at once
   * (Duration.ofMillis(Long.MAX_VALUE)), or Duration.toMillis threw (ChronoUnit.FOREVER).
   */
  @Test
  void readAsync_timeoutPastLongMillis_waitsForAnEntry() throws Exception {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView a = store.stream("a");
      a.createGroup("g", "$", true);
      CompletableFuture<Map<String, List<Entry>>> read =
          a.readAsync("$", Map.of(), 0, Duration.ofMillis(Long.MAX_VALUE));
      CompletableFuture<List<Entry>> group = a.readGroupAsync("g", "alice", 0, false,
          java.time.temporal.ChronoUnit.FOREVER.getDuration());
      var engine = ((LocalKeyValueStore) store).engine();
      assertEquals(0, engine.blocking().expireDue(engine.now())); // nothing is due
      assertFalse(read.isDone());
      assertFalse(group.isDone());
      a.add("1-0", f("n", "1"));
      assertEquals(Map.of("a", List.of("1-0")), ids(read.get()));
      assertEquals(List.of("1-0"), ids(group.get()));
    }
  }

  @Test
  void readAsync_wokenByAnyDoor_dollar_timeout_cancel() throws Exception {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView a = store.stream("a");
      a.add("1-0", f("old", "x"));
      // served at once
      assertEquals(Map.of("a", List.of("1-0")),
          ids(a.readAsync("0", Map.of(), 0, Duration.ZERO).get()));
      // $: only what comes after the call; woken by the RESP door on another stream
      CompletableFuture<Map<String, List<Entry>>> waiting =
          a.readAsync("$", Map.of("b", "$"), 0, Duration.ZERO);
      assertFalse(waiting.isDone());
      store.call("XADD", "b", "7-0", "via", "resp");
      assertEquals(Map.of("b", List.of(new Entry("7-0", f("via", "resp")))), waiting.get());
      // woken by the typed door
      CompletableFuture<Map<String, List<Entry>>> typed =
          a.readAsync("$", Map.of(), 0, Duration.ZERO);
      assertFalse(typed.isDone());
      a.add("2-0", f("via", "typed"));
      assertEquals(Map.of("a", List.of("2-0")), ids(typed.get()));
      // after an explicit ID, with COUNT, woken by the RESP door on the same stream
      CompletableFuture<Map<String, List<Entry>>> resp =
          a.readAsync("2-0", Map.of(), 1, Duration.ZERO);
      assertFalse(resp.isDone());
      store.call("XADD", "a", "3-0", "via", "resp");
      assertEquals(Map.of("a", List.of("3-0")), ids(resp.get()));
      // woken by a script
      CompletableFuture<Map<String, List<Entry>>> script =
          a.readAsync("$", Map.of(), 0, Duration.ZERO);
      store.call("EVAL", "return redis.call('XADD', KEYS[1], '3-5', 'via', 'lua')", "1", "a");
      assertEquals(Map.of("a", List.of("3-5")), ids(script.get()));
      // the blocking form, and a timeout
      assertEquals(List.of("3-0", "3-5"), ids(a.read("2-0", 0, Duration.ZERO)));
      assertEquals(List.of(), a.read("$", 0, Duration.ofMillis(1)));
      assertEquals(Map.of("b", List.of("7-0")),
          ids(a.read("$", Map.of("b", "0"), 0, Duration.ZERO)));
      assertEquals(Map.of(), a.read("$", Map.of("b", "$"), 0, Duration.ofMillis(1)));
      // cancelled: an entry added later is not taken by it
      CompletableFuture<Map<String, List<Entry>>> cancelled =
          a.readAsync("$", Map.of(), 0, Duration.ZERO);
      assertTrue(cancelled.cancel(false));
      a.add("4-0", f("n", "4"));
      assertTrue(cancelled.isCancelled());
      assertThrows(IllegalArgumentException.class,
          () -> a.readAsync("$", Map.of(), 0, Duration.ofMillis(-1)));
      assertThrows(LimeException.class, () -> a.readAsync("x", Map.of(), 0, Duration.ZERO));
    }
  }

  @Test
  void info_groups_consumers_asXinfo() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("s");
      LimeException none = assertThrows(LimeException.class, s::info);
      assertEquals("ERR no such key", none.getMessage());
      assertThrows(LimeException.class, s::groups);
      s.add("1-1", f("a", "1"));
      s.add("2-2", f("b", "2"));
      s.add("3-3", f("c", "3"));
      s.delete("2-2");
      s.createGroup("g", "0", false);
      s.createGroup("h", "$", false);
      s.readGroup("g", "alice", 1, false);
      StreamView.Info info = s.info();
      assertEquals(new StreamView.Info(2, 1, 2, "3-3", "2-2", 3, "1-1", 2,
          new Entry("1-1", f("a", "1")), new Entry("3-3", f("c", "3"))), info);
      List<StreamView.GroupInfo> groups = s.groups();
      assertEquals(List.of(new StreamView.GroupInfo("g", 1, 1, "1-1", null, null), // as redis-server 7.0
          new StreamView.GroupInfo("h", 0, 0, "3-3", null, 0L)), groups);
      List<StreamView.ConsumerInfo> consumers = s.consumers("g");
      assertEquals(1, consumers.size());
      assertEquals("alice", consumers.get(0).name());
      assertEquals(1, consumers.get(0).pending());
      assertTrue(consumers.get(0).idleMillis() >= 0);
      assertEquals(List.of(), s.consumers("h"));
      LimeException noGroup = assertThrows(LimeException.class, () -> s.consumers("x"));
      assertEquals("NOGROUP No such consumer group 'x' for key name 's'", noGroup.getMessage());
    }
  }

  @Test
  void setId_andGroupSubcommands() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("s");
      assertEquals("ERR no such key",
          assertThrows(LimeException.class, () -> s.setId("5-0", -1, "0-0")).getMessage());
      s.add("1-0", f("a", "1"));
      s.add("2-0", f("a", "2"));
      assertEquals("ERR The ID specified in XSETID is smaller than the target stream top item",
          assertThrows(LimeException.class, () -> s.setId("1-0", -1, "0-0")).getMessage());
      assertEquals("ERR entries_added must be positive",
          assertThrows(LimeException.class, () -> s.setId("9-0", -2, "0-0")).getMessage());
      assertEquals("ERR The ID specified in XSETID is smaller than the provided "
          + "max_deleted_entry_id",
          assertThrows(LimeException.class, () -> s.setId("9-0", -1, "10-0")).getMessage());
      assertThrows(LimeException.class, () -> s.setId("9-0", 1, "0-0")); // below length
      s.setId("9-0", 7, "8-0");
      StreamView.Info info = s.info();
      assertEquals("9-0", info.lastGeneratedId());
      assertEquals(7, info.entriesAdded());
      assertEquals("8-0", info.maxDeletedEntryId());
      assertEquals("9-1", s.add("9-*", f("b", "1")));

      s.createGroup("g", "0", false);
      s.setGroupId("g", "$", 3);
      assertEquals(new StreamView.GroupInfo("g", 0, 0, "9-1", 3L, 5L), s.groups().get(0));
      s.setGroupId("g", "1-0", -1);
      assertEquals("1-0", s.groups().get(0).lastDeliveredId());
      assertNull(s.groups().get(0).entriesRead());
      assertThrows(LimeException.class, () -> s.setGroupId("g", "1-0", -2));
      assertThrows(LimeException.class, () -> s.setGroupId("nog", "1-0", -1));
      assertTrue(s.createConsumer("g", "c1"));
      assertFalse(s.createConsumer("g", "c1"));
      s.readGroup("g", "c1", 2, false);
      assertEquals(2, s.deleteConsumer("g", "c1"));
      assertEquals(0, s.deleteConsumer("g", "c1"));
      assertEquals(List.of(), s.pending("g", "-", "+", 10));
      assertThrows(LimeException.class, () -> store.stream("none").createConsumer("g", "c"));
    }
  }

  @Test
  void claim_options() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("s");
      for (int i = 1; i <= 3; i++) {
        s.add(i + "-0", f("n", Integer.toString(i)));
      }
      s.createGroup("g", "0", false);
      s.readGroup("g", "a", 1, false); // 1-0 pending
      // RETRYCOUNT and IDLE
      s.claim("g", "b", Duration.ZERO,
          ClaimOptions.NONE.withRetryCount(7).withIdle(Duration.ofHours(1)), "1-0");
      StreamView.Pending p = s.pending("g", "-", "+", 10).get(0);
      assertEquals("b", p.consumer());
      assertEquals(7, p.deliveries());
      assertTrue(p.idleMillis() >= Duration.ofHours(1).toMillis(), p.toString());
      // JUSTID: IDs only, counter unchanged
      assertEquals(List.of("1-0"), s.claimIds("g", "c", Duration.ZERO, ClaimOptions.NONE,
          "1-0"));
      assertEquals(7, s.pending("g", "-", "+", 10).get(0).deliveries());
      // TIME in the past; TIME in the future counts as now
      s.claimIds("g", "c", Duration.ZERO, ClaimOptions.NONE.withTime(1000), "1-0");
      assertTrue(s.pending("g", "-", "+", 10).get(0).idleMillis() > 1_000_000);
      // FORCE claims an existing entry nobody read; not a missing one
      assertEquals(List.of(), s.claim("g", "c", Duration.ZERO, ClaimOptions.NONE, "3-0"));
      assertEquals(List.of(new Entry("3-0", f("n", "3"))), s.claim("g", "c", Duration.ZERO,
          ClaimOptions.NONE.withForce(), "3-0", "9-0"));
      assertEquals(2, s.pending("g", "-", "+", 10).size());
      // LASTID moves the group's last delivered ID up, never down
      s.claimIds("g", "c", Duration.ZERO, ClaimOptions.NONE.withLastId("2-0"), "1-0");
      assertEquals("2-0", s.groups().get(0).lastDeliveredId());
      s.claimIds("g", "c", Duration.ZERO, ClaimOptions.NONE.withLastId("0-5"), "1-0");
      assertEquals("2-0", s.groups().get(0).lastDeliveredId());
      assertThrows(LimeException.class, () -> s.claim("g", "c", Duration.ZERO,
          ClaimOptions.NONE.withLastId("bad"), "1-0"));
      assertThrows(LimeException.class, () -> s.claim("nog", "c", Duration.ZERO,
          ClaimOptions.NONE, "1-0"));
      assertThrows(NullPointerException.class, () -> ClaimOptions.NONE.withLastId(null));
    }
  }

  /** XADD's size limit, on the operation (one shared 16 MiB array, so the test stays small). */
  @Test
  void add_refusesElementsOverOneGibibyte() {
    try (LocalKeyValueStore store = (LocalKeyValueStore) KeyValueStore.open()) {
      Engine engine = store.engine();
      byte[] big = new byte[1 << 24];
      byte[][] argv = new byte[3 + 64 + 2][];
      argv[0] = "XADD".getBytes(StandardCharsets.US_ASCII);
      argv[1] = "s".getBytes(StandardCharsets.US_ASCII);
      argv[2] = "*".getBytes(StandardCharsets.US_ASCII);
      for (int i = 3; i < argv.length; i++) {
        argv[i] = big;
      }
      ByteArgs args = ByteArgs.of(argv);
      StreamAddArgs parsed = StreamAddArgs.parse(args, true, 100);
      try (LockedKey k = LockedKey.lock(engine.db(0), argv[1], engine.now())) {
        LimeException tooLarge = assertThrows(LimeException.class,
            () -> StreamType.add(k, parsed, args));
        assertEquals("ERR Elements are too large to be stored", tooLarge.getMessage());
      }
      assertFalse(store.exists("s"));
    }
  }
}
