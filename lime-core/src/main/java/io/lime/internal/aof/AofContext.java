package io.lime.internal.aof;

import io.lime.internal.command.Dispatcher;
import io.lime.internal.engine.Engine;
import io.lime.internal.persistence.rdb.RdbWriter;
import io.lime.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What every part of one {@link AppendOnlyFile} shares: its log, its settings (config
 * directives, changed at run time through the {@code AppendOnlyFile} setters, hence
 * volatile) and the engine it was opened on. Also the one place a base file's content is
 * produced, for the first base at start-up and for every rewrite.
 */
final class AofContext {
  final AppendOnlyFile.Log log;
  volatile AppendOnlyFile.Fsync fsync = AppendOnlyFile.Fsync.EVERYSEC;
  volatile boolean loadTruncated = true;
  volatile boolean rdbPreamble = true;
  volatile boolean rdbCompression = true;
  volatile boolean rdbChecksum = true;
  volatile long autoRewritePercentage = 100;
  volatile long autoRewriteMinSize = 64L << 20;

  /** Set by {@link AppendOnlyFile#open}. */
  @Nullable Engine engine;
  @Nullable PersistenceContext context;
  /** The command layer replaying AOF commands at load; created on first use when not given. */
  @Nullable Dispatcher loader;

  AofContext(AppendOnlyFile.Log log) {
    this.log = log;
  }

  Engine engine() {
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("not open");
    }
    return e;
  }

  PersistenceContext context() {
    PersistenceContext c = context;
    if (c == null) {
      throw new IllegalStateException("not open");
    }
    return c;
  }

  /**
   * Serializes the data set into {@code out} as a base file: an RDB ({@code
   * aof-use-rdb-preamble yes}, with {@code rdbcompression} and {@code rdbchecksum}) or AOF
   * commands.
   */
  void writeBase(ByteArrayOutputStream out, boolean rdb) throws IOException {
    if (rdb) {
      RdbWriter w = new RdbWriter(out, rdbCompression, rdbChecksum);
      w.header(engine().now() / 1000, 0, true);
      w.functions(engine().functionLibraries());
      context().snapshot(w);
      w.finish();
    } else {
      context().snapshot(new AofBaseWriter(out));
    }
  }
}
