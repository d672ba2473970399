package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.config.ConfigRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMonitorTest {
  @Test
  void add_keepsOneSamplePerSecondWithTheLargerLatency_andTheMax() {
    LatencyMonitor m = new LatencyMonitor(new ConfigRegistry());
    m.add("command", 5, 100);
    m.add("command", 9, 100); // same second: the larger one
    m.add("command", 3, 100);
    m.add("command", 4, 101);
    assertEquals(List.of(new LatencyMonitor.Sample(100, 9), new LatencyMonitor.Sample(101, 4)),
        m.history("command"));
    assertArrayEquals(new long[] {101, 4, 9}, m.latest().get("command"));
    assertEquals(List.of(), m.history("other"));
  }

  @Test
  void add_wrapsAfter160Samples() {
    LatencyMonitor m = new LatencyMonitor(new ConfigRegistry());
    for (int s = 0; s < 200; s++) {
      m.add("e", s, s + 1);
    }
    List<LatencyMonitor.Sample> h = m.history("e");
    assertEquals(160, h.size());
    assertEquals(new LatencyMonitor.Sample(41, 40), h.get(0));
    assertEquals(new LatencyMonitor.Sample(200, 199), h.get(159));
  }

  @Test
  void sampleIfNeeded_followsTheThreshold_andResetCounts() throws Exception {
    ConfigRegistry config = new ConfigRegistry();
    LatencyMonitor m = new LatencyMonitor(config);
    m.sampleIfNeeded("command", 1000, 5_000);
    assertEquals(0, m.latest().size()); // threshold 0: off
    config.set("latency-monitor-threshold", "10");
    m.sampleIfNeeded("command", 9, 5_000);
    m.sampleIfNeeded("fast-command", 10, 5_000);
    assertEquals(List.of("fast-command"), List.copyOf(m.latest().keySet()));
    assertEquals(0, m.reset(List.of("command")));
    assertEquals(1, m.reset(List.of()));
  }

  @Test
  void graph_rendersRedisSparkline() {
    List<LatencyMonitor.Sample> samples =
        List.of(new LatencyMonitor.Sample(95, 10), new LatencyMonitor.Sample(99, 20));
    assertEquals("command - high 20 ms, low 10 ms (all time high 25 ms)\n" + "-".repeat(80)
        + "\n #\n |\n |\n_|\n  \n51\nss\n",
        LatencyReport.graph("command", samples, 25, 100));
  }

  @Test
  void doctor_reportsEventsAndAdvices() throws Exception {
    ConfigRegistry config = new ConfigRegistry();
    LatencyMonitor m = new LatencyMonitor(config);
    assertEquals(true, LatencyReport.doctor(m, 10000, 100).startsWith("I'm sorry, Dave"));
    config.set("latency-monitor-threshold", "5");
    assertEquals(true, LatencyReport.doctor(m, 10000, 100).startsWith(
        "Dave, no latency spike was observed"));
    m.add("command", 10, 96);
    m.add("command", 20, 98);
    String r = LatencyReport.doctor(m, 10000, 100);
    assertEquals("Dave, I have observed latency spikes in this Redis instance. You don't mind "
        + "talking about it, do you Dave?\n\n1. command: 2 latency spikes (average 15ms, mean "
        + "deviation 5ms, period 2.00 sec). Worst all time event 20ms.\n\nI have a few advices "
        + "for you:\n\n- Your current Slow Log configuration only logs events that are slower "
        + "than your configured latency monitor threshold. Please use 'CONFIG SET "
        + "slowlog-log-slower-than 5000'.\n- Check your Slow Log", r.substring(0, r.indexOf(
        "- Check your Slow Log") + 21));
  }
}
