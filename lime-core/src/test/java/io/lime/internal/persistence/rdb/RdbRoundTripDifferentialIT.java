package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.persistence.EngineContext;
import io.lime.testing.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through real Redis 7.0: a snapshot LIME writes loads in redis-server (with
 * deep payload sanitization, which validates every listpack and intset byte) with the same
 * data, types, encodings and TTLs; and a snapshot redis-server writes loads in LIME the same.
 */
class RdbRoundTripDifferentialIT {
  @TempDir Path dir;

  static RdbPersistence rdbAt(Path file, boolean compression, boolean checksum) {
    return new RdbPersistence(new RdbPersistence.Settings() {
      @Override
      public Path file() {
        return file;
      }

      @Override
      public boolean compression() {
        return compression;
      }

      @Override
      public boolean checksum() {
        return checksum;
      }

      @Override
      public List<io.lime.persistence.SaveRule> rules() {
        return List.of();
      }
    }, false);
  }

  private void limeToRedis(boolean compression, boolean checksum) throws Exception {
    LimeExec lime = new LimeExec();
    for (String[] c : RdbDataSet.commands()) {
      lime.run(c);
    }
    Path file = dir.resolve("lime.rdb");
    rdbAt(file, compression, checksum).writeSnapshot(new EngineContext(lime.engine()), file);
    if (System.getProperty("rdb.keep") != null) {
      Files.copy(file, Path.of(System.getProperty("rdb.keep")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    // what a reload gives (APPEND-made strings become embstr again, as in Redis): LIME's own
    LimeExec reloaded = loadIntoLime(file);
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "lime.rdb",
        "--sanitize-dump-payload", "yes");
        RealRedis.RawConnection conn = redis.connect()) {
      String expected = KeyspaceDump.dump(reloaded::run, 16);
      assertTrue(expected.lines().count() > 25, expected);
      KeyspaceDump.assertSame(expected, KeyspaceDump.dump(conn::call, 16));
      KeyspaceDump.assertSame(KeyspaceDump.dump(lime::run, 16, false),
          KeyspaceDump.dump(conn::call, 16, false));
    }
  }

  private static LimeExec loadIntoLime(Path file) throws Exception {
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    try (var in = Files.newInputStream(file)) {
      new RdbReader(in, Files.size(file), file.toString(), lime.engine().limits(), 16,
          ctx.now()).read(ctx::restore);
    }
    return lime;
  }

  @Test
  void limeSnapshot_loadedByRedis_sameData() throws Exception {
    limeToRedis(true, true);
  }

  @Test
  void limeSnapshotUncompressedNoChecksum_loadedByRedis_sameData() throws Exception {
    limeToRedis(false, false);
  }

  @Test
  void redisSnapshot_loadedByLime_sameData() throws Exception {
    String expected;
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "r.rdb",
        "--enable-debug-command", "yes");
        RealRedis.RawConnection conn = redis.connect()) {
      for (String[] c : RdbDataSet.commands()) {
        conn.call(c);
      }
      assertEquals("OK", KeyspaceDump.text(conn.call("SAVE")));
      assertEquals("OK", KeyspaceDump.text(conn.call("DEBUG", "RELOAD", "NOSAVE")));
      expected = KeyspaceDump.dump(conn::call, 16);
    }
    Path file = dir.resolve("r.rdb");
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    RdbReader.Result r = new RdbReader(Files.newInputStream(file), Files.size(file),
        file.toString(), lime.engine().limits(), 16, ctx.now()).read(ctx::restore);
    assertEquals("7.0.15", r.redisVersion());
    KeyspaceDump.assertSame(expected, KeyspaceDump.dump(lime::run, 16));
  }

  @Test
  void redisSnapshot_throughLimeAndBack_sameData() throws Exception {
    Path file = dir.resolve("r.rdb");
    String expected;
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "r.rdb",
        "--enable-debug-command", "yes");
        RealRedis.RawConnection conn = redis.connect()) {
      for (String[] c : RdbDataSet.commands()) {
        conn.call(c);
      }
      conn.call("SAVE");
      conn.call("DEBUG", "RELOAD", "NOSAVE");
      expected = KeyspaceDump.dump(conn::call, 16);
    }
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    new RdbReader(Files.newInputStream(file), Files.size(file), file.toString(),
        lime.engine().limits(), 16, ctx.now()).read(ctx::restore);
    Path out = dir.resolve("back.rdb");
    rdbAt(out, true, true).writeSnapshot(ctx, out);
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "back.rdb",
        "--sanitize-dump-payload", "yes");
        RealRedis.RawConnection conn = redis.connect()) {
      KeyspaceDump.assertSame(expected, KeyspaceDump.dump(conn::call, 16));
    }
  }
}
