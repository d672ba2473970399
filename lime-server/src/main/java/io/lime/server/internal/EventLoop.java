package io.lime.server.internal;

import io.lime.internal.engine.LockWaits;
import io.lime.internal.util.StatThread;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One selector thread: owns its connections, reads their requests, runs their commands and
 * writes their replies. Other threads talk to it only through {@link #execute(Runnable)}
 * (a queue plus a selector wake-up): new connections from the acceptor, kills, shutdown.
 *
 * <p>Buffers: one direct input buffer (16 KiB, Redis's PROTO_IOBUF_LEN) and one direct output
 * buffer (64 KiB) shared by every connection of the loop, since a loop serves one connection
 * at a time. A connection whose socket did not take all the output keeps the rest in a
 * "spill" direct buffer borrowed from a small per-loop pool until the socket drains.
 */
final class EventLoop implements Runnable {
  /** Redis reads at most this many bytes per read call (PROTO_IOBUF_LEN). */
  static final int READ_BUFFER_BYTES = 16 * 1024;
  static final int WRITE_BUFFER_BYTES = 64 * 1024;
  /** Idle loops wake at least this often, for client timeouts and housekeeping. */
  private static final long TICK_MILLIS = 100;
  private static final int SPILL_POOL_MAX = 16;

  final NetServer server;
  final int index;
  final Selector selector;
  /**
   * Heap, not direct: the request parser's fast path reads the array directly, which costs
   * far less than per-byte access to a direct buffer; the JDK's copy from its own temporary
   * direct buffer is one memcpy per read.
   */
  ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
  /**
   * The input buffers of nested {@link #serveWhileBusy} rounds (index: depth - 1), made on
   * first use.
   */
  private final ByteBuffer[] busyIns = new ByteBuffer[MAX_BUSY_DEPTH];
  /** How many {@link #serveWhileBusy} rounds are under way on this thread. */
  private int busyDepth;
  /**
   * Nested rounds at most: a round serves a connection whose command may wait for a lock the
   * script holds (WATCH, allowed while busy) and so serve again, skipping every connection
   * under way; past this depth a wait just waits (the stack stays small).
   */
  private static final int MAX_BUSY_DEPTH = 8;
  final ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
  final ByteBuffer empty = ByteBuffer.allocate(0);
  private final ArrayDeque<ByteBuffer> spills = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Connection> connections = new ArrayList<>();
  /**
   * Connections whose replies wait for the end of the current round of ready keys (Redis's
   * clients_pending_write, written in beforeSleep): see {@link #deferFlush}.
   */
  private final ArrayDeque<Connection> pendingFlush = new ArrayDeque<>();
  /** True while the selector hands over ready keys (not in a nested serveWhileBusy round). */
  private boolean deferring;
  private final Thread thread;
  private volatile boolean running = true;
  /** Wall-clock millis, refreshed once per loop iteration. */
  long now = System.currentTimeMillis();
  private long lastHousekeeping;

  EventLoop(NetServer server, int index) throws IOException {
    this.server = server;
    this.index = index;
    this.selector = Selector.open();
    // A StatThread counts INFO statistics in its own cells, without atomic instructions.
    this.thread = new LoopThread(this, "lime-loop-" + index);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Thread thread() {
    return thread;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on this loop's thread, soon. Callable from any thread. */
  void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /**
   * {@link #execute} for a task that serves {@code c} (its input, output or a wake-up): a
   * {@link #serveWhileBusy} round under it leaves {@code c} alone.
   */
  void executeFor(Connection c, Runnable task) {
    execute(() -> {
      c.underWay = true;
      try {
        task.run();
      } finally {
        c.underWay = false;
      }
    });
  }

  /** Registers a listening channel for accepts on this loop (the acceptor loop). */
  void listen(ServerSocketChannel ch) throws IOException {
    ch.register(selector, SelectionKey.OP_ACCEPT, ch);
  }

  /** Adopts an accepted channel; called on this loop's thread. */
  void adopt(SocketChannel ch, @Nullable TlsContext tls) {
    Connection c;
    try {
      c = new Connection(this, ch, tls);
      c.register();
    } catch (IOException e) {
      server.closeQuietly(ch);
      server.connectionClosed();
      return;
    }
    c.index = connections.size();
    connections.add(c);
  }

  void removed(Connection c) {
    int i = c.index;
    if (i >= 0 && i < connections.size() && connections.get(i) == c) {
      Connection last = connections.remove(connections.size() - 1);
      if (last != c) {
        connections.set(i, last);
        last.index = i;
      }
    }
    c.index = -1;
  }

  ByteBuffer takeSpill() {
    ByteBuffer b = spills.poll();
    return b != null ? b : ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
  }

  void returnSpill(ByteBuffer b) {
    if (spills.size() < SPILL_POOL_MAX) {
      b.clear();
      spills.push(b);
    }
  }

  /**
   * An event-loop thread: while one of its commands waits for a lock a script holds ({@link
   * LockWaits}), it serves its other clients once the script has run past {@code
   * busy-reply-threshold}, so SCRIPT KILL, FUNCTION KILL and SHUTDOWN NOSAVE reach the server
   * even when this loop serves every client.
   */
  private static final class LoopThread extends StatThread implements LockWaits.Serving {
    private final EventLoop loop;

    /**
     * The stack of a loop thread: a script runs on it, and Lua 5.1 lets it recurse 20,000
     * calls deep (about 600 bytes of Java stack each). Reserved, not committed, until used.
     */
    static final long STACK_BYTES = 64L << 20;

    LoopThread(EventLoop loop, String name) {
      super(loop, name, STACK_BYTES);
      this.loop = loop;
    }

    @Override
    public void whileWaitingForLock() {
      try {
        if (loop.server.state().scriptBusyElsewhere()) {
          loop.serveWhileBusy(null);
        }
      } catch (RuntimeException e) {
        loop.server.log().warning("Serving while waiting for a script failed on loop "
            + loop.index + ": " + e);
      }
    }
  }

  /**
   * Serves once every connection of this loop but {@code busy} and those under way (whose
   * command is running on this thread, below this call: a script past {@code
   * busy-reply-threshold}, or a command waiting for a lock the script holds, see {@link
   * LoopThread}): reads and answers their commands
   * (BUSY, or SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE...), flushes their output and
   * accepts new connections, as Redis's processEventsWhileBlocked, which handles file events
   * only: queued tasks (blocked clients' wake-ups, kills) wait for the script to end, so none
   * runs inside its atomic run. {@code busy}'s input is not read (Redis's protectClient). The readiness of each socket is tried directly
   * (a read or write that takes nothing costs one system call) rather than with a nested
   * select, which the selector's own dispatch, still under way for {@code busy}, does not
   * allow; the loop's input buffer, which {@code busy}'s parser is reading, is set aside.
   */
  void serveWhileBusy(@Nullable Connection busy) {
    if (!inLoop() || busyDepth >= MAX_BUSY_DEPTH) {
      return;
    }
    ByteBuffer saved = in;
    ByteBuffer spare = busyIns[busyDepth];
    if (spare == null) {
      spare = ByteBuffer.allocate(READ_BUFFER_BYTES);
      busyIns[busyDepth] = spare;
    }
    busyDepth++;
    in = spare;
    boolean wasDeferring = deferring;
    deferring = false; // replies go out during the busy run, as Redis's processEventsWhileBlocked
    try {
      flushPending();
      now = System.currentTimeMillis();
      for (SelectionKey k : selector.keys().toArray(new SelectionKey[0])) {
        Object a = k.attachment();
        if (a instanceof ServerSocketChannel ssc && k.isValid()) {
          server.accept(ssc);
        }
      }
      for (Connection c : connections.toArray(new Connection[0])) {
        if (c != busy && c.index >= 0 && !c.underWay) {
          serveOnce(c);
        }
      }
    } finally {
      in = saved;
      busyDepth--;
      deferring = wasDeferring;
    }
  }

  /**
   * Called by a connection that has run the commands of a readable event: while the selector
   * hands over ready keys, its replies are written once every ready connection has been read
   * (as Redis does), so the round's replies reach the clients together and the clients and
   * this loop wake each other less often; otherwise (nested rounds, tasks) the caller writes
   * now.
   *
   * @return true when the flush was deferred to the end of the round
   */
  boolean deferFlush(Connection c) {
    if (!deferring) {
      return false;
    }
    if (!c.flushPending) {
      c.flushPending = true;
      pendingFlush.add(c);
    }
    return true;
  }

  /** Writes the replies deferred by {@link #deferFlush}, first read first written. */
  private void flushPending() {
    Connection c;
    while ((c = pendingFlush.poll()) != null) {
      c.flushPending = false;
      c.underWay = true;
      try {
        c.onWritable();
      } catch (IOException | RuntimeException e) {
        failed(c, e);
      } finally {
        c.underWay = false;
      }
    }
  }

  private void serveOnce(Connection c) {
    c.underWay = true;
    try {
      SelectionKey k = c.key;
      if (k == null || !k.isValid()) {
        return;
      }
      if ((k.interestOps() & SelectionKey.OP_WRITE) != 0) {
        c.onWritable();
      } else {
        c.onReadable();
      }
    } catch (IOException | RuntimeException e) {
      c.close();
    } finally {
      c.underWay = false;
    }
  }

  /** Stops the loop: closes every connection and the selector. */
  void shutdown() {
    execute(() -> running = false);
  }

  @Override
  public void run() {
    try {
      while (running) {
        // select(Consumer) hands over each ready key without the selected-key set; the first
        // ready key refreshes the clock.
        clockFresh = false;
        deferring = true;
        try {
          selector.select(handler, TICK_MILLIS);
        } finally {
          deferring = false;
        }
        flushPending();
        if (!clockFresh) {
          now = System.currentTimeMillis();
        }
        runTasks();
        if (now - lastHousekeeping >= TICK_MILLIS) {
          lastHousekeeping = now;
          housekeeping();
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      server.log().warning("Event loop " + index + " failed: " + e);
    } finally {
      for (int i = connections.size() - 1; i >= 0; i--) {
        connections.get(i).close();
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      server.loopStopped();
    }
  }

  private void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      try {
        t.run();
      } catch (RuntimeException e) {
        server.log().warning("Task failed on loop " + index + ": " + e);
      }
    }
  }

  private final Consumer<SelectionKey> handler = this::handleReady;
  private boolean clockFresh;

  /** Called by select for each ready key. */
  private void handleReady(SelectionKey k) {
    if (!clockFresh) {
      clockFresh = true;
      now = System.currentTimeMillis();
    }
    handle(k);
  }

  private void handle(SelectionKey k) {
    if (!k.isValid()) {
      return;
    }
    Object a = k.attachment();
    if (a instanceof ServerSocketChannel ssc) {
      server.accept(ssc);
      return;
    }
    Connection c = (Connection) a;
    c.underWay = true;
    try {
      int ready = k.readyOps();
      if ((ready & SelectionKey.OP_WRITE) != 0) {
        c.onWritable();
      }
      if (k.isValid() && (ready & SelectionKey.OP_READ) != 0) {
        c.onReadable();
      }
    } catch (IOException | RuntimeException e) {
      failed(c, e);
    } finally {
      c.underWay = false;
    }
  }

  /** Closes {@code c} after a failure serving it; logs what is not an I/O error. */
  private void failed(Connection c, Exception e) {
    if (!(e instanceof IOException)) {
      server.log().warning("Closing client after internal error: " + e);
    }
    c.close();
  }

  private void housekeeping() {
    long timeoutSeconds = server.timeoutSeconds();
    // a soft output limit's seconds can run out while a client's output is stuck (clientsCron)
    boolean softLimit = server.normalOutputLimits()[1] > 0;
    if (timeoutSeconds <= 0 && !softLimit) {
      return;
    }
    long limit = timeoutSeconds * 1000;
    for (int i = connections.size() - 1; i >= 0; i--) {
      Connection c = connections.get(i);
      if (softLimit && c.closeIfOverOutputLimit()) {
        continue;
      }
      // Blocked clients (BLPOP...) are never idle-closed; their own timeout applies (Redis).
      if (timeoutSeconds > 0 && now - c.session.lastInteractionMillis() > limit
          && !c.session.blocked()) {
        server.log().verbose("Closing idle client");
        c.close();
      }
    }
  }
}
