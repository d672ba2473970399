package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Engine;
import io.lime.internal.util.StatCounter;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Server-wide state the command layer reads and updates: the engine, the configuration,
 * the command table, the connected clients and the statistics INFO reports. One per
 * server (or per embedded store that runs commands). Thread-safe.
 */
public final class ServerState {
  /** The Redis version LIME is compatible with, reported as {@code redis_version}. */
  public static final String REDIS_VERSION = "7.0.15";
  /** LIME's own version, reported as {@code lime_version}. */
  public static final String LIME_VERSION = "0.1.0";

  private final Engine engine;
  private final ConfigRegistry config;
  private volatile @Nullable CommandTable table;
  private final ConcurrentHashMap<Long, ClientSession> clients = new ConcurrentHashMap<>();
  private final AtomicLong nextClientId = new AtomicLong(1);
  private final long startMillis;
  private final String runId;
  /** INFO stats counters (plain per-loop-thread cells, see {@link StatCounter}). */
  public final StatCounter totalConnections = new StatCounter();
  public final StatCounter rejectedConnections = new StatCounter();
  public final StatCounter totalCommands = new StatCounter();
  public final StatCounter keyspaceHits = new StatCounter();
  public final StatCounter keyspaceMisses = new StatCounter();
  public final StatCounter netInputBytes = new StatCounter();
  public final StatCounter netOutputBytes = new StatCounter();
  private final ConcurrentHashMap<String, CommandStats> commandStats = new ConcurrentHashMap<>();
  /** The entries of {@link #commandStats} by spec identity; replaced, never mutated. */
  private volatile Map<CommandSpec, CommandStats> statsByTarget = Map.of();
  private volatile int port;
  private volatile @Nullable Runnable shutdownHook;
  /** INFO errorstats: error replies by code ({@code ERR}, {@code WRONGTYPE}, ...). */
  private final ConcurrentHashMap<String, LongAdder> errorStats = new ConcurrentHashMap<>();
  /** INFO stats {@code total_error_replies}. */
  public final StatCounter totalErrorReplies = new StatCounter();
  private volatile long lastSaveSeconds = System.currentTimeMillis() / 1000;
  private final Monitors monitors = new Monitors();
  private final SlowLog slowLog;
  private final ClientTracking tracking = new ClientTracking(this);
  private final ClientPause pause;
  private final LatencyMonitor latency;
  private final InstantaneousMetrics instantaneous = new InstantaneousMetrics(totalCommands::sum,
      netInputBytes::sum, netOutputBytes::sum);

  /** Creates server state over an engine and a configuration. */
  public ServerState(Engine engine, ConfigRegistry config) {
    this.engine = engine;
    this.config = config;
    this.startMillis = System.currentTimeMillis();
    this.slowLog = new SlowLog(config);
    this.pause = new ClientPause(engine::now);
    this.latency = new LatencyMonitor(config);
    engine.events().tracking(tracking);
    bindEncodingLimits(engine.limits(), config);
    // notify-keyspace-events → the engine's keyspace notifications, now and on CONFIG SET
    engine.events().flags(io.lime.internal.config.NotifyFlags.parse(
        config.get("notify-keyspace-events")));
    config.onChange("notify-keyspace-events", v -> engine.events().flags(
        io.lime.internal.config.NotifyFlags.parse(config.get("notify-keyspace-events"))));
    StringBuilder sb = new StringBuilder(40);
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 40; i++) {
      sb.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    this.runId = sb.toString();
  }

  public Engine engine() { return engine; }
  public ConfigRegistry config() { return config; }

  /** The command table (set once the command layer is assembled). */
  public CommandTable commandTable() {
    CommandTable t = table;
    if (t == null) {
      throw new IllegalStateException("command table not set");
    }
    return t;
  }

  public void commandTable(CommandTable t) {
    IdentityHashMap<CommandSpec, CommandStats> byTarget = new IdentityHashMap<>();
    for (CommandSpec c : t.all()) {
      byTarget.put(c, stats(c.name()));
      for (CommandSpec sub : c.subcommands()) {
        byTarget.put(sub, stats(c.name() + "|" + sub.name()));
      }
    }
    // A spec object used under two names (shared subcommand) is left to the lookup by name.
    java.util.Set<CommandSpec> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (CommandSpec c : t.all()) {
      if (!seen.add(c)) {
        byTarget.remove(c);
      }
      for (CommandSpec sub : c.subcommands()) {
        if (!seen.add(sub)) {
          byTarget.remove(sub);
        }
      }
    }
    this.statsByTarget = byTarget;
    this.table = t;
  }
  public long startMillis() { return startMillis; }
  public String runId() { return runId; }
  public int port() { return port; }
  public void port(int p) { this.port = p; }

  /** Creates and registers a session for a new connection. */
  public ClientSession newClient(boolean authenticated) {
    ClientSession s = new ClientSession(nextClientId.getAndIncrement(), authenticated, engine.now());
    clients.put(s.id(), s);
    return s;
  }

  /** Unregisters a closed connection's session. */
  public void removeClient(ClientSession s) {
    clients.remove(s.id());
    io.lime.internal.engine.Waiter w = s.waiter();
    if (w != null) { // a blocked client went away: leave the wait queues (Redis: unblockClient)
      engine.blocking().cancel(w);
      s.waiter(null);
    }
    s.pubsubClosed(); // leave every channel and pattern (Redis: pubsubUnsubscribeAll...)
    s.discardTransaction(); // leave MULTI and drop the WATCHes (Redis: freeClient)
    monitors.remove(s);
    tracking.disable(s);
  }

