package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * What a handler sees: the arguments, the reply sink, the client and the server. One
 * instance per connection, refilled for each command, so dispatch allocates nothing.
 */
public final class Call {
  private final ServerState server;
  private final ClientSession client;
  private Argv argv = new Argv();
  private ReplySink out;
  private CommandSpec spec = Dispatcher.NO_COMMAND;
  /** The command's time, set by the dispatcher; {@link #NO_TIME} outside a dispatch. */
  private long now = NO_TIME;
  private static final long NO_TIME = Long.MIN_VALUE;

  /** Creates a call context for one client. */
  public Call(ServerState server, ClientSession client, ReplySink out) {
    this.server = server;
    this.client = client;
    this.out = out;
  }

  void reset(Argv a, ReplySink o, CommandSpec s) {
    this.argv = a;
    this.out = o;
    this.spec = s;
  }

  /** The arguments; index 0 is the command name. */
  public Argv argv() { return argv; }

  /** Where to reply. */
  public ReplySink out() { return out; }

  /** The command (or subcommand) being executed. */
  public CommandSpec spec() { return spec; }

  /** The client. */
  public ClientSession client() { return client; }

  /** Server-wide state: config, clients, statistics. */
  public ServerState server() { return server; }

  /** The engine. */
  public Engine engine() { return server.engine(); }

  /** Replies a HELP text (CLIENT HELP, COMMAND HELP, ...): an array of simple strings. */
  void replyHelp(String[] lines) {
    out.arrayHeader(lines.length);
    for (String line : lines) {
      out.simple(line);
    }
  }

  // ---------------------------------------------------------------- propagation (AOF)
  // Redis's rewriteClientCommandVector / alsoPropagate / preventCommandPropagation /
  // forceCommandPropagation. The dispatcher propagates a WRITE command that changed the data
  // set (engine.dirty moved) as its argv, or as the form its operation set (WriteUnit).

  /**
   * Whether commands are being propagated (persistence wants them): check before building
   * propagation arrays, so the {@code none} configuration allocates nothing.
   */
  public boolean propagating() {
    io.lime.internal.engine.Propagation p = server.engine().propagation();
    return p != null && p.active();
  }

  /**
   * Propagates {@code argv} (in the client's database) in addition to the command, before it
   * (Redis's alsoPropagate). The arrays are kept: pass fresh copies. No-op unless
   * {@link #propagating()}.
   */
  public void propagate(byte[]... argv) {
    io.lime.internal.engine.Propagation p = server.engine().propagation();
    if (p != null && p.active()) {
      p.alsoPropagate(client.db(), argv);
    }
  }

  /** See {@link io.lime.internal.engine.Propagation#rewrite}; no-op unless propagating. */
  public void rewritePropagation(byte[]... argv) {
    io.lime.internal.engine.Propagation p = server.engine().propagation();
    if (p != null && p.active()) {
      p.rewrite(argv);
    }
  }

  /** See {@link io.lime.internal.engine.Propagation#prevent}; no-op unless propagating. */
  public void preventPropagation() {
    io.lime.internal.engine.Propagation p = server.engine().propagation();
    if (p != null && p.active()) {
      p.prevent();
    }
  }

  /** See {@link io.lime.internal.engine.Propagation#force}; no-op unless propagating. */
  public void forcePropagation() {
    io.lime.internal.engine.Propagation p = server.engine().propagation();
    if (p != null && p.active()) {
      p.force();
    }
  }

  /**
   * Accounts one read lookup of {@code k[off..off+len)} in the selected database as Redis's
   * lookupKeyRead does: a hit counts in INFO {@code keyspace_hits}; a miss counts in
   * {@code keyspace_misses} and publishes the {@code keymiss} event (class m). Returns
   * {@code hit}. Not for write lookups (lookupKeyWrite counts nothing) nor OBJECT
   * (LOOKUP_NONOTIFY: see {@link KeyCommands#countLookup(Call, boolean)}).
   */
  public boolean readLookup(boolean hit, byte[] k, int off, int len) {
    if (hit) {
      server.keyspaceHits.increment();
      return true;
    }
    server.keyspaceMisses.increment();
    server.engine().events().keyMiss(db(), k, off, len);
    return false;
  }

