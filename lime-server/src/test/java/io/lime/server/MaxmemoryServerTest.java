package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The issue 18 scenario as a new user tries it: a server started with {@code --maxmemory}
 * and an eviction policy, written ten times that much through a socket, keeps its
 * {@code used_memory} under the limit and reports the evictions.
 */
class MaxmemoryServerTest {
  private static final int MAX_BYTES = 2 * 1024 * 1024;

  @Test
  void tenTimesMaxmemoryWritten_usedMemoryUnderLimitAndEvictionsReported() {
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--maxmemory", "2mb",
        "--maxmemory-policy", "allkeys-lru").start();
        TestClient c = new TestClient(s.port())) {
      String value = "x".repeat(1000);
      int keys = 10 * MAX_BYTES / 1000;
      for (int batch = 0; batch < keys; batch += 1000) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = batch; i < batch + 1000; i++) {
          b.writeBytes(TestClient.encode("SET", "key:" + i, value));
        }
        c.send(b.toByteArray());
        for (int i = 0; i < 1000; i++) {
          assertEquals(new RespValue.SimpleString("OK"), c.read());
        }
      }
      String memory = TestClient.text(c.call("INFO", "memory"));
      long used = field(memory, "used_memory");
      assertTrue(used <= MAX_BYTES, "used_memory " + used);
      assertEquals(MAX_BYTES, field(memory, "maxmemory"));
      assertTrue(field(TestClient.text(c.call("INFO", "stats")), "evicted_keys") > keys / 2);
    }
  }

  private static long field(String info, String name) {
    int i = info.indexOf("\r\n" + name + ":") + name.length() + 3;
    return Long.parseLong(info.substring(i, info.indexOf('\r', i)));
  }
}
