package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random points give the same GEOPOS, GEOHASH, GEODIST and GEOSEARCH replies as a real
 * redis-server 7.0 (byte for byte, RESP2 and RESP3): the 52-bit hash, the decoding, the
 * haversine distance, the nine-box search and the number formats. Some points share a
 * longitude or latitude (the degenerate distances); searches mix circles and boxes, units,
 * orders and COUNT [ANY].
 */
class GeoPointsDifferentialIT {
  static Differential diff;

  @BeforeContainer
  static void up() {
    diff = Differential.start();
  }

  @AfterContainer
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  record Point(double lon, double lat) {}

  record Search(Point center, boolean box, double a, double b, String unit, String order,
      int count, boolean any, int resp) {}

  @Provide
  Arbitrary<Point> points() {
    Arbitrary<Double> lon = Arbitraries.doubles().between(-180, 180).ofScale(6);
    Arbitrary<Double> lat = Arbitraries.doubles().between(-85.051128, 85.051128).ofScale(6);
    Arbitrary<Double> nearLon = Arbitraries.doubles().between(10, 12).ofScale(4);
    Arbitrary<Double> nearLat = Arbitraries.doubles().between(44, 45).ofScale(4);
    return Arbitraries.oneOf(Combinators.combine(lon, lat).as(Point::new),
        Combinators.combine(nearLon, nearLat).as(Point::new),
        Combinators.combine(Arbitraries.of(11.0, -180.0, 180.0, 0.0), nearLat).as(Point::new),
        Combinators.combine(nearLon, Arbitraries.of(44.5, 85.051128, -85.051128, 0.0))
            .as(Point::new));
  }

  @Provide
  Arbitrary<Search> searches() {
    Arbitrary<Double> size = Arbitraries.oneOf(Arbitraries.doubles().between(0, 500).ofScale(3),
        Arbitraries.doubles().between(0, 30000).ofScale(1));
    return Combinators.combine(points(), Arbitraries.of(true, false), size, size,
        Arbitraries.of("m", "km", "mi", "ft"), Arbitraries.of("", "ASC", "DESC"),
        Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
        .as((p, box, a, b, unit, order, count, any) ->
            new Search(p, box, a, b, unit, order, count, any, 2));
  }

  @Provide
  Arbitrary<List<Point>> pointLists() {
    return points().list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Search>> searchLists() {
    return searches().list().ofMaxSize(6);
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.6f", d);
  }

  @Property(tries = 25)
  void randomPoints_sameRepliesAsRedis(
      @ForAll("pointLists") List<Point> pts,
      @ForAll("searchLists") List<Search> searches,
      @ForAll boolean resp3) {
    diff.reset(resp3 ? 3 : 2);
    if (pts.isEmpty()) {
      return;
    }
    List<String> add = new ArrayList<>(List.of("GEOADD", "g"));
    for (int i = 0; i < pts.size(); i++) {
      add.add(num(pts.get(i).lon()));
      add.add(num(pts.get(i).lat()));
      add.add("m" + i);
    }
    diff.check(add.toArray(String[]::new));
    List<String> pos = new ArrayList<>(List.of("GEOPOS", "g"));
    List<String> hash = new ArrayList<>(List.of("GEOHASH", "g"));
    for (int i = 0; i < pts.size(); i++) {
      pos.add("m" + i);
      hash.add("m" + i);
    }
    diff.check(pos.toArray(String[]::new));
    diff.check(hash.toArray(String[]::new));
    for (int i = 0; i + 1 < pts.size(); i++) {
      diff.check("GEODIST", "g", "m" + i, "m" + (i + 1), i % 2 == 0 ? "km" : "m");
    }
    for (Search s : searches) {
      List<String> cmd = new ArrayList<>(List.of("GEOSEARCH", "g", "FROMLONLAT",
          num(s.center().lon()), num(s.center().lat())));
      if (s.box()) {
        cmd.addAll(List.of("BYBOX", num(s.a()), num(s.b()), s.unit()));
      } else {
        cmd.addAll(List.of("BYRADIUS", num(s.a()), s.unit()));
      }
      if (!s.order().isEmpty()) {
        cmd.add(s.order());
      }
      if (s.count() > 0) {
        cmd.addAll(List.of("COUNT", Integer.toString(s.count())));
        if (s.any()) {
          cmd.add("ANY");
        }
      }
      cmd.addAll(List.of("WITHDIST", "WITHHASH", "WITHCOORD"));
      diff.check(cmd.toArray(String[]::new));
      cmd.set(2, "FROMMEMBER");
      cmd.set(3, "m" + (s.count() % pts.size()));
      cmd.remove(4);
      diff.check(cmd.toArray(String[]::new));
    }
  }
}
