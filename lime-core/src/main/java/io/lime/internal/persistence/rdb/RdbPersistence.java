package io.lime.internal.persistence.rdb;

import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.persistence.EngineContext;
import io.lime.internal.util.DaemonCron;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import io.lime.persistence.SaveRule;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * RDB snapshots: load at open, SAVE, BGSAVE, {@code save <seconds> <changes>} rules checked
 * by a cron (Redis's serverCron, 10 times a second; its thread started once there are rules
 * or a scheduled BGSAVE), and the state INFO persistence reports.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Consistency. A snapshot visits the keyspace one shard at a time, holding that
 *       shard's lock while its keys are serialized into memory (values are mutable, so they
 *       are encoded under the lock) and writing the buffer out after releasing it. Each shard
 *       is therefore captured at one instant and other shards keep serving commands; a
 *       multi-key command spanning shards can be seen half applied. Redis's fork gives a
 *       single instant for the whole data set; holding every lock for the length of a save
 *       would stop all clients, which BGSAVE must not do. SAVE uses the same path (Redis's
 *       SAVE blocks every client; LIME's blocks only the caller).
 *   <li>Files. Written to {@code temp-<pid>-<n>.rdb} in the target's directory, fsynced,
 *       renamed over the target atomically, then the directory is fsynced (Redis's rdbSave
 *       and fsyncFileDir). A failed save deletes the temporary file and leaves the old
 *       snapshot in place.
 *   <li>Concurrency. One save at a time ({@link #saveLock}); BGSAVE runs on its own
 *       thread. The dirty counter is reduced by its value when the save began, so writes
 *       made during a save still count towards the next one.
 * </ul>
 */
public final class RdbPersistence implements Persistence {
  /** The engine's logger once opened over one (its server's log), else System.Logger. */
  private volatile System.Logger log = io.lime.internal.util.LimeLog.get("io.lime.persistence");
  /** Redis's CONFIG_BGSAVE_RETRY_DELAY: seconds before a failed BGSAVE is retried by rules. */
  static final long BGSAVE_RETRY_DELAY_SECONDS = 5;
  /** serverCron period. */
  static final long CRON_PERIOD_MILLIS = 100;

  /** Where and how to save; read at each save, so CONFIG SET takes effect. */
  public interface Settings {
    /** The snapshot file ({@code dir}/{@code dbfilename}). */
    Path file();

    /** {@code rdbcompression}. */
    boolean compression();

    /** {@code rdbchecksum}. */
    boolean checksum();

    /**
     * {@code save} rules; read by the cron at each run, and to know whether a cron is needed
     * when opened and at {@link RdbPersistence#rulesChanged()}.
     */
    List<SaveRule> rules();
  }

  /**
   * Settings with a fixed file and checksum choice, compression on, and the rules {@code
   * ruleSource} gives at each use.
   */
  public record FixedSettings(Path file, boolean checksum, Supplier<List<SaveRule>> ruleSource)
      implements Settings {
    @Override
    public boolean compression() {
      return true;
    }

    @Override
    public List<SaveRule> rules() {
      return ruleSource.get();
    }
  }

  /** The outcome of a SAVE or a BGSAVE request. */
  public enum Outcome { OK, FAILED, STARTED, SCHEDULED, IN_PROGRESS, OTHER_CHILD_ACTIVE }

  private final Settings settings;
  private final boolean saveOnClose;
  private final ReentrantLock saveLock = new ReentrantLock();
  private final AtomicLong saves = new AtomicLong();
  private final AtomicLong tempCounter = new AtomicLong();
  private volatile @Nullable PersistenceContext context;
  private volatile @Nullable EncodingLimits limits;
  private final DaemonCron cron = new DaemonCron("lime-rdb-cron");
  private volatile @Nullable Thread bgsave;
  private volatile boolean bgsaveScheduled;
  private volatile long lastSaveSeconds = System.currentTimeMillis() / 1000;
  private volatile long lastBgsaveTrySeconds;
  private volatile boolean lastBgsaveOk = true;
  private volatile long lastBgsaveTimeSeconds = -1;
  private volatile long bgsaveStartMillis = -1;
  private volatile long lastLoadKeysLoaded;
  private volatile long lastLoadKeysExpired;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Whether another background job runs; null: none ever does (no lambda at start-up). */
  private volatile @Nullable BooleanSupplier otherChildActive;
  private volatile boolean loadOnOpen = true;

  /** Snapshots with the given settings; {@code saveOnClose}: {@link #close()} saves. */
  public RdbPersistence(Settings settings, boolean saveOnClose) {
    this.settings = settings;
    this.saveOnClose = saveOnClose;
  }

  /** The embedded store's snapshots: a fixed file and rules, saved on close. */
  public static RdbPersistence embedded(Path file, List<SaveRule> rules) {
    Path f = file.toAbsolutePath();
    List<SaveRule> r = List.copyOf(rules);
    return new RdbPersistence(new FixedSettings(f, true, () -> r), true);
  }

  /**
   * Whether {@link #open} loads the snapshot file (default true). A server with {@code
   * appendonly yes} loads its AOF instead, as Redis ignores dump.rdb then.
   */
  public void loadOnOpen(boolean load) {
    this.loadOnOpen = load;
  }

  /**
   * Tells snapshots whether another background job (an AOF rewrite) is running, as Redis's
   * hasActiveChildProcess: BGSAVE is then refused or scheduled.
   */
  public void otherChildActive(BooleanSupplier s) {
    this.otherChildActive = s;
  }

  private boolean otherChildActive() {
    BooleanSupplier s = otherChildActive;
    return s != null && s.getAsBoolean();
  }

  // ------------------------------------------------------------------ life cycle

  @Override
  public void open(PersistenceContext ctx) throws IOException {
    this.context = ctx;
    this.limits = ctx instanceof EngineContext ec ? ec.engine().limits() : new EncodingLimits();
    if (ctx instanceof EngineContext ec) {
      log = ec.engine().logger("io.lime.persistence");
    }
    if (loadOnOpen) {
      load(ctx);
    }
    lastSaveSeconds = ctx.now() / 1000;
    rulesChanged();
  }

  /**
   * Starts the cron if there are save rules now ({@link Settings#rules()}); call it when they
   * may have changed (CONFIG SET save). Without rules and without a scheduled BGSAVE the cron
   * has nothing to do, so it is started only then, and runs until {@link #close()}.
   */
  public void rulesChanged() {
    if (!settings.rules().isEmpty()) {
      startCron();
    }
  }

  private void startCron() {
    cron.ensureStarted(CRON_PERIOD_MILLIS, this::cronSafely);
  }

  /** Loads the snapshot file if it exists (Redis's loadDataFromDisk). */
  private void load(PersistenceContext ctx) throws IOException {
    Path file = settings.file();
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return;
    }
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(file)) {
      RdbReader reader = new RdbReader(in, size, file.toString(), limits(), ctx.databaseCount(),
          ctx.now());
      if (ctx instanceof io.lime.internal.persistence.EngineContext ec) {
        reader.extensions(ec.engine().extensions()); // custom value types
      }
      RdbReader.Result r = reader.read(ctx::restore);
      if (ctx instanceof io.lime.internal.persistence.EngineContext ec) {
        ec.engine().functionLibraries(r.functions());
      }
      lastLoadKeysLoaded = r.keys();
      lastLoadKeysExpired = r.expiredSkipped();
      if (r.redisVersion() != null) {
        log.log(System.Logger.Level.INFO, "Loading RDB produced by version " + r.redisVersion());
      }
      log.log(System.Logger.Level.INFO, String.format("DB loaded from disk: %.3f seconds",
          (System.nanoTime() - start) / 1e9));
    }
  }

  @Override
  public void onWrite(int db, byte[][] argv) {
    // snapshots do not log commands; the dirty counter drives the save rules
  }

  /** Snapshots need no commands: the engine then neither builds nor orders them. */
  @Override public boolean wantsCommands() { return false; }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closed already (or being closed by another thread)
    }
    cron.stop();
    awaitBackgroundSave();
    if (saveOnClose && context != null) {
      if (save() != Outcome.OK) {
        log.log(System.Logger.Level.WARNING, "Error trying to save the DB on close");
      }
    }
  }

  /** Waits for a running BGSAVE to finish. */
  public void awaitBackgroundSave() {
    Thread t = bgsave;
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ------------------------------------------------------------------ commands

  /** SAVE: a synchronous save; {@link Outcome#IN_PROGRESS} while a BGSAVE runs. */
  public Outcome save() {
    if (bgsave != null) {
      return Outcome.IN_PROGRESS;
    }
    saves.incrementAndGet();
    return saveNow() ? Outcome.OK : Outcome.FAILED;
  }

  /**
   * The saving step of a shutdown (Redis's prepareForShutdown): waits for a running BGSAVE,
   * then saves when {@code save} is given, or when there are save rules and {@code nosave}
   * is not. Returns false when a needed save failed.
   */
  public boolean shutdownSave(boolean save, boolean nosave) {
    if (!save && (nosave || settings.rules().isEmpty())) {
      return true;
    }
    awaitBackgroundSave();
    log.log(System.Logger.Level.INFO, "Saving the final RDB snapshot before exiting.");
    boolean ok = save() == Outcome.OK;
    if (!ok) {
      log.log(System.Logger.Level.WARNING, "Error trying to save the DB, can't exit.");
    }
    return ok;
  }

  /** BGSAVE [SCHEDULE]. */
  public synchronized Outcome bgsave(boolean schedule) {
    if (bgsave != null) {
      return Outcome.IN_PROGRESS;
    }
    if (otherChildActive()) {
      if (schedule) {
        bgsaveScheduled = true;
        startCron();
        return Outcome.SCHEDULED;
      }
      return Outcome.OTHER_CHILD_ACTIVE;
    }
    return startBackgroundSave() ? Outcome.STARTED : Outcome.FAILED;
  }

  private synchronized boolean startBackgroundSave() {
    if (bgsave != null || context == null) {
      return false;
    }
    PersistenceContext ctx = context;
    bgsaveScheduled = false;
    lastBgsaveTrySeconds = ctx.now() / 1000;
    bgsaveStartMillis = System.currentTimeMillis();
    saves.incrementAndGet();
    Thread t = new Thread(() -> {
      boolean ok = saveNow();
      synchronized (this) {
        bgsaveStatus(ok);
        lastBgsaveTimeSeconds = (System.currentTimeMillis() - bgsaveStartMillis) / 1000;
        bgsaveStartMillis = -1;
        bgsave = null;
      }
      log.log(ok ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
          ok ? "Background saving terminated with success" : "Background saving error");
    }, "lime-bgsave");
    t.setDaemon(true);
    bgsave = t;
    log.log(System.Logger.Level.INFO, "Background saving started");
    t.start();
    return true;
  }

  /**
   * One serverCron pass: starts a scheduled BGSAVE, or one a save rule calls for. Public
   * so that tests with a manual ticker can drive it.
   */
  public void cron() {
    PersistenceContext ctx = context;
    if (ctx == null || closed.get() || bgsave != null || otherChildActive()) {
      return;
    }
    long now = ctx.now() / 1000;
    boolean retryOk = now - lastBgsaveTrySeconds > BGSAVE_RETRY_DELAY_SECONDS || lastBgsaveOk;
    if (bgsaveScheduled && retryOk) {
      startBackgroundSave();
      return;
    }
    long dirty = ctx.dirty();
    for (SaveRule r : settings.rules()) {
      if (dirty >= r.changes() && now - lastSaveSeconds > r.seconds() && retryOk) {
        log.log(System.Logger.Level.INFO,
            r.changes() + " changes in " + r.seconds() + " seconds. Saving...");
        startBackgroundSave();
        return;
      }
    }
  }

  private void cronSafely() {
    try {
      cron();
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "snapshot cron failed", e);
    }
  }

  /** Writes a snapshot to the configured file; false (logged) on failure. */
  private boolean saveNow() {
    PersistenceContext ctx = context;
    if (ctx == null) {
      return false;
    }
    saveLock.lock();
    try {
      writeSnapshot(ctx, settings.file());
      lastSaveSeconds = ctx.now() / 1000;
      bgsaveStatus(true);
      log.log(System.Logger.Level.INFO, "DB saved on disk");
      return true;
    } catch (IOException | RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "Failed saving the DB to " + settings.file() + ": "
          + e);
      return false;
    } finally {
      saveLock.unlock();
    }
  }

  /**
   * Writes a snapshot of {@code ctx} to {@code target}: temp file, fsync, rename, directory
   * fsync. Resets the dirty counter by its value when the snapshot began.
   *
   * @throws IOException if writing fails (the temporary file is deleted)
   */
  public void writeSnapshot(PersistenceContext ctx, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-"
        + tempCounter.incrementAndGet() + ".rdb");
    long dirtyBefore = ctx.dirty();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      write(ctx, os, false);
      os.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    fsyncDirectory(dir);
    ctx.clearDirty(dirtyBefore);
  }

  /**
   * Writes a whole RDB stream of {@code ctx} to {@code out} with the current settings (also
   * the AOF's RDB preamble, with {@code aofBase} true).
   */
  public void write(PersistenceContext ctx, OutputStream out, boolean aofBase)
      throws IOException {
    Runtime rt = Runtime.getRuntime();
    RdbWriter w = new RdbWriter(out, settings.compression(), settings.checksum());
    w.header(ctx.now() / 1000, rt.totalMemory() - rt.freeMemory(), aofBase);
    if (ctx instanceof io.lime.internal.persistence.EngineContext ec) {
      w.functions(ec.engine().functionLibraries());
    }
    ctx.snapshot(w);
    w.finish();
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some platforms cannot open or sync a directory; the rename itself is done
    }
  }

  private EncodingLimits limits() {
    EncodingLimits l = limits;
    return l != null ? l : new EncodingLimits();
  }

  // ------------------------------------------------------------------ INFO

  /** LASTSAVE: Unix seconds of the last successful save (start time if none). */
  public long lastSaveSeconds() { return lastSaveSeconds; }

  /** rdb_bgsave_in_progress. */ public boolean bgsaveInProgress() { return bgsave != null; }

  /** Whether a BGSAVE is scheduled (BGSAVE SCHEDULE while another job ran). */
  public boolean bgsaveScheduled() { return bgsaveScheduled; }

  /**
   * Records rdb_last_bgsave_status, and tells the engine's dispatcher (its {@link
   * io.lime.internal.engine.RareChecks#DISK_ERROR} bit, set before a failure shows, cleared
   * after a success does) that writes may be refused (stop-writes-on-bgsave-error).
   */
  private void bgsaveStatus(boolean ok) {
    io.lime.internal.engine.RareChecks rare =
        context instanceof EngineContext ec ? ec.engine().rareChecks() : null;
    if (!ok && rare != null) {
      rare.set(io.lime.internal.engine.RareChecks.DISK_ERROR, true);
    }
    lastBgsaveOk = ok;
    if (ok && rare != null) {
      rare.set(io.lime.internal.engine.RareChecks.DISK_ERROR, false);
    }
  }

  /** Whether {@code save} rules are configured (Redis's saveparamslen > 0). */
  public boolean hasSaveRules() { return !settings.rules().isEmpty(); }

  /** rdb_last_bgsave_status. */ public boolean lastBgsaveOk() { return lastBgsaveOk; }

  /** rdb_last_bgsave_time_sec. */
  public long lastBgsaveTimeSeconds() { return lastBgsaveTimeSeconds; }

  /** rdb_current_bgsave_time_sec. */
  public long currentBgsaveTimeSeconds() {
    long s = bgsaveStartMillis;
    return s < 0 ? -1 : (System.currentTimeMillis() - s) / 1000;
  }

  /** rdb_saves. */ public long saves() { return saves.get(); }

  /** rdb_last_load_keys_loaded. */ public long lastLoadKeysLoaded() { return lastLoadKeysLoaded; }

  /** rdb_last_load_keys_expired. */
  public long lastLoadKeysExpired() { return lastLoadKeysExpired; }

  /** The settings (file, compression, checksum, rules). */
  public Settings settings() { return settings; }
}
