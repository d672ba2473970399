package io.lime.persistence;

import java.util.Objects;

/**
 * Settings of an append-only file ({@link Persistence#aof(java.nio.file.Path, AofOptions)}),
 * the embedded counterparts of Redis's {@code appendfsync}, {@code aof-use-rdb-preamble},
 * {@code aof-load-truncated}, {@code appenddirname}, {@code appendfilename} and {@code
 * auto-aof-rewrite-percentage} / {@code auto-aof-rewrite-min-size}, with Redis's defaults
 * ({@link #defaults()}). Immutable: each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * Persistence aof = Persistence.aof(dir, AofOptions.defaults().fsync(AofOptions.Fsync.ALWAYS));
 * }</pre>
 *
 * @param fsync when the log is forced to disk
 * @param rdbPreamble whether a rewrite writes the base file as an RDB snapshot ({@code
 *     appendonly.aof.N.base.rdb}) rather than as commands ({@code .base.aof})
 * @param loadTruncated whether a log whose last command was cut short by a crash is loaded
 *     (the partial command dropped and the file truncated there) rather than refused; any
 *     other corruption is always refused
 * @param dirName the directory, inside the store's directory, holding the manifest, base and
 *     incremental files; a plain name
 * @param fileName the prefix of the file names ({@code appendonly.aof} gives {@code
 *     appendonly.aof.manifest}, {@code appendonly.aof.1.base.rdb}, {@code
 *     appendonly.aof.1.incr.aof}); a plain name
 * @param autoRewritePercentage rewrite in the background when the log grew by this percentage
 *     since the last rewrite (or load); 0 disables automatic rewrites
 * @param autoRewriteMinSizeBytes no automatic rewrite while the log is smaller than this
 */
public record AofOptions(Fsync fsync, boolean rdbPreamble, boolean loadTruncated, String dirName,
    String fileName, long autoRewritePercentage, long autoRewriteMinSizeBytes) {

  /** Redis's {@code appendfsync}. */
  public enum Fsync {
    /**
     * Every write is written and fsynced before the operation returns (before a RESP client's
     * reply): nothing acknowledged is lost even if the machine crashes. Slowest.
     */
    ALWAYS,
    /**
     * Every write reaches the operating system before the operation returns (so killing the
     * process loses nothing) and is fsynced once a second by a background thread: an OS
     * crash or power loss may lose about the last second. The default.
     */
    EVERYSEC,
    /** As {@link #EVERYSEC} without the fsync: the operating system decides when. */
    NO
  }

  private static final AofOptions DEFAULTS = new AofOptions(Fsync.EVERYSEC, true, true,
      "appendonlydir", "appendonly.aof", 100, 64L << 20);

  /**
   * Validates the settings.
   *
   * @throws NullPointerException if {@code fsync}, {@code dirName} or {@code fileName} is null
   * @throws IllegalArgumentException if a name is empty, {@code .} or {@code ..}, or contains a
   *     path separator (Redis: "can't be a path, just a filename"), or a number is negative
   */
  public AofOptions {
    Objects.requireNonNull(fsync, "fsync");
    checkName(dirName, "dirName");
    checkName(fileName, "fileName");
    if (autoRewritePercentage < 0) {
      throw new IllegalArgumentException("autoRewritePercentage must be >= 0: "
          + autoRewritePercentage);
    }
    if (autoRewriteMinSizeBytes < 0) {
      throw new IllegalArgumentException("autoRewriteMinSizeBytes must be >= 0: "
          + autoRewriteMinSizeBytes);
    }
  }

  private static void checkName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(what + " can't be a path, just a name: " + name);
    }
  }

  /**
   * Redis 7.0's defaults: {@code everysec}, RDB preamble on, truncated tail loaded, {@code
   * appendonlydir/appendonly.aof}, automatic rewrite at 100% growth above 64 MiB.
   */
  public static AofOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with {@code fsync}. */
  public AofOptions fsync(Fsync fsync) {
    return new AofOptions(fsync, rdbPreamble, loadTruncated, dirName, fileName,
        autoRewritePercentage, autoRewriteMinSizeBytes);
  }

  /** A copy with {@code rdbPreamble}. */
  public AofOptions rdbPreamble(boolean rdbPreamble) {
    return new AofOptions(fsync, rdbPreamble, loadTruncated, dirName, fileName,
        autoRewritePercentage, autoRewriteMinSizeBytes);
  }

  /** A copy with {@code loadTruncated}. */
  public AofOptions loadTruncated(boolean loadTruncated) {
    return new AofOptions(fsync, rdbPreamble, loadTruncated, dirName, fileName,
        autoRewritePercentage, autoRewriteMinSizeBytes);
  }

  /**
   * A copy with these file names.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public AofOptions names(String dirName, String fileName) {
    return new AofOptions(fsync, rdbPreamble, loadTruncated, dirName, fileName,
        autoRewritePercentage, autoRewriteMinSizeBytes);
  }

  /**
   * A copy with these automatic rewrite thresholds ({@code percentage} 0: never).
   *
   * @throws IllegalArgumentException if a value is negative
   */
  public AofOptions autoRewrite(long percentage, long minSizeBytes) {
    return new AofOptions(fsync, rdbPreamble, loadTruncated, dirName, fileName, percentage,
        minSizeBytes);
  }
}
