package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Eviction;
import io.lime.internal.engine.LazyFree;

/**
 * Keeps the engine's settings equal to their directives, now and on CONFIG SET: the collection
 * encoding thresholds, maxmemory and its policy settings, the {@code lazyfree-lazy-*} switches
 * and {@code notify-keyspace-events}. One listener for them all, switching on the directive
 * ({@link ConfigRegistry.NamedListener}), not a lambda per directive: each lambda spins a
 * class on its first use, about 0.3 ms apiece of a server's first start in a JVM.
 */
final class EngineSettings {
  /** The directives, in the order they are applied at start. */
  private static final String[] NAMES = {
      "list-max-listpack-size", "set-max-intset-entries", "hash-max-listpack-entries",
      "hash-max-listpack-value", "zset-max-listpack-entries", "zset-max-listpack-value",
      "hll-sparse-max-bytes", "stream-node-max-bytes", "stream-node-max-entries",
      "maxmemory", "maxmemory-policy", "maxmemory-samples", "maxmemory-eviction-tenacity",
      "lfu-log-factor", "lfu-decay-time",
      "lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
      "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush",
      "notify-keyspace-events"};

  private EngineSettings() {}

  /** Applies every directive to {@code engine} now and on each CONFIG SET of it. */
  static void bind(Engine engine, ConfigRegistry config) {
    for (String name : NAMES) {
      apply(engine, config, name);
    }
    config.onChange((name, value) -> apply(engine, config, name), NAMES);
  }

  private static void apply(Engine engine, ConfigRegistry config, String name) {
    EncodingLimits limits = engine.limits();
    Eviction ev = engine.eviction();
    LazyFree lf = engine.lazyFree();
    switch (name) {
      case "list-max-listpack-size" -> limits.listMaxListpackSize = (int) config.getLong(name);
      case "set-max-intset-entries" -> limits.setMaxIntsetEntries = config.getLong(name);
      case "hash-max-listpack-entries" -> limits.hashMaxListpackEntries = config.getLong(name);
      case "hash-max-listpack-value" -> limits.hashMaxListpackValue = config.getLong(name);
      case "zset-max-listpack-entries" -> limits.zsetMaxListpackEntries = config.getLong(name);
      case "zset-max-listpack-value" -> limits.zsetMaxListpackValue = config.getLong(name);
      case "hll-sparse-max-bytes" -> limits.hllSparseMaxBytes = config.getLong(name);
      case "stream-node-max-bytes" -> limits.streamNodeMaxBytes = config.getLong(name);
      case "stream-node-max-entries" -> limits.streamNodeMaxEntries = config.getLong(name);
      case "maxmemory" -> {
        // Redis's CONFIG SET maxmemory below the usage starts evicting at once (a time
        // event); here, one bounded round now and the rest before the next commands
        ev.maxmemory(config.getLong(name));
        ev.perform();
      }
      case "maxmemory-policy" -> ev.policy(Eviction.Policy.of(config.get(name)));
      case "maxmemory-samples" -> ev.samples((int) Math.min(config.getLong(name), Integer.MAX_VALUE));
      case "maxmemory-eviction-tenacity" -> ev.tenacity((int) config.getLong(name));
      case "lfu-log-factor" -> ev.lfuLogFactor((int) Math.min(config.getLong(name), Integer.MAX_VALUE));
      case "lfu-decay-time" -> ev.lfuDecayTime((int) Math.min(config.getLong(name), Integer.MAX_VALUE));
      case "lazyfree-lazy-eviction" -> lf.lazyEviction = config.getBool(name);
      case "lazyfree-lazy-expire" -> lf.lazyExpire = config.getBool(name);
      case "lazyfree-lazy-server-del" -> lf.lazyServerDel = config.getBool(name);
      case "lazyfree-lazy-user-del" -> lf.lazyUserDel = config.getBool(name);
      case "lazyfree-lazy-user-flush" -> lf.lazyUserFlush = config.getBool(name);
      case "notify-keyspace-events" ->
          engine.events().flags(NotifyFlags.parse(config.get(name)));
      default -> throw new IllegalStateException(name);
    }
  }
}
