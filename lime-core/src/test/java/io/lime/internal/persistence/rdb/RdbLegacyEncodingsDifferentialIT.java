package io.lime.internal.persistence.rdb;

import static io.lime.internal.persistence.rdb.RdbCodecTest.b;

import io.lime.testing.RealRedis;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encodings written before Redis 7.0, which Redis 7.0 still loads (ziplist lists,
 * quicklists of ziplists, ziplist hashes and sorted sets, zipmaps, plain lists, text-score
 * sorted sets, second-resolution expiry), in a hand-built version 9 file: real Redis 7.0
 * and LIME load it to the same keyspace. (No Redis 6 is available here to write such a
 * file, so the test builds it with an encoder following src/ziplist.c.)
 */
class RdbLegacyEncodingsDifferentialIT {
  @TempDir Path dir;

  @Test
  void legacyEncodings_loadedByRedisAndLime_sameData() throws Exception {
    RdbBuffer buf = new RdbBuffer(false);
    buf.writeBytes(b("REDIS0009"), 0, 9);
    buf.writeByte(Rdb.OPCODE_SELECTDB);
    buf.writeLen(0);
    // LIST_ZIPLIST
    buf.writeByte(Rdb.TYPE_LIST_ZIPLIST);
    buf.writeString(b("zl:list"));
    buf.writeString(RdbCodecTest.ZiplistBuilder.build(List.of("a", "1", "-300", "x".repeat(300))));
    // LIST_QUICKLIST (v1): two ziplist nodes
    buf.writeByte(Rdb.TYPE_LIST_QUICKLIST);
    buf.writeString(b("ql:list"));
    buf.writeLen(2);
    buf.writeString(RdbCodecTest.ZiplistBuilder.build(List.of("n1", "n2", "3")));
    List<String> second = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      second.add(i % 2 == 0 ? "v" + i : String.valueOf(i * 100_000L));
    }
    buf.writeString(RdbCodecTest.ZiplistBuilder.build(second));
    // HASH_ZIPLIST
    buf.writeByte(Rdb.TYPE_HASH_ZIPLIST);
    buf.writeString(b("zl:hash"));
    buf.writeString(RdbCodecTest.ZiplistBuilder.build(List.of("f1", "v1", "f2", "22", "n", "-5")));
    // ZSET_ZIPLIST (member, score)
    buf.writeByte(Rdb.TYPE_ZSET_ZIPLIST);
    buf.writeString(b("zl:zset"));
    buf.writeString(RdbCodecTest.ZiplistBuilder.build(List.of("a", "1", "b", "2.5", "c", "30")));
    // HASH_ZIPMAP
    buf.writeByte(Rdb.TYPE_HASH_ZIPMAP);
    buf.writeString(b("zm:hash"));
    buf.writeString(new byte[] {2, 1, 'k', 2, 0, 'v', '1', 3, 'k', 'e', 'y', 1, 0, 'x',
        (byte) 0xff});
    // plain LIST
    buf.writeByte(Rdb.TYPE_LIST);
    buf.writeString(b("plain:list"));
    buf.writeLen(3);
    buf.writeString(b("p"));
    buf.writeString(b("12"));
    buf.writeString(b("q".repeat(50)));
    // plain ZSET with text scores, one with an expiry in seconds
    buf.writeByte(Rdb.OPCODE_EXPIRETIME);
    buf.writeLe(System.currentTimeMillis() / 1000 + 7200, 4);
    buf.writeByte(Rdb.TYPE_ZSET);
    buf.writeString(b("plain:zset"));
    buf.writeLen(3);
    buf.writeString(b("m1"));
    buf.writeByte(3);
    buf.writeBytes(b("1.5"), 0, 3);
    buf.writeString(b("m2"));
    buf.writeByte(254); // +inf
    buf.writeString(b("m3"));
    buf.writeByte(2);
    buf.writeBytes(b("-7"), 0, 2);
    // plain SET and HASH
    buf.writeByte(Rdb.TYPE_SET);
    buf.writeString(b("plain:set"));
    buf.writeLen(2);
    buf.writeString(b("1"));
    buf.writeString(b("2"));
    buf.writeByte(Rdb.TYPE_HASH);
    buf.writeString(b("plain:hash"));
    buf.writeLen(1);
    buf.writeString(b("f"));
    buf.writeString(b("v"));
    buf.writeByte(Rdb.OPCODE_EOF);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long crc = buf.drainTo(out, 0, true);
    buf.writeLe(crc, 8);
    buf.drainTo(out, 0, false);
    Path file = dir.resolve("legacy.rdb");
    Files.write(file, out.toByteArray());

    String expected;
    try (RealRedis redis = RealRedis.start("--dir", dir.toString(), "--dbfilename",
        "legacy.rdb");
        RealRedis.RawConnection conn = redis.connect()) {
      expected = KeyspaceDump.dump(conn::call, 16);
    }
    LimeExec lime = new LimeExec();
    io.lime.internal.persistence.EngineContext ctx =
        new io.lime.internal.persistence.EngineContext(lime.engine());
    new RdbReader(Files.newInputStream(file), Files.size(file), file.toString(),
        lime.engine().limits(), 16, ctx.now()).read(ctx::restore);
    org.junit.jupiter.api.Assertions.assertEquals(9, expected.lines().count(), expected);
    KeyspaceDump.assertSame(expected, KeyspaceDump.dump(lime::run, 16));
  }
}
