package io.lime.internal.aof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The live log: the buffer of commands logged since the last write, the database they were
 * logged against, writing that buffer to the open incr file and the {@code appendfsync}
 * policy (Redis's feedAppendOnlyFile and flushAppendOnlyFile).
 *
 * <p>Counters: {@code appended} bytes were logged, {@code written} of them reached the OS,
 * {@code synced} of them reached the disk. {@link #beforeReply()} is cheap when the counter
 * its policy needs has caught up. Threads flushing at once queue on the directory's
 * {@code io} lock; the first takes the whole buffer, so the others find nothing left to
 * write and at most an fsync to do (group commit).
 *
 * <p>Thread-safety: the buffer and the selected database are guarded by a lock of their
 * own, innermost (taken after {@link AofDirectory#io}).
 */
final class AofLogWriter {
  private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

  private final AofContext ctx;
  private final AofDirectory files;

  /** Guards the buffer and selectedDb; innermost. */
  private final Object bufLock = new Object();
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
  private int selectedDb = -1;
  private volatile long appended;
  private volatile long written;
  private volatile long synced;
  private volatile boolean lastWriteOk = true;

  AofLogWriter(AofContext ctx, AofDirectory files) {
    this.ctx = ctx;
    this.files = files;
  }

  /** Logs {@code argv}, preceded by a SELECT when the database changes. */
  void append(int db, byte[][] argv) {
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

  /** See {@link AppendOnlyFile#beforeReply()}. */
  void beforeReply() {
    long target = appended;
    boolean always = ctx.fsync == AppendOnlyFile.Fsync.ALWAYS;
    if (always ? synced >= target : written >= target) {
      return;
    }
    writeOut(always);
  }

  /** The once-a-second flush: writes what is buffered, and fsyncs unless {@code appendfsync no}. */
  void cronFlush() {
    AppendOnlyFile.Fsync f = ctx.fsync;
    if (f == AppendOnlyFile.Fsync.EVERYSEC || written < appended) {
      writeOut(f != AppendOnlyFile.Fsync.NO);
    }
  }

  /**
   * Writes the buffer to the incr file and, with {@code sync}, fsyncs it; does nothing while
   * no incr file is open.
   *
   * @throws UncheckedIOException when writing fails (logged; INFO shows the write status)
   */
  void writeOut(boolean sync) {
    synchronized (files.io) {
      FileChannel ch = files.incr;
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
          AofDirectory.writeFully(ch, data);
          files.incrSize += data.length;
          written = upTo;
        }
        if (sync && synced < written) {
          ch.force(false);
          synced = written;
        }
        if (!lastWriteOk) {
          ctx.log.warning("AOF write error looks solved, Redis can write again.");
          lastWriteOk = true;
        }
      } catch (IOException ex) {
        lastWriteOk = false;
        ctx.log.warning("Error writing to the AOF file: " + ex.getMessage());
        throw new UncheckedIOException(ex);
      }
    }
  }

  /** Drops what is buffered and forgets the selected database. */
  void discardBuffered() {
    synchronized (bufLock) {
      buf.reset();
      selectedDb = -1;
    }
  }

  /** Counts everything logged so far as written and synced (a new incr file was started). */
  void markFlushed() {
    written = appended;
    synced = appended;
  }

  /** Bytes logged but not yet written. */
  long bufferLength() {
    return Math.max(0, appended - written);
  }

  boolean lastWriteOk() {
    return lastWriteOk;
  }
}
