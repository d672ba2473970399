package io.lime.server.internal;

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
  /** The input buffer while a script's connection is being served ({@link #serveWhileBusy}). */
  private @Nullable ByteBuffer busyIn;
  private boolean servingWhileBusy;
  final ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
  final ByteBuffer empty = ByteBuffer.allocate(0);
  private final ArrayDeque<ByteBuffer> spills = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Connection> connections = new ArrayList<>();
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
    this.thread = new StatThread(this, "lime-loop-" + index);
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
   * Serves once every connection of this loop but {@code busy}, whose command (a script past
   * {@code busy-reply-threshold}) is running on this thread: reads and answers their commands
   * (BUSY, or SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE...), flushes their output and
   * accepts new connections, as Redis's processEventsWhileBlocked, which handles file events
   * only: queued tasks (blocked clients' wake-ups, kills) wait for the script to end, so none
   * runs inside its atomic run. {@code busy}'s input is not read (Redis's protectClient). The readiness of each socket is tried directly
   * (a read or write that takes nothing costs one system call) rather than with a nested
   * select, which the selector's own dispatch, still under way for {@code busy}, does not
   * allow; the loop's input buffer, which {@code busy}'s parser is reading, is set aside.
   */
  void serveWhileBusy(Connection busy) {
    if (!inLoop() || servingWhileBusy) {
      return;
    }
    servingWhileBusy = true;
    ByteBuffer saved = in;
    ByteBuffer spare = busyIn;
    if (spare == null) {
      spare = ByteBuffer.allocate(READ_BUFFER_BYTES);
      busyIn = spare;
    }
    in = spare;
    try {
      now = System.currentTimeMillis();
      for (SelectionKey k : selector.keys().toArray(new SelectionKey[0])) {
        Object a = k.attachment();
        if (a instanceof ServerSocketChannel ssc && k.isValid()) {
          server.accept(ssc);
        }
      }
      for (Connection c : connections.toArray(new Connection[0])) {
        if (c != busy && c.index >= 0) {
          serveOnce(c);
        }
      }
    } finally {
      in = saved;
      servingWhileBusy = false;
    }
  }

  private void serveOnce(Connection c) {
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
        selector.select(handler, TICK_MILLIS);
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
    try {
      int ready = k.readyOps();
      if ((ready & SelectionKey.OP_WRITE) != 0) {
        c.onWritable();
      }
      if (k.isValid() && (ready & SelectionKey.OP_READ) != 0) {
        c.onReadable();
      }
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof IOException)) {
        server.log().warning("Closing client after internal error: " + e);
      }
      c.close();
    }
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
