package io.lime.internal.command;

import org.jspecify.annotations.Nullable;

/**
 * One line of CLIENT LIST / CLIENT INFO in Redis 7.0.15's format (networking.c
 * catClientInfoString), without the trailing newline. Buffer fields come from the
 * connection ({@link ClientBuffers}, computed when the line is made); {@code argv-mem} is the
 * running command's arguments for the calling client (Redis frees other clients' between
 * commands); {@code tot-mem} adds the buffers, the arguments and {@link #SESSION_BYTES}.
 */
final class ClientInfo {
  /** An estimate of a session's own objects (Redis counts sizeof(client) in tot-mem). */
  static final long SESSION_BYTES = 1024;

  private ClientInfo() {}

  static String line(ClientSession c, long nowMillis) {
    return line(null, c, nowMillis, 0);
  }

  /**
   * The line with the server-held state too (MONITOR, tracking) when {@code server} is given;
   * {@code argvMem}: the bytes of the command the client is running (0 for others).
   */
  static String line(@Nullable ServerState server, ClientSession c, long nowMillis,
      long argvMem) {
    ClientBuffers b = c.buffers();
    ClientBuffers.Snapshot buf = b == null ? ClientBuffers.NONE : b.snapshot();
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
        .append(" qbuf=").append(buf.qbuf()).append(" qbuf-free=").append(buf.qbufFree())
        .append(" argv-mem=").append(argvMem).append(" multi-mem=0")
        .append(" rbs=").append(buf.rbs()).append(" rbp=").append(buf.rbp())
        .append(" obl=").append(buf.obl()).append(" oll=").append(buf.oll())
        .append(" omem=").append(buf.omem())
        .append(" tot-mem=").append(buf.memory() + argvMem + SESSION_BYTES)
        .append(" events=").append(buf.events())
        .append(" cmd=").append(c.lastCommand())
        .append(" user=").append(c.user().name())
        .append(" redir=").append(tracking == null ? -1 : tracking.redirect)
        .append(" resp=").append(c.protocol());
    return sb.toString();
  }

  /** Redis's argv_len_sum: the bytes of the arguments (CLIENT INFO, CLIENT LIST's caller). */
  static long argvBytes(io.lime.resp.Argv argv) {
    long n = 0;
    for (int i = 0; i < argv.size(); i++) {
      n += argv.length(i);
    }
    return n;
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
    if (c.unixSocket()) {
      f.append('U');
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
