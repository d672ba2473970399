package io.lime.internal.command;

import org.jspecify.annotations.Nullable;

/**
 * One line of CLIENT LIST / CLIENT INFO in Redis 7.0.15's format (networking.c
 * catClientInfoString), without the trailing newline. Fields LIME does not track (buffers,
 * memory) carry fixed plausible values.
 */
final class ClientInfo {
  private ClientInfo() {}

  static String line(ClientSession c, long nowMillis) {
    return line(null, c, nowMillis);
  }

  /** The line with the server-held state too (MONITOR, tracking) when {@code server} is given. */
  static String line(@Nullable ServerState server, ClientSession c, long nowMillis) {
    ClientTracking.State tracking = server == null ? null : server.tracking().state(c);
    StringBuilder sb = new StringBuilder(256);
    String name = c.name();
    sb.append("id=").append(c.id())
        .append(" addr=").append(c.address())
        .append(" laddr=").append(c.localAddress())
        .append(" fd=").append(c.fd())
        .append(" name=").append(name == null ? "" : name)
        .append(" age=").append(Math.max(0, (nowMillis - c.createdMillis()) / 1000))
        .append(" idle=").append(Math.max(0, (nowMillis - c.lastInteractionMillis()) / 1000))
        .append(" flags=").append(flags(server, c, tracking))
        .append(" db=").append(c.db())
        .append(" sub=").append(subs(c, 0)).append(" psub=").append(subs(c, 1))
        .append(" ssub=").append(subs(c, 2))
        .append(" multi=").append(multiCount(c))
        .append(" qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0")
        .append(" rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1024 events=r")
        .append(" cmd=").append(c.lastCommand())
        .append(" user=").append(c.user().name())
        .append(" redir=").append(tracking == null ? -1 : tracking.redirect)
        .append(" resp=").append(c.protocol());
    return sb.toString();
  }

  /** Channels (0), patterns (1) or shard channels (2) the client is subscribed to. */
  private static int subs(ClientSession c, int which) {
    ClientSubscriber s = c.subscriberOrNull();
    if (s == null) {
      return 0;
    }
    return which == 0 ? s.channelCount() : which == 1 ? s.patternCount() : s.shardChannelCount();
  }

  /** Commands queued by MULTI, -1 outside MULTI (Redis's {@code multi=} field). */
  private static int multiCount(ClientSession c) {
    MultiState m = c.multiOrNull();
    return m != null && (m.active() || m.executing()) ? m.size() : -1;
  }

  /** Redis's flag letters, in its order; {@code N} when none. */
  static String flags(@Nullable ServerState server, ClientSession c,
      ClientTracking.@Nullable State tracking) {
    StringBuilder f = new StringBuilder(4);
    if (server != null && server.monitors().contains(c)) {
      f.append('O');
    }
    if (c.inPubSub()) {
      f.append('P');
    }
    MultiState m = c.multiOrNull();
    if (m != null && (m.active() || m.executing())) {
      f.append('x');
    }
    if (c.blocked()) {
      f.append('b');
    }
    if (tracking != null) {
      f.append('t');
      if (tracking.brokenRedirect) {
        f.append('R');
      }
      if (tracking.bcast) {
        f.append('B');
      }
    }
    if (m != null && m.watcher().dirty()) {
      f.append('d');
    }
    if (c.closeAfterReply()) {
      f.append('c');
    }
    if (c.killed()) {
      f.append('A');
    }
    if (c.noEvict()) {
      f.append('e');
    }
    if (c.noTouch()) {
      f.append('T');
    }
    return f.length() == 0 ? "N" : f.toString();
  }
}
