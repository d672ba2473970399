package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * maxmemory and MEMORY compared with a real redis-server 7.0.15 under RESP2 and RESP3: the
 * OOM error (alone and inside MULTI), CONFIG GET/SET of every eviction directive with Redis's
 * units and errors, the shape of MEMORY USAGE and MEMORY STATS (names, order and reply
 * types; the figures are each engine's own), the MEMORY subcommands' errors, and OBJECT FREQ
 * under LFU.
 */
class MemoryDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static void restore() {
    diff.check("CONFIG", "SET", "maxmemory", "0");
    diff.check("CONFIG", "SET", "maxmemory-policy", "noeviction");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void noeviction_overLimit_oomErrorForDenyoomOnly(int resp) {
    diff.reset(resp);
    diff.check("SET", "k", "v");
    diff.check("CONFIG", "SET", "maxmemory", "1");
    try {
      diff.check("SET", "k2", "v");
      diff.check("LPUSH", "l", "a");
      diff.check("APPEND", "k", "x");
      diff.check("GET", "k");
      diff.check("DEL", "k");
      diff.check("EXISTS", "k");
      diff.check("MULTI");
      diff.check("GET", "k");
      diff.check("EXEC");
      diff.check("MULTI");
      diff.check("DISCARD");
    } finally {
      restore();
    }
    diff.check("SET", "k2", "v");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void configGetSet_evictionDirectives_matchRedis(int resp) {
    diff.reset(resp);
    try {
      for (String v : new String[] {"1mb", "1gb", "100kb", "12345", "2G", "0"}) {
        diff.check("CONFIG", "SET", "maxmemory", v);
        diff.check("CONFIG", "GET", "maxmemory");
      }
      diff.check("CONFIG", "SET", "maxmemory", "-1");
      diff.check("CONFIG", "SET", "maxmemory", "1xb");
      for (String p : new String[] {"volatile-lru", "volatile-lfu", "volatile-random",
          "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "NOEVICTION"}) {
        diff.check("CONFIG", "SET", "maxmemory-policy", p);
        diff.check("CONFIG", "GET", "maxmemory-policy");
      }
      diff.check("CONFIG", "SET", "maxmemory-policy", "lru");
      for (String[] d : new String[][] {{"maxmemory-samples", "10", "0"},
          {"maxmemory-eviction-tenacity", "100", "101"}, {"lfu-log-factor", "0", "-1"},
          {"lfu-decay-time", "5", "x"}}) {
        diff.check("CONFIG", "SET", d[0], d[1]);
        diff.check("CONFIG", "GET", d[0]);
        diff.check("CONFIG", "SET", d[0], d[2]);
      }
      diff.check("CONFIG", "SET", "maxmemory-samples", "5", "maxmemory-eviction-tenacity", "10",
          "lfu-log-factor", "10", "lfu-decay-time", "1");
      for (String d : new String[] {"maxmemory-samples", "maxmemory-eviction-tenacity",
          "lfu-log-factor", "lfu-decay-time"}) {
        diff.check("CONFIG", "GET", d);
      }
    } finally {
      restore();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void memoryUsage_shapeAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("SET", "k", "value");
    diff.check("MEMORY", "USAGE", "missing");
    diff.check("MEMORY", "USAGE", "k", "SAMPLES");
    diff.check("MEMORY", "USAGE", "k", "SAMPLES", "-1");
    diff.check("MEMORY", "USAGE", "k", "SAMPLES", "x");
    diff.check("MEMORY", "USAGE", "k", "FOO", "1");
    diff.check("MEMORY", "USAGE");
    diff.check("MEMORY", "NOSUCH");
    diff.check("MEMORY", "HELP");
    diff.check("MEMORY", "PURGE");
    diff.check("MEMORY", "DOCTOR"); // both nearly empty: the "empty instance" report
    for (String[] c : new String[][] {{"MEMORY", "USAGE", "k"},
        {"MEMORY", "USAGE", "k", "samples", "0"}}) {
      assertEquals(shape(diff.redis(c)), shape(diff.lime(c)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void memoryStats_shape_matchesRedis(int resp) {
    diff.reset(resp);
    diff.check("SET", "k", "value");
    diff.check("SELECT", "3");
    diff.check("RPUSH", "l", "a", "b");
    assertEquals(shape(diff.redis("MEMORY", "STATS")), shape(diff.lime("MEMORY", "STATS")));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void objectFreq_underLfu_matchesRedis(int resp) {
    diff.reset(resp);
    diff.check("SET", "k", "v");
    diff.check("OBJECT", "FREQ", "k");
    diff.check("OBJECT", "IDLETIME", "missing");
    try {
      diff.check("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
      diff.check("SET", "f", "v"); // a new key starts at LFU_INIT_VAL
      diff.check("OBJECT", "FREQ", "f");
      diff.check("GET", "f"); // from 5, the first access always counts
      diff.check("OBJECT", "FREQ", "f");
      diff.check("OBJECT", "IDLETIME", "f");
      diff.check("OBJECT", "FREQ", "missing");
    } finally {
      restore();
    }
  }

  /** The reply with every number replaced by N: names, order and reply types remain. */
  private static String shape(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    return s.replaceAll("\\$\\d+\\r\\n-?[0-9.]+(e[-+]?\\d+)?\\r\\n", "\\$N\r\nN\r\n")
        .replaceAll("([:,])-?[0-9.]+(e[-+]?\\d+)?\\r\\n", "$1N\r\n");
  }
}
