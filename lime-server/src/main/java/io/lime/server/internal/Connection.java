package io.lime.server.internal;

import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.resp.Argv;
import io.lime.resp.CommandHandler;
import io.lime.resp.ProtocolException;
import io.lime.resp.RequestParser;
import io.lime.resp.RespWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * One client connection, owned by its {@link EventLoop}: a resumable {@link RequestParser},
 * one {@link RespWriter} for every reply, one {@link ClientSession} and one reused
 * {@link Call}. Nothing is allocated per command on this path.
 *
 * <p>Flow: a readable socket is read into the loop's input buffer (16 KiB at a time, up to
 * {@link #MAX_READS_PER_EVENT} reads), every complete command is executed as it is parsed
 * (a pipelined batch), then all replies are written at once, once every connection ready in
 * the same round of the loop has been read ({@link EventLoop#deferFlush}). Backpressure: once the pending
 * output passes {@link #PAUSE_OUTPUT_BYTES} the parser is stopped (the rest of the input
 * stays buffered in it), and while the socket does not take the output, the connection
 * waits for OP_WRITE and does not read (input already buffered still runs up to the pause).
 * With {@code client-output-buffer-limit normal} set, the pause moves up to its hard limit
 * (or twice the soft one) and the limit disconnects the client, as Redis does.
 */
final class Connection implements CommandHandler {
  /** Pending reply bytes beyond which parsing pauses until they are written. */
  static final long PAUSE_OUTPUT_BYTES = 1 << 20;
  /** Reads of 16 KiB served per readable event before yielding to other connections. */
  static final int MAX_READS_PER_EVENT = 16;

  final EventLoop loop;
  final SocketChannel channel;
  /** The TLS layer over {@link #channel}, or null for a plain connection. */
  private final @Nullable TlsChannel tls;
  /** What reads and writes go through: the channel, or its TLS layer. */
  private final java.nio.channels.ByteChannel io;
  final ClientSession session;
  private final NetServer server;
  private final ServerState state;
  private final Dispatcher dispatcher;
  private final RequestParser parser = new RequestParser();
  private final RespWriter writer = new RespWriter();
  private final Call call;
  @Nullable SelectionKey key;
  private @Nullable ByteBuffer spill;
  /** Close once the pending output is written (QUIT, protocol error). */
  private boolean closeAfterFlush;
  /** Input read while blocked (BLPOP...), in write mode; see {@link #holdWhileBlocked}. */
  private @Nullable ByteBuffer blockedInput;
  private boolean closed;
  /** A protocol error arrived while replies were muted: read and drop everything after it. */
  private boolean ignoreInput;
  int index = -1;
  /** Served by the loop's thread below what runs now: see {@link EventLoop#serveWhileBusy}. */
  boolean underWay;
  /** In the loop's list of replies to write at the end of the round: {@link EventLoop#deferFlush}. */
  boolean flushPending;

  Connection(EventLoop loop, SocketChannel channel, @Nullable TlsContext tls)
      throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.tls = tls == null ? null : new TlsChannel(channel, tls);
    this.io = this.tls == null ? channel : this.tls;
    this.server = loop.server;
    this.state = server.state();
    this.dispatcher = server.dispatcher();
    this.session = state.newClient(!server.passwordRequired());
    this.call = new Call(state, session, writer);
    channel.configureBlocking(false);
    if (channel.getRemoteAddress() instanceof InetSocketAddress remote) {
      channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      if (server.tcpKeepAlive()) {
        channel.setOption(java.net.StandardSocketOptions.SO_KEEPALIVE, true);
      }
      session.address(Addresses.format(remote));
      session.localAddress(Addresses.format((InetSocketAddress) channel.getLocalAddress()));
    } else { // unix domain socket: Redis prints the socket path with port 0
      String path = server.unixSocketPath() + ":0";
      session.address(path);
      session.localAddress(path);
      session.unixSocket(true);
    }
    session.fd(Descriptors.of(channel));
    session.killHook(() -> loop.executeFor(this, this::close));
    session.loopExecutor(task -> loop.execute(() -> runUnblockTask(task)));
    session.busyPoller(() -> loop.serveWhileBusy(this));
    Push push = new Push();
    session.pushOutput(push);
    session.buffers(push);
    parser.setMaxBulkLen(server.maxBulkLen());
  }

  void register() throws IOException {
    key = channel.register(loop.selector, SelectionKey.OP_READ, this);
  }

  /** Reads, executes and replies; see the class comment. */
  void onReadable() throws IOException {
    if (closed) {
      return;
    }
    ByteBuffer in = loop.in;
    for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
      in.clear();
      int n = io.read(in);
      if (n < 0) {
        close();
        return;
      }
      if (n == 0) {
        break;
      }
      state.netInputBytes.add(n);
      in.flip();
      if (ignoreInput) {
        continue;
      }
      if (session.blocked() ? !holdWhileBlocked(in) : (!parse(in) || closed)) {
        break;
      }
      if (n < in.capacity()) {
        break;
      }
    }
    session.lastInteractionMillis(loop.now);
    if (!loop.deferFlush(this)) {
      afterBatch();
    }
    if (tls != null && tls.hasBufferedInput() && !closed) {
      // decrypted input left over: no readable event will come for it
      loop.executeFor(this, () -> {
        try {
          onReadable();
        } catch (IOException e) {
          close();
        }
      });
    }
  }

  /** Parses {@code in}; false when processing must stop (pause, close, error). */
  private boolean parse(ByteBuffer in) {
    parser.setAuthenticated(session.authenticated());
    call.beginBatch(); // the commands of one read run back to back: one clock read each
    try {
      parser.parse(in, this);
    } catch (ProtocolException e) {
      if (server.log().enabled(ServerLog.VERBOSE)) {
        server.log().verbose("Protocol error (" + e.getMessage() + ") from client: id="
            + session.id() + " addr=" + session.address());
      }
      if (session.replyMode() != ClientSession.ReplyMode.ON) {
        // As Redis under CLIENT REPLY OFF/SKIP: the error reply is suppressed, so the
        // close-after-reply never comes; the connection stays open and its input is ignored.
        ignoreInput = true;
        return false;
      }
      writer.raw(e.replyBytes());
      closeAfterFlush = true;
      return false;
    } finally {
      call.endBatch();
    }
    if (parser.bufferedBytes() > server.queryBufferLimit()) {
      server.log().warning("Closing client that reached max query buffer length: id="
          + session.id() + " addr=" + session.address());
      close();
      return false;
    }
    return !stopped();
  }

  private boolean stopped() {
    return closeAfterFlush || session.killed() || session.closeAfterReply()
        || writer.pendingBytes() >= server.outputPauseBytes() || session.blocked();
  }

  /**
   * Blocked clients (BLPOP...): while blocked, commands are not executed (Redis semantics),
   * but the socket is still read so a disconnection is seen and input is kept, in order,
   * after what the parser holds; {@link #runUnblockTask} parses it once the wait ends.
   * Returns false when the connection was closed (query buffer limit).
   */
  private boolean holdWhileBlocked(ByteBuffer in) {
    ByteBuffer held = blockedInput;
    if (held == null || held.remaining() < in.remaining()) {
      ByteBuffer grown = ByteBuffer.allocate(Math.max(4096,
          (held == null ? 0 : held.position()) * 2 + in.remaining()));
      if (held != null) {
        grown.put(held.flip());
      }
      held = grown;
      blockedInput = held;
    }
    held.put(in);
    if (parser.bufferedBytes() + held.position() > server.queryBufferLimit()) {
      server.log().warning("Closing client that reached max query buffer length: id="
          + session.id() + " addr=" + session.address());
      close();
      return false;
    }
    return true;
  }

  /**
   * Runs a blocked client's wake-up task (its reply to BLPOP..., written by the task) on this
   * loop, then, once the client is no longer blocked, parses the input held meanwhile and
   * flushes, as after a batch.
   */
  private void runUnblockTask(Runnable task) {
    if (closed) {
      return;
    }
    underWay = true; // a wait for a script's lock below serves the others, not this one
    try {
      task.run();
      if (session.blocked()) {
        return;
      }
      ByteBuffer held = blockedInput;
      blockedInput = null;
      if (held != null) {
        held.flip();
        if (!parse(held) && closed) {
          return;
        }
      }
      afterBatch();
    } catch (IOException e) {
      close();
    } finally {
      underWay = false;
    }
  }

  @Override
  public boolean onCommand(Argv argv) {
    ClientSession s = session;
    if (writer.protocol() != s.protocol()) {
      writer.setProtocol(s.protocol());
    }
    Interceptors x = server.interceptors(); // tests' fault injection; null otherwise
    if (x != null && !x.beforeCommand(s, argv, writer, this::close)) {
      return !closed && !stopped();
    }
    // CLIENT REPLY OFF/SKIP is applied by the dispatcher's ReplyGate.
    dispatcher.execute(call, argv, writer);
    if (writer.protocol() != s.protocol()) {
      writer.setProtocol(s.protocol());
    }
    parser.setAuthenticated(s.authenticated());
    return !stopped();
  }

  /** After a batch: write the replies, then resume, pause or close. */
  private void afterBatch() throws IOException {
    while (!closed) {
      // The AOF is written (and with appendfsync always, fsynced) before replies go out.
      io.lime.internal.engine.Propagation prop = server.engine().propagation();
      if (prop != null) {
        prop.beforeReply();
      }
      if (writer.pendingBytes() >= server.outputCheckBytes() && closeIfOverOutputLimit()) {
        return; // as Redis's addReply: the replies piled up past the client's limit
      }
      if (!flush()) { // socket full: OP_WRITE registered, reading paused
        if (writer.pendingBytes() >= server.outputPauseBytes() || session.blocked()
            || !parser.hasBufferedInput() || closeAfterFlush || session.closeAfterReply()
            || session.killed()) {
          return;
        }
        // input already buffered keeps running until the replies reach the pause, so the
        // output limits, not the socket, decide (Redis executes it all)
        parse(loop.empty);
        continue;
      }
      outputLimit.reset();
      if (closeAfterFlush || session.closeAfterReply() || session.killed()) {
        close();
        return;
      }
      if (session.blocked() || !parser.hasBufferedInput()) {
        break;
      }
      if (!parse(loop.empty)) {
        if (closed) {
          return;
        }
        if (writer.isEmpty() && !closeAfterFlush && !session.closeAfterReply() && !session.killed()) {
          break;
        }
      }
    }
    if (!closed) {
      interest(SelectionKey.OP_READ);
    }
  }

  private final OutputLimit outputLimit = new OutputLimit();

  /**
   * Closes the connection when its pending output is over the {@code normal} limits; also
   * run by the loop's housekeeping for clients whose output is stuck (Redis's clientsCron),
   * so a soft limit's seconds run out without new replies. Pub/Sub clients: ClientSubscriber.
   */
  boolean closeIfOverOutputLimit() {
    if (closed || session.inPubSub()
        || !outputLimit.over(server.normalOutputLimits(), writer.pendingBytes(), loop.now)) {
      return false;
    }
    server.log().warning("Client id=" + session.id() + " addr=" + session.address()
        + " closed for overcoming of output buffer limits.");
    close();
    return true;
  }

  void onWritable() throws IOException {
    if (!closed) {
      afterBatch();
    }
  }

  /** Most reply bytes pending at once (CLIENT LIST rbp): the loop writes, others read racily. */
  private int replyPeak;

  /**
   * Writes pending output until done or the socket is full.
   *
   * @return true when everything was written
   */
  private boolean flush() throws IOException {
    ByteBuffer s = spill;
    if (s != null) {
      int w = io.write(s);
      state.netOutputBytes.add(w);
      if (s.hasRemaining()) {
        interest(SelectionKey.OP_WRITE);
        return false;
      }
      spill = null;
      loop.returnSpill(s);
    }
    ByteBuffer out = loop.out;
    replyPeak = Math.max(replyPeak, writer.size()); // CLIENT LIST rbp
    while (!writer.isEmpty()) {
      out.clear();
      writer.drainTo(out);
      out.flip();
      int w = io.write(out);
      state.netOutputBytes.add(w);
      if (out.hasRemaining()) {
        ByteBuffer sp = loop.takeSpill();
        sp.put(out).flip();
        spill = sp;
        interest(SelectionKey.OP_WRITE);
        return false;
      }
    }
    if (tls != null && !tls.flushNet()) { // encrypted bytes the socket did not take
      interest(SelectionKey.OP_WRITE);
      return false;
    }
    return true;
  }

  private void interest(int ops) {
    SelectionKey k = key;
    if (k != null && k.isValid() && k.interestOps() != ops) {
      k.interestOps(ops);
    }
  }

  // ------------------------------------------------------------------ pub/sub pushes

  /** A flush of pushed messages is queued on the loop (see {@link Push#write}). */
  private boolean pushFlushScheduled;

  /**
   * Where pub/sub messages to this client go: written into the reply buffer on the loop
   * thread, then flushed by a loop task (the client may be idle, waiting for input).
   */
  /** Redis's static reply buffer size (PROTO_REPLY_CHUNK_BYTES), for CLIENT LIST's obl. */
  private static final long REPLY_BUFFER_BYTES = 16 * 1024;

  private final class Push implements io.lime.internal.command.PushOutput,
      io.lime.internal.command.ClientBuffers {
    @Override
    public boolean inLoop() {
      return loop.inLoop();
    }

    @Override
    public void write(byte[] frame) {
      if (closed) {
        return;
      }
      writer.raw(frame);
      if (!pushFlushScheduled) {
        pushFlushScheduled = true;
        loop.execute(Connection.this::flushPushes);
      }
    }

    @Override
    public void execute(Runnable task) {
      loop.execute(() -> {
        if (!closed) {
          task.run();
        }
      });
    }

    @Override
    public long pendingBytes() {
      ByteBuffer s = spill; // racy reads from other threads: an estimate, as documented
      return Math.max(0, writer.pendingBytes()) + (s == null ? 0 : Math.max(0, s.remaining()));
    }

    /** CLIENT LIST's buffer fields, read from any loop: an estimate (ClientBuffers). */
    @Override
    public io.lime.internal.command.ClientBuffers.Snapshot snapshot() {
      ByteBuffer held = blockedInput;
      long qbuf = Math.max(0, parser.bufferedBytes()) + (held == null ? 0 : held.position());
      long qcap = parser.bufferCapacity() + (held == null ? 0 : held.capacity());
      ByteBuffer s = spill;
      int ops = 0;
      SelectionKey k = key;
      try {
        ops = k != null && k.isValid() ? k.interestOps() : 0;
      } catch (java.nio.channels.CancelledKeyException e) {
        ops = 0; // closed meanwhile
      }
      String events = ((ops & SelectionKey.OP_READ) != 0 ? "r" : "")
          + ((ops & SelectionKey.OP_WRITE) != 0 ? "w" : "");
      // As Redis: obl is the first 16 KiB of reply (its static buffer), omem the rest (its
      // reply list, what client-output-buffer-limit measures), oll the buffers holding it
      long pending = Math.max(0, writer.pendingBytes());
      long obl = Math.min(pending, REPLY_BUFFER_BYTES);
      long spilled = s == null ? 0 : Math.max(0, s.remaining());
      long oll = (pending > obl ? 1 : 0) + (spilled > 0 ? 1 : 0);
      return new io.lime.internal.command.ClientBuffers.Snapshot(qbuf, Math.max(0, qcap - qbuf),
          obl, oll, pending - obl + spilled,
          qcap + writer.capacity() + (s == null ? 0 : s.capacity()), events, writer.capacity(),
          Math.min(replyPeak, writer.capacity()));
    }

    @Override
    public void closeAsap(String reason) {
      server.log().warning(reason);
      session.kill();
    }
  }

  private void flushPushes() {
    pushFlushScheduled = false;
    if (closed) {
      return;
    }
    try {
      afterBatch();
    } catch (IOException e) {
      close();
    }
  }

  /** Closes the connection now, dropping pending output. Loop thread only; idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    SelectionKey k = key;
    if (k != null) {
      k.cancel();
    }
    server.closeQuietly(channel);
    ByteBuffer s = spill;
    if (s != null) {
      spill = null;
      loop.returnSpill(s);
    }
    session.killHook(null);
    state.removeClient(session);
    loop.removed(this);
    server.connectionClosed();
  }
}