  /** {@link #readLookup(boolean, byte[], int, int)} of the key at argument {@code i}. */
  public boolean readLookup(boolean hit, int i) {
    return readLookup(hit, argv.array(), argv.offset(i), argv.length(i));
  }

  private final io.lime.internal.engine.LockedKey lockedKey =
      new io.lime.internal.engine.LockedKey();

  /**
   * Locks the key at argument {@code i} of the selected database (at the command's time):
   * the RESP door's prologue of every single-key operation. The handle is this call's own,
   * reused by every command (no allocation): one key at a time; close it to unlock.
   */
  public io.lime.internal.engine.LockedKey lockKey(int i) {
    return lockedKey.aim(db(), argv.array(), argv.offset(i), argv.length(i), now()).lock();
  }

  /**
   * A handle on the key at argument {@code i} whose shard this command already locked
   * ({@link io.lime.internal.engine.KeyLocks}); a new handle each call.
   */
  public io.lime.internal.engine.LockedKey keyWithin(int i) {
    return io.lime.internal.engine.LockedKey.within(db(), argv.array(), argv.offset(i),
        argv.length(i), now());
  }

  private final io.lime.internal.type.ByteArgs args = new io.lime.internal.type.ByteArgs();

  /**
   * Arguments {@code first} to {@code end - 1} (negative {@code end}: counted from the end,
   * -1 being past the last) as the byte-string arguments of a key-level operation, read in
   * place. The instance is this call's own, reused by every command (no allocation): one
   * range at a time.
   */
  public io.lime.internal.type.ByteArgs args(int first, int end) {
    return args.over(argv, first, end < 0 ? argv.size() + 1 + end : end);
  }

  /**
   * As {@link #keyWithin} without allocating: this call's own handle (the one of
   * {@link #lockKey}) aimed at the key at argument {@code i}, whose shard this command already
   * locked; its close does nothing. One key at a time (MGET's loop).
   */
  public io.lime.internal.engine.LockedKey keyAt(int i) {
    return lockedKey.aim(db(), argv.array(), argv.offset(i), argv.length(i), now());
  }

  /** Locks the shards of the keys at {@code first, first+step, ... last} (negative: from the end). */
  public io.lime.internal.engine.KeyLocks lockKeys(int first, int last, int step) {
    return io.lime.internal.engine.KeyLocks.of(db(), argv, first, last, step);
  }

  /** The client's selected database. */
  public Database db() { return server.engine().db(client.db()); }

  /** Fixes {@link #now()} for the command being dispatched (one clock read per command). */
  void now(long millis) {
    this.now = millis;
  }

  /** {@link #batchClock()} outside a batch, or before the batch's first command. */
  private static final long NO_CLOCK = Long.MIN_VALUE;
  private boolean inBatch;
  private long batchClock = NO_CLOCK;

  /**
   * Starts a batch of commands executed back to back (the commands parsed from one read of a
   * pipelining client): until {@link #endBatch()}, each command's start time is the previous
   * command's end (one clock read per command instead of two). The caller must end the batch
   * before anything else can take time between two of its commands (waiting for input).
   */
  public void beginBatch() {
    inBatch = true;
    batchClock = NO_CLOCK;
  }

  /** Ends the batch begun by {@link #beginBatch()}: each command reads the clock again. */
  public void endBatch() {
    inBatch = false;
    batchClock = NO_CLOCK;
  }

  /** The start of the command being dispatched: the batch's clock, else System.nanoTime(). */
  long batchClock() {
    long t = batchClock;
    return t != NO_CLOCK ? t : System.nanoTime();
  }

  /** Records the end of a command: the start of the batch's next command. */
  void batchClock(long endNanos) {
    if (inBatch) {
      batchClock = endNanos;
    }
  }

  /** Whether a dispatch fixed the time. */
  boolean hasNow() {
    return now != NO_TIME;
  }

  /** Ends the dispatch: {@link #now()} reads the engine's clock again. */
  void clearNow() {
    this.now = NO_TIME;
  }

  /**
   * The engine's clock, in Unix milliseconds. During a dispatched command, the time read once
   * when the command started (as Redis's cached command time), so every step of a command
   * sees the same time.
   */
  public long now() {
    long t = now;
    return t != NO_TIME ? t : server.engine().now();
  }
}
