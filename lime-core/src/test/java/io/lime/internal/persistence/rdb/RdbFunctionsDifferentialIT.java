package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.persistence.EngineContext;
import io.lime.testing.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FUNCTION libraries in RDB files, both ways with redis-server 7.0: Redis's function records
 * load in LIME and the libraries run; LIME's snapshot loads in Redis with the same libraries.
 */
class RdbFunctionsDifferentialIT {
  private static final String LIB = "#!lua name=persisted\n"
      + "redis.register_function('plus_one', function(keys, args) return tonumber(args[1]) + 1 end)\n"
      + "redis.register_function{function_name='ro', callback=function() return 'ro' end, "
      + "flags={'no-writes'}}\n";

  @TempDir Path dir;

  @Test
  void redisSnapshotWithFunctions_loadedByLime_librariesRun() throws Exception {
    byte[] list;
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "f.rdb");
        RealRedis.RawConnection conn = redis.connect()) {
      conn.call("FUNCTION", "LOAD", LIB);
      conn.call("SET", "k", "v");
      assertEquals("OK", KeyspaceDump.text(conn.call("SAVE")));
      list = conn.call("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "persisted");
    }
    Path file = dir.resolve("f.rdb");
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    RdbReader.Result r = new RdbReader(Files.newInputStream(file), Files.size(file),
        file.toString(), lime.engine().limits(), 16, ctx.now()).read(ctx::restore);
    lime.engine().functionLibraries(r.functions());
    assertEquals(":42\r\n", new String(lime.run("FCALL", "plus_one", "0", "41")));
    assertEquals("$1\r\nv\r\n", new String(lime.run("GET", "k")));
    assertEquals(1, r.functions().size());
    assertEquals("$2\r\nro\r\n", new String(lime.run("FCALL_RO", "ro", "0")));
    // the same listing (its two functions may be listed in either order: compare the length)
    assertEquals(list.length, lime.run("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME",
        "persisted").length);
  }

  @Test
  void limeSnapshotWithFunctions_loadedByRedis_librariesRun() throws Exception {
    LimeExec lime = new LimeExec();
    assertEquals("$9\r\npersisted\r\n", new String(lime.run("FUNCTION", "LOAD", LIB)));
    Path file = dir.resolve("lime.rdb");
    RdbRoundTripDifferentialIT.rdbAt(file, true, true).writeSnapshot(new EngineContext(lime.engine()), file);
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename", "lime.rdb");
        RealRedis.RawConnection conn = redis.connect()) {
      assertEquals(":42\r\n", new String(conn.call("FCALL", "plus_one", "0", "41")));
      assertEquals("$2\r\nro\r\n", new String(conn.call("FCALL_RO", "ro", "0")));
    }
    // and back: a reloaded LIME has them too
    LimeExec again = new LimeExec();
    EngineContext ctx = new EngineContext(again.engine());
    RdbReader.Result r = new RdbReader(Files.newInputStream(file), Files.size(file),
        file.toString(), again.engine().limits(), 16, ctx.now()).read(ctx::restore);
    again.engine().functionLibraries(r.functions());
    assertEquals(":8\r\n", new String(again.run("FCALL", "plus_one", "0", "7")));
  }
}
