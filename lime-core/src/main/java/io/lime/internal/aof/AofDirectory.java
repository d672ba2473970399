package io.lime.internal.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The AOF directory ({@code dir/appenddirname}) and what is open in it: the manifest, the
 * incr file being appended to, and the file sizes INFO reports. Names files as Redis 7.0
 * does ({@code appendonly.aof.<seq>.base.rdb}, {@code appendonly.aof.<seq>.incr.aof},
 * {@code appendonly.aof.manifest}) and owns the durable way a file replaces another: write a
 * temporary file, fsync it, rename it over the old one, fsync the directory.
 *
 * <p>Thread-safety: {@link #io} guards the manifest and the incr channel. It is taken after
 * the engine's write-order lock, never before, and before {@link AofLogWriter}'s buffer lock.
 * Methods that say "caller holds io" do not take it themselves.
 */
final class AofDirectory {
  /** Guards {@link #manifest} and {@link #incr}; taken after the write-order lock, never before. */
  final Object io = new Object();
  private final Path dir;
  private final String dirName;
  private final String fileName;

  /** The incr file appended to; null when none is open. Guarded by {@link #io}. */
  @Nullable FileChannel incr;
  /** Guarded by {@link #io} (read without it where noted). */
  AofManifest manifest = new AofManifest();
  /** Bytes in the base file and the incr files before the current one. */
  volatile long baseSize;
  /** Bytes written to the current incr file. */
  volatile long incrSize;
  /** INFO {@code aof_base_size}: the total size right after the last rewrite or load. */
  volatile long rewriteBaseSize;

  AofDirectory(Path dir, String dirName, String fileName) {
    this.dir = dir;
    this.dirName = dirName;
    this.fileName = fileName;
  }

  /** {@code dir/appenddirname}. */
  Path path() {
    return dir.resolve(dirName);
  }

  String manifestName() {
    return fileName + ".manifest";
  }

  String baseName(long seq, boolean rdb) {
    return fileName + "." + seq + ".base" + (rdb ? ".rdb" : ".aof");
  }

  /** The name of the incr file appended to (the manifest's last). Caller holds io. */
  String lastIncrName() {
    return manifest.incrs.get(manifest.incrs.size() - 1).name();
  }

  /**
   * Before the AOF is switched on at run time: creates the directory and, when no manifest
   * is held yet but one is on disk, reads it so that sequence numbers continue.
   */
  void prepareForEnable() throws IOException {
    Path aofDir = path();
    Files.createDirectories(aofDir);
    Path mf = aofDir.resolve(manifestName());
    synchronized (io) {
      if (manifest.base == null && manifest.incrs.isEmpty() && Files.exists(mf)) {
        manifest = AofManifest.parse(mf); // continue its sequence numbers
      }
    }
  }

  /**
   * Creates (truncating) the incr file after the manifest's last and names it in the
   * manifest, which is not persisted; returns the open file. Caller holds io.
   */
  FileChannel createNextIncr() throws IOException {
    long seq = manifest.incrSeq + 1;
    String name = fileName + "." + seq + ".incr.aof";
    FileChannel ch = openIncr(name, false);
    manifest.incrs.add(new AofManifest.FileInfo(name, seq, 'i'));
    manifest.incrSeq = seq;
    return ch;
  }

  /** Opens incr file {@code name}, appending or truncating. */
  FileChannel openIncr(String name, boolean append) throws IOException {
    return FileChannel.open(path().resolve(name), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Makes {@code ch} (empty) the file appended to, closing the previous one. Caller holds io. */
  void switchIncr(FileChannel ch) {
    closeQuietly(incr);
    incr = ch;
    incrSize = 0;
  }

  /** Closes the incr file; nothing is appended until another is opened. */
  void closeIncr() {
    synchronized (io) {
      closeQuietly(incr);
      incr = null;
    }
  }

  /**
   * Makes {@code baseName} the base, keeping only the current incr file; the old base and the
   * other incr files become history, returned for deletion. Caller holds io and persists.
   */
  List<AofManifest.FileInfo> installBase(String baseName, long seq) {
    List<AofManifest.FileInfo> old = new ArrayList<>();
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
    return old;
  }

  /** Drops the history files (deleted by now) from the manifest and persists it. */
  void dropHistory() throws IOException {
    synchronized (io) {
      manifest.history.clear();
      persistManifest();
    }
  }

  /** Writes the manifest durably (temporary file, fsync, rename, directory fsync). Caller holds io. */
  void persistManifest() throws IOException {
    Path tmp = path().resolve("temp-" + manifestName());
    writeDurably(tmp, manifest.format().getBytes(StandardCharsets.UTF_8));
    replace(tmp, manifestName());
  }

  /** Renames {@code tmp} over {@code name} in the directory atomically and fsyncs the directory. */
  void replace(Path tmp, String name) throws IOException {
    Path aofDir = path();
    Files.move(tmp, aofDir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fsyncDir(aofDir);
  }

  /** Creates or truncates {@code file}, writes {@code data} and fsyncs it. */
  static void writeDurably(Path file, byte[] data) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, data);
      ch.force(true);
    }
  }

  /** Writes all of {@code data} at the channel's position. */
  static void writeFully(FileChannel ch, byte[] data) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(data);
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
  }

  private static void fsyncDir(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some platforms cannot open a directory; the rename is still atomic
    }
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
}
