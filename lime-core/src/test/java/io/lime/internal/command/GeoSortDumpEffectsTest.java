package io.lime.internal.command;

import static io.lime.internal.command.CommandFixture.array;
import static io.lime.internal.command.CommandFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.command.CommandFixture.Client;
import io.lime.internal.persistence.rdb.DumpPayload;
import io.lime.internal.type.ListValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The side effects of the geo, SORT and DUMP/RESTORE writes that a single-client differential
 * test cannot see: keyspace events (names as Redis publishes them) and clients blocked on a
 * destination key being served.
 */
class GeoSortDumpEffectsTest {
  private final ListFixture f = new ListFixture();

  private TransactionCommandsTest.Recorder subscribe() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "KEA");
    TransactionCommandsTest.Recorder r = new TransactionCommandsTest.Recorder();
    f.engine.pubsub().psubscribe(r, "__keyevent*__:*".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void sortStore_servesBlockedPop_andPublishesSortstore() {
    f.run("RPUSH", "src", "3", "1", "2");
    Client c = f.client();
    assertEquals("", c.run("BLPOP", "dst", "0"));
    assertTrue(c.blocked());
    TransactionCommandsTest.Recorder r = subscribe();
    assertEquals(i(3), f.run("SORT", "src", "STORE", "dst"));
    assertEquals(array("dst", "1"), c.drain());
    assertFalse(c.blocked());
    assertEquals(array("2", "3"), f.run("LRANGE", "dst", "0", "-1"));
    assertTrue(r.lines.contains("__keyevent@0__:sortstore dst"), r.lines.toString());
    r.lines.clear();
    f.run("SORT", "missing", "STORE", "dst");
    assertEquals(List.of("__keyevent@0__:del dst"), r.lines);
  }

  @Test
  void geo_events_andStoreServesBlockedZpop() {
    TransactionCommandsTest.Recorder r = subscribe();
    f.run("GEOADD", "g", "13.361389", "38.115556", "Palermo");
    assertEquals(List.of("__keyevent@0__:zadd g"), r.lines);
    Client c = f.client();
    c.run("BZPOPMIN", "d", "0");
    assertTrue(c.blocked());
    r.lines.clear();
    assertEquals(i(1), f.run("GEORADIUS", "g", "13", "38", "100", "km", "STORE", "d"));
    assertEquals(array("d", "Palermo", "3479099956230698"), c.drain());
    assertFalse(c.blocked());
    assertTrue(r.lines.contains("__keyevent@0__:georadiusstore d"), r.lines.toString());
    r.lines.clear();
    f.run("GEOSEARCHSTORE", "d2", "g", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km");
    assertEquals(List.of("__keyevent@0__:geosearchstore d2"), r.lines);
  }

  @Test
  void restore_publishesRestore_andServesBlockedPop() {
    ListValue l = new ListValue();
    l.push(false, "a".getBytes(StandardCharsets.UTF_8), -2);
    byte[] payload = DumpPayload.create(l, true);
    Client c = f.client();
    c.run("BLPOP", "copy", "0");
    TransactionCommandsTest.Recorder r = subscribe();
    assertEquals("+OK\r\n", f.run("RESTORE".getBytes(StandardCharsets.UTF_8),
        "copy".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8), payload));
    assertEquals(array("copy", "a"), c.drain());
    assertTrue(r.lines.contains("__keyevent@0__:restore copy"), r.lines.toString());
  }
}
