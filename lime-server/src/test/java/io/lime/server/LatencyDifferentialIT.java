package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.Differential;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LATENCY DOCTOR, GRAPH, HISTOGRAM and INFO latencystats, LIME against redis-server 7.0.15
 * under RESP2 and RESP3: texts that do not depend on timing byte for byte, the rest by shape
 * (durations masked, INFO lines compared as sets since Redis lists them in hash order).
 */
class LatencyDifferentialIT {
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

  private static String both(WireDifferential.Pair c, boolean redis, String... cmd) {
    WireDifferential.Conn conn = redis ? c.redis : c.lime;
    conn.send(encode(cmd));
    return Differential.show(conn.readReplies(1));
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void doctorAndGraph_withoutSpikes(int resp) {
    try (WireDifferential.Pair c = wire.connect(resp)) {
      c.check("LATENCY", "RESET");
      c.check("CONFIG", "SET", "latency-monitor-threshold", "0");
      c.check("LATENCY", "DOCTOR"); // disabled
      c.check("LATENCY", "GRAPH", "command");
      c.check("LATENCY", "GRAPH");
      c.check("CONFIG", "SET", "latency-monitor-threshold", "100000");
      c.check("LATENCY", "DOCTOR"); // enabled, nothing observed
      c.check("CONFIG", "SET", "latency-monitor-threshold", "0");
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void percentilesDirective(int resp) {
    try (WireDifferential.Pair c = wire.connect(resp)) {
      c.check("CONFIG", "GET", "latency-tracking-info-percentiles");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "50 abc");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "50 101");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "0 50.50 100");
      c.check("CONFIG", "GET", "latency-tracking-info-percentiles");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "  25   75 ");
      c.check("CONFIG", "GET", "latency-tracking-info-percentiles");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "");
      c.check("CONFIG", "GET", "latency-tracking-info-percentiles");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "50 99 99.9");
      c.check("CONFIG", "GET", "latency-tracking");
    }
  }

  /** A LATENCY HISTOGRAM reply with bucket maps replaced by their total. */
  private static String maskHistogram(String shown) {
    return shown.replaceAll("histogram_usec\\\\r\\\\n[%*]\\d+\\\\r\\\\n(:\\d+\\\\r\\\\n)*",
        "histogram_usec BUCKETS ");
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void histogramAndInfo_byShape(int resp) {
    try (WireDifferential.Pair c = wire.connect(resp)) {
      c.check("CONFIG", "RESETSTAT");
      c.check("CONFIG", "SET", "latency-tracking", "yes");
      for (int i = 0; i < 5; i++) {
        c.check("SET", "k" + i, "v");
        c.check("GET", "k" + i);
      }
      c.check("CLIENT", "GETNAME");
      c.check("LATENCY", "HISTOGRAM", "nosuch");
      for (String[] q : List.of(new String[] {"LATENCY", "HISTOGRAM", "set", "GET", "nosuch"},
          new String[] {"LATENCY", "HISTOGRAM", "client"},
          new String[] {"LATENCY", "HISTOGRAM", "client|getname"})) {
        String r = both(c, true, q);
        String l = both(c, false, q);
        assertEquals(maskHistogram(r), maskHistogram(l));
        assertTrue(l.contains("histogram_usec"), l);
      }
      // every bucket list ends at the calls count
      String l = both(c, false, "LATENCY", "HISTOGRAM", "set");
      assertTrue(l.matches(".*calls\\\\r\\\\n:5\\\\r\\\\n.*:5\\\\r\\\\n"), l);
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "0 50.5 100");
      String ri = both(c, true, "INFO", "latencystats");
      String li = both(c, false, "INFO", "latencystats");
      assertEquals(infoShape(ri), infoShape(li));
      assertTrue(li.contains("latency_percentiles_usec_set:p0="), li);
      c.check("CONFIG", "SET", "latency-tracking", "no");
      c.check("INFO", "latencystats");
      c.check("CONFIG", "SET", "latency-tracking", "yes");
      c.check("CONFIG", "SET", "latency-tracking-info-percentiles", "50 99 99.9");
      c.check("CONFIG", "RESETSTAT");
      c.check("LATENCY", "HISTOGRAM", "set");
    }
  }

  /** INFO latencystats lines, values masked, as a sorted set. */
  private static String infoShape(String shown) {
    String body = shown.replaceAll("^\\S+?\\\\r\\\\n", ""); // bulk/verbatim header
    return Arrays.stream(body.split("\\\\r\\\\n"))
        .map(s -> s.replaceAll("=\\d+\\.\\d{3}", "=V"))
        .filter(s -> !s.isEmpty())
        .sorted()
        .collect(Collectors.joining("\n"));
  }
}
