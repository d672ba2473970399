package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.persistence.EngineContext;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams through RDB both ways with real Redis 7.0 (RDB_TYPE_STREAM_LISTPACKS_2): streams
 * with several nodes, deleted entries, an XSETID'd counter, groups with pending entries and
 * consumers, and an empty stream; after loading, XINFO STREAM FULL (times included: they are
 * saved) and XRANGE must be byte for byte the same as on the side that wrote the file.
 */
class RdbStreamDifferentialIT {
  @TempDir Path dir;

  private static List<String[]> commands() {
    List<String[]> c = new ArrayList<>();
    c.add(new String[] {"CONFIG", "SET", "stream-node-max-entries", "4"});
    for (int i = 1; i <= 30; i++) {
      c.add(i % 4 == 0
          ? new String[] {"XADD", "s", i + "-" + i, "other", "x" + i, "n", Integer.toString(i)}
          : new String[] {"XADD", "s", i + "-" + i, "f", "value-" + i, "n", Integer.toString(-i * 1000)});
    }
    c.add(new String[] {"XDEL", "s", "3-3", "4-4", "10-10", "30-30"});
    c.add(new String[] {"XGROUP", "CREATE", "s", "g1", "0"});
    c.add(new String[] {"XGROUP", "CREATE", "s", "g2", "$", "ENTRIESREAD", "7"});
    c.add(new String[] {"XGROUP", "CREATE", "s", "g3", "5-5"});
    c.add(new String[] {"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "5", "STREAMS", "s", ">"});
    c.add(new String[] {"XREADGROUP", "GROUP", "g1", "bob", "COUNT", "3", "STREAMS", "s", ">"});
    c.add(new String[] {"XREADGROUP", "GROUP", "g3", "carol", "NOACK", "COUNT", "2", "STREAMS", "s", ">"});
    c.add(new String[] {"XACK", "s", "g1", "2-2"});
    c.add(new String[] {"XGROUP", "CREATECONSUMER", "s", "g2", "idle"});
    c.add(new String[] {"XCLAIM", "s", "g1", "bob", "0", "1-1", "JUSTID"});
    c.add(new String[] {"XTRIM", "s", "MAXLEN", "25"});
    c.add(new String[] {"XADD", "e", "5-1", "a", "b"});
    c.add(new String[] {"XDEL", "e", "5-1"});
    c.add(new String[] {"XSETID", "e", "9-9", "ENTRIESADDED", "12", "MAXDELETEDID", "5-1"});
    c.add(new String[] {"XGROUP", "CREATE", "e", "g", "$"});
    c.add(new String[] {"XADD", "t", "1-1", "big", "x".repeat(300)});
    return c;
  }

  private static final String[][] CHECKS = {
    {"XINFO", "STREAM", "s", "FULL", "COUNT", "0"}, {"XRANGE", "s", "-", "+"},
    {"XINFO", "STREAM", "e", "FULL"}, {"XINFO", "STREAM", "t", "FULL"},
    {"XINFO", "GROUPS", "s"}, {"XLEN", "s"}, {"OBJECT", "ENCODING", "s"},
  };

  private static String checks(java.util.function.Function<String[], byte[]> exec) {
    StringBuilder sb = new StringBuilder();
    for (String[] c : CHECKS) {
      sb.append(String.join(" ", c)).append(" -> ")
          .append(new String(exec.apply(c), StandardCharsets.UTF_8)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void limeSnapshot_loadedByRedis_sameStreams() throws Exception {
    LimeExec lime = new LimeExec();
    for (String[] c : commands()) {
      lime.run(c);
    }
    String expected = checks(lime::run);
    Path file = dir.resolve("lime.rdb");
    RdbRoundTripDifferentialIT.rdbAt(file, true, true).writeSnapshot(new EngineContext(lime.engine()),
        file);
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "lime.rdb",
        "--sanitize-dump-payload", "yes");
        RealRedis.RawConnection conn = redis.connect()) {
      assertEquals(expected, checks(conn::call));
    }
  }

  @Test
  void redisSnapshot_loadedByLime_sameStreams() throws Exception {
    String expected;
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "r.rdb");
        RealRedis.RawConnection conn = redis.connect()) {
      for (String[] c : commands()) {
        conn.call(c);
      }
      expected = checks(conn::call);
      conn.call("SAVE");
    }
    Path file = dir.resolve("r.rdb");
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    try (var in = Files.newInputStream(file)) {
      new RdbReader(in, Files.size(file), file.toString(), lime.engine().limits(), 16,
          ctx.now()).read(ctx::restore);
    }
    assertEquals(expected, checks(lime::run));
  }
}
