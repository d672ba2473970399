package io.lime.internal.command;

import io.lime.internal.engine.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A client connection as a pub/sub {@link PubSub.Receiver}: renders each message as Redis
 * does ({@code *3 message channel payload}, {@code *4 pmessage pattern channel payload},
 * {@code *3 smessage ...}; RESP3 uses push frames {@code >}) in the client's protocol at
 * publish time, and hands it to the connection's {@link PushOutput}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Delivery: a publisher running on the connection's own thread (a command of this or
 *       another connection of the same loop) writes the frame at once, so a RESP3 client
 *       publishing to itself sees the message before PUBLISH's reply, as in Redis. Any other
 *       publisher queues the frame and schedules one drain task on the connection's thread;
 *       the dispatcher also drains before each command of the client so replies and
 *       messages keep the order in which they happened.
 *   <li>Output limits: after each delivery the pending bytes (queued plus not yet taken by
 *       the socket) are checked against {@code client-output-buffer-limit pubsub}; past the
 *       hard limit, or above the soft limit for longer than the soft seconds, the client is
 *       closed asynchronously and further messages to it are dropped, so a reader that never
 *       reads costs at most about the hard limit.
 * </ul>
 */
public final class ClientSubscriber implements PubSub.Receiver {
  static final byte[] MESSAGE = ascii("message");
  static final byte[] PMESSAGE = ascii("pmessage");
  static final byte[] SMESSAGE = ascii("smessage");
  static final String OVER_LIMIT = " scheduled to be closed ASAP for overcoming of output "
      + "buffer limits.";

  private final ClientSession session;
  private final PubSub bus;
  private final PubSubLimits limits;
  private final LongSupplier clockMillis;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  /** Second the soft limit was first exceeded (Redis obuf_soft_limit_reached_time); 0: not. */
  private volatile long softReachedSecond;
  private volatile boolean closing;
  /** Subscription counts for CLIENT LIST and the subscribed-state check; loop thread writes. */
  private volatile int channels;
  private volatile int patterns;
  private volatile int shardChannels;

  ClientSubscriber(ClientSession session, PubSub bus, PubSubLimits limits,
      LongSupplier clockMillis) {
    this.session = session;
    this.bus = bus;
    this.limits = limits;
    this.clockMillis = clockMillis;
  }

  /** The bus this subscriber is registered with. */ PubSub bus() { return bus; }

  /** Whether the client holds any subscription (Redis's CLIENT_PUBSUB flag). */
  public boolean active() { return channels + patterns + shardChannels > 0; }

  /** Channels held (CLIENT LIST {@code sub}). */ public int channelCount() { return channels; }

  /** Patterns held (CLIENT LIST {@code psub}). */ public int patternCount() { return patterns; }

  /** Shard channels held (CLIENT LIST {@code ssub}). */
  public int shardChannelCount() { return shardChannels; }

  /** Refreshes the counts after subscription changes. */
  void recount() {
    channels = bus.channelCount(this);
    patterns = bus.patternCount(this);
    shardChannels = bus.shardSubscriptionCount(this);
  }

  /** Leaves every channel, pattern and shard channel (RESET, disconnect). */
  void unsubscribeAll() {
    bus.unsubscribeAll(this);
    recount();
  }

  /** Disconnect: leaves everything and drops what is queued. */
  void closed() {
    closing = true;
    unsubscribeAll();
    queue.clear();
    queuedBytes.set(0);
  }

  // ------------------------------------------------------------------------ delivery

  @Override
  public void message(byte[] channel, byte[] message) {
    deliver(frame(session.protocol(), MESSAGE, null, channel, message));
  }

  @Override
  public void pmessage(byte[] pattern, byte[] channel, byte[] message) {
    deliver(frame(session.protocol(), PMESSAGE, pattern, channel, message));
  }

  @Override
  public void smessage(byte[] channel, byte[] message) {
    deliver(frame(session.protocol(), SMESSAGE, null, channel, message));
  }

