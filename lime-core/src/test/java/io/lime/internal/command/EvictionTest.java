package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.MemoryLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * maxmemory and its policies on a manual clock: the accounted memory stays under the limit
 * however much is written, and each policy keeps what it promises to keep.
 */
class EvictionTest {
  private static final long MAX_BYTES = 64 * 1024;

  private static CommandFixture fixture(String policy) {
    CommandFixture f = new CommandFixture();
    f.run("CONFIG", "SET", "maxmemory-policy", policy, "maxmemory-samples", "10");
    f.run("CONFIG", "SET", "maxmemory", Long.toString(f.engine.memory().usedBytes() + MAX_BYTES));
    return f;
  }

  private static long max(CommandFixture f) {
    return f.engine.eviction().maxmemory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru",
      "volatile-lfu", "volatile-random", "volatile-ttl"})
  void tenTimesMaxmemoryWritten_usedStaysUnderLimit(String policy) {
    CommandFixture f = fixture(policy);
    long written = 0;
    for (int i = 0; written < 10 * MAX_BYTES; i++) {
      String key = "key:" + i;
      assertEquals("+OK\r\n", f.run("SET", key, "value:" + i, "EX", "1000"));
      written += MemoryLayout.entryBytes(key.getBytes(), ("value:" + i).getBytes());
      // eviction runs before each command (Redis's processCommand): at the next one, the
      // accounted memory is back under the limit
      assertEquals("+PONG\r\n", f.run("PING"));
      assertTrue(f.engine.memory().usedBytes() <= max(f), policy + " at " + i);
      if (i % 7 == 0) {
        f.advance(1000);
      }
    }
    assertTrue(f.engine.eviction().evictedKeys() > 0);
    assertTrue(f.run("INFO", "stats").contains("evicted_keys:" + f.engine.eviction().evictedKeys()));
  }

  @Test
  void allkeysLru_continuouslyReadHotSet_survives() {
    CommandFixture f = fixture("allkeys-lru");
    List<String> hot = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hot.add("hot:" + i);
      f.run("SET", "hot:" + i, "h");
    }
    for (int i = 0; i < 2000; i++) {
      f.advance(1000);
      f.run("SET", "cold:" + i, "some cold value " + i);
      for (String h : hot) {
        f.run("GET", h);
      }
    }
    assertTrue(f.engine.eviction().evictedKeys() > 1000);
    for (String h : hot) {
      assertEquals("$1\r\nh\r\n", f.run("GET", h), h);
    }
  }

  @Test
  void allkeysLfu_frequentKeys_survive() {
    CommandFixture f = fixture("allkeys-lfu");
    List<String> hot = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hot.add("hot:" + i);
      f.run("SET", "hot:" + i, "h");
      for (int r = 0; r < 50; r++) {
        f.run("GET", "hot:" + i);
      }
    }
    for (int i = 0; i < 2000; i++) {
      f.run("SET", "cold:" + i, "some cold value " + i);
      if (i % 100 == 0) {
        hot.forEach(h -> f.run("GET", h));
      }
    }
    assertTrue(f.engine.eviction().evictedKeys() > 1000);
    for (String h : hot) {
      assertEquals("$1\r\nh\r\n", f.run("GET", h), h);
    }
    assertTrue(Integer.parseInt(f.run("OBJECT", "FREQ", "hot:0").trim().substring(1)) > 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"})
  void volatilePolicies_neverEvictKeysWithoutTtl(String policy) {
    CommandFixture f = fixture(policy);
    for (int i = 0; i < 50; i++) {
      f.run("SET", "persistent:" + i, "p");
    }
    for (int i = 0; i < 3000; i++) {
      f.run("SET", "volatile:" + i, "some value " + i, "EX", "1000");
    }
    assertTrue(f.engine.eviction().evictedKeys() > 500);
    for (int i = 0; i < 50; i++) {
      assertEquals("$1\r\np\r\n", f.run("GET", "persistent:" + i));
    }
  }

  @Test
  void volatileTtl_nearestExpiriesGoFirst() {
    CommandFixture f = fixture("volatile-ttl");
    int n = 3000;
    for (int i = 0; i < n; i++) { // key i expires i seconds later than key 0
      f.run("SET", "k:" + i, "some value " + i, "EX", Integer.toString(10_000 + i));
    }
    int survivorsFirstHalf = 0;
    int survivors = 0;
    for (int i = 0; i < n; i++) {
      if (f.run("EXISTS", "k:" + i).equals(":1\r\n")) {
        survivors++;
        survivorsFirstHalf += i < n / 2 ? 1 : 0;
      }
    }
    assertTrue(survivors > 100 && survivors < n, "survivors " + survivors);
    assertTrue(survivorsFirstHalf * 10 < survivors, survivorsFirstHalf + " of " + survivors);
  }

  @Test
  void noeviction_overLimit_denyoomRefusedReadsServed() {
    CommandFixture f = fixture("noeviction");
    int i = 0;
    String reply;
    do {
      reply = f.run("SET", "key:" + i, "value:" + i++);
    } while (reply.equals("+OK\r\n") && i < 100_000);
    assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n", reply);
    assertEquals("$7\r\nvalue:0\r\n", f.run("GET", "key:0"));
    assertEquals(":1\r\n", f.run("DEL", "key:0"));
    assertEquals(0, f.engine.eviction().evictedKeys());
  }

  @Test
  void multi_overLimit_execOfDenyoomQueueAndQueueingRefused() {
    CommandFixture f = new CommandFixture();
    CommandFixture.Client other = f.newClient(true);
    assertEquals("+OK\r\n", f.run("MULTI"));
    assertEquals("+QUEUED\r\n", f.run("SET", "k", "v"));
    other.run("CONFIG", "SET", "maxmemory", "1"); // as redis-server 7.0.15 replies
    assertEquals("-EXECABORT Transaction discarded because of: OOM command not allowed when "
        + "used memory > 'maxmemory'.\r\n", f.run("EXEC"));
    assertEquals("+OK\r\n", f.run("MULTI"));
    assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n",
        f.run("GET", "k"));
    assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n",
        f.run("EXEC"));
  }

  @Test
  void configSetMaxmemory_belowUsage_evictsAtOnce() {
    CommandFixture f = new CommandFixture();
    // no time limit, so that the whole excess goes in the one round CONFIG SET runs
    f.run("CONFIG", "SET", "maxmemory-policy", "allkeys-random", "maxmemory-eviction-tenacity",
        "100");
    for (int i = 0; i < 1000; i++) {
      f.run("SET", "key:" + i, "value:" + i);
    }
    long limit = f.engine.memory().usedBytes() / 2;
    assertEquals("+OK\r\n", f.run("CONFIG", "SET", "maxmemory", Long.toString(limit)));
    assertTrue(f.engine.eviction().evictedKeys() > 300, "evicted " + f.engine.eviction().evictedKeys());
    assertTrue(f.engine.memory().usedBytes() <= limit);
  }

  @Test
  void evictedKey_raisesEvictedEvent() {
    CommandFixture f = fixture("allkeys-random");
    f.run("CONFIG", "SET", "notify-keyspace-events", "Ee");
    TransactionCommandsTest.Recorder r = new TransactionCommandsTest.Recorder();
    f.engine.pubsub().psubscribe(r, "__keyevent@0__:*".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 1000; i++) {
      f.run("SET", "key:" + i, "value:" + i);
    }
    long evicted = f.engine.eviction().evictedKeys();
    assertTrue(evicted > 0);
    assertEquals(evicted, r.lines.size());
    assertTrue(r.lines.get(0).startsWith("__keyevent@0__:evicted key:"), r.lines.get(0));
  }
}
