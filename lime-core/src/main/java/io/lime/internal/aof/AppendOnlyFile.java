package io.lime.internal.aof;

import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Propagation;
import io.lime.internal.persistence.EngineContext;
import io.lime.internal.persistence.rdb.RdbReader;
import io.lime.internal.persistence.rdb.RdbWriter;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import io.lime.persistence.PersistenceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The append-only file as Redis 7.0 keeps it (multi-part AOF): in {@code dir/appenddirname},
 * a manifest naming one base file (an RDB snapshot with {@code aof-use-rdb-preamble yes},
 * else AOF commands) and the incremental files of RESP commands written since, replayed in
 * order at start-up.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Writes. {@link #onWrite} appends the command (and a SELECT when the database
 *       changes) to an in-memory buffer; the engine's {@link Propagation} calls it in log
 *       order (write commands are serialized while the AOF is on). The server calls
 *       {@link #beforeReply()} after each batch of commands and before sending the replies
 *       (Redis's beforeSleep): the buffer is written to the incr file and, with
 *       {@code appendfsync always}, fsynced, so an acknowledged write is on disk. Threads
 *       flushing at once share one write and one fsync (group commit). With {@code
 *       everysec} a daemon thread fsyncs once a second; with {@code no} the OS decides. In
 *       every mode the data reaches the OS before the reply, so killing the process loses
 *       nothing acknowledged; only an OS crash can lose up to a second ({@code everysec}).
 *   <li>Rewrite (BGREWRITEAOF, automatic on growth, and {@code CONFIG SET appendonly yes}).
 *       Holding the engine's write-order lock (writers pause; readers do not): the buffer is
 *       flushed and fsynced, a new incr file is opened and the manifest naming it is
 *       persisted, and the data set is serialized into memory. Writers resume and their
 *       commands go to the new incr file, while the rewrite thread writes the new base to a
 *       temporary file, fsyncs it, renames it and persists a manifest naming only the new
 *       base and the new incr file; the old files are deleted. Every manifest is written to a
 *       temporary file, fsynced and renamed over the old one, and the directory is fsynced,
 *       so a crash at any point leaves a manifest whose files replay to the acknowledged
 *       state. The pause is the time to serialize the data set in memory (no fork exists on
 *       the JVM; documented trade-off).
 *   <li>Loading. Base then incr files in manifest order. A short read at the end of the last
 *       file (a crash mid-write) is cut off and the file truncated there when
 *       {@code aof-load-truncated} is yes; anything else is fatal, the message naming the
 *       file and offset. A MULTI without EXEC at the end is reverted.
 * </ul>
 */
public final class AppendOnlyFile implements Persistence {
  /** {@code appendfsync}. */
  public enum Fsync {
    ALWAYS, EVERYSEC, NO;

    /** Parses the directive value ({@code always}, {@code everysec}, {@code no}). */
    public static Fsync parse(String v) {
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "always" -> ALWAYS;
        case "no" -> NO;
        default -> EVERYSEC;
      };
    }
  }

  /** Where log lines go (the server's log; silent for embedded stores). */
  public interface Log {
    void notice(String message);

    void warning(String message);

    /** Discards everything. */
    static Log silent() {
      return new Log() {
        @Override
        public void notice(String message) {}

        @Override
        public void warning(String message) {}
      };
    }
  }

  private final Path dir;
  private final String dirName;
  private final String fileName;
  private final Log log;
  private volatile Fsync fsync = Fsync.EVERYSEC;
  private volatile boolean loadTruncated = true;
  private volatile boolean rdbPreamble = true;
  private volatile boolean rdbCompression = true;
  private volatile boolean rdbChecksum = true;
  private volatile long autoRewritePercentage = 100;
  private volatile long autoRewriteMinSize = 64L << 20;
  private volatile boolean enabled;
  private volatile boolean loading;

  private @Nullable Engine engine;
  private @Nullable PersistenceContext context;
  private @Nullable Dispatcher loader;
  private @Nullable ScheduledExecutorService cron;

  /** Guards the buffer and selectedDb; innermost. */
  private final Object bufLock = new Object();
  private ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
  private int selectedDb = -1;
  private volatile long appended;
  private volatile long written;
  private volatile long synced;

  /** Guards the incr channel and the manifest; taken after the write-order lock, never before. */
  private final Object io = new Object();
  private @Nullable FileChannel incr;
  private AofManifest manifest = new AofManifest();
  private volatile long baseSize;
  private volatile long incrSize;
  private volatile long rewriteBaseSize;

  private volatile boolean rewriting;
  private volatile boolean rewriteScheduled;
  private volatile long rewriteStartMillis = -1;
  private volatile long lastRewriteSeconds = -1;
  private volatile boolean lastRewriteOk = true;
  private volatile boolean lastWriteOk = true;
  private volatile long rewrites;
  private volatile @Nullable Thread rewriteThread;
  private volatile boolean closed;
  /** AOF switched on at run time: the manifest names the new files only once the base exists. */
  private volatile boolean waitRewrite;

  /**
   * An AOF in {@code dir/dirName} whose files are named after {@code fileName}
   * ({@code appendonly.aof} → {@code appendonly.aof.1.base.rdb}, ...).
   */
  public AppendOnlyFile(Path dir, String dirName, String fileName, Log log) {
    this.dir = dir;
    this.dirName = dirName;
    this.fileName = fileName;
    this.log = log;
  }

  // ------------------------------------------------------------------ settings

  /** {@code appendonly} at start-up; at run time use {@link #enable()} / {@link #disable()}. */
  public AppendOnlyFile enabled(boolean on) {
    this.enabled = on;
    return this;
  }

  public AppendOnlyFile fsync(Fsync f) {
    this.fsync = f;
    return this;
  }

  public AppendOnlyFile loadTruncated(boolean b) {
    this.loadTruncated = b;
    return this;
  }

  public AppendOnlyFile rdbPreamble(boolean b) {
    this.rdbPreamble = b;
    return this;
  }

  /** {@code rdbcompression} and {@code rdbchecksum} for an RDB base. */
  public AppendOnlyFile rdbOptions(boolean compression, boolean checksum) {
    this.rdbCompression = compression;
    this.rdbChecksum = checksum;
    return this;
  }

  /** {@code auto-aof-rewrite-percentage} (0: off) and {@code auto-aof-rewrite-min-size}. */
  public AppendOnlyFile autoRewrite(long percentage, long minSizeBytes) {
    this.autoRewritePercentage = percentage;
    this.autoRewriteMinSize = minSizeBytes;
    return this;
  }

  /**
   * The command layer that replays AOF commands at load (the server's, so its settings
   * apply); without one, a private one over the engine is created.
   */
  public AppendOnlyFile loader(Dispatcher d) {
    this.loader = d;
    return this;
  }

  // ------------------------------------------------------------------ Persistence

  @Override
  public boolean wantsCommands() {
    return enabled && !loading;
  }

  @Override
  public void open(PersistenceContext ctx) throws IOException {
    this.context = ctx;
    this.engine = ((EngineContext) ctx).engine();
    Engine e = engine;
    if (e.propagation() == null || e.persistence().unwrap(AppendOnlyFile.class) != this) {
      throw new IllegalStateException("set the engine's persistence before opening the AOF");
    }
    Propagation p = e.propagation();
    p.replyBarrier(this::beforeReply);
    if (enabled) {
      Path aofDir = dir.resolve(dirName);
      Path mf = aofDir.resolve(manifestName());
      if (Files.exists(mf)) {
        loadAll(aofDir, AofManifest.parse(mf));
        openIncrOnStart(aofDir);
      } else {
        Files.createDirectories(aofDir);
        createOnStart(aofDir);
      }
    }
    ScheduledExecutorService c = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lime-aof");
      t.setDaemon(true);
      return t;
    });
    c.scheduleWithFixedDelay(this::cron, 1000, 1000, TimeUnit.MILLISECONDS);
    cron = c;
  }

  @Override
  public void onWrite(int db, byte[][] argv) {
    if (!enabled || loading) {
      return;
    }
    synchronized (bufLock) {
      int before = buf.size();
      if (db != selectedDb) {
        RespLog.command(buf, new byte[][] {SELECT, Integer.toString(db).getBytes(
            StandardCharsets.US_ASCII)});
        selectedDb = db;
      }
      RespLog.command(buf, argv);
      appended += buf.size() - before;
    }
  }

  /**
   * Writes what was logged to the incr file and, with {@code appendfsync always}, fsyncs it;
   * called by the server before it sends replies. Cheap when there is nothing new.
   */
  public void beforeReply() {
    long target = appended;
    boolean always = fsync == Fsync.ALWAYS;
    if (always ? synced >= target : written >= target) {
      return;
    }
    writeOut(always);
  }

  private void writeOut(boolean sync) {
    synchronized (io) {
      FileChannel ch = incr;
      if (ch == null) {
        return; // not open yet (a rewrite started by CONFIG SET appendonly yes creates it)
      }
      byte[] data;
      long upTo;
      synchronized (bufLock) {
        data = buf.toByteArray();
        buf.reset();
        upTo = appended;
      }
      try {
        if (data.length > 0) {
          ByteBuffer bb = ByteBuffer.wrap(data);
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
          incrSize += data.length;
          written = upTo;
        }
        if (sync && synced < written) {
          ch.force(false);
          synced = written;
        }
        if (!lastWriteOk) {
          log.warning("AOF write error looks solved, Redis can write again.");
          lastWriteOk = true;
        }
      } catch (IOException ex) {
        lastWriteOk = false;
        log.warning("Error writing to the AOF file: " + ex.getMessage());
        throw new UncheckedIOException(ex);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScheduledExecutorService c = cron;
    if (c != null) {
      c.shutdownNow();
    }
    Thread t = rewriteThread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (enabled) {
      try {
        writeOut(true);
      } catch (UncheckedIOException e) {
        // logged
      }
    }
    synchronized (io) {
      closeQuietly(incr);
      incr = null;
    }
  }

  // ------------------------------------------------------------------ run-time switch

  /** {@code CONFIG SET appendonly yes}: starts logging with a rewrite (Redis's startAppendOnly). */
  public synchronized void enable() throws IOException {
    if (enabled) {
      return;
    }
    Path aofDir = dir.resolve(dirName);
    Files.createDirectories(aofDir);
    Path mf = aofDir.resolve(manifestName());
    synchronized (io) {
      if (manifest.base == null && manifest.incrs.isEmpty() && Files.exists(mf)) {
        manifest = AofManifest.parse(mf); // continue its sequence numbers
      }
    }
    waitRewrite = true;
    synchronized (bufLock) {
      buf.reset();
      selectedDb = -1;
    }
    enabled = true;
    if (!startRewrite()) {
      rewriteScheduled = true;
    }
  }

  /** {@code CONFIG SET appendonly no}: flushes, fsyncs and stops logging (Redis's stopAppendOnly). */
  public synchronized void disable() {
    if (!enabled) {
      return;
    }
    Propagation p = engine().propagation();
    ReentrantLock order = p.order();
    order.lock();
    try {
      writeOut(true);
      enabled = false;
      synchronized (io) {
        closeQuietly(incr);
        incr = null;
      }
    } finally {
      order.unlock();
    }
  }

  // ------------------------------------------------------------------ rewrite

  /** Outcome of {@link #bgrewrite()}. */
  public enum RewriteStart { STARTED, ALREADY_IN_PROGRESS, SCHEDULED }

  /** BGREWRITEAOF. */
  public synchronized RewriteStart bgrewrite() {
    if (rewriting) {
      return RewriteStart.ALREADY_IN_PROGRESS;
    }
    if (!startRewrite()) {
      rewriteScheduled = true;
      return RewriteStart.SCHEDULED;
    }
    return RewriteStart.STARTED;
  }

  private synchronized boolean startRewrite() {
    if (rewriting || closed) {
      return false;
    }
    rewriting = true;
    rewriteScheduled = false;
    rewriteStartMillis = System.currentTimeMillis();
    log.notice("Background append only file rewriting started by pid "
        + ProcessHandle.current().pid());
    Thread t = new Thread(this::rewrite, "lime-aof-rewrite");
    t.setDaemon(true);
    rewriteThread = t;
    t.start();
    return true;
  }

  private void rewrite() {
    boolean ok = false;
    try {
      rewriteNow();
      ok = true;
      log.notice("Background AOF rewrite finished successfully");
    } catch (IOException | RuntimeException e) {
      log.warning("Background AOF rewrite failed: " + e);
    } finally {
      lastRewriteOk = ok;
      lastRewriteSeconds = (System.currentTimeMillis() - rewriteStartMillis) / 1000;
      rewriteStartMillis = -1;
      if (ok) {
        rewrites++;
      }
      rewriteThread = null;
      rewriting = false;
    }
  }

  /** The rewrite, on the calling thread; see the class notes. */
  void rewriteNow() throws IOException {
    Engine e = engine();
    Path aofDir = dir.resolve(dirName);
    Files.createDirectories(aofDir);
    ReentrantLock order = e.propagation().order();
    ByteArrayOutputStream base = new ByteArrayOutputStream(1 << 16);
    boolean rdb = rdbPreamble;
    order.lock();
    try {
      writeOut(true);
      synchronized (io) {
        long seq = manifest.incrSeq + 1;
        String name = fileName + "." + seq + ".incr.aof";
        FileChannel ch = FileChannel.open(aofDir.resolve(name), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        manifest.incrs.add(new AofManifest.FileInfo(name, seq, 'i'));
        manifest.incrSeq = seq;
        if (!waitRewrite) { // else the old files do not hold this data: persist at the end
          persistManifest(aofDir);
        }
        closeQuietly(incr);
        incr = ch;
        incrSize = 0;
        synchronized (bufLock) {
          buf.reset(); // only when there was no incr file (enable): the snapshot has them
          selectedDb = -1;
        }
        written = appended;
        synced = appended;
        log.notice("Creating AOF incr file " + name + " on background rewrite");
      }
      if (rdb) {
        RdbWriter w = new RdbWriter(base, rdbCompression, rdbChecksum);
        w.header(e.now() / 1000, 0, true);
        context().snapshot(w);
        w.finish();
      } else {
        context().snapshot(new AofBaseWriter(base));
      }
    } finally {
      order.unlock();
    }
    // Writers run again; the new base goes to disk in the background.
    long seq = manifest.baseSeq + 1;
    String baseName = fileName + "." + seq + ".base" + (rdb ? ".rdb" : ".aof");
    Path tmp = aofDir.resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
    writeDurably(tmp, base.toByteArray());
    Files.move(tmp, aofDir.resolve(baseName), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fsyncDir(aofDir);
    log.notice("Successfully renamed the temporary AOF base file temp-rewriteaof-bg-"
        + ProcessHandle.current().pid() + ".aof into " + baseName);
    List<AofManifest.FileInfo> old = new ArrayList<>();
    synchronized (io) {
      AofManifest m = manifest;
      if (m.base != null) {
        old.add(new AofManifest.FileInfo(m.base.name(), m.base.seq(), 'h'));
      }
      AofManifest.FileInfo current = m.incrs.get(m.incrs.size() - 1);
      for (AofManifest.FileInfo f : m.incrs) {
        if (f != current) {
          old.add(new AofManifest.FileInfo(f.name(), f.seq(), 'h'));
        }
      }
      m.base = new AofManifest.FileInfo(baseName, seq, 'b');
      m.baseSeq = seq;
      m.incrs.clear();
      m.incrs.add(current);
      m.history.addAll(old);
      persistManifest(aofDir);
      waitRewrite = false;
      baseSize = base.size();
      rewriteBaseSize = baseSize + incrSize;
    }
    log.notice("Background AOF rewrite terminated with success");
    // Redis deletes history files in the background, then drops them from the manifest.
    for (AofManifest.FileInfo f : old) {
      Files.deleteIfExists(aofDir.resolve(f.name()));
      log.notice("Removing the history file " + f.name() + " in the background");
    }
    synchronized (io) {
      manifest.history.clear();
      persistManifest(aofDir);
    }
  }

  private void persistManifest(Path aofDir) throws IOException {
    Path tmp = aofDir.resolve("temp-" + manifestName());
    writeDurably(tmp, manifest.format().getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, aofDir.resolve(manifestName()), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fsyncDir(aofDir);
  }

  private static void writeDurably(Path file, byte[] data) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bb = ByteBuffer.wrap(data);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    }
  }

  private static void fsyncDir(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some platforms cannot open a directory; the rename is still atomic
    }
  }

  /** serverCron's part: the everysec fsync, scheduled and automatic rewrites. */
  private void cron() {
    try {
      if (enabled && !loading) {
        Fsync f = fsync;
        if (f == Fsync.EVERYSEC || written < appended) {
          writeOut(f != Fsync.NO);
        }
      }
      if (rewriteScheduled && !rewriting) {
        startRewrite();
      }
      long pct = autoRewritePercentage;
      long cur = currentSize();
      if (enabled && !rewriting && pct > 0 && cur > autoRewriteMinSize) {
        long base = Math.max(1, rewriteBaseSize);
        long growth = (cur * 100 / base) - 100;
        if (growth >= pct) {
          log.notice("Starting automatic rewriting of AOF on " + growth + "% growth");
          startRewrite();
        }
      }
    } catch (RuntimeException e) {
      log.warning("AOF background job failed: " + e);
    }
  }

  // ------------------------------------------------------------------ start-up

  private void createOnStart(Path aofDir) throws IOException {
    // Redis: an empty (or loaded-from-nothing) data set gets base 1 and incr 1 at once.
    String baseName = fileName + ".1.base" + (rdbPreamble ? ".rdb" : ".aof");
    ByteArrayOutputStream base = new ByteArrayOutputStream();
    if (rdbPreamble) {
      RdbWriter w = new RdbWriter(base, rdbCompression, rdbChecksum);
      w.header(engine().now() / 1000, 0, true);
      context().snapshot(w);
      w.finish();
    } else {
      context().snapshot(new AofBaseWriter(base));
    }
    writeDurably(aofDir.resolve(baseName), base.toByteArray());
    log.notice("Creating AOF base file " + baseName + " on server start");
    String incrName = fileName + ".1.incr.aof";
    synchronized (io) {
      incr = FileChannel.open(aofDir.resolve(incrName), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      manifest = new AofManifest();
      manifest.base = new AofManifest.FileInfo(baseName, 1, 'b');
      manifest.baseSeq = 1;
      manifest.incrs.add(new AofManifest.FileInfo(incrName, 1, 'i'));
      manifest.incrSeq = 1;
      persistManifest(aofDir);
      baseSize = base.size();
      incrSize = 0;
      rewriteBaseSize = baseSize;
    }
    log.notice("Creating AOF incr file " + incrName + " on server start");
  }

  private void openIncrOnStart(Path aofDir) throws IOException {
    synchronized (io) {
      if (manifest.incrs.isEmpty()) {
        long seq = manifest.incrSeq + 1;
        String name = fileName + "." + seq + ".incr.aof";
        manifest.incrs.add(new AofManifest.FileInfo(name, seq, 'i'));
        manifest.incrSeq = seq;
        incr = FileChannel.open(aofDir.resolve(name), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        persistManifest(aofDir);
        log.notice("Creating AOF incr file " + name + " on server start");
      } else {
        String name = manifest.incrs.get(manifest.incrs.size() - 1).name();
        incr = FileChannel.open(aofDir.resolve(name), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        log.notice("Opening AOF incr file " + name + " on server start");
      }
    }
  }

  private void loadAll(Path aofDir, AofManifest m) throws IOException {
    this.manifest = m;
    loading = true;
    long start = System.nanoTime();
    try {
      long total = 0;
      if (m.base != null) {
        Path f = aofDir.resolve(m.base.name());
        if (!Files.exists(f)) {
          throw fatal("The AOF file " + m.base.name() + " doesn't exist");
        }
        long t0 = System.nanoTime();
        loadFile(f, m.base.name(), m.incrs.isEmpty());
        baseSize = Files.size(f);
        total += baseSize;
        log.notice("DB loaded from base file " + m.base.name() + ": " + seconds(t0) + " seconds");
      }
      for (int i = 0; i < m.incrs.size(); i++) {
        AofManifest.FileInfo info = m.incrs.get(i);
        Path f = aofDir.resolve(info.name());
        if (!Files.exists(f)) {
          throw fatal("The AOF file " + info.name() + " doesn't exist");
        }
        long t0 = System.nanoTime();
        loadFile(f, info.name(), i == m.incrs.size() - 1);
        long size = Files.size(f);
        total += size;
        if (i == m.incrs.size() - 1) {
          incrSize = size;
        } else {
          baseSize += size;
        }
        log.notice("DB loaded from incr file " + info.name() + ": " + seconds(t0) + " seconds");
      }
      rewriteBaseSize = total;
      log.notice("DB loaded from append only file: " + seconds(start) + " seconds");
    } finally {
      loading = false;
    }
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
  }

  private void loadFile(Path f, String name, boolean last) throws IOException {
    long size = Files.size(f);
    if (size == 0) {
      return;
    }
    if (startsWithRdbMagic(f)) {
      log.notice("Reading RDB base file on AOF loading...");
      try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
        PersistenceContext ctx = context();
        RdbReader.Result r = new RdbReader(in, size, name, engine().limits(),
            ctx.databaseCount(), ctx.now()).read(ctx::restore);
        log.notice("Done loading RDB, keys loaded: " + r.keys() + ", keys expired: "
            + r.expiredSkipped() + ".");
      }
      return;
    }
    AofLoader.Result r;
    try {
      r = new AofLoader(loaderDispatcher()).load(f, name);
    } catch (AofLoader.FormatError e) {
      log.warning("Bad file format reading the append only file " + name
          + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
      throw new PersistenceException("Bad file format reading the append only file " + name
          + " at offset " + e.offset + " (" + e.getMessage() + "): make a backup of your AOF"
          + " file, then use ./redis-check-aof --fix <filename.manifest>");
    }
    if (!r.truncated()) {
      return;
    }
    if (r.revertedMulti()) {
      log.warning("Revert incomplete MULTI/EXEC transaction in AOF file " + name);
    }
    if (!last) {
      throw fatal("Fatal error: the truncated file is not the last file (" + name
          + ", offset " + r.validBytes() + ")");
    }
    if (!loadTruncated) {
      throw fatal("Unexpected end of file reading the append only file " + name
          + " (offset " + r.validBytes() + "). You can: 1) Make a backup of your AOF file,"
          + " then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can"
          + " set the 'aof-load-truncated' configuration option to yes and restart the server.");
    }
    log.warning("!!! Warning: short read while loading the AOF file " + name + "!!!");
    log.warning("!!! Truncating the AOF " + name + " at offset " + r.validBytes() + " !!!");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(r.validBytes());
      ch.force(true);
    }
    log.warning("AOF " + name + " loaded anyway because aof-load-truncated is enabled ("
        + (r.fileBytes() - r.validBytes()) + " bytes dropped)");
  }

  private PersistenceException fatal(String message) {
    log.warning(message);
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
    Dispatcher d = loader;
    if (d == null) {
      d = CommandLayer.install(new ServerState(engine(), new ConfigRegistry()));
      loader = d;
    }
    return d;
  }

  // ------------------------------------------------------------------ INFO

  public boolean enabled() {
    return enabled;
  }

  public boolean rewriteInProgress() {
    return rewriting;
  }

  public boolean rewriteScheduled() {
    return rewriteScheduled;
  }

  public long lastRewriteTimeSeconds() {
    return lastRewriteSeconds;
  }

  /** Seconds the running rewrite has taken, -1 when none runs. */
  public long currentRewriteTimeSeconds() {
    long s = rewriteStartMillis;
    return s < 0 ? -1 : (System.currentTimeMillis() - s) / 1000;
  }

  public boolean lastRewriteOk() {
    return lastRewriteOk;
  }

  public boolean lastWriteOk() {
    return lastWriteOk;
  }

  public long rewrites() {
    return rewrites;
  }

  /** INFO {@code aof_current_size}: base plus incr files, including what is buffered. */
  public long currentSize() {
    return baseSize + incrSize + Math.max(0, appended - written);
  }

  /** INFO {@code aof_base_size}: the size right after the last rewrite or load. */
  public long baseSize() {
    return rewriteBaseSize;
  }

  /** Bytes logged but not yet written (INFO {@code aof_buffer_length}). */
  public long bufferLength() {
    return Math.max(0, appended - written);
  }

  /** The AOF directory. */
  public Path directory() {
    return dir.resolve(dirName);
  }

  private String manifestName() {
    return fileName + ".manifest";
  }

  private Engine engine() {
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("not open");
    }
    return e;
  }

  private PersistenceContext context() {
    PersistenceContext c = context;
    if (c == null) {
      throw new IllegalStateException("not open");
    }
    return c;
  }

  private static void closeQuietly(@Nullable FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }

  private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
}
