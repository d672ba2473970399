package io.lime.internal.aof;

import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.persistence.rdb.RdbReader;
import io.lime.persistence.PersistenceContext;
import io.lime.persistence.PersistenceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Start-up with the AOF on (Redis's loadAppendOnlyFiles and aofOpenIfNeededOnServerStart):
 * loads the files the manifest names into the engine, base then incr files in order, and
 * opens the last incr file to append to; without a manifest, writes the first base and incr
 * file. Owns the {@code loading} flag (commands replayed at load are not logged again).
 *
 * <p>A short read at the end of the last file (a crash mid-write) is cut off and the file
 * truncated there when {@code aof-load-truncated} is yes; anything else is fatal, the
 * message naming the file and offset, as Redis words it. Runs once, on the opening thread.
 */
final class AofStartup {
  private final AofContext ctx;
  private final AofDirectory files;
  private volatile boolean loading;

  AofStartup(AofContext ctx, AofDirectory files) {
    this.ctx = ctx;
    this.files = files;
  }

  /** True while files are replayed. */
  boolean loading() {
    return loading;
  }

  /** Loads the AOF named by the manifest, or creates the first files when there is none. */
  void run() throws IOException {
    Path aofDir = files.path();
    Path mf = aofDir.resolve(files.manifestName());
    if (Files.exists(mf)) {
      loadAll(aofDir, AofManifest.parse(mf));
      openIncr();
    } else {
      Files.createDirectories(aofDir);
      create(aofDir);
    }
  }

  private void create(Path aofDir) throws IOException {
    // Redis: an empty (or loaded-from-nothing) data set gets base 1 and incr 1 at once.
    boolean rdb = ctx.rdbPreamble;
    String baseName = files.baseName(1, rdb);
    ByteArrayOutputStream base = new ByteArrayOutputStream();
    ctx.writeBase(base, rdb);
    AofDirectory.writeDurably(aofDir.resolve(baseName), base.toByteArray());
    ctx.log.notice("Creating AOF base file " + baseName + " on server start");
    String incrName;
    synchronized (files.io) {
      AofManifest m = new AofManifest();
      m.base = new AofManifest.FileInfo(baseName, 1, 'b');
      m.baseSeq = 1;
      files.manifest = m;
      files.switchIncr(files.createNextIncr()); // incr seq 1
      incrName = files.lastIncrName();
      files.persistManifest();
      files.baseSize = base.size();
      files.rewriteBaseSize = files.baseSize;
    }
    ctx.log.notice("Creating AOF incr file " + incrName + " on server start");
  }

  private void openIncr() throws IOException {
    synchronized (files.io) {
      if (files.manifest.incrs.isEmpty()) {
        files.switchIncr(files.createNextIncr());
        files.persistManifest();
        ctx.log.notice("Creating AOF incr file " + files.lastIncrName() + " on server start");
      } else {
        String name = files.lastIncrName();
        files.incr = files.openIncr(name, true);
        ctx.log.notice("Opening AOF incr file " + name + " on server start");
      }
    }
  }

  private void loadAll(Path aofDir, AofManifest m) throws IOException {
    files.manifest = m;
    loading = true;
    long start = System.nanoTime();
    try {
      long total = 0;
      if (m.base != null) {
        Path f = existing(aofDir, m.base.name());
        long t0 = System.nanoTime();
        loadFile(f, m.base.name(), m.incrs.isEmpty());
        files.baseSize = Files.size(f);
        total += files.baseSize;
        ctx.log.notice("DB loaded from base file " + m.base.name() + ": " + seconds(t0)
            + " seconds");
      }
      for (int i = 0; i < m.incrs.size(); i++) {
        String name = m.incrs.get(i).name();
        boolean last = i == m.incrs.size() - 1;
        Path f = existing(aofDir, name);
        long t0 = System.nanoTime();
        loadFile(f, name, last);
        long size = Files.size(f);
        total += size;
        if (last) {
          files.incrSize = size;
        } else {
          files.baseSize += size;
        }
        ctx.log.notice("DB loaded from incr file " + name + ": " + seconds(t0) + " seconds");
      }
      files.rewriteBaseSize = total;
      ctx.log.notice("DB loaded from append only file: " + seconds(start) + " seconds");
    } finally {
      loading = false;
    }
  }

  private Path existing(Path aofDir, String name) throws PersistenceException {
    Path f = aofDir.resolve(name);
    if (!Files.exists(f)) {
      throw fatal("The AOF file " + name + " doesn't exist");
    }
    return f;
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
  }

  /** Replays file {@code name}: an RDB base, or AOF commands through the command layer. */
  private void loadFile(Path f, String name, boolean last) throws IOException {
    long size = Files.size(f);
    if (size == 0) {
      return;
    }
    if (startsWithRdbMagic(f)) {
      loadRdb(f, name, size);
      return;
    }
    AofLoader.Result r;
    try {
      r = new AofLoader(loaderDispatcher()).load(f, name);
    } catch (AofLoader.FormatError e) {
      ctx.log.warning("Bad file format reading the append only file " + name
          + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
      throw new PersistenceException("Bad file format reading the append only file " + name
          + " at offset " + e.offset + " (" + e.getMessage() + "): make a backup of your AOF"
          + " file, then use ./redis-check-aof --fix <filename.manifest>");
    }
    if (r.truncated()) {
      acceptTruncated(f, name, last, r);
    }
  }

  private void loadRdb(Path f, String name, long size) throws IOException {
    ctx.log.notice("Reading RDB base file on AOF loading...");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
      PersistenceContext pc = ctx.context();
      RdbReader.Result r = new RdbReader(in, size, name, ctx.engine().limits(),
          pc.databaseCount(), pc.now()).extensions(ctx.engine().extensions()).read(pc::restore);
      ctx.engine().functionLibraries(r.functions());
      ctx.log.notice("Done loading RDB, keys loaded: " + r.keys() + ", keys expired: "
          + r.expiredSkipped() + ".");
    }
  }

  /** A file ends inside a command: fatal unless it is the last and aof-load-truncated is on. */
  private void acceptTruncated(Path f, String name, boolean last, AofLoader.Result r)
      throws IOException {
    if (r.revertedMulti()) {
      ctx.log.warning("Revert incomplete MULTI/EXEC transaction in AOF file " + name);
    }
    if (!last) {
      throw fatal("Fatal error: the truncated file is not the last file (" + name
          + ", offset " + r.validBytes() + ")");
    }
    if (!ctx.loadTruncated) {
      throw fatal("Unexpected end of file reading the append only file " + name
          + " (offset " + r.validBytes() + "). You can: 1) Make a backup of your AOF file,"
          + " then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can"
          + " set the 'aof-load-truncated' configuration option to yes and restart the server.");
    }
    ctx.log.warning("!!! Warning: short read while loading the AOF file " + name + "!!!");
    ctx.log.warning("!!! Truncating the AOF " + name + " at offset " + r.validBytes() + " !!!");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(r.validBytes());
      ch.force(true);
    }
    ctx.log.warning("AOF " + name + " loaded anyway because aof-load-truncated is enabled ("
        + (r.fileBytes() - r.validBytes()) + " bytes dropped)");
  }

  private PersistenceException fatal(String message) {
    ctx.log.warning(message);
    return new PersistenceException(message);
  }

  private static boolean startsWithRdbMagic(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] b = in.readNBytes(5);
      return b.length == 5 && b[0] == 'R' && b[1] == 'E' && b[2] == 'D' && b[3] == 'I'
          && b[4] == 'S';
    }
  }

  private Dispatcher loaderDispatcher() {
    Dispatcher d = ctx.loader;
    if (d == null) {
      d = CommandLayer.install(new ServerState(ctx.engine(), new ConfigRegistry()));
      ctx.loader = d;
    }
    return d;
  }
}
