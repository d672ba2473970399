package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The text of INFO in Redis 7.0.15's format (server.c genRedisInfoString): sections in
 * Redis's fixed order, each a {@code # Title} line then {@code field:value} lines, CRLF line
 * ends, sections separated by an empty line. Field names are Redis's; values LIME has no
 * equivalent for (allocator, fork, replication offsets, ...) are Redis's idle values.
 * Memory: used_memory and its parts are LIME's accounting of the data (what maxmemory
 * compares with), the JVM heap is in allocator_* and lime_heap_*. The server section adds
 * {@code lime_version}.
 */
final class InfoSections {
  /** Every section, in Redis's output order ({@code modules} prints "# Modules"). */
  static final List<String> ORDER = List.of("server", "clients", "memory", "persistence",
      "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats",
      "cluster", "keyspace");
  /** Sections of plain INFO / INFO default. */
  static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "persistence",
      "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
  private static final String MASTER_REPLID = randomHex(40);

  private InfoSections() {}

  /**
   * The INFO text for the requested section names (lower-cased; {@code default},
   * {@code all}, {@code everything} expand; unknown names are ignored).
   */
  static String render(ServerState server, Set<String> requested) {
    StringBuilder sb = new StringBuilder(4096);
    for (String s : ORDER) {
      if (requested.contains(s)) {
        if (sb.length() > 0) {
          sb.append("\r\n");
        }
        section(sb, server, s);
      }
    }
    return sb.toString();
  }

  /** Expands {@code default}/{@code all}/{@code everything} and {@code module_list}. */
  static Set<String> expand(List<String> names) {
    java.util.HashSet<String> out = new java.util.HashSet<>();
    if (names.isEmpty()) {
      out.addAll(DEFAULT);
    }
    for (String raw : names) {
      String n = raw.toLowerCase(Locale.ROOT);
      switch (n) {
        case "default" -> out.addAll(DEFAULT);
        case "all", "everything" -> out.addAll(ORDER);
        case "module_list" -> out.add("modules");
        default -> out.add(n);
      }
    }
    return out;
  }

  private static void section(StringBuilder sb, ServerState server, String name) {
    switch (name) {
      case "server" -> server(sb, server);
      case "clients" -> clients(sb, server);
      case "memory" -> memory(sb, server);
      case "persistence" -> persistence(sb, server);
      case "stats" -> stats(sb, server);
      case "replication" -> replication(sb);
      case "cpu" -> cpu(sb);
      case "modules" -> sb.append("# Modules\r\n");
      case "commandstats" -> commandstats(sb, server);
      case "errorstats" -> errorstats(sb, server);
      case "latencystats" -> {
        sb.append("# Latencystats\r\n");
        LatencyReport.info(sb, server);
      }
      case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
      case "keyspace" -> keyspace(sb, server);
      default -> { }
    }
  }

  static void line(StringBuilder sb, String field, Object value) {
    sb.append(field).append(':').append(value).append("\r\n");
  }

  /** Fields LIME has no equivalent for, each with Redis's idle value 0, in order. */
  private static void zeros(StringBuilder sb, String... fields) {
    for (String f : fields) {
      line(sb, f, 0);
    }
  }

  private static void server(StringBuilder sb, ServerState server) {
    long nowMillis = System.currentTimeMillis();
    long uptime = Math.max(0, (nowMillis - server.startMillis()) / 1000);
    String hz = String.valueOf(server.engine().hz());
    String configured = server.config().get("hz");
    sb.append("# Server\r\n");
    line(sb, "redis_version", ServerState.REDIS_VERSION);
    line(sb, "redis_git_sha1", "00000000");
    line(sb, "redis_git_dirty", 0);
    line(sb, "redis_build_id", "0000000000000000");
    line(sb, "redis_mode", "standalone");
    line(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + arch());
    line(sb, "arch_bits", "64".equals(System.getProperty("sun.arch.data.model", "64")) ? 64 : 32);
    line(sb, "monotonic_clock", "POSIX clock_gettime");
    line(sb, "multiplexing_api", "epoll");
    line(sb, "atomicvar_api", "c11-builtin");
    line(sb, "gcc_version", "0.0.0");
    line(sb, "process_id", ProcessHandle.current().pid());
    line(sb, "process_supervised", "no");
    line(sb, "run_id", server.runId());
    line(sb, "tcp_port", server.port());
    line(sb, "server_time_usec", nowMillis * 1000);
    line(sb, "uptime_in_seconds", uptime);
    line(sb, "uptime_in_days", uptime / 86400);
    line(sb, "hz", hz);
    line(sb, "configured_hz", configured == null ? hz : configured);
    line(sb, "lru_clock", server.engine().lruClock());
    line(sb, "executable", ProcessHandle.current().info().command().orElse(""));
    String cf = server.config().configFile();
    line(sb, "config_file", cf == null ? "" : cf);
    line(sb, "io_threads_active", 0);
    line(sb, "lime_version", LimeVersion.VALUE);
  }

