package io.lime.internal.aof;

import io.lime.internal.command.Dispatcher;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Propagation;
import io.lime.internal.persistence.EngineContext;
import io.lime.internal.util.DaemonCron;
import io.lime.internal.util.Lazy;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
 *
 * <p>Parts, each a class of this package. This class is the facade: settings, the
 * {@link Persistence} life cycle, the run-time switch, the once-a-second cron and INFO.
 * <ul>
 *   <li>{@code AofContext}: the settings, the log and the engine, shared by all parts.
 *   <li>{@code AofDirectory}: the manifest, the open incr file, file names and sizes, and
 *       durable replacement of files.
 *   <li>{@code AofLogWriter}: the buffer, writing it to the incr file, the fsync policy.
 *   <li>{@code AofRewriter}: the background rewrite and its statistics.
 *   <li>{@code AofStartup}: loading (or creating) the files at start-up.
 * </ul>
 *
 * <p>Locks, outermost first: this object's monitor (switching the AOF on or off, starting a
 * rewrite), the engine's write-order lock, {@code AofDirectory#io}, the log writer's buffer
 * lock.
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

  /** Outcome of {@link #bgrewrite()}. */
  public enum RewriteStart { STARTED, ALREADY_IN_PROGRESS, SCHEDULED }

  private final AofContext ctx;
  private final Path dir;
  private final String dirName;
  /** Made on first need: never, for a server whose AOF stays off and is not asked about. */
  private final Lazy<Parts> parts;
  private volatile boolean enabled;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final DaemonCron cron = new DaemonCron("lime-aof");

  /**
   * An AOF in {@code dir/dirName} whose files are named after {@code fileName}
   * ({@code appendonly.aof} → {@code appendonly.aof.1.base.rdb}, ...).
   */
  public AppendOnlyFile(Path dir, String dirName, String fileName, Log log) {
    this.ctx = new AofContext(log);
    this.dir = dir;
    this.dirName = dirName;
    this.parts = new Lazy<>(() -> new Parts(ctx, new AofDirectory(dir, dirName, fileName)));
  }

  /**
   * The working parts. Made when the AOF is first switched on, rewritten or reported on (INFO),
   * not with the AOF: a server with {@code appendonly no} never loads their classes (about
   * ten, a cost of start-up).
   */
  private static final class Parts {
    final AofDirectory files;
    final AofLogWriter writer;
    final AofRewriter rewriter;
    final AofStartup startup;

    Parts(AofContext ctx, AofDirectory files) {
      this.files = files;
      this.writer = new AofLogWriter(ctx, files);
      this.rewriter = new AofRewriter(ctx, files, writer);
      this.startup = new AofStartup(ctx, files);
    }
  }

  /** The parts, made on the first call (under the Lazy's monitor, innermost of all locks). */
  private Parts parts() {
    return parts.get();
  }

  // ------------------------------------------------------------------ settings

  /** {@code appendonly} at start-up; at run time use {@link #enable()} / {@link #disable()}. */
  public AppendOnlyFile enabled(boolean on) { this.enabled = on; return this; }

  /** {@code appendfsync}. */
  public AppendOnlyFile fsync(Fsync f) { ctx.fsync = f; return this; }

  /** {@code aof-load-truncated}: load an AOF whose last command is cut short. */
  public AppendOnlyFile loadTruncated(boolean b) { ctx.loadTruncated = b; return this; }

  /** {@code aof-use-rdb-preamble}: the base file is written as RDB. */
  public AppendOnlyFile rdbPreamble(boolean b) { ctx.rdbPreamble = b; return this; }

  /** {@code rdbcompression} and {@code rdbchecksum} for an RDB base. */
  public AppendOnlyFile rdbOptions(boolean compression, boolean checksum) {
    ctx.rdbCompression = compression;
    ctx.rdbChecksum = checksum;
    return this;
  }

  /** {@code auto-aof-rewrite-percentage} (0: off) and {@code auto-aof-rewrite-min-size}. */
  public AppendOnlyFile autoRewrite(long percentage, long minSizeBytes) {
    ctx.autoRewritePercentage = percentage;
    ctx.autoRewriteMinSize = minSizeBytes;
    return this;
  }

  /**
   * The command layer that replays AOF commands at load (the server's, so its settings
   * apply); without one, a private one over the engine is created.
   */
  public AppendOnlyFile loader(Dispatcher d) {
    ctx.loader = d;
    return this;
  }

  // ------------------------------------------------------------------ Persistence

  @Override
  public boolean wantsCommands() {
    return enabled && !parts().startup.loading();
  }

  @Override
  public void open(PersistenceContext pc) throws IOException {
    ctx.context = pc;
    Engine e = ((EngineContext) pc).engine();
    ctx.engine = e;
    if (e.propagation() == null || e.persistence().unwrap(AppendOnlyFile.class) != this) {
      throw new IllegalStateException("set the engine's persistence before opening the AOF");
    }
    Propagation p = e.propagation();
    p.replyBarrier(this::beforeReply);
    if (enabled) {
      parts().startup.run();
      startCron();
    }
  }

  @Override
  public void onWrite(int db, byte[][] argv) {
    if (!enabled) {
      return;
    }
    Parts p = parts();
    if (!p.startup.loading()) {
      p.writer.append(db, argv);
    }
  }

  /**
   * Writes what was logged to the incr file and, with {@code appendfsync always}, fsyncs it;
   * called by the server before it sends replies. Cheap when there is nothing new.
   */
  public void beforeReply() {
    Parts p = parts.ifMade();
    if (p != null) { // else nothing was ever logged
      p.writer.beforeReply();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closed already (or being closed by another thread)
    }
    cron.stop();
    Parts p = parts.ifMade();
    if (p == null) {
      return; // never switched on nor rewritten: nothing runs, nothing is open
    }
    p.rewriter.join(10_000);
    if (enabled) {
      try {
        p.writer.writeOut(true);
      } catch (UncheckedIOException e) {
        // logged
      }
    }
    p.files.closeIncr();
  }

  // ------------------------------------------------------------------ run-time switch

  /** {@code CONFIG SET appendonly yes}: starts logging with a rewrite (Redis's startAppendOnly). */
  public synchronized void enable() throws IOException {
    if (enabled) {
      return;
    }
    Parts p = parts();
    p.files.prepareForEnable();
    p.rewriter.awaitBase();
    p.writer.discardBuffered();
    enabled = true;
    startCron();
    if (!startRewrite()) {
      p.rewriter.schedule();
    }
  }

  /** {@code CONFIG SET appendonly no}: flushes, fsyncs and stops logging (Redis's stopAppendOnly). */
  public synchronized void disable() {
    if (!enabled) {
      return;
    }
    Propagation p = ctx.engine().propagation();
    ReentrantLock order = p.order();
    order.lock();
    try {
      Parts w = parts();
      w.writer.writeOut(true);
      enabled = false;
      w.files.closeIncr();
    } finally {
      order.unlock();
    }
  }

  // ------------------------------------------------------------------ rewrite

  /** BGREWRITEAOF. */
  public synchronized RewriteStart bgrewrite() {
    AofRewriter rewriter = parts().rewriter;
    if (rewriter.inProgress()) {
      return RewriteStart.ALREADY_IN_PROGRESS;
    }
    if (!startRewrite()) {
      rewriter.schedule();
      startCron();
      return RewriteStart.SCHEDULED;
    }
    return RewriteStart.STARTED;
  }

  private synchronized boolean startRewrite() {
    return !closed.get() && parts().rewriter.start();
  }

  /**
   * Starts the cron on the AOF's first need of it: while the AOF is on, or a rewrite is
   * scheduled (off, nothing else is due, so a server without an AOF has no cron thread).
   * Once started it runs until {@link #close()}.
   */
  private void startCron() {
    cron.ensureStarted(1000, this::cron);
  }

  /** serverCron's part: the everysec fsync, scheduled and automatic rewrites. */
  private void cron() {
    try {
      Parts p = parts();
      AofRewriter rewriter = p.rewriter;
      if (enabled && !p.startup.loading()) {
        p.writer.cronFlush();
      }
      if (rewriter.scheduled() && !rewriter.inProgress()) {
        startRewrite();
      }
      long pct = ctx.autoRewritePercentage;
      long cur = currentSize();
      if (enabled && !rewriter.inProgress() && pct > 0 && cur > ctx.autoRewriteMinSize) {
        long base = Math.max(1, p.files.rewriteBaseSize);
        long growth = (cur * 100 / base) - 100;
        if (growth >= pct) {
          ctx.log.notice("Starting automatic rewriting of AOF on " + growth + "% growth");
          startRewrite();
        }
      }
    } catch (RuntimeException e) {
      ctx.log.warning("AOF background job failed: " + e);
    }
  }

  // ------------------------------------------------------------------ INFO

  /** Whether appendonly is on (INFO {@code aof_enabled}). */
  public boolean enabled() { return enabled; }

  /**
   * Pairs this AOF with the snapshots of the same engine, as Redis: with the AOF on, only the
   * AOF loads at start (dump.rdb is ignored), and a BGSAVE waits for an AOF rewrite (one
   * background job at a time). Call after {@link #enabled(boolean)}, before opening either.
   */
  public void pairWith(io.lime.internal.persistence.rdb.RdbPersistence rdb) {
    rdb.loadOnOpen(!enabled);
    rdb.otherChildActive(this::rewriteInProgress);
  }

  /** INFO {@code aof_rewrite_in_progress}. */
  public boolean rewriteInProgress() {
    Parts p = parts.ifMade();
    return p != null && p.rewriter.inProgress(); // none before the parts are made
  }

  /** INFO {@code aof_rewrite_scheduled}. */
  public boolean rewriteScheduled() { return parts().rewriter.scheduled(); }

  /** INFO {@code aof_last_rewrite_time_sec}. */
  public long lastRewriteTimeSeconds() { return parts().rewriter.lastSeconds(); }

  /** Seconds the running rewrite has taken, -1 when none runs. */
  public long currentRewriteTimeSeconds() { return parts().rewriter.currentSeconds(); }

  /** INFO {@code aof_last_bgrewrite_status}. */
  public boolean lastRewriteOk() { return parts().rewriter.lastOk(); }

  /** INFO {@code aof_last_write_status}. */
  public boolean lastWriteOk() { return parts().writer.lastWriteOk(); }

  /** INFO {@code aof_rewrites}. */ public long rewrites() { return parts().rewriter.rewrites(); }

  /** INFO {@code aof_current_size}: base plus incr files, including what is buffered. */
  public long currentSize() {
    Parts p = parts();
    return p.files.baseSize + p.files.incrSize + p.writer.bufferLength();
  }

  /** INFO {@code aof_base_size}: the size right after the last rewrite or load. */
  public long baseSize() { return parts().files.rewriteBaseSize; }

  /** Bytes logged but not yet written (INFO {@code aof_buffer_length}). */
  public long bufferLength() { return parts().writer.bufferLength(); }

  /** The AOF directory. */ public Path directory() { return dir.resolve(dirName); }
}
