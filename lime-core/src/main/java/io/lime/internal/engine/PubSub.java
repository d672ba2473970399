package io.lime.internal.engine;

import io.lime.internal.util.DaemonThreads;
import io.lime.internal.util.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The engine's publish/subscribe message bus (Redis's pubsub.c), shared by the RESP front
 * door (SUBSCRIBE, PUBLISH, ...), the embedded listener API and keyspace notifications.
 *
 * <p>Three namespaces as in Redis 7.0: channels (SUBSCRIBE/PUBLISH), patterns (PSUBSCRIBE,
 * Redis glob syntax through {@link Glob}, matched against channels only) and shard channels
 * (SSUBSCRIBE/SPUBLISH; without cluster mode a separate namespace that patterns never see).
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency: subscription changes serialise on the bus monitor and replace
 *       immutable arrays (copy on write); {@link #publish} reads them without locking, so a
 *       publisher never waits for a subscriber or another publisher. A message published
 *       concurrently with a subscription change reaches the old or the new set.
 *   <li>Delivery: {@link Receiver} methods run on the publisher's thread and must not block:
 *       a receiver queues the message (a connection's output buffer, a listener executor)
 *       and accounts what it queued (see {@code client-output-buffer-limit pubsub}).
 *   <li>Per-receiver bookkeeping (which channels a client holds, in subscription order)
 *       lives here too, so counts in subscribe replies and {@code PUBSUB} answers agree.
 * </ul>
 */
public final class PubSub {
  /**
   * A subscriber: a client connection or an embedded listener. Called on the publisher's
   * thread (possibly several at once); implementations must be thread-safe and never block.
   */
  public interface Receiver {
    /** A message published to a channel this receiver subscribed (kind {@code message}). */
    void message(byte[] channel, byte[] message);

    /** A message on {@code channel} matching a subscribed pattern (kind {@code pmessage}). */
    void pmessage(byte[] pattern, byte[] channel, byte[] message);

    /** A message on a subscribed shard channel (kind {@code smessage}). */
    void smessage(byte[] channel, byte[] message);
  }

  private static final Receiver[] NONE = new Receiver[0];
  private static final PatternSub[] NO_PATTERNS = new PatternSub[0];

  /** Channel → subscribers in subscription order (absent when none). */
  private final ConcurrentHashMap<Bytes, Receiver[]> channels = new ConcurrentHashMap<>();
  /** Shard channel → subscribers. */
  private final ConcurrentHashMap<Bytes, Receiver[]> shardChannels = new ConcurrentHashMap<>();
  /** Every (pattern, receiver) pair in subscription order; replaced, never mutated. */
  private volatile PatternSub[] patterns = NO_PATTERNS;
  /** Distinct patterns → number of receivers holding each (PUBSUB NUMPAT). Guarded by this. */
  private final Map<Bytes, Integer> patternCounts = new java.util.HashMap<>();
  /** Per-receiver subscriptions. Guarded by this. */
  private final Map<Receiver, Subscriptions> receivers = new IdentityHashMap<>();

  /** A pattern subscription. */
  private record PatternSub(byte[] pattern, Receiver receiver) {}

  /** One receiver's subscriptions in subscription order. */
  private static final class Subscriptions {
    final LinkedHashSet<Bytes> channels = new LinkedHashSet<>();
    final LinkedHashSet<Bytes> patterns = new LinkedHashSet<>();
    final LinkedHashSet<Bytes> shardChannels = new LinkedHashSet<>();

    boolean empty() {
      return channels.isEmpty() && patterns.isEmpty() && shardChannels.isEmpty();
    }
  }

  /** A byte string usable as a map key (content equality). */
  private record Bytes(byte[] b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(b);
    }
  }

  // ------------------------------------------------------------------------ publishing

  /**
   * PUBLISH: delivers {@code message} to the subscribers of {@code channel}, then to every
   * pattern subscription matching it. Never blocks on receivers.
   *
   * @return the number of deliveries (a receiver holding two matching patterns counts twice)
   */
  public long publish(byte[] channel, byte[] message) {
    long n = 0;
    Receiver[] rs = channels.get(new Bytes(channel));
    if (rs != null) {
      for (Receiver r : rs) {
        r.message(channel, message);
      }
      n += rs.length;
    }
    for (PatternSub p : patterns) {
      if (Glob.match(p.pattern, channel, false)) {
        p.receiver.pmessage(p.pattern, channel, message);
        n++;
      }
    }
    return n;
  }

  /** SPUBLISH: delivers to the subscribers of shard channel {@code channel}; returns their number. */
  public long spublish(byte[] channel, byte[] message) {
    Receiver[] rs = shardChannels.get(new Bytes(channel));
    if (rs == null) {
      return 0;
    }
    for (Receiver r : rs) {
      r.smessage(channel, message);
    }
    return rs.length;
  }

  /**
   * Whether no channel or pattern has a subscriber, so a publisher (keyspace notifications)
   * may skip building the message. A hint: a concurrent subscription may be missed.
   */
  public boolean idle() {
    return channels.isEmpty() && patterns.length == 0;
  }

  // --------------------------------------------------------------------- subscribing

  /** SUBSCRIBE one channel; returns false when {@code r} already held it. */
  public synchronized boolean subscribe(Receiver r, byte[] channel) {
    return add(channels, state(r).channels, r, channel);
  }

  /** UNSUBSCRIBE one channel; returns false when {@code r} did not hold it. */
  public synchronized boolean unsubscribe(Receiver r, byte[] channel) {
    return remove(channels, r, channel, s -> s.channels);
  }

  /** SSUBSCRIBE one shard channel; returns false when {@code r} already held it. */
  public synchronized boolean ssubscribe(Receiver r, byte[] channel) {
    return add(shardChannels, state(r).shardChannels, r, channel);
  }

  /** SUNSUBSCRIBE one shard channel; returns false when {@code r} did not hold it. */
  public synchronized boolean sunsubscribe(Receiver r, byte[] channel) {
    return remove(shardChannels, r, channel, s -> s.shardChannels);
  }

  /** PSUBSCRIBE one pattern; returns false when {@code r} already held it. */
  public synchronized boolean psubscribe(Receiver r, byte[] pattern) {
    Bytes key = new Bytes(pattern.clone());
    if (!state(r).patterns.add(key)) {
      return false;
    }
    PatternSub[] old = patterns;
    PatternSub[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = new PatternSub(key.b, r);
    patterns = grown;
    patternCounts.merge(key, 1, Integer::sum);
    return true;
  }

  /** PUNSUBSCRIBE one pattern; returns false when {@code r} did not hold it. */
  public synchronized boolean punsubscribe(Receiver r, byte[] pattern) {
    Subscriptions s = receivers.get(r);
    Bytes key = new Bytes(pattern);
    if (s == null || !s.patterns.remove(key)) {
      return false;
    }
    PatternSub[] old = patterns;
    PatternSub[] shrunk = new PatternSub[old.length - 1];
    int j = 0;
    for (PatternSub p : old) {
      if (p.receiver == r && Arrays.equals(p.pattern, pattern)) {
        continue;
      }
      shrunk[j++] = p;
    }
    patterns = shrunk;
    patternCounts.computeIfPresent(key, (k, c) -> c == 1 ? null : c - 1);
    dropIfEmpty(r, s);
    return true;
  }

  /** Removes every subscription of {@code r} (disconnect, RESET, listener close). */
  public synchronized void unsubscribeAll(Receiver r) {
    for (byte[] c : channels(r)) {
      unsubscribe(r, c);
    }
    for (byte[] p : patterns(r)) {
      punsubscribe(r, p);
    }
    for (byte[] c : shardChannels(r)) {
      sunsubscribe(r, c);
    }
  }

  /** The channels {@code r} holds, in subscription order (copies). */
  public synchronized List<byte[]> channels(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? List.of() : list(s.channels);
  }

  /** The patterns {@code r} holds, in subscription order (copies). */
  public synchronized List<byte[]> patterns(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? List.of() : list(s.patterns);
  }

  /** The shard channels {@code r} holds, in subscription order (copies). */
  public synchronized List<byte[]> shardChannels(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? List.of() : list(s.shardChannels);
  }

  /**
   * Channels plus patterns {@code r} holds: the count in (P)SUBSCRIBE / (P)UNSUBSCRIBE
   * replies (Redis's clientSubscriptionsCount).
   */
  public synchronized int subscriptionCount(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? 0 : s.channels.size() + s.patterns.size();
  }

  /** Shard channels {@code r} holds: the count in SSUBSCRIBE / SUNSUBSCRIBE replies. */
  public synchronized int shardSubscriptionCount(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? 0 : s.shardChannels.size();
  }

  /** Number of channels {@code r} holds. */
  public synchronized int channelCount(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? 0 : s.channels.size();
  }

  /** Number of patterns {@code r} holds. */
  public synchronized int patternCount(Receiver r) {
    Subscriptions s = receivers.get(r);
    return s == null ? 0 : s.patterns.size();
  }

  /** Whether {@code r} holds any subscription (Redis's CLIENT_PUBSUB flag). */
  public synchronized boolean subscribed(Receiver r) {
    return receivers.containsKey(r);
  }

  // ------------------------------------------------------------------- introspection

  /** PUBSUB CHANNELS: active channels matching {@code pattern} (all when null). */
  public List<byte[]> activeChannels(byte @Nullable [] pattern) {
    return active(channels, pattern);
  }

  /** PUBSUB SHARDCHANNELS: active shard channels matching {@code pattern} (all when null). */
  public List<byte[]> activeShardChannels(byte @Nullable [] pattern) {
    return active(shardChannels, pattern);
  }

  /** PUBSUB NUMSUB: subscribers of {@code channel}. */
  public int numsub(byte[] channel) {
    Receiver[] rs = channels.get(new Bytes(channel));
    return rs == null ? 0 : rs.length;
  }

  /** PUBSUB SHARDNUMSUB: subscribers of shard channel {@code channel}. */
  public int shardNumsub(byte[] channel) {
    Receiver[] rs = shardChannels.get(new Bytes(channel));
    return rs == null ? 0 : rs.length;
  }

  /** PUBSUB NUMPAT: distinct patterns subscribed by at least one receiver (Redis 7.0). */
  public synchronized int numpat() {
    return patternCounts.size();
  }

  /** Channels plus shard channels with subscribers (INFO {@code pubsub_channels}). */
  public int channelCount() {
    return channels.size();
  }

  /** Shard channels with subscribers (INFO {@code pubsubshard_channels}). */
  public int shardChannelCount() {
    return shardChannels.size();
  }

  // ------------------------------------------------------------- listener delivery

  private volatile java.util.concurrent.@Nullable Executor listenerExecutor;
  private java.util.concurrent.@Nullable ExecutorService defaultDelivery;

  /**
   * Sets where embedded listeners run (KeyValueStore.Builder#listenerExecutor); null
   * restores the default: one daemon thread for this engine, started on first use.
   */
  public void listenerExecutor(java.util.concurrent.@Nullable Executor e) {
    this.listenerExecutor = e;
  }

  /** Where embedded listeners run: the configured executor or the engine's delivery thread. */
  public java.util.concurrent.Executor listenerExecutor() {
    java.util.concurrent.Executor e = listenerExecutor;
    if (e != null) {
      return e;
    }
    synchronized (this) {
      if (defaultDelivery == null) {
        defaultDelivery = java.util.concurrent.Executors.newSingleThreadExecutor(
            new DaemonThreads("lime-pubsub-delivery"));
      }
      return defaultDelivery;
    }
  }

  /** Stops the default delivery thread (store close); messages not yet delivered are dropped. */
  public synchronized void close() {
    if (defaultDelivery != null) {
      defaultDelivery.shutdownNow();
      defaultDelivery = null;
    }
  }

  // ------------------------------------------------------------------------- helpers

  private Subscriptions state(Receiver r) {
    return receivers.computeIfAbsent(r, k -> new Subscriptions());
  }

  private void dropIfEmpty(Receiver r, Subscriptions s) {
    if (s.empty()) {
      receivers.remove(r);
    }
  }

  private boolean add(ConcurrentHashMap<Bytes, Receiver[]> map, LinkedHashSet<Bytes> mine,
      Receiver r, byte[] channel) {
    Bytes key = new Bytes(channel.clone());
    if (!mine.add(key)) {
      return false;
    }
    Receiver[] old = map.getOrDefault(key, NONE);
    Receiver[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = r;
    map.put(key, grown);
    return true;
  }

  private boolean remove(ConcurrentHashMap<Bytes, Receiver[]> map, Receiver r, byte[] channel,
      java.util.function.Function<Subscriptions, LinkedHashSet<Bytes>> which) {
    Subscriptions s = receivers.get(r);
    Bytes key = new Bytes(channel);
    if (s == null || !which.apply(s).remove(key)) {
      return false;
    }
    Receiver[] old = map.get(key);
    if (old != null) {
      if (old.length == 1) {
        map.remove(key);
      } else {
        Receiver[] shrunk = new Receiver[old.length - 1];
        int j = 0;
        for (Receiver x : old) {
          if (x != r && j < shrunk.length) {
            shrunk[j++] = x;
          }
        }
        map.put(key, shrunk);
      }
    }
    dropIfEmpty(r, s);
    return true;
  }

  private static List<byte[]> list(LinkedHashSet<Bytes> set) {
    List<byte[]> out = new ArrayList<>(set.size());
    for (Bytes b : set) {
      out.add(b.b.clone());
    }
    return out;
  }

  private static List<byte[]> active(ConcurrentHashMap<Bytes, Receiver[]> map,
      byte @Nullable [] pattern) {
    List<byte[]> out = new ArrayList<>();
    for (Bytes b : map.keySet()) {
      if (pattern == null || Glob.match(pattern, b.b, false)) {
        out.add(b.b.clone());
      }
    }
    return out;
  }
}
