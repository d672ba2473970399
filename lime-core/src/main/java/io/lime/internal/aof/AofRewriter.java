package io.lime.internal.aof;

import io.lime.internal.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The background rewrite (Redis's rewriteAppendOnlyFileBackground): its thread, its state
 * and the statistics INFO reports. The steps, and why a crash at any point is safe, are in
 * the {@link AppendOnlyFile} notes; {@link #rewriteNow()} is that sequence.
 *
 * <p>Thread-safety: {@link #start()} and {@link #schedule()} are called holding the
 * {@code AppendOnlyFile}'s monitor, so at most one rewrite starts; the state is volatile for
 * the readers (INFO, the cron).
 */
final class AofRewriter {
  private final AofContext ctx;
  private final AofDirectory files;
  private final AofLogWriter writer;

  private volatile boolean rewriting;
  private volatile boolean scheduled;
  private volatile long startMillis = -1;
  private volatile long lastSeconds = -1;
  private volatile boolean lastOk = true;
  private volatile long rewrites;
  private volatile @Nullable Thread thread;
  /** AOF switched on at run time: the manifest names the new files only once the base exists. */
  private volatile boolean waitRewrite;

  AofRewriter(AofContext ctx, AofDirectory files, AofLogWriter writer) {
    this.ctx = ctx;
    this.files = files;
    this.writer = writer;
  }

  /**
   * Starts a rewrite on a new thread unless one runs; the caller holds the AOF's monitor and
   * has checked that the AOF is not closed.
   */
  boolean start() {
    if (rewriting) {
      return false;
    }
    rewriting = true;
    scheduled = false;
    startMillis = System.currentTimeMillis();
    ctx.log.notice("Background append only file rewriting started by pid "
        + ProcessHandle.current().pid());
    Thread t = new Thread(this::run, "lime-aof-rewrite");
    t.setDaemon(true);
    thread = t;
    t.start();
    return true;
  }

  /** Asks the cron to start a rewrite as soon as it can. */
  void schedule() {
    scheduled = true;
  }

  /**
   * The AOF is being switched on at run time: until the next rewrite has written a base, the
   * manifest on disk must not name the new incr file (the old files do not hold its data).
   */
  void awaitBase() {
    waitRewrite = true;
  }

  /** Waits up to {@code millis} for a running rewrite to end. */
  void join(long millis) {
    Thread t = thread;
    if (t != null) {
      try {
        t.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    boolean ok = false;
    try {
      rewriteNow();
      ok = true;
      ctx.log.notice("Background AOF rewrite finished successfully");
    } catch (IOException | RuntimeException e) {
      ctx.log.warning("Background AOF rewrite failed: " + e);
    } finally {
      lastOk = ok;
      lastSeconds = (System.currentTimeMillis() - startMillis) / 1000;
      startMillis = -1;
      if (ok) {
        rewrites++;
      }
      thread = null;
      rewriting = false;
    }
  }

  /** The rewrite, on the calling thread; see the {@link AppendOnlyFile} notes. */
  void rewriteNow() throws IOException {
    Engine e = ctx.engine();
    Path aofDir = files.path();
    Files.createDirectories(aofDir);
    ReentrantLock order = e.propagation().order();
    ByteArrayOutputStream base = new ByteArrayOutputStream(1 << 16);
    boolean rdb = ctx.rdbPreamble;
    order.lock();
    try {
      writer.writeOut(true);
      synchronized (files.io) {
        FileChannel ch = files.createNextIncr();
        if (!waitRewrite) { // else the old files do not hold this data: persist at the end
          files.persistManifest();
        }
        files.switchIncr(ch);
        // only when there was no incr file (enable): the snapshot has them
        writer.discardBuffered();
        writer.markFlushed();
        ctx.log.notice("Creating AOF incr file " + files.lastIncrName()
            + " on background rewrite");
      }
      ctx.writeBase(base, rdb);
    } finally {
      order.unlock();
    }
    // Writers run again; the new base goes to disk in the background.
    long seq = files.manifest.baseSeq + 1;
    String baseName = files.baseName(seq, rdb);
    String tmpName = "temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof";
    AofDirectory.writeDurably(aofDir.resolve(tmpName), base.toByteArray());
    files.replace(aofDir.resolve(tmpName), baseName);
    ctx.log.notice("Successfully renamed the temporary AOF base file " + tmpName + " into "
        + baseName);
    List<AofManifest.FileInfo> old;
    synchronized (files.io) {
      old = files.installBase(baseName, seq);
      files.persistManifest();
      waitRewrite = false;
      files.baseSize = base.size();
      files.rewriteBaseSize = files.baseSize + files.incrSize;
    }
    ctx.log.notice("Background AOF rewrite terminated with success");
    // Redis deletes history files in the background, then drops them from the manifest.
    for (AofManifest.FileInfo f : old) {
      Files.deleteIfExists(aofDir.resolve(f.name()));
      ctx.log.notice("Removing the history file " + f.name() + " in the background");
    }
    files.dropHistory();
  }

  boolean inProgress() {
    return rewriting;
  }

  boolean scheduled() {
    return scheduled;
  }

  long lastSeconds() {
    return lastSeconds;
  }

  /** Seconds the running rewrite has taken, -1 when none runs. */
  long currentSeconds() {
    long s = startMillis;
    return s < 0 ? -1 : (System.currentTimeMillis() - s) / 1000;
  }

  boolean lastOk() {
    return lastOk;
  }

  long rewrites() {
    return rewrites;
  }
}