  /** Client-side caching. */ ClientTracking tracking() { return tracking; }

  /** CLIENT PAUSE state. */ ClientPause pause() { return pause; }

  /** The latency monitor. */ LatencyMonitor latency() { return latency; }

  /** The clients in MONITOR mode. */ Monitors monitors() { return monitors; }

  /** The slow log. */ SlowLog slowLog() { return slowLog; }

  /** INFO's instantaneous rates. */ InstantaneousMetrics instantaneous() { return instantaneous; }

  private volatile @Nullable PubSubLimits pubsubLimits;

  /** {@code client-output-buffer-limit pubsub}, following CONFIG SET. */
  public PubSubLimits pubsubLimits() {
    PubSubLimits l = pubsubLimits;
    if (l == null) {
      synchronized (this) {
        l = pubsubLimits;
        if (l == null) {
          l = new PubSubLimits(config);
          pubsubLimits = l;
        }
      }
    }
    return l;
  }

  /** Connected clients. */
  public Collection<ClientSession> clients() {
    return clients.values();
  }

  /** The session with this id, or null. */
  public @Nullable ClientSession client(long id) {
    return clients.get(id);
  }

  /** Statistics of a command by full name ({@code get}, {@code client|list}). */
  public CommandStats stats(String fullName) {
    return commandStats.computeIfAbsent(fullName, k -> new CommandStats());
  }

  /**
   * Statistics of {@code target}, a command of the table or a subcommand of {@code container}
   * (equal to {@code target} for a plain command): a lookup by identity in a map built with
   * the table, so the dispatcher neither builds the name nor hashes it.
   */
  CommandStats stats(CommandSpec container, CommandSpec target) {
    CommandStats st = statsByTarget.get(target);
    if (st != null) {
      return st;
    }
    return stats(target == container ? container.name() : container.name() + "|" + target.name());
  }

  /** All command statistics by full name. */
  public java.util.Map<String, CommandStats> allStats() {
    return commandStats;
  }

  /** CONFIG RESETSTAT. */
  public void resetStats() {
    // Zeroed, not removed: the dispatcher holds them (INFO skips all-zero entries anyway).
    for (CommandStats st : commandStats.values()) {
      st.reset();
    }
    totalConnections.reset();
    rejectedConnections.reset();
    totalCommands.reset();
    keyspaceHits.reset();
    keyspaceMisses.reset();
    netInputBytes.reset();
    netOutputBytes.reset();
    errorStats.clear();
    totalErrorReplies.reset();
  }

  /**
   * Counts an error reply for INFO errorstats and {@code total_error_replies}: the code is
   * the text up to the first space (Redis's afterErrorReply). Called on error paths only.
   */
  public void countError(String text) {
    totalErrorReplies.increment();
    int sp = text.indexOf(' ');
    String code = sp < 0 ? text : text.substring(0, sp);
    errorStats.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  /** Error reply counts by code, for INFO errorstats. */
  public java.util.Map<String, LongAdder> errorStats() {
    return errorStats;
  }

  /** Unix time in seconds of the last successful save (INFO rdb_last_save_time, LASTSAVE). */
  public long lastSaveSeconds() { return lastSaveSeconds; }

  public void lastSaveSeconds(long s) { this.lastSaveSeconds = s; }

  /**
   * Whether a connection must authenticate: Redis's default user has a password
   * ({@code requirepass} is set). New sessions start authenticated when this is false.
   */
  public boolean requiresPassword() {
    String p = config.get("requirepass");
    return p != null && !p.isEmpty();
  }

  /** Installed by the server: stops it (SHUTDOWN). */
  public void shutdownHook(@Nullable Runnable r) { this.shutdownHook = r; }

  public @Nullable Runnable shutdownHook() { return shutdownHook; }

  /** Per-command counters for INFO commandstats. */
  public static final class CommandStats {
    public final StatCounter calls = new StatCounter();
    public final StatCounter micros = new StatCounter();
    public final StatCounter rejected = new StatCounter();
    public final StatCounter failed = new StatCounter();

    void reset() {
      calls.reset();
      micros.reset();
      rejected.reset();
      failed.reset();
    }
  }

  /** Keeps the engine's collection encoding thresholds equal to the directives, now and on CONFIG SET. */
  private static void bindEncodingLimits(EncodingLimits limits, ConfigRegistry config) {
    bind(config, "list-max-listpack-size", v -> limits.listMaxListpackSize = (int) v);
    bind(config, "set-max-intset-entries", v -> limits.setMaxIntsetEntries = v);
    bind(config, "hash-max-listpack-entries", v -> limits.hashMaxListpackEntries = v);
    bind(config, "hash-max-listpack-value", v -> limits.hashMaxListpackValue = v);
    bind(config, "zset-max-listpack-entries", v -> limits.zsetMaxListpackEntries = v);
    bind(config, "zset-max-listpack-value", v -> limits.zsetMaxListpackValue = v);
  }

  private static void bind(ConfigRegistry config, String name, java.util.function.LongConsumer apply) {
    apply.accept(config.getLong(name));
    config.onChange(name, v -> apply.accept(config.getLong(name)));
  }
}
