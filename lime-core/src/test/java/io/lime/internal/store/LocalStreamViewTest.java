package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.StreamView;
import io.lime.WrongTypeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The typed stream view: the same operations as the X* commands, as Java calls. */
class LocalStreamViewTest {

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void add_range_delete_trim_asTheCommands() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("s");
      assertEquals("1-1", s.add("1-1", fields("a", "1", "b", "2")));
      assertEquals("1-2", s.add("1-*", fields("a", "3")));
      assertEquals("5-0", s.add("5", fields("c", "x")));
      String auto = s.add(fields("d", "y"));
      assertTrue(StreamIdText.after(auto, "5-0"), auto);
      assertEquals(4, s.length());
      assertEquals(List.of(new StreamView.Entry("1-1", fields("a", "1", "b", "2")),
          new StreamView.Entry("1-2", fields("a", "3"))), s.range("-", "(5-0", 0));
      assertEquals("5-0", s.reverseRange("+", "-", 2).get(1).id());
      LimeException tooSmall = assertThrows(LimeException.class,
          () -> s.add("1-1", fields("a", "1")));
      assertEquals("ERR The ID specified in XADD is equal or smaller than the target stream "
          + "top item", tooSmall.getMessage());
      assertThrows(LimeException.class, () -> s.range("bad", "+", 0));
      assertEquals(1, s.delete("1-2", "9-9"));
      assertEquals(1, s.trimToLength(2, false));
      assertEquals(List.of("5-0", auto), s.range("-", "+", 0).stream()
          .map(StreamView.Entry::id).toList());
      assertEquals(2, s.trimBefore("99999999999999", false));
      assertEquals(0, s.length());
      assertEquals("stream", store.type("s").redisName());
      store.set("str", "v");
      assertThrows(WrongTypeException.class, () -> store.stream("str").length());
    }
  }

  @Test
  void groups_readAndAck() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("jobs");
      LimeException noKey = assertThrows(LimeException.class,
          () -> s.createGroup("g", "$", false));
      assertTrue(noKey.getMessage().startsWith("ERR The XGROUP subcommand requires the key"));
      s.createGroup("g", "$", true);
      assertThrows(LimeException.class, () -> s.createGroup("g", "$", false));
      assertEquals(List.of(), s.readGroup("g", "w1", 10, false));
      s.add("1-1", fields("job", "a"));
      s.add("2-1", fields("job", "b"));
      List<StreamView.Entry> got = s.readGroup("g", "w1", 1, false);
      assertEquals(List.of(new StreamView.Entry("1-1", fields("job", "a"))), got);
      assertEquals("2-1", s.readGroup("g", "w2", 0, false).get(0).id());
      assertEquals(List.of(), s.readGroup("g", "w1", 0, false));
      assertEquals(1, s.ack("g", "1-1", "1-1"));
      assertEquals(1, s.ack("g", "2-1"));
      LimeException noGroup = assertThrows(LimeException.class,
          () -> s.readGroup("nog", "w", 1, false));
      assertEquals("NOGROUP No such key 'jobs' or consumer group 'nog' in XREADGROUP with GROUP "
          + "option", noGroup.getMessage());
    }
  }

  @Test
  void readGroupAsync_wokenByAdd_timesOut_cancels() throws Exception {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("q");
      s.createGroup("g", "$", true);
      CompletableFuture<List<StreamView.Entry>> first =
          s.readGroupAsync("g", "w1", 10, false, Duration.ZERO);
      CompletableFuture<List<StreamView.Entry>> second =
          s.readGroupAsync("g", "w2", 10, false, Duration.ZERO);
      assertFalse(first.isDone());
      s.add("3-1", fields("job", "x"));
      assertEquals(List.of(new StreamView.Entry("3-1", fields("job", "x"))), first.get());
      assertFalse(second.isDone()); // the first waiter took the only new entry
      assertTrue(second.cancel(false));
      s.add("4-1", fields("job", "y"));
      assertEquals("4-1", s.readGroup("g", "w3", 1, false, Duration.ZERO).get(0).id());
      assertEquals(List.of(), s.readGroup("g", "w3", 1, false, Duration.ofMillis(1)));
      CompletableFuture<List<StreamView.Entry>> orphan =
          s.readGroupAsync("g", "w4", 1, false, Duration.ZERO);
      assertTrue(s.destroyGroup("g"));
      ExecutionException gone = assertThrows(ExecutionException.class, orphan::get);
      assertEquals("NOGROUP the consumer group this client was blocked on no longer exists",
          gone.getCause().getMessage());
    }
  }

  @Test
  void pending_claim_autoClaim() {
    try (KeyValueStore store = KeyValueStore.open()) {
      StreamView s = store.stream("p");
      for (int i = 1; i <= 4; i++) {
        s.add(i + "-1", fields("n", Integer.toString(i)));
      }
      s.createGroup("g", "0", false);
      assertEquals(4, s.readGroup("g", "a", 0, false).size());
      List<StreamView.Pending> pending = s.pending("g", "-", "+", 10);
      assertEquals(List.of("1-1", "2-1", "3-1", "4-1"),
          pending.stream().map(StreamView.Pending::id).toList());
      assertEquals("a", pending.get(0).consumer());
      assertEquals(1, pending.get(0).deliveries());
      assertEquals(List.of(), s.claim("g", "b", Duration.ofHours(1), "1-1"));
      List<StreamView.Entry> claimed = s.claim("g", "b", Duration.ZERO, "1-1", "9-9");
      assertEquals(List.of(new StreamView.Entry("1-1", fields("n", "1"))), claimed);
      assertEquals("b", s.pending("g", "1-1", "1-1", 1).get(0).consumer());
      assertEquals(2, s.pending("g", "1-1", "1-1", 1).get(0).deliveries());
      s.delete("2-1");
      StreamView.AutoClaimed r = s.autoClaim("g", "c", Duration.ZERO, "0", 2);
      assertEquals("3-1", r.next());
      assertEquals(List.of("1-1"), r.claimed().stream().map(StreamView.Entry::id).toList());
      assertEquals(List.of("2-1"), r.deleted());
      assertThrows(LimeException.class, () -> s.pending("nog", "-", "+", 1));
      assertThrows(IllegalArgumentException.class,
          () -> s.autoClaim("g", "c", Duration.ZERO, "0", 0));
    }
  }

  /** IDs compared as Redis does. */
  private static final class StreamIdText {
    static boolean after(String a, String b) {
      String[] x = a.split("-");
      String[] y = b.split("-");
      int c = Long.compareUnsigned(Long.parseUnsignedLong(x[0]), Long.parseUnsignedLong(y[0]));
      return c > 0 || (c == 0 && Long.parseUnsignedLong(x[1]) > Long.parseUnsignedLong(y[1]));
    }
  }
}
