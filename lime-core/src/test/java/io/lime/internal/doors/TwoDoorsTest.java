package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.SetOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The harness itself: it sees equal effects as equal and different effects as different. */
class TwoDoorsTest {
  @Test
  void sameCommandThroughBothDoors_sameEventsAndAof() {
    try (TwoDoors d = TwoDoors.open()) {
      assertEquals(1L, d.typed(s -> s.incr("n")));
      assertEquals(1L, d.resp("INCR", "n"));
      assertEquals(List.of("__keyspace@0__:n incrby", "__keyevent@0__:incrby n"),
          d.typedEvents());
      d.assertSameEffects("INCR");
      d.typed(s -> {
        s.set("k", "v", SetOptions.ifAbsent().expireIn(Duration.ofSeconds(10)));
        return null;
      });
      d.resp("SET", "k", "v", "NX", "EX", "10");
      d.assertSameEffects("SET NX EX");
      d.advance(Duration.ofSeconds(11));
      assertEquals(null, d.typed(s -> s.get("k")));
      assertEquals(null, d.resp("GET", "k"));
      d.assertSameEffects("GET of an expired key");
    }
  }

  @Test
  void differentEffects_fail() {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.incr("a"));
      d.resp("INCR", "b");
      assertThrows(AssertionFailedError.class, () -> d.assertSameEffects("different keys"));
    }
  }

  @Test
  void typedError_comparesWithRespError() {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.hash("h").put("f", "v"));
      d.resp("HSET", "h", "f", "v");
      Object t = d.typed(s -> s.incr("h"));
      Object r = d.resp("INCR", "h");
      assertTrue(TwoDoors.sameError(t, r), t + " vs " + r);
      d.assertSameEffects("HSET then INCR of a hash");
    }
  }
}
