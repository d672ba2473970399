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

  // ---------------------------------------------------------------- propagation (AOF)
  // Redis's rewriteClientCommandVector / alsoPropagate / preventCommandPropagation /
  // forceCommandPropagation. The dispatcher propagates a WRITE command that changed the data
  // set (engine.dirty moved) as its argv, or as what the handler or Propagations rewrote.

  private byte @org.jspecify.annotations.Nullable [][] rewritten;
  private boolean prevented;
  private boolean forced;

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

  /**
   * Propagates {@code argv} instead of the command's own arguments when it changed the data
   * set (Redis's rewriteClientCommandVector). The arrays are kept: pass fresh copies.
   */
  public void rewritePropagation(byte[]... argv) {
    this.rewritten = argv;
  }

  /** The command itself is not propagated (its effects were, through {@link #propagate}). */
  public void preventPropagation() {
    this.prevented = true;
  }

  /** The command is propagated even if it changed nothing (FLUSHDB on an empty database). */
  public void forcePropagation() {
    this.forced = true;
  }

  void resetPropagation() {
    rewritten = null;
    prevented = false;
    forced = false;
  }

  byte @org.jspecify.annotations.Nullable [][] rewrittenPropagation() {
    return rewritten;
  }

  boolean propagationPrevented() {
    return prevented;
  }

  boolean propagationForced() {
    return forced;
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

  /** The client's selected database. */
  public Database db() { return server.engine().db(client.db()); }

  /** Fixes {@link #now()} for the command being dispatched (one clock read per command). */
  void now(long millis) {
    this.now = millis;
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
