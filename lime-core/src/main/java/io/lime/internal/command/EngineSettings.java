package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Eviction;
import io.lime.internal.engine.LazyFree;
import java.util.function.Consumer;

/**
 * Keeps the engine's settings equal to their directives, now and on CONFIG SET: the collection
 * encoding thresholds, maxmemory and its policy settings, the {@code lazyfree-lazy-*} switches
 * and {@code notify-keyspace-events}. One listener class that switches on the directive, not
 * a lambda per directive: each lambda spins a class on its first use, about 0.3 ms apiece of
 * a server's first start in a JVM.
 */
final class EngineSettings implements Consumer<String> {
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

  private final Engine engine;
  private final ConfigRegistry config;
  private final String name;

  private EngineSettings(Engine engine, ConfigRegistry config, String name) {
    this.engine = engine;
    this.config = config;
    this.name = name;
  }

  /** Applies every directive to {@code engine} now and on each CONFIG SET of it. */
  static void bind(Engine engine, ConfigRegistry config) {
    for (String name : NAMES) {
      EngineSettings s = new EngineSettings(engine, config, name);
      s.apply();
      config.onChange(name, s);
    }
  }

  @Override
  public void accept(String newValue) {
    apply();
  }

  private void apply() {
    EncodingLimits limits = engine.limits();
    Eviction ev = engine.eviction();
    LazyFree lf = engine.lazyFree();
    switch (name) {
      case "list-max-listpack-size" -> limits.listMaxListpackSize = (int) longValue();
      case "set-max-intset-entries" -> limits.setMaxIntsetEntries = longValue();
      case "hash-max-listpack-entries" -> limits.hashMaxListpackEntries = longValue();
      case "hash-max-listpack-value" -> limits.hashMaxListpackValue = longValue();
      case "zset-max-listpack-entries" -> limits.zsetMaxListpackEntries = longValue();
      case "zset-max-listpack-value" -> limits.zsetMaxListpackValue = longValue();
      case "hll-sparse-max-bytes" -> limits.hllSparseMaxBytes = longValue();
      case "stream-node-max-bytes" -> limits.streamNodeMaxBytes = longValue();
      case "stream-node-max-entries" -> limits.streamNodeMaxEntries = longValue();
      case "maxmemory" -> {
        // Redis's CONFIG SET maxmemory below the usage starts evicting at once (a time
        // event); here, one bounded round now and the rest before the next commands
        ev.maxmemory(longValue());
        ev.perform();
      }
      case "maxmemory-policy" -> ev.policy(Eviction.Policy.of(config.get(name)));
      case "maxmemory-samples" -> ev.samples((int) Math.min(longValue(), Integer.MAX_VALUE));
      case "maxmemory-eviction-tenacity" -> ev.tenacity((int) longValue());
      case "lfu-log-factor" -> ev.lfuLogFactor((int) Math.min(longValue(), Integer.MAX_VALUE));
      case "lfu-decay-time" -> ev.lfuDecayTime((int) Math.min(longValue(), Integer.MAX_VALUE));
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

  private long longValue() {
    return config.getLong(name);
  }
}