  private void deliver(byte[] frame) {
    PushOutput out = session.pushOutput();
    if (closing || out == null) {
      return; // closing, or an in-process session without output; CLIENT REPLY OFF does not
              // mute messages (Redis's CLIENT_PUSHING)
    }
    if (out.inLoop()) {
      drainTo(out);
      out.write(frame);
      checkLimits(out, 0);
      return;
    }
    queue.add(frame);
    long queued = queuedBytes.addAndGet(frame.length);
    if (checkLimits(out, queued) && drainScheduled.compareAndSet(false, true)) {
      out.execute(this::drainScheduled);
    }
  }

  private void drainScheduled() {
    drainScheduled.set(false);
    PushOutput out = session.pushOutput();
    if (out != null) {
      drainTo(out);
    }
  }

  /** Writes every queued frame; connection thread only. */
  void drainPending() {
    PushOutput out = session.pushOutput();
    if (out != null && !queue.isEmpty()) {
      drainTo(out);
    }
  }

  private void drainTo(PushOutput out) {
    byte[] f;
    while (!closing && (f = queue.poll()) != null) {
      queuedBytes.addAndGet(-f.length);
      out.write(f);
    }
  }

  /** Redis's checkClientOutputBufferLimits for the pubsub class; false when closing. */
  private boolean checkLimits(PushOutput out, long queued) {
    if (closing) {
      return false;
    }
    PubSubLimits.Limits l = limits.current();
    long used = out.pendingBytes() + queued;
    boolean hard = l.hardBytes() > 0 && used >= l.hardBytes();
    boolean soft = false;
    if (l.softBytes() > 0 && used >= l.softBytes()) {
      long now = clockMillis.getAsLong() / 1000;
      long since = softReachedSecond;
      if (since == 0) {
        softReachedSecond = now;
      } else {
        soft = now - since > l.softSeconds();
      }
    } else if (softReachedSecond != 0) {
      softReachedSecond = 0;
    }
    if (!hard && !soft) {
      return true;
    }
    closing = true;
    queue.clear();
    queuedBytes.set(0);
    out.closeAsap("Client " + ClientInfo.line(session, clockMillis.getAsLong()) + OVER_LIMIT);
    return false;
  }

  // ------------------------------------------------------------------------- framing

  /**
   * One message frame: {@code >3}/{@code *3} (or 4 with a pattern), the kind, the pattern
   * when not null, the channel and the payload as bulk strings.
   */
  static byte[] frame(int protocol, byte[] kind, byte @org.jspecify.annotations.Nullable [] pattern,
      byte[] channel, byte[] message) {
    int count = pattern == null ? 3 : 4;
    int size = 4 + bulkSize(kind) + bulkSize(channel) + bulkSize(message)
        + (pattern == null ? 0 : bulkSize(pattern));
    byte[] out = new byte[size];
    int p = 0;
    out[p++] = (byte) (protocol == 3 ? '>' : '*');
    out[p++] = (byte) ('0' + count);
    out[p++] = '\r';
    out[p++] = '\n';
    p = bulk(out, p, kind);
    if (pattern != null) {
      p = bulk(out, p, pattern);
    }
    p = bulk(out, p, channel);
    bulk(out, p, message);
    return out;
  }

  private static int bulkSize(byte[] b) {
    return 1 + digits(b.length) + 2 + b.length + 2;
  }

  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }

  private static int bulk(byte[] out, int p, byte[] b) {
    out[p++] = '$';
    int d = digits(b.length);
    int n = b.length;
    for (int i = d - 1; i >= 0; i--) {
      out[p + i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    p += d;
    out[p++] = '\r';
    out[p++] = '\n';
    System.arraycopy(b, 0, out, p, b.length);
    p += b.length;
    out[p++] = '\r';
    out[p++] = '\n';
    return p;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
