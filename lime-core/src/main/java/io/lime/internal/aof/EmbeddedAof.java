package io.lime.internal.aof;

import io.lime.persistence.AofOptions;
import java.nio.file.Path;

/** The append-only file of an embedded store ({@code Persistence.aof}). */
public final class EmbeddedAof {
  private static final System.Logger LOG = io.lime.internal.util.LimeLog.get("io.lime.persistence");

  private EmbeddedAof() {}

  /** An enabled AOF in {@code dir} with {@code options}; log lines go to System.Logger. */
  public static AppendOnlyFile create(Path dir, AofOptions options) {
    AppendOnlyFile aof = new AppendOnlyFile(dir.toAbsolutePath(), options.dirName(),
        options.fileName(), new AppendOnlyFile.Log() {
          @Override
          public void notice(String message) {
            LOG.log(System.Logger.Level.DEBUG, message);
          }

          @Override
          public void warning(String message) {
            LOG.log(System.Logger.Level.WARNING, message);
          }
        });
    return aof.enabled(true)
        .fsync(switch (options.fsync()) {
          case ALWAYS -> AppendOnlyFile.Fsync.ALWAYS;
          case EVERYSEC -> AppendOnlyFile.Fsync.EVERYSEC;
          case NO -> AppendOnlyFile.Fsync.NO;
        })
        .rdbPreamble(options.rdbPreamble())
        .loadTruncated(options.loadTruncated())
        .autoRewrite(options.autoRewritePercentage(), options.autoRewriteMinSizeBytes());
  }
}
