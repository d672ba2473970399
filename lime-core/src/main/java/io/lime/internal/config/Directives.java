package io.lime.internal.config;

import static io.lime.internal.config.Directive.IMMUTABLE;
import static io.lime.internal.config.Directive.PROTECTED;
import static io.lime.internal.config.Directive.SENSITIVE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The directives LIME knows, with Redis 7.0.15's types, bounds, defaults and flags (from
 * its config.c), plus LIME's own {@code lime-*} directives. Directives that only matter to
 * features LIME lacks (TLS, cluster, replication) are accepted and reported so that config
 * files and tools written for Redis work unchanged.
 */
final class Directives {
  private Directives() {}

  private static final long INT_MAX = Integer.MAX_VALUE;
  private static final long UINT_MAX = 4294967295L;
  private static final long MB = 1024L * 1024;

  /** Every directive, in the order CONFIG GET * lists them. */
  static List<Directive> all() {
    List<Directive> d = new ArrayList<>();
    // Network and connections.
    d.add(num("port", 0, 65535, "6379", 0));
    d.add(new Directive("bind", null, new ValueType.Bind(), "* -::*", 0));
    d.add(bool("protected-mode", "yes", 0));
    d.add(num("tcp-backlog", 0, INT_MAX, "511", IMMUTABLE));
    d.add(num("tcp-keepalive", 0, INT_MAX, "300", 0));
    d.add(num("timeout", 0, INT_MAX, "0", 0));
    d.add(unsigned("maxclients", 1, UINT_MAX, "10000", 0));
    d.add(text("unixsocket", "", IMMUTABLE));
    d.add(new Directive("unixsocketperm", null, new ValueType.Octal(0777), "0", IMMUTABLE));
    d.add(num("tls-port", 0, 65535, "0", IMMUTABLE));
    // TLS material is read at start-up: CONFIG SET refuses it (Redis reloads it).
    d.add(text("tls-cert-file", "", IMMUTABLE));
    d.add(text("tls-key-file", "", IMMUTABLE));
    d.add(new Directive("tls-key-file-pass", null, new ValueType.Text(false), "",
        SENSITIVE | IMMUTABLE));
    d.add(text("tls-ca-cert-file", "", IMMUTABLE));
    d.add(text("tls-ca-cert-dir", "", IMMUTABLE));
    d.add(choice("tls-auth-clients", "yes", IMMUTABLE, "no", "yes", "optional"));
    d.add(text("tls-protocols", "", IMMUTABLE));
    d.add(text("tls-ciphers", "", IMMUTABLE));
    d.add(text("tls-ciphersuites", "", IMMUTABLE));
    d.add(bool("tls-prefer-server-ciphers", "no", IMMUTABLE));
    d.add(bool("tls-session-caching", "yes", IMMUTABLE));
    d.add(num("tls-session-cache-size", 0, INT_MAX, "20480", IMMUTABLE));
    d.add(num("tls-session-cache-timeout", 0, INT_MAX, "300", IMMUTABLE));
    d.add(num("io-threads", 1, 128, "1", IMMUTABLE));
    d.add(bool("io-threads-do-reads", "no", IMMUTABLE));
    d.add(mem("proto-max-bulk-len", MB, Long.MAX_VALUE, "536870912", 0));
    d.add(mem("client-query-buffer-limit", MB, Long.MAX_VALUE, "1073741824", 0));
    d.add(new Directive("client-output-buffer-limit", null, new ValueType.OutputLimits(),
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", 0));
    d.add(new Directive("requirepass", null, new ValueType.Text(false), "", SENSITIVE));
    d.add(text("aclfile", "", IMMUTABLE));
    d.add(unsigned("acllog-max-len", 0, Long.MAX_VALUE, "128", 0));
    d.add(choice("acl-pubsub-default", "resetchannels", 0, "allchannels", "resetchannels"));
    // General.
    d.add(bool("daemonize", "no", IMMUTABLE));
    d.add(choice("supervised", "no", IMMUTABLE, "upstart", "systemd", "auto", "no"));
    d.add(text("pidfile", "", IMMUTABLE));
    d.add(choice("loglevel", "notice", 0, "debug", "verbose", "notice", "warning"));
    d.add(text("logfile", "", IMMUTABLE));
    d.add(bool("syslog-enabled", "no", IMMUTABLE));
    d.add(text("syslog-ident", "redis", IMMUTABLE));
    d.add(num("databases", 1, INT_MAX, "16", IMMUTABLE));
    d.add(bool("always-show-logo", "no", IMMUTABLE));
    d.add(bool("set-proc-title", "yes", IMMUTABLE));
    d.add(num("hz", 0, INT_MAX, "10", 0, 1, 500));
    d.add(bool("dynamic-hz", "yes", 0));
    d.add(bool("enable-protected-configs", "no", IMMUTABLE));
    d.add(bool("enable-debug-command", "no", IMMUTABLE));
    d.add(bool("enable-module-command", "no", IMMUTABLE));
    // Snapshotting and append only file.
    d.add(new Directive("save", null, new ValueType.Save(), "3600 1 300 100 60 10000", 0));
    d.add(bool("stop-writes-on-bgsave-error", "yes", 0));
    d.add(bool("rdbcompression", "yes", 0));
    d.add(bool("rdbchecksum", "yes", 0));
    // RESTORE always checks a payload in full (deep sanitization): every value accepted
    d.add(choice("sanitize-dump-payload", "no", 0, "no", "yes", "clients"));
    d.add(new Directive("dbfilename", null, new ValueType.Text(true), "dump.rdb", PROTECTED));
    d.add(bool("rdb-del-sync-files", "no", 0));
    d.add(new Directive("dir", null, new ValueType.Dir(), "", PROTECTED));
    d.add(bool("appendonly", "no", 0));
    d.add(new Directive("appendfilename", null, new ValueType.Text(true), "appendonly.aof", IMMUTABLE));
    d.add(text("appenddirname", "appendonlydir", IMMUTABLE));
    d.add(choice("appendfsync", "everysec", 0, "everysec", "always", "no"));
    d.add(bool("no-appendfsync-on-rewrite", "no", 0));
    d.add(num("auto-aof-rewrite-percentage", 0, INT_MAX, "100", 0));
    d.add(mem("auto-aof-rewrite-min-size", 0, Long.MAX_VALUE, "67108864", 0));
    d.add(bool("aof-load-truncated", "yes", 0));
    d.add(bool("aof-use-rdb-preamble", "yes", 0));
    d.add(bool("aof-timestamp-enabled", "no", 0));
    // Memory management.
    d.add(new Directive("maxmemory", null, new ValueType.Num(0, -1L, true, true), "0", 0));
    d.add(choice("maxmemory-policy", "noeviction", 0, "volatile-lru", "volatile-lfu",
        "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random",
        "noeviction"));
    d.add(num("maxmemory-samples", 1, INT_MAX, "5", 0));
    d.add(num("maxmemory-eviction-tenacity", 0, 100, "10", 0));
    d.add(num("lfu-log-factor", 0, INT_MAX, "10", 0));
    d.add(num("lfu-decay-time", 0, INT_MAX, "1", 0));
    d.add(bool("lazyfree-lazy-eviction", "no", 0));
    d.add(bool("lazyfree-lazy-expire", "no", 0));
    d.add(bool("lazyfree-lazy-server-del", "no", 0));
    d.add(bool("lazyfree-lazy-user-del", "no", 0));
    d.add(bool("lazyfree-lazy-user-flush", "no", 0));
    d.add(num("active-expire-effort", 1, 10, "1", 0));
    d.add(bool("activerehashing", "yes", 0));
    d.add(bool("activedefrag", "no", 0));
    // Events, slow log, latency.
    d.add(new Directive("notify-keyspace-events", null, new ValueType.Notify(), "", 0));
    d.add(num("slowlog-log-slower-than", -1, Long.MAX_VALUE, "10000", 0));
    d.add(unsigned("slowlog-max-len", 0, Long.MAX_VALUE, "128", 0));
    d.add(unsigned("latency-monitor-threshold", 0, Long.MAX_VALUE, "0", 0));
    d.add(bool("latency-tracking", "yes", 0));
    d.add(new Directive("latency-tracking-info-percentiles", null, new ValueType.Percentiles(),
        "50 99 99.9", 0));
    d.add(aliased("busy-reply-threshold", "lua-time-limit",
        new ValueType.Num(0, Long.MAX_VALUE, false, false), "5000"));
    d.add(unsigned("tracking-table-max-keys", 0, Long.MAX_VALUE, "1000000", 0));
    // Encodings (read by the type layer).
    d.add(aliased("hash-max-listpack-entries", "hash-max-ziplist-entries", unsignedType(0, Long.MAX_VALUE), "512"));
    d.add(aliased("hash-max-listpack-value", "hash-max-ziplist-value", unsignedType(0, Long.MAX_VALUE), "64"));
    d.add(aliased("list-max-listpack-size", "list-max-ziplist-size", new ValueType.Num(Integer.MIN_VALUE, INT_MAX, false, false), "-2"));
    d.add(num("list-compress-depth", 0, INT_MAX, "0", 0));
    d.add(unsigned("set-max-intset-entries", 0, Long.MAX_VALUE, "512", 0));
    d.add(aliased("zset-max-listpack-entries", "zset-max-ziplist-entries", unsignedType(0, Long.MAX_VALUE), "128"));
    d.add(aliased("zset-max-listpack-value", "zset-max-ziplist-value", unsignedType(0, Long.MAX_VALUE), "64"));
    d.add(mem("hll-sparse-max-bytes", 0, Long.MAX_VALUE, "3000", 0));
    d.add(unsigned("stream-node-max-bytes", 0, Long.MAX_VALUE, "4096", 0));
    d.add(num("stream-node-max-entries", 0, Long.MAX_VALUE, "100", 0));
    // Replication and cluster (reported, not implemented).
    d.add(new Directive("replicaof", "slaveof", new ValueType.Text(false), "", IMMUTABLE));
    d.add(new Directive("replica-read-only", "slave-read-only", new ValueType.Bool(), "yes", 0));
    d.add(new Directive("replica-serve-stale-data", "slave-serve-stale-data", new ValueType.Bool(), "yes", 0));
    d.add(new Directive("masterauth", null, new ValueType.Text(false), "", SENSITIVE));
    d.add(text("masteruser", "", 0));
    d.add(mem("repl-backlog-size", 1, Long.MAX_VALUE, "1048576", 0));
    d.add(bool("cluster-enabled", "no", IMMUTABLE));
    // The rest of Redis 7.0's CONFIG GET *: listed with Redis's defaults; LIME cannot honour
    // another value (see INERT), so CONFIG SET refuses one and start-up stops on one.
    d.add(num("active-defrag-cycle-min", 1, 99, "1", 0));
    d.add(num("active-defrag-cycle-max", 1, 99, "25", 0));
    d.add(mem("active-defrag-ignore-bytes", 1, Long.MAX_VALUE, "104857600", 0));
    d.add(unsigned("active-defrag-max-scan-fields", 1, Long.MAX_VALUE, "1000", 0));
    d.add(num("active-defrag-threshold-lower", 0, 1000, "10", 0));
    d.add(num("active-defrag-threshold-upper", 0, 1000, "100", 0));
    d.add(bool("jemalloc-bg-thread", "yes", 0));
    d.add(mem("maxmemory-clients", 0, Long.MAX_VALUE, "0", 0));
    d.add(bool("aof-disable-auto-gc", "no", 0));
    d.add(bool("aof-rewrite-incremental-fsync", "yes", 0));
    d.add(bool("rdb-save-incremental-fsync", "yes", 0));
    d.add(text("server_cpulist", "", IMMUTABLE));
    d.add(text("bio_cpulist", "", IMMUTABLE));
    d.add(text("aof_rewrite_cpulist", "", IMMUTABLE));
    d.add(text("bgsave_cpulist", "", IMMUTABLE));
    d.add(bool("crash-log-enabled", "yes", 0));
    d.add(bool("crash-memcheck-enabled", "yes", 0));
    d.add(bool("disable-thp", "yes", IMMUTABLE));
    d.add(text("ignore-warnings", "", IMMUTABLE));
    d.add(choice("syslog-facility", "local0", IMMUTABLE, "user", "local0", "local1", "local2",
        "local3", "local4", "local5", "local6", "local7"));
    d.add(choice("oom-score-adj", "no", 0, "no", "yes", "relative", "absolute"));
    d.add(text("oom-score-adj-values", "0 200 800", 0));
    d.add(text("proc-title-template", "{title} {listen-addr} {server-mode}", 0));
    d.add(text("shutdown-on-sigint", "default", 0));
    d.add(text("shutdown-on-sigterm", "default", 0));
    d.add(num("shutdown-timeout", 0, INT_MAX, "10", 0));
    d.add(unsigned("socket-mark-id", 0, UINT_MAX, "0", 0));
    d.add(text("tls-client-cert-file", "", 0));
    d.add(text("tls-client-key-file", "", 0));
    d.add(new Directive("tls-client-key-file-pass", null, new ValueType.Text(false), "",
        SENSITIVE));
    d.add(text("tls-dh-params-file", "", 0));
    d.add(bool("tls-replication", "no", 0));
    d.add(bool("tls-cluster", "no", 0));
    d.add(text("bind-source-addr", "", 0));
    d.add(choice("propagation-error-behavior", "ignore", 0, "ignore", "panic",
        "panic-on-replicas"));
    d.add(num("repl-backlog-ttl", 0, INT_MAX, "3600", 0));
    d.add(bool("repl-disable-tcp-nodelay", "no", 0));
    d.add(choice("repl-diskless-load", "disabled", 0, "disabled", "on-empty-db", "swapdb"));
    d.add(bool("repl-diskless-sync", "yes", 0));
    d.add(num("repl-diskless-sync-delay", 0, INT_MAX, "5", 0));
    d.add(num("repl-diskless-sync-max-replicas", 0, INT_MAX, "0", 0));
    d.add(new Directive("repl-ping-replica-period", "repl-ping-slave-period",
        new ValueType.Num(1, INT_MAX, false, false), "10", 0));
    d.add(num("repl-timeout", 1, INT_MAX, "60", 0));
    d.add(new Directive("replica-announce-ip", "slave-announce-ip", new ValueType.Text(false),
        "", 0));
    d.add(new Directive("replica-announce-port", "slave-announce-port",
        new ValueType.Num(0, 65535, false, false), "0", 0));
    d.add(bool("replica-announced", "yes", 0));
    d.add(bool("replica-ignore-disk-write-errors", "no", 0));
    d.add(new Directive("replica-ignore-maxmemory", "slave-ignore-maxmemory",
        new ValueType.Bool(), "yes", 0));
    d.add(new Directive("replica-lazy-flush", "slave-lazy-flush", new ValueType.Bool(), "no",
        0));
    d.add(new Directive("replica-priority", "slave-priority",
        new ValueType.Num(0, INT_MAX, false, false), "100", 0));
    d.add(new Directive("min-replicas-to-write", "min-slaves-to-write",
        new ValueType.Num(0, INT_MAX, false, false), "0", 0));
    d.add(new Directive("min-replicas-max-lag", "min-slaves-max-lag",
        new ValueType.Num(0, INT_MAX, false, false), "10", 0));
    d.add(text("cluster-config-file", "nodes.conf", IMMUTABLE));
    d.add(num("cluster-port", 0, 65535, "0", IMMUTABLE));
    d.add(num("cluster-node-timeout", 0, Long.MAX_VALUE, "15000", 0));
    d.add(num("cluster-migration-barrier", 0, INT_MAX, "1", 0));
    d.add(new Directive("cluster-replica-validity-factor", "cluster-slave-validity-factor",
        new ValueType.Num(0, INT_MAX, false, false), "10", 0));
    d.add(new Directive("cluster-replica-no-failover", "cluster-slave-no-failover",
        new ValueType.Bool(), "no", 0));
    d.add(bool("cluster-require-full-coverage", "yes", 0));
    d.add(bool("cluster-allow-reads-when-down", "no", 0));
    d.add(bool("cluster-allow-pubsubshard-when-down", "yes", 0));
    d.add(bool("cluster-allow-replica-migration", "yes", 0));
    d.add(text("cluster-announce-ip", "", 0));
    d.add(text("cluster-announce-hostname", "", 0));
    d.add(num("cluster-announce-port", 0, 65535, "0", 0));
    d.add(num("cluster-announce-bus-port", 0, 65535, "0", 0));
    d.add(num("cluster-announce-tls-port", 0, 65535, "0", 0));
    d.add(choice("cluster-preferred-endpoint-type", "ip", 0, "ip", "hostname",
        "unknown-endpoint"));
    d.add(mem("cluster-link-sendbuf-limit", 0, Long.MAX_VALUE, "0", 0));
    // LIME's own.
    // Half the cores (at least one): the other half serves the kernel's network stack; on 2 cores
    // one loop costs 10-20% less CPU per request than two (docs/benchmarks.md).
    d.add(num("lime-loops", 1, 1024, Integer.toString(defaultLoops()), IMMUTABLE));
    d.add(new Directive("lime-shards", null, new ValueType.Shards(), "16", IMMUTABLE));
    return d;
  }

  private static final String NO_REPLICATION = "replication is not implemented";
  private static final String NO_CLUSTER = "cluster mode is not implemented";
  private static final String NO_JEMALLOC = "LIME runs on the JVM's heap, not jemalloc";
  private static final String NO_DEFRAG = "the JVM's garbage collector compacts memory; "
      + "active defragmentation does not apply";

  /**
   * Why LIME cannot honour a value of these directives other than their default: CONFIG SET
   * to another value fails saying so, and so does start-up ({@code ConfigRegistry.inert}).
   */
  static final Map<String, String> INERT = inert();

  private static Map<String, String> inert() {
    Map<String, String> m = new HashMap<>();
    for (String n : List.of("active-defrag-cycle-min", "active-defrag-cycle-max",
        "active-defrag-ignore-bytes", "active-defrag-max-scan-fields",
        "active-defrag-threshold-lower", "active-defrag-threshold-upper", "activedefrag")) {
      m.put(n, NO_DEFRAG);
    }
    m.put("jemalloc-bg-thread", NO_JEMALLOC);
    m.put("no-appendfsync-on-rewrite", "LIME keeps fsyncing the AOF during a rewrite");
    m.put("aof-timestamp-enabled", "LIME writes no timestamp annotations in the AOF");
    m.put("active-expire-effort", "LIME's active expiry runs Redis's default effort");
    m.put("activerehashing", "LIME's tables resize at once, with no incremental rehashing");
    m.put("list-compress-depth", "LIME does not compress list nodes");
    m.put("maxmemory-clients", "client eviction is not implemented");
    m.put("aof-disable-auto-gc", "LIME always deletes the AOF history files a rewrite "
        + "leaves");
    m.put("aof-rewrite-incremental-fsync", "LIME fsyncs a rewritten AOF once, when complete");
    m.put("rdb-save-incremental-fsync", "LIME fsyncs an RDB file once, when complete");
    m.put("crash-log-enabled", "the JVM reports fatal errors itself (hs_err files)");
    m.put("crash-memcheck-enabled", "the JVM reports fatal errors itself (hs_err files)");
    m.put("oom-score-adj", "LIME does not adjust the process's OOM score");
    m.put("oom-score-adj-values", "LIME does not adjust the process's OOM score");
    m.put("proc-title-template", "a JVM cannot set its process title");
    m.put("shutdown-on-sigint", "LIME shuts down on a signal as Redis's default");
    m.put("shutdown-on-sigterm", "LIME shuts down on a signal as Redis's default");
    m.put("shutdown-timeout", "LIME has no replicas to wait for at shutdown");
    m.put("socket-mark-id", "the JVM cannot set SO_MARK on its sockets");
    for (String n : List.of("tls-client-cert-file", "tls-client-key-file",
        "tls-client-key-file-pass")) {
      m.put(n, "LIME makes no outgoing TLS connections (no replication, no cluster)");
    }
    m.put("tls-dh-params-file", "the JDK chooses the Diffie-Hellman parameters");
    for (String n : List.of("tls-replication", "bind-source-addr",
        "propagation-error-behavior", "repl-backlog-ttl", "repl-disable-tcp-nodelay",
        "repl-diskless-load", "repl-diskless-sync", "repl-diskless-sync-delay",
        "repl-diskless-sync-max-replicas", "repl-ping-replica-period", "repl-timeout",
        "replica-announce-ip", "replica-announce-port", "replica-announced",
        "replica-ignore-disk-write-errors", "replica-ignore-maxmemory", "replica-lazy-flush",
        "replica-priority", "min-replicas-to-write", "min-replicas-max-lag",
        "replica-read-only", "replica-serve-stale-data", "masterauth", "masteruser",
        "repl-backlog-size", "rdb-del-sync-files")) {
      m.put(n, NO_REPLICATION);
    }
    for (String n : List.of("tls-cluster", "cluster-node-timeout",
        "cluster-migration-barrier", "cluster-replica-validity-factor",
        "cluster-replica-no-failover", "cluster-require-full-coverage",
        "cluster-allow-reads-when-down", "cluster-allow-pubsubshard-when-down",
        "cluster-allow-replica-migration", "cluster-announce-ip", "cluster-announce-hostname",
        "cluster-announce-port", "cluster-announce-bus-port", "cluster-announce-tls-port",
        "cluster-preferred-endpoint-type", "cluster-link-sendbuf-limit")) {
      m.put(n, NO_CLUSTER);
    }
    return Map.copyOf(m);
  }

  private static Directive num(String name, long min, long max, String def, int flags) {
    return new Directive(name, null, new ValueType.Num(min, max, false, false), def, flags);
  }

  private static Directive num(String name, long min, long max, String def, int flags,
      long clampMin, long clampMax) {
    return new Directive(name, null,
        new ValueType.Num(min, max, false, false, clampMin, clampMax), def, flags);
  }

  private static Directive unsigned(String name, long min, long max, String def, int flags) {
    return new Directive(name, null, unsignedType(min, max), def, flags);
  }

  private static ValueType unsignedType(long min, long max) {
    return new ValueType.Num(min, max, false, true);
  }

  private static Directive mem(String name, long min, long max, String def, int flags) {
    return new Directive(name, null, new ValueType.Num(min, max, true, false), def, flags);
  }

  private static Directive bool(String name, String def, int flags) {
    return new Directive(name, null, new ValueType.Bool(), def, flags);
  }

  private static Directive text(String name, String def, int flags) {
    return new Directive(name, null, new ValueType.Text(false), def, flags);
  }

  private static Directive choice(String name, String def, int flags, String... values) {
    return new Directive(name, null, new ValueType.Choice(List.of(values)), def, flags);
  }

  private static Directive aliased(String name, @Nullable String alias, ValueType t, String def) {
    return new Directive(name, alias, t, def, 0);
  }

  /** Default {@code lime-loops}: {@code max(1, cores / 2)}. */
  static int defaultLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }
}
