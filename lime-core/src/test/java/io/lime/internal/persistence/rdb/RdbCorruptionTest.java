package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.persistence.EngineContext;
import io.lime.persistence.PersistenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and corrupted snapshots are refused with a message naming file and offset. */
class RdbCorruptionTest {
  @TempDir Path dir;

  private byte[] snapshot(boolean checksum) throws Exception {
    LimeExec lime = new LimeExec();
    for (String[] c : RdbDataSet.commands()) {
      lime.run(c);
    }
    Path file = dir.resolve("good.rdb");
    new RdbPersistence(settings(file, checksum), false)
        .writeSnapshot(new EngineContext(lime.engine()), file);
    return Files.readAllBytes(file);
  }

  static RdbPersistence.Settings settings(Path file, boolean checksum) {
    return new RdbPersistence.FixedSettings(file, checksum, List::of);
  }

  private RdbReader.Result load(byte[] bytes, String name) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    LimeExec lime = new LimeExec();
    EngineContext ctx = new EngineContext(lime.engine());
    try (var in = Files.newInputStream(f)) {
      return new RdbReader(in, bytes.length, f.toString(), lime.engine().limits(), 16,
          ctx.now()).read(ctx::restore);
    }
  }

  @Test
  void intact_loadsEveryKey() throws Exception {
    RdbReader.Result r = load(snapshot(true), "ok.rdb");
    assertEquals(33, r.keys());
  }

  @Test
  void truncated_anywhere_refusedAsShortRead() throws Exception {
    byte[] good = snapshot(true);
    for (int cut : new int[] {5, 9, 30, 100, good.length / 2, good.length - 9, good.length - 1}) {
      PersistenceException e = assertThrows(PersistenceException.class,
          () -> load(Arrays.copyOf(good, cut), "cut.rdb"), "cut at " + cut);
      String m = e.getMessage();
      assertTrue(m.contains("cut.rdb"), m);
      if (cut >= 9) {
        assertTrue(m.startsWith("Short read or OOM loading DB. Unrecoverable error, aborting now."),
            m);
        java.util.regex.Matcher o = java.util.regex.Pattern.compile("offset (\\d+)").matcher(m);
        assertTrue(o.find(), m);
        long at = Long.parseLong(o.group(1));
        assertTrue(at >= 9 && at <= cut, m); // where the read that could not complete began
      }
    }
  }

  @Test
  void flippedByte_refusedByChecksumOrStructure() throws Exception {
    byte[] good = snapshot(true);
    for (int at = 90; at < good.length - 8; at += 97) {
      byte[] bad = good.clone();
      bad[at] ^= 0x5A;
      PersistenceException e = assertThrows(PersistenceException.class,
          () -> load(bad, "flip.rdb"), "flip at " + at);
      String m = e.getMessage();
      assertTrue(m.contains("flip.rdb"), m);
      assertTrue(m.startsWith("Wrong RDB checksum") || m.startsWith("Internal error in RDB")
          || m.startsWith("Short read"), m);
    }
  }

  @Test
  void wrongChecksum_messageAsRedis() throws Exception {
    byte[] bad = snapshot(true);
    bad[bad.length - 1] ^= 1;
    PersistenceException e = assertThrows(PersistenceException.class, () -> load(bad, "c.rdb"));
    assertTrue(e.getMessage().matches(
        "Wrong RDB checksum expected: \\([0-9a-f]+\\) got \\([0-9a-f]+\\)\\. Aborting now\\..*"),
        e.getMessage());
  }

  @Test
  void noChecksum_zeroTrailer_loads() throws Exception {
    byte[] b = snapshot(false);
    for (int i = b.length - 8; i < b.length; i++) {
      assertEquals(0, b[i]);
    }
    assertEquals(33, load(b, "nock.rdb").keys());
  }

  @Test
  void badSignatureOrVersion_refused() throws Exception {
    byte[] b = snapshot(true);
    byte[] sig = b.clone();
    sig[0] = 'X';
    assertTrue(assertThrows(PersistenceException.class, () -> load(sig, "s.rdb")).getMessage()
        .startsWith("Wrong signature trying to load DB from file"));
    byte[] ver = b.clone();
    ver[8] = '1';
    ver[7] = '1'; // 0011
    assertTrue(assertThrows(PersistenceException.class, () -> load(ver, "v.rdb")).getMessage()
        .startsWith("Can't handle RDB format version 11"));
  }
}
