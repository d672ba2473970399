package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every geo command, option and error compared byte for byte with a real redis-server 7.0
 * under RESP2 and RESP3: positions, hashes, distances and search results (whose order is
 * Redis's box order unless sorted), in both sorted set encodings.
 */
class GeoCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static void sicily(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669",
            "Catania"),
        c("GEOADD", "Sicily", "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2"),
        c("GEOADD", "Sicily", "14.015", "37.97", "Caltanissetta", "12.5", "37.8", "Marsala"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void geoadd_options_and_errors_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("GEOADD", "g", "13.361389", "38.115556", "Palermo"),
        c("GEOADD", "g", "NX", "1", "1", "Palermo", "2", "2", "b"),
        c("GEOADD", "g", "XX", "3", "3", "Palermo", "4", "4", "c"),
        c("GEOADD", "g", "XX", "CH", "5", "5", "Palermo"),
        c("GEOADD", "g", "CH", "NX", "5", "5", "x"),
        c("GEOADD", "g", "ch", "6", "6", "x", "7", "7", "y"),
        c("ZRANGE", "g", "0", "-1", "WITHSCORES"),
        c("GEOADD", "g", "NX", "XX", "1", "1", "a"),
        c("GEOADD", "g", "1", "1"),
        c("GEOADD", "g", "1", "1", "a", "2"),
        c("GEOADD", "g", "CH", "CH", "CH"),
        c("GEOADD", "g", "200", "100", "a"),
        c("GEOADD", "g", "-180.5", "0", "a"),
        c("GEOADD", "g", "0", "85.06", "a"),
        c("GEOADD", "g", "0", "-85.06", "a"),
        c("GEOADD", "g", "-inf", "1", "a"),
        c("GEOADD", "g", "1", "inf", "a"),
        c("GEOADD", "g", "abc", "1", "a"),
        c("GEOADD", "g", "1", "nan", "a"),
        c("GEOADD", "g", "1", "1", "ok", "abc", "1", "a"),
        c("GEOADD", "g", "1", "1", "ok", "500", "1", "a"),
        c("ZCARD", "g"),
        c("GEOADD", "g", "180", "85.05112878", "top", "-180", "-85.05112878", "bottom"),
        c("GEOADD", "g", "0", "0", "zero", "-0", "-0", "negzero", "1e-10", "1e-10", "tiny"),
        c("ZRANGE", "g", "0", "-1", "WITHSCORES"),
        c("GEOPOS", "g", "top", "bottom", "zero", "negzero", "tiny", "missing"),
        c("GEOHASH", "g", "top", "bottom", "zero", "negzero", "tiny", "missing"),
        c("SET", "s", "v"),
        c("GEOADD", "s", "1", "1", "a"),
        c("GEOPOS", "s", "a"), c("GEOHASH", "s", "a"), c("GEODIST", "s", "a", "b"),
        c("GEORADIUS", "s", "1", "1", "1", "km", "BADOPT"),
        c("GEOSEARCH", "s", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void reads_identical(int resp) {
    sicily(resp);
    diff.checkAll(
        c("GEOPOS", "Sicily", "Palermo", "Catania", "nope", "edge1"),
        c("GEOPOS", "Sicily"), c("GEOPOS", "missing", "a", "b"), c("GEOPOS", "missing"),
        c("GEOHASH", "Sicily", "Palermo", "Catania", "nope"), c("GEOHASH", "Sicily"),
        c("GEOHASH", "missing", "a"),
        c("GEODIST", "Sicily", "Palermo", "Catania"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "km"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "MI"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "ft"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "m"),
        c("GEODIST", "Sicily", "Palermo", "Palermo"),
        c("GEODIST", "Sicily", "edge1", "edge2", "km"),
        c("GEODIST", "Sicily", "Palermo", "nope"),
        c("GEODIST", "missing", "a", "b"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "cm"),
        c("GEODIST", "missing", "a", "b", "cm"),
        c("GEODIST", "Sicily", "Palermo", "Catania", "km", "extra"),
        c("MULTI"), c("GEOPOS", "Sicily", "Palermo", "nope"),
        c("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "200", "km", "WITHCOORD"),
        c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "inmulti"), c("EXEC"),
        c("ZCARD", "inmulti"));
  }

  private static final String[][] SEARCH_OPTIONS = {
      {}, {"ASC"}, {"DESC"}, {"WITHDIST"}, {"WITHCOORD"}, {"WITHHASH"},
      {"WITHDIST", "WITHCOORD", "WITHHASH"}, {"COUNT", "2"}, {"COUNT", "2", "DESC"},
      {"COUNT", "1", "ANY"}, {"COUNT", "3", "ANY", "ASC"}, {"COUNT", "100"},
      {"withdist", "desc", "count", "3", "withcoord"}};

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void searches_identical(int resp) {
    sicily(resp);
    String[][] bases = {
        c("GEORADIUS", "Sicily", "15", "37", "200", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "100", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "100000", "m"),
        c("GEORADIUS_RO", "Sicily", "15", "37", "200", "mi"),
        c("GEORADIUS", "Sicily", "15", "37", "0", "km"),
        c("GEORADIUS", "Sicily", "13.361389", "38.115556", "0", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "20000", "km"),
        c("GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km"),
        c("GEORADIUSBYMEMBER_RO", "Sicily", "Catania", "500000", "ft"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"),
        c("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km"),
        c("GEOSEARCH", "Sicily", "BYBOX", "200", "100", "km", "FROMLONLAT", "14", "38"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "0", "0", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "40000", "40000", "km"),
        c("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "FROMMEMBER", "Catania", "BYRADIUS",
            "10", "km"),
        c("GEORADIUS", "missing", "15", "37", "200", "km"),
        c("GEOSEARCH", "missing", "FROMMEMBER", "x", "BYRADIUS", "200", "km")};
    for (String[] base : bases) {
      for (String[] opts : SEARCH_OPTIONS) {
        diff.check(concat(base, opts));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void searches_in_skiplist_identical(int resp) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "zset-max-listpack-entries", "4");
    String[] add = new String[2 + 3 * 40];
    add[0] = "GEOADD";
    add[1] = "big";
    for (int i = 0; i < 40; i++) {
      add[2 + 3 * i] = Double.toString(-10 + i * 0.37);
      add[3 + 3 * i] = Double.toString(40 + (i % 7) * 0.21);
      add[4 + 3 * i] = "p" + i;
    }
    diff.check(add);
    diff.checkAll(c("OBJECT", "ENCODING", "big"),
        c("GEOSEARCH", "big", "FROMLONLAT", "-5", "40.5", "BYRADIUS", "300", "km"),
        c("GEOSEARCH", "big", "FROMLONLAT", "-5", "40.5", "BYRADIUS", "300", "km", "ASC",
            "WITHDIST"),
        c("GEOSEARCH", "big", "FROMLONLAT", "-5", "40.5", "BYBOX", "300", "100", "km", "DESC",
            "WITHCOORD", "WITHHASH"),
        c("GEOSEARCH", "big", "FROMLONLAT", "-5", "40.5", "BYRADIUS", "300", "km", "COUNT", "3",
            "ANY"),
        c("GEORADIUS", "big", "0", "41", "1000", "km", "COUNT", "5"),
        c("GEOSEARCHSTORE", "dst", "big", "FROMLONLAT", "-5", "40.5", "BYRADIUS", "300", "km"),
        c("OBJECT", "ENCODING", "dst"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
        c("GEOSEARCHSTORE", "dst", "big", "FROMLONLAT", "-5", "40.5", "BYRADIUS", "100", "km",
            "STOREDIST", "COUNT", "2"),
        c("OBJECT", "ENCODING", "dst"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void stores_identical(int resp) {
    sicily(resp);
    diff.checkAll(
        c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "d1"),
        c("ZRANGE", "d1", "0", "-1", "WITHSCORES"), c("OBJECT", "ENCODING", "d1"),
        c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "d2"),
        c("ZRANGE", "d2", "0", "-1", "WITHSCORES"),
        c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "d3", "COUNT", "1", "DESC"),
        c("ZRANGE", "d3", "0", "-1", "WITHSCORES"),
        c("GEORADIUSBYMEMBER", "Sicily", "Palermo", "100", "km", "STORE", "d4", "STOREDIST", "d5"),
        c("EXISTS", "d4", "d5"), c("ZRANGE", "d5", "0", "-1", "WITHSCORES"),
        c("GEOSEARCHSTORE", "d6", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"),
        c("ZRANGE", "d6", "0", "-1", "WITHSCORES"),
        c("GEOSEARCHSTORE", "d7", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km",
            "STOREDIST", "ASC", "COUNT", "2"),
        c("ZRANGE", "d7", "0", "-1", "WITHSCORES"),
        c("SET", "d8", "x"), c("EXPIRE", "d8", "100"),
        c("GEOSEARCHSTORE", "d8", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"),
        c("TYPE", "d8"), c("TTL", "d8"),
        c("GEOSEARCHSTORE", "d8", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"),
        c("EXISTS", "d8"),
        c("GEOSEARCHSTORE", "d6", "missing", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"),
        c("EXISTS", "d6"),
        c("GEORADIUS", "missing", "15", "37", "200", "km", "STORE", "d1"), c("EXISTS", "d1"),
        c("GEORADIUSBYMEMBER", "missing", "x", "-1", "km", "STORE", "d2"), c("EXISTS", "d2"),
        c("GEOSEARCHSTORE", "Sicily", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "100", "km"),
        c("ZRANGE", "Sicily", "0", "-1", "WITHSCORES"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void search_errors_identical(int resp) {
    sicily(resp);
    diff.checkAll(
        c("GEORADIUS", "Sicily", "15", "37", "-1", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "x", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "cm"),
        c("GEORADIUS", "Sicily", "x", "37", "1", "km"),
        c("GEORADIUS", "Sicily", "190", "37", "x", "km"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "BAD"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "COUNT"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "COUNT", "0"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "COUNT", "-3"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "COUNT", "x"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "ANY"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "STORE"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "STORE", "d", "WITHDIST"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "WITHHASH", "STOREDIST", "d"),
        c("GEORADIUS_RO", "Sicily", "15", "37", "1", "km", "STORE", "d"),
        c("GEORADIUS", "Sicily", "15", "37", "1", "km", "FROMMEMBER", "Palermo"),
        c("GEORADIUSBYMEMBER", "Sicily", "nope", "1", "km"),
        c("GEORADIUSBYMEMBER", "Sicily", "nope", "x", "km"),
        c("GEORADIUSBYMEMBER", "Sicily", "Palermo", "x", "km"),
        c("GEORADIUSBYMEMBER", "missing", "nope", "x", "km", "BAD"),
        c("GEORADIUSBYMEMBER", "missing", "nope", "x", "km"),
        c("GEORADIUSBYMEMBER_RO", "Sicily", "Palermo", "1", "km", "STOREDIST", "d"),
        c("GEOSEARCH", "Sicily", "BYRADIUS", "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "STORE", "d"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "STOREDIST"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "FROMMEMBER", "Palermo", "BYRADIUS",
            "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "FROMLONLAT", "1", "1", "BYRADIUS",
            "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMMEMBER", "nope", "BYRADIUS", "-1", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "BYBOX", "1", "1",
            "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "1", "1", "km", "BYRADIUS", "1",
            "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "-1", "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "x", "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "1", "x", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "1", "1", "yd"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "1", "1"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "100", "BYBOX", "1", "1", "km"),
        c("GEOSEARCH", "Sicily", "FROMLONLAT", "x", "1", "BYBOX", "1", "1", "km"),
        c("GEOSEARCH", "Sicily", "fromlonlat", "1", "1", "byradius", "1", "km", "any"),
        c("GEOSEARCH", "missing", "FROMLONLAT", "1", "1"),
        c("GEOSEARCH", "missing", "FROMMEMBER", "x", "BYRADIUS", "1", "km", "WITHDIST"),
        c("GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km",
            "WITHDIST"),
        c("GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km",
            "STORE", "x"),
        c("GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "1", "1"),
        c("GEOSEARCHSTORE", "d", "missing", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km",
            "ANY"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void poles_and_antimeridian_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("GEOADD", "w", "179.5", "36", "p1", "-179.5", "36", "p2", "179.9", "85", "n1",
            "-179.9", "-85", "s1", "0", "80.5", "a1", "90", "-70", "a2"),
        c("GEOSEARCH", "w", "FROMLONLAT", "179", "37", "BYBOX", "400", "400", "km", "ASC",
            "WITHDIST"),
        c("GEOSEARCH", "w", "FROMLONLAT", "-179.99", "36", "BYRADIUS", "200", "km", "ASC"),
        c("GEOSEARCH", "w", "FROMLONLAT", "0", "85", "BYRADIUS", "3000", "km", "ASC", "WITHDIST"),
        c("GEOSEARCH", "w", "FROMLONLAT", "100", "-75", "BYBOX", "5000", "2000", "km",
            "WITHCOORD"),
        c("GEORADIUS", "w", "0", "0", "30000", "km", "ASC", "WITHDIST"),
        c("GEODIST", "w", "p1", "p2"), c("GEODIST", "w", "n1", "s1", "km"),
        c("GEOPOS", "w", "p1", "p2", "n1", "s1", "a1", "a2"),
        c("GEOHASH", "w", "p1", "p2", "n1", "s1", "a1", "a2"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void ties_orderedAsRedisPartialSort(int resp) {
    diff.reset(resp);
    String[] add = new String[2 + 3 * 60];
    add[0] = "GEOADD";
    add[1] = "t";
    for (int i = 0; i < 60; i++) {
      add[2 + 3 * i] = i % 3 == 0 ? "10" : "10.001";
      add[3 + 3 * i] = i % 5 == 0 ? "10" : "10.002";
      add[4 + 3 * i] = "m" + i;
    }
    diff.check(add);
    for (String order : new String[] {"ASC", "DESC"}) {
      for (String count : new String[] {"1", "3", "7", "12", "41", "59", "60", "100"}) {
        diff.check("GEOSEARCH", "t", "FROMLONLAT", "10", "10", "BYRADIUS", "10", "km", order,
            "COUNT", count);
        diff.check("GEORADIUS", "t", "10", "10", "10", "km", order, "COUNT", count, "WITHDIST");
      }
    }
  }
}
