package io.lime.internal.command;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclUser;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.util.Lazy;
import io.lime.internal.util.StatCounter;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
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
  private final Engine engine;
  private final ConfigRegistry config;
  /**
   * The commands ACL rules name: Redis's, plus this server's custom commands if any. Made on
   * the ACL's first use (Acl memoizes it), so start-up does not load Redis's command data.
   */
  private final Acl acl = new Acl(() -> {
    CommandTable t = this.table;
    return t == null ? RedisCommandData.aclCommands()
        : withCustomCommands(RedisCommandData.aclCommands(), t);
  });
  private final io.lime.internal.acl.AclFiles aclFiles = new io.lime.internal.acl.AclFiles(acl);
  private volatile @Nullable CommandTable table;
  private final ConcurrentHashMap<Long, ClientSession> clients = new ConcurrentHashMap<>();
  private final AtomicLong nextClientId = new AtomicLong(1);
  private final long startMillis;
  private final String runId;
  // INFO stats counters (plain per-loop-thread cells, see StatCounter)
  /** INFO total_connections_received. */ public final StatCounter totalConnections = new StatCounter();
  /** INFO rejected_connections. */ public final StatCounter rejectedConnections = new StatCounter();
  /** INFO total_commands_processed. */ public final StatCounter totalCommands = new StatCounter();
  /** INFO keyspace_hits. */ public final StatCounter keyspaceHits = new StatCounter();
  /** INFO keyspace_misses. */ public final StatCounter keyspaceMisses = new StatCounter();
  /** INFO total_net_input_bytes. */ public final StatCounter netInputBytes = new StatCounter();
  /** INFO total_net_output_bytes. */ public final StatCounter netOutputBytes = new StatCounter();
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
  private final Monitors monitors;
  private final SlowLog slowLog;
  private final ClientTracking tracking = new ClientTracking(this);
  private final ClientPause pause;
  private final LatencyMonitor latency;
  private final InstantaneousMetrics instantaneous = new InstantaneousMetrics(totalCommands,
      netInputBytes, netOutputBytes);

  /** Creates server state over an engine and a configuration. */
  public ServerState(Engine engine, ConfigRegistry config) {
    this.engine = engine;
    this.config = config;
    this.startMillis = System.currentTimeMillis();
    this.slowLog = new SlowLog(config);
    this.monitors = new Monitors(engine.rareChecks());
    this.pause = new ClientPause(engine);
    this.latency = new LatencyMonitor(config);
    engine.events().tracking(tracking);
    // encoding thresholds, maxmemory, lazyfree-lazy-*, notify-keyspace-events: now and on
    // CONFIG SET
    EngineSettings.bind(engine, config);
    bindAcl(config);
    StringBuilder sb = new StringBuilder(40);
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 40; i++) {
      sb.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    this.runId = sb.toString();
  }

  public Engine engine() { return engine; }

  /**
   * Creates the users of the {@code user} directives, or of {@code aclfile} (Redis's
   * ACLLoadUsersAtStartup); call once before serving.
   *
   * @throws ConfigException with Redis's text when a rule is wrong or both are used
   */
  public void loadUsers() throws io.lime.internal.config.ConfigException {
    String file = config.get("aclfile");
    List<List<String>> lines = config.userDirectives();
    if (file != null && !file.isEmpty() && !lines.isEmpty()) {
      throw new io.lime.internal.config.ConfigException("Configuring Redis with users defined "
          + "in redis.conf and at the same setting an ACL file path is invalid. This setup is "
          + "very likely to lead to configuration errors and security holes, please define "
          + "either an ACL file or declare users directly in your redis.conf, but not both.",
          "aclfile");
    }
    for (List<String> line : lines) {
      String err = aclFiles.addConfiguredUser(line);
      if (err != null) {
        throw new io.lime.internal.config.ConfigException(err, "user");
      }
    }
    String failed = aclFiles.loadConfiguredUsers();
    if (failed != null) {
      throw new io.lime.internal.config.ConfigException(failed, "user");
    }
    if (file != null && !file.isEmpty()) {
      String errors = aclFiles.loadFile(java.nio.file.Path.of(file));
      if (errors != null) {
        throw new io.lime.internal.config.ConfigException(
            "Aborting Redis startup because of ACL errors: " + errors, "aclfile");
      }
    }
  }

  /**
   * Applies the {@code rename-command} directives to the command table (call once, after
   * the command layer is installed and before serving).
   *
   * @throws ConfigException with Redis's text for an unknown command or a name taken
   */
  public void renameCommands() throws io.lime.internal.config.ConfigException {
    try {
      commandTable(commandTable().renamed(config.renameCommands()));
    } catch (IllegalArgumentException e) {
      throw new io.lime.internal.config.ConfigException(e.getMessage(), "rename-command");
    }
  }

  /** Whether every channel and pattern a subscribed client has is still allowed its user. */
  private boolean channelsStillPermitted(AclUser u, ClientSubscriber sub) {
    io.lime.internal.engine.PubSub bus = engine.pubsub();
    for (byte[] p : bus.patterns(sub)) {
      if (!Acl.channelPermitted(u, p, true)) {
        return false;
      }
    }
    for (byte[] ch : bus.channels(sub)) {
      if (!Acl.channelPermitted(u, ch, false)) {
        return false;
      }
    }
    for (byte[] ch : bus.shardChannels(sub)) {
      if (!Acl.channelPermitted(u, ch, false)) {
        return false;
      }
    }
    return true;
  }

  /** The ACL file and the {@code user} directives. */
  public io.lime.internal.acl.AclFiles aclFiles() { return aclFiles; }

  /** The users and their permissions. */
  public Acl acl() { return acl; }

  /**
   * requirepass (the default user's password, as Redis's ACLUpdateDefaultUserPassword),
   * acllog-max-len and acl-pubsub-default, now and on CONFIG SET.
   */
  private void bindAcl(ConfigRegistry config) {
    String[] names = {"requirepass", "acllog-max-len", "acl-pubsub-default"};
    for (String name : names) {
      aclSetting(name, config);
    }
    config.onChange((name, value) -> aclSetting(name, config), names);
    acl.onChannelsRevoked(user -> {
      for (ClientSession c : clients.values()) {
        ClientSubscriber sub = c.subscriberOrNull();
        if (c.user() == user && sub != null && sub.active() && !channelsStillPermitted(user, sub)) {
          c.kill();
        }
      }
    });
    acl.onDelete(user -> {
      for (ClientSession c : clients.values()) {
        if (c.user() == user) {
          c.user(acl.defaultUser());
          c.authenticated(false);
          c.kill();
        }
      }
    });
  }
  /** Applies requirepass, acllog-max-len or acl-pubsub-default ({@code name}) to the ACL. */
  private void aclSetting(String name, ConfigRegistry config) {
    switch (name) {
      case "requirepass" -> acl.defaultPassword(config.get("requirepass"));
      case "acllog-max-len" -> acl.log().maxLen(config.getInt("acllog-max-len"));
      default -> acl.pubsubDefaultAllChannels(
          "allchannels".equals(config.get("acl-pubsub-default")));
    }
  }

  public ConfigRegistry config() { return config; }

  /**
   * {@code base}, or a copy of it that also names the commands of {@code t} it lacks (custom
   * commands, with their ACL categories), so ACL rules can allow and deny them as built-ins.
   */
  private static io.lime.internal.acl.AclCommandSet withCustomCommands(
      io.lime.internal.acl.AclCommandSet base, CommandTable t) {
    io.lime.internal.acl.AclCommandSet set = base;
    for (CommandSpec c : t.all()) {
      if (base.lookup(c.fullName()) == null) {
        if (set == base) {
          set = base.copy();
        }
        addAclCommand(set, c);
        for (CommandSpec sub : c.subcommands()) {
          addAclCommand(set, sub);
        }
      }
    }
    return set;
  }

  /** Adds {@code c} to {@code set} with its categories as ACL names them ({@code @string}). */
  private static void addAclCommand(io.lime.internal.acl.AclCommandSet set, CommandSpec c) {
    set.add(c.fullName(), c.aclCategories().stream().map(n -> "@" + n).toList(),
        c.has(CommandFlag.NO_AUTH));
  }

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
    s.user(acl.defaultUser());
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
  /** The script running now, if any (see {@link RunningScript}). */
  volatile @Nullable RunningScript runningScript;

  /**
   * Whether a script or function runs on another thread than the caller's and has run past
   * {@code busy-reply-threshold}: an event loop waiting for a lock then serves its other
   * clients ({@link io.lime.internal.engine.LockWaits}), which answer BUSY. One volatile
   * read when no script runs.
   */
  public boolean scriptBusyElsewhere() {
    RunningScript rs = runningScript;
    return rs != null && rs.thread != Thread.currentThread()
        && rs.durationMillis() >= config().getLong("busy-reply-threshold");
  }

  /**
   * The scripting state ({@code io.lime.internal.script.LuaVm}), made by {@code make} on first
   * use: the engine's, shared by every server and embedded door over it. Typed as Object so
   * that this class links without the optional Lua runtime.
   */
  Object scripting(java.util.function.Supplier<Object> make) {
    return engine().scripting(make);
  }

  private final Lazy<PubSubLimits> pubsubLimits = new Lazy<>(() -> new PubSubLimits(config()));

  /** {@code client-output-buffer-limit pubsub}, following CONFIG SET. */
  public PubSubLimits pubsubLimits() {
    return pubsubLimits.get();
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
    CommandStats st = commandStats.get(fullName); // no lambda: its class would cost start-up
    if (st == null) {
      CommandStats made = new CommandStats();
      st = commandStats.putIfAbsent(fullName, made);
      if (st == null) {
        st = made;
      }
    }
    return st;
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
    engine.lazyFree().resetStats();
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
   * Whether a connection must authenticate (Redis's authRequired): the default user has a
   * password ({@code requirepass}, or ACL SETUSER default) or is disabled. New sessions start
   * authenticated when this is false.
   */
  public boolean requiresPassword() {
    return acl.authRequired();
  }

  /** Installed by the server: stops it (SHUTDOWN). */
  public void shutdownHook(@Nullable Runnable r) { this.shutdownHook = r; }

  public @Nullable Runnable shutdownHook() { return shutdownHook; }
}
