package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.GeoView;
import io.lime.GeoView.Position;
import io.lime.GeoView.Search;
import io.lime.GeoView.Unit;
import io.lime.SortOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed geo view, sort and dump/restore run the commands' operations: the same results,
 * keyspace events and AOF bytes through both doors ({@link TwoDoors}).
 */
class GeoSortDumpDoorsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void geo_sameResultsEventsAndAof() {
    try (TwoDoors d = TwoDoors.open()) {
      assertEquals(1L, d.typed(s -> s.geo("g").add(b("Palermo"),
          new Position(13.361389, 38.115556), GeoView.Condition.ALWAYS, false)));
      assertEquals(1L, d.resp("GEOADD", "g", "13.361389", "38.115556", "Palermo"));
      assertEquals(2L, d.typed(s -> s.geo("g").add(b("Catania"),
          new Position(15.087269, 37.502669), GeoView.Condition.NX, true) + 1));
      assertEquals(1L, d.resp("GEOADD", "g", "NX", "CH", "15.087269", "37.502669", "Catania"));
      d.assertSameEffects("GEOADD");

      Position p = (Position) d.typed(s -> s.geo("g").position(b("Palermo")));
      assertEquals(List.of(List.of("13.36138933897018433", "38.11555639549629859")),
          d.resp("GEOPOS", "g", "Palermo"));
      assertEquals(13.36138933897018433, p.longitude(), 0);
      assertEquals(166.2742, (Double) d.typed(s -> s.geo("g").distance(b("Palermo"),
          b("Catania"), Unit.KILOMETERS)), 1e-4);
      assertEquals("sqc8b49rny0", d.typed(s -> s.geo("g").hash(b("Palermo"))));
      assertEquals(null, d.typed(s -> s.geo("g").hash(b("nope"))));

      @SuppressWarnings("unchecked")
      List<GeoView.Match> found = (List<GeoView.Match>) d.typed(s -> s.geo("g").search(
          Search.around(new Position(15, 37), 200, Unit.KILOMETERS).withOrder(-1)));
      Object reply = d.resp("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
          "DESC", "WITHDIST", "WITHHASH");
      List<Object> typedAsReply = new ArrayList<>();
      for (GeoView.Match m : found) {
        typedAsReply.add(List.of(new String(m.member(), StandardCharsets.UTF_8),
            io.lime.internal.type.GeoHash.formatDistance(m.distance()), m.hash()));
      }
      assertEquals(reply, typedAsReply);

      assertEquals(1L, d.typed(s -> s.geo("g").searchStore(b("dst"),
          Search.aroundMember(b("Palermo"), 100, Unit.KILOMETERS), true)));
      assertEquals(1L, d.resp("GEOSEARCHSTORE", "dst", "g", "FROMMEMBER", "Palermo", "BYRADIUS",
          "100", "km", "STOREDIST"));
      d.assertSameEffects("GEOSEARCHSTORE");
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> d.typed(s -> s.geo("g").search(Search.aroundMember(b("nope"), 1, Unit.METERS))));
      assertEquals(new TwoDoors.ErrorReply(bad.getMessage()), d.resp("GEOSEARCH", "g",
          "FROMMEMBER", "nope", "BYRADIUS", "1", "m"));
    }
  }

  @Test
  void sort_sameResultsEventsAndAof() {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.list("l").rightPush(b("3"), b("1"), b("2")));
      d.resp("RPUSH", "l", "3", "1", "2");
      d.typed(s -> {
        s.set("w_1", "30");
        s.set("w_2", "20");
        s.set("w_3", "10");
        return null;
      });
      d.resp("SET", "w_1", "30");
      d.resp("SET", "w_2", "20");
      d.resp("SET", "w_3", "10");
      d.assertSameEffects("setup");
      SortOptions byW = SortOptions.DEFAULT.withBy("w_*").withGet("#").withGet("w_*");
      @SuppressWarnings("unchecked")
      List<byte[]> sorted = (List<byte[]>) d.typed(s -> s.sort(b("l"), byW));
      List<String> asText = new ArrayList<>();
      for (byte[] x : sorted) {
        asText.add(new String(x, StandardCharsets.UTF_8));
      }
      assertEquals(d.resp("SORT", "l", "BY", "w_*", "GET", "#", "GET", "w_*"), asText);
      assertEquals(3L, d.typed(s -> s.sortStore(b("l"),
          SortOptions.DEFAULT.withDescending(true), b("out"))));
      assertEquals(3L, d.resp("SORT", "l", "LIMIT", "0", "-1", "DESC", "STORE", "out"));
      d.assertSameEffects("SORT STORE");
      d.typed(s -> {
        s.set("w_2", "x");
        return null;
      });
      d.resp("SET", "w_2", "x");
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> d.typed(s -> s.sort(b("l"), byW)));
      assertEquals(new TwoDoors.ErrorReply(bad.getMessage()),
          d.resp("SORT", "l", "BY", "w_*", "GET", "#", "GET", "w_*"));
    }
  }

  @Test
  void dumpRestore_sameResultsEventsAndAof() {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.sortedSet("z").add("a", 1));
      d.resp("ZADD", "z", "1", "a");
      byte[] typedDump = (byte[]) d.typed(s -> s.dump(b("z")));
      assertEquals(null, d.typed(s -> s.dump(b("missing"))));
      d.typed(s -> {
        s.restore(b("copy"), typedDump, 0, false);
        return null;
      });
      d.resp(b("RESTORE"), b("copy"), b("0"), typedDump);
      d.typed(s -> {
        s.restore(b("copy"), typedDump, 5000, true);
        return null;
      });
      d.resp(b("RESTORE"), b("copy"), b("5000"), typedDump, b("REPLACE"));
      d.assertSameEffects("RESTORE");
      Object busy = d.typed(s -> {
        s.restore(b("copy"), typedDump, 0, false);
        return null;
      });
      assertTrue(TwoDoors.sameError(busy, d.resp(b("RESTORE"), b("copy"), b("0"), typedDump)));
      byte[] corrupt = typedDump.clone();
      corrupt[0] ^= 1;
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> d.typed(s -> {
            s.restore(b("x"), corrupt, 0, false);
            return null;
          }));
      assertEquals(new TwoDoors.ErrorReply(bad.getMessage()),
          d.resp(b("RESTORE"), b("x"), b("0"), corrupt));
      assertArrayEquals(typedDump, (byte[]) d.typed(s -> s.dump(b("copy"))));
    }
  }
}
