package io.lime.server.internal;

import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import java.util.Objects;

/**
 * Directives LIME accepts (so a redis.conf moved over parses) but cannot honour with the
 * value given: start-up stops with a message naming the directive and saying why, rather
 * than running as if it had been obeyed. Defaults and values that mean "off" pass.
 */
final class StartupChecks {
  private StartupChecks() {}

  /**
   * Refuses the first directive set to a value LIME cannot honour.
   *
   * @throws ConfigException naming the directive, with the reason
   */
  static void refuseUnsupported(ConfigRegistry c) throws ConfigException {
    refuse(c, "daemonize", "yes", "a JVM cannot fork itself into the background; run LIME in "
        + "the foreground under a service manager (systemd Type=simple) or with nohup");
    if (!"no".equals(c.get("supervised"))) {
      refuse("supervised", "LIME does not notify service managers (no sd_notify/upstart "
          + "signal); use 'supervised no' with systemd Type=simple");
    }
    if (c.getLong("io-threads") > 1) {
      refuse("io-threads", "LIME runs one selector loop per connection group, set with "
          + "'lime-loops'; io-threads above 1 is not supported");
    }
    refuse(c, "io-threads-do-reads", "yes", "LIME's loops read their own connections; set "
        + "'lime-loops' instead");
    refuse(c, "cluster-enabled", "yes", "cluster mode is not implemented");
    if (!Objects.requireNonNullElse(c.get("replicaof"), "").isEmpty()) {
      refuse("replicaof", "replication is not implemented");
    }
    refuse(c, "syslog-enabled", "yes", "syslog is not supported; use 'logfile'");
    refuse(c, "activedefrag", "yes", "the JVM's garbage collector compacts memory; active "
        + "defragmentation does not apply");
  }

  private static void refuse(ConfigRegistry c, String name, String bad, String why)
      throws ConfigException {
    if (bad.equals(c.get(name))) {
      refuse(name, why);
    }
  }

  private static void refuse(String name, String why) throws ConfigException {
    throw new ConfigException("not supported: " + why, name);
  }
}