  private static String arch() {
    String a = System.getProperty("os.arch", "");
    return switch (a) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> a;
    };
  }

  private static void clients(StringBuilder sb, ServerState server) {
    String maxclients = server.config().get("maxclients");
    sb.append("# Clients\r\n");
    line(sb, "connected_clients", server.clients().size());
    line(sb, "cluster_connections", 0);
    line(sb, "maxclients", maxclients == null ? "10000" : maxclients);
    zeros(sb, "client_recent_max_input_buffer", "client_recent_max_output_buffer");
    line(sb, "blocked_clients",
        server.engine().blocking().blockedCount() + server.pause().postponedCount());
    line(sb, "tracking_clients", server.tracking().clients());
    line(sb, "clients_in_timeout_table", server.engine().blocking().timedCount());
  }

  private static void memory(StringBuilder sb, ServerState server) {
    // used_memory and its parts are LIME's accounting of the data (KeyspaceMemory: what
    // maxmemory compares with); the JVM heap is in allocator_* and lime_heap_* only.
    Runtime rt = Runtime.getRuntime();
    long heapUsed = rt.totalMemory() - rt.freeMemory();
    long committed = rt.totalMemory();
    long max = rt.maxMemory();
    io.lime.internal.engine.KeyspaceMemory mem = server.engine().memory();
    long used = mem.usedBytes();
    long dataset = mem.datasetBytes();
    long overhead = used - dataset;
    String maxmemory = server.config().get("maxmemory");
    long maxmem = maxmemory == null ? 0 : parseOrZero(maxmemory);
    String policy = server.config().get("maxmemory-policy");
    long peak = mem.peakBytes();
    long frag = Math.max(0, committed - heapUsed);
    sb.append("# Memory\r\n");
    line(sb, "used_memory", used);
    line(sb, "used_memory_human", human(used));
    line(sb, "used_memory_rss", committed);
    line(sb, "used_memory_rss_human", human(committed));
    line(sb, "used_memory_peak", peak);
    line(sb, "used_memory_peak_human", human(peak));
    line(sb, "used_memory_peak_perc", ratio(100.0 * used, peak) + "%");
    line(sb, "used_memory_overhead", overhead);
    line(sb, "used_memory_startup", server.engine().startupMemoryBytes());
    line(sb, "used_memory_dataset", dataset);
    line(sb, "used_memory_dataset_perc", ratio(100.0 * dataset, used) + "%");
    line(sb, "allocator_allocated", heapUsed);
    line(sb, "allocator_active", committed);
    line(sb, "allocator_resident", committed);
    line(sb, "total_system_memory", max);
    line(sb, "total_system_memory_human", human(max));
    io.lime.internal.script.ScriptMemory lua = ScriptCommands.memory(server); // estimates
    line(sb, "used_memory_lua", lua.vmEval());
    line(sb, "used_memory_vm_eval", lua.vmEval());
    line(sb, "used_memory_lua_human", human(lua.vmEval()));
    line(sb, "used_memory_scripts_eval", lua.scriptsEval());
    line(sb, "number_of_cached_scripts", lua.cachedScripts());
    line(sb, "number_of_functions", lua.functions());
    line(sb, "used_memory_vm_functions", lua.vmFunctions());
    line(sb, "used_memory_vm_total", lua.vmTotal());
    line(sb, "used_memory_vm_total_human", human(lua.vmTotal()));
    line(sb, "used_memory_functions", lua.functionsOverhead());
    line(sb, "used_memory_scripts", lua.scripts());
    line(sb, "used_memory_scripts_human", human(lua.scripts()));
    line(sb, "maxmemory", maxmem);
    line(sb, "maxmemory_human", human(maxmem));
    line(sb, "maxmemory_policy", policy == null ? "noeviction" : policy);
    line(sb, "allocator_frag_ratio", ratio(committed, used));
    line(sb, "allocator_frag_bytes", frag);
    line(sb, "allocator_rss_ratio", "1.00");
    line(sb, "allocator_rss_bytes", 0);
    line(sb, "rss_overhead_ratio", "1.00");
    line(sb, "rss_overhead_bytes", 0);
    line(sb, "mem_fragmentation_ratio", ratio(committed, used));
    line(sb, "mem_fragmentation_bytes", frag);
    zeros(sb, "mem_not_counted_for_evict", "mem_replication_backlog",
        "mem_total_replication_buffers", "mem_clients_slaves", "mem_clients_normal",
        "mem_cluster_links", "mem_aof_buffer");
    line(sb, "mem_allocator", "jvm");
    line(sb, "lime_heap_used", heapUsed);
    line(sb, "lime_heap_committed", committed);
    line(sb, "lime_heap_max", max);
    zeros(sb, "active_defrag_running");
    line(sb, "lazyfree_pending_objects", server.engine().lazyFree().pending());
    line(sb, "lazyfreed_objects", server.engine().lazyFree().freed());
  }

  /** {@code a / b} with two decimals ({@code %.2f}); 1.00 when {@code b} is 0. */
  private static String ratio(double a, double b) {
    return String.format(Locale.ROOT, "%.2f", b == 0 ? 1.0 : a / b);
  }

  private static long parseOrZero(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Redis's bytesToHuman: B, K, M, G, T, P with two decimals. */
  static String human(long n) {
    double d = n;
    if (n < 1024) {
      return n + "B";
    }
    String[] units = {"K", "M", "G", "T", "P"};
    int u = -1;
    while (d >= 1024 && u < units.length - 1) {
      d /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
  }

  private static void persistence(StringBuilder sb, ServerState server) {
    sb.append("# Persistence\r\n");
    zeros(sb, "loading", "async_loading", "current_cow_peak", "current_cow_size",
        "current_cow_size_age");
    line(sb, "current_fork_perc", "0.00");
    zeros(sb, "current_save_keys_processed", "current_save_keys_total");
    SnapshotCommands.info(sb, server);
    AofCommands.info(sb, server);
    zeros(sb, "module_fork_in_progress", "module_fork_last_cow_size");
    AofCommands.infoWhenEnabled(sb, server);
  }

  private static void stats(StringBuilder sb, ServerState server) {
    sb.append("# Stats\r\n");
    line(sb, "total_connections_received", server.totalConnections.sum());
    line(sb, "total_commands_processed", server.totalCommands.sum());
    line(sb, "instantaneous_ops_per_sec", server.instantaneous().ops.perSecond());
    line(sb, "total_net_input_bytes", server.netInputBytes.sum());
    line(sb, "total_net_output_bytes", server.netOutputBytes.sum());
    zeros(sb, "total_net_repl_input_bytes", "total_net_repl_output_bytes");
    line(sb, "instantaneous_input_kbps", InstantaneousMetrics.kbps(server.instantaneous().netInput));
    line(sb, "instantaneous_output_kbps",
        InstantaneousMetrics.kbps(server.instantaneous().netOutput));
    line(sb, "instantaneous_input_repl_kbps", "0.00");
    line(sb, "instantaneous_output_repl_kbps", "0.00");
    line(sb, "rejected_connections", server.rejectedConnections.sum());
    zeros(sb, "sync_full", "sync_partial_ok", "sync_partial_err");
    line(sb, "expired_keys", server.engine().expiredKeys());
    line(sb, "expired_stale_perc", "0.00");
    zeros(sb, "expired_time_cap_reached_count", "expire_cycle_cpu_milliseconds");
    line(sb, "evicted_keys", server.engine().eviction().evictedKeys());
    zeros(sb, "evicted_clients", "total_eviction_exceeded_time", "current_eviction_exceeded_time");
    line(sb, "keyspace_hits", server.keyspaceHits.sum());
    line(sb, "keyspace_misses", server.keyspaceMisses.sum());
    line(sb, "pubsub_channels", server.engine().pubsub().channelCount());
    line(sb, "pubsub_patterns", server.engine().pubsub().numpat());
    line(sb, "pubsubshard_channels", server.engine().pubsub().shardChannelCount());
    zeros(sb, "latest_fork_usec", "total_forks", "migrate_cached_sockets",
        "slave_expires_tracked_keys", "active_defrag_hits", "active_defrag_misses",
        "active_defrag_key_hits", "active_defrag_key_misses", "total_active_defrag_time",
        "current_active_defrag_time");
    line(sb, "tracking_total_keys", server.tracking().keys());
    line(sb, "tracking_total_items", server.tracking().items());
    line(sb, "tracking_total_prefixes", server.tracking().prefixes());
    zeros(sb, "unexpected_error_replies");
    line(sb, "total_error_replies", server.totalErrorReplies.sum());
    line(sb, "dump_payload_sanitizations", 0);
    line(sb, "total_reads_processed", server.totalCommands.sum());
    line(sb, "total_writes_processed", server.totalCommands.sum());
    zeros(sb, "io_threaded_reads_processed", "io_threaded_writes_processed", "reply_buffer_shrinks",
        "reply_buffer_expands");
  }

  private static void replication(StringBuilder sb) {
    sb.append("# Replication\r\n");
    line(sb, "role", "master");
    line(sb, "connected_slaves", 0);
    line(sb, "master_failover_state", "no-failover");
    line(sb, "master_replid", MASTER_REPLID);
    line(sb, "master_replid2", "0000000000000000000000000000000000000000");
    line(sb, "master_repl_offset", 0);
    line(sb, "second_repl_offset", -1);
    line(sb, "repl_backlog_active", 0);
    line(sb, "repl_backlog_size", 1048576);
    zeros(sb, "repl_backlog_first_byte_offset", "repl_backlog_histlen");
  }

  private static void cpu(StringBuilder sb) {
    double user = 0;
    double sys = 0;
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double total = sun.getProcessCpuTime() / 1e9;
      user = total; // the JVM reports user+system together
    }
    String u = String.format(Locale.ROOT, "%.6f", user);
    String s = String.format(Locale.ROOT, "%.6f", sys);
    sb.append("# CPU\r\n");
    line(sb, "used_cpu_sys", s);
    line(sb, "used_cpu_user", u);
    line(sb, "used_cpu_sys_children", "0.000000");
    line(sb, "used_cpu_user_children", "0.000000");
    line(sb, "used_cpu_sys_main_thread", s);
    line(sb, "used_cpu_user_main_thread", u);
  }

  private static void commandstats(StringBuilder sb, ServerState server) {
    sb.append("# Commandstats\r\n");
    for (Map.Entry<String, CommandStats> e
        : new TreeMap<>(server.allStats()).entrySet()) {
      CommandStats st = e.getValue();
      long calls = st.calls.sum();
      long usec = st.micros.sum();
      long rejected = st.rejected.sum();
      long failed = st.failed.sum();
      if (calls == 0 && rejected == 0 && failed == 0) {
        continue;
      }
      sb.append("cmdstat_").append(e.getKey()).append(":calls=").append(calls)
          .append(",usec=").append(usec)
          .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f",
              calls == 0 ? 0.0 : (double) usec / calls))
          .append(",rejected_calls=").append(rejected)
          .append(",failed_calls=").append(failed).append("\r\n");
    }
  }

  private static void errorstats(StringBuilder sb, ServerState server) {
    sb.append("# Errorstats\r\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(server.errorStats()).entrySet()) {
      sb.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue().sum())
          .append("\r\n");
    }
  }

  private static void keyspace(StringBuilder sb, ServerState server) {
    sb.append("# Keyspace\r\n");
    Engine engine = server.engine();
    for (int i = 0; i < engine.databaseCount(); i++) {
      Database db = engine.db(i);
      long keys = db.size();
      long expires = db.volatileCount();
      if (keys > 0 || expires > 0) {
        sb.append("db").append(i).append(":keys=").append(keys).append(",expires=")
            .append(expires).append(",avg_ttl=0\r\n");
      }
    }
  }

  private static String randomHex(int n) {
    StringBuilder sb = new StringBuilder(n);
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < n; i++) {
      sb.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return sb.toString();
  }

  /** Lower-cased section names of INFO's arguments from index {@code from}. */
  static List<String> names(io.lime.resp.Argv argv, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < argv.size(); i++) {
      out.add(argv.string(i));
    }
    return out;
  }
}
