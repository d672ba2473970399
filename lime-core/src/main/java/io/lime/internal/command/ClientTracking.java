package io.lime.internal.command;

import io.lime.internal.engine.RareChecks;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.resp.Argv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Server-assisted client-side caching (Redis's tracking.c): which clients may cache which
 * keys, and the invalidation messages sent when those keys change.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Hook. The engine tells this class of every modified key and every flush
 *       ({@link KeyspaceEvents.Tracking}, called where WATCH is signalled), so writes through
 *       any door (commands, the typed API, expiry, eviction) invalidate.</li>
 *   <li>Default mode. After a read-only command of a tracking client, the command's keys
 *       are remembered in a table key → client ids (with OPTIN only after CLIENT CACHING
 *       YES, with OPTOUT unless CLIENT CACHING NO). A modified key's entry is removed and each
 *       client still tracking (not in BCAST mode) is sent one invalidation, unless NOLOOP
 *       and it modified the key itself. Keys are not per database, as in Redis.</li>
 *   <li>BCAST mode. Modified keys are collected per command (Redis: per event-loop
 *       iteration) and, once the command ends, each BCAST client is sent, per prefix it
 *       registered, one message with the matching keys in lexicographic order.</li>
 *   <li>Delivery. RESP3 clients get a push {@code >2 invalidate [keys]}; with REDIRECT the
 *       target gets it (a RESP2 target only while it is in pub/sub mode, as a message on
 *       {@code __redis__:invalidate}); a redirect target that is gone marks the client
 *       broken and, under RESP3, sends it {@code tracking-redir-broken}. A flush sends a null
 *       in place of the keys. Messages for the client running the current command wait until
 *       its reply (outermost command) is written. Pushes ignore CLIENT REPLY OFF.</li>
 *   <li>Concurrency. The table is guarded by this object's monitor; per-client state is
 *       written by the client's own thread (CLIENT TRACKING) and read by writers.</li>
 * </ul>
 */
final class ClientTracking implements KeyspaceEvents.Tracking {
  private static final byte[] INVALIDATE_PUSH = ascii(">2\r\n$10\r\ninvalidate\r\n");
  private static final byte[] INVALIDATE_MESSAGE =
      ascii("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n");

  /** A key or prefix as a map key, ordered as Redis's rax (unsigned bytes). */
  record Bytes(byte[] b) implements Comparable<Bytes> {
    @Override public boolean equals(Object o) { return o instanceof Bytes x && Arrays.equals(b, x.b); }
    @Override public int hashCode() { return Arrays.hashCode(b); }
    @Override public int compareTo(Bytes o) { return Arrays.compareUnsigned(b, o.b); }
    boolean startsWith(Bytes prefix) {
      return b.length >= prefix.b.length
          && Arrays.equals(b, 0, prefix.b.length, prefix.b, 0, prefix.b.length);
    }
  }

  /** The tracking state of one client (its CLIENT_TRACKING_* flags). */
  static final class State {
    final ClientSession client;
    volatile long redirect;
    volatile boolean bcast;
    volatile boolean optin;
    volatile boolean optout;
    volatile boolean noloop;
    volatile boolean caching;
    volatile boolean brokenRedirect;
    final TreeSet<Bytes> prefixes = new TreeSet<>();

    State(ClientSession client) {
      this.client = client;
    }
  }

  /** What the current thread's command deferred. */
  private static final class Context {
    @Nullable ClientSession current;
    int depth;
    final List<Runnable> pending = new ArrayList<>();
    final TreeMap<Bytes, ClientSession> broadcast = new TreeMap<>();
  }

  private final ServerState server;
  private final ConcurrentHashMap<Long, State> states = new ConcurrentHashMap<>();
  private final LinkedHashMap<Bytes, LinkedHashSet<Long>> table = new LinkedHashMap<>();
  private long items;
  private volatile boolean used;
  private volatile int bcastClients;
  private final ThreadLocal<Context> context = ThreadLocal.withInitial(Context::new);

  ClientTracking(ServerState server) {
    this.server = server;
  }

  // ------------------------------------------------------------------ client state

  /** The state of a tracking client, or null when it does not track. */
  @Nullable State state(ClientSession c) {
    return used ? states.get(c.id()) : null;
  }

  /** CLIENT TRACKING ON: enables (or re-enables with new options) tracking for {@code c}. */
  State enable(ClientSession c, long redirect, boolean bcast, boolean optin, boolean optout,
      boolean noloop, List<byte[]> prefixes) {
    server.engine().rareChecks().set(RareChecks.TRACKING, true);
    used = true;
    State s = states.computeIfAbsent(c.id(), id -> new State(c));
    s.redirect = redirect;
    s.brokenRedirect = false;
    s.optin = optin;
    s.optout = optout;
    s.noloop = noloop;
    if (bcast) {
      s.bcast = true;
      synchronized (this) {
        if (prefixes.isEmpty()) {
          s.prefixes.add(new Bytes(new byte[0]));
        }
        for (byte[] p : prefixes) {
          s.prefixes.add(new Bytes(p));
        }
      }
    }
    recountBcast();
    return s;
  }

  /** CLIENT TRACKING OFF, RESET, disconnect (disableTracking). */
  void disable(ClientSession c) {
    if (used && states.remove(c.id()) != null) {
      recountBcast();
    }
  }

  private void recountBcast() {
    int n = 0;
    for (State s : states.values()) {
      if (s.bcast) {
        n++;
      }
    }
    bcastClients = n;
  }

  /** INFO {@code tracking_clients}. */ int clients() { return states.size(); }

  /** INFO {@code tracking_total_keys}. */ synchronized int keys() { return table.size(); }

  /** INFO {@code tracking_total_items}. */ synchronized long items() { return items; }

  /** INFO {@code tracking_total_prefixes}. */
  synchronized int prefixes() {
    Set<Bytes> all = new java.util.HashSet<>();
    for (State s : states.values()) {
      all.addAll(s.prefixes);
    }
    return all.size();
  }

  // ------------------------------------------------------------------ commands

  /** A command of {@code client} starts running on this thread. */
  void enter(ClientSession client) {
    if (!used) {
      return;
    }
    Context cx = context.get();
    if (cx.depth++ == 0) {
      cx.current = client;
    }
  }

  /**
   * A command ended (Redis's call(): trackingRememberKeys, then, outermost, the pending
   * invalidations and the BCAST messages, and the end of CLIENT CACHING's effect).
   */
  void exit(CommandSpec container, CommandSpec target, Argv argv) {
    if (!used) {
      return;
    }
    Context cx = context.get();
    if (cx.depth == 0) {
      return;
    }
    ClientSession current = cx.current;
    State s = current == null ? null : states.get(current.id());
    if (s != null && !s.bcast && target.has(CommandFlag.READONLY)
        && !target.has(CommandFlag.PUBSUB) && !((s.optin && !s.caching) || (s.optout && s.caching))) {
      remember(s, container, target, argv);
    }
    if (--cx.depth > 0) {
      return;
    }
    cx.current = null;
    if (s != null && current != null && !current.inMulti()
        && !container.name().equals("client")) {
      s.caching = false;
    }
    for (Runnable r : cx.pending) {
      r.run();
    }
    cx.pending.clear();
    if (!cx.broadcast.isEmpty()) {
      broadcast(cx.broadcast);
      cx.broadcast.clear();
    }
  }

  private void remember(State s, CommandSpec container, CommandSpec target, Argv argv) {
    String full = container == target ? target.name() : container.name() + "|" + target.name();
    List<KeyFinder.Key> keys = KeyFinder.find(target, full, argv, 0);
    if (keys == null || keys.isEmpty()) {
      return;
    }
    List<Bytes> over = new ArrayList<>();
    long max = server.config().getLong("tracking-table-max-keys");
    synchronized (this) {
      for (KeyFinder.Key k : keys) {
        Bytes key = new Bytes(argv.copy(k.pos()));
        if (table.computeIfAbsent(key, x -> new LinkedHashSet<>(2)).add(s.client.id())) {
          items++;
        }
      }
      // tracking-table-max-keys (trackingLimitUsedSlots): forget the oldest keys past the
      // limit, telling their clients as if the keys had changed
      Iterator<Bytes> oldest = table.keySet().iterator();
      for (long n = table.size(); max > 0 && n > max && oldest.hasNext(); n--) {
        over.add(oldest.next());
      }
    }
    for (Bytes key : over) {
      invalidate(key.b(), 0, key.b().length, false);
    }
  }

  // ------------------------------------------------------------------ invalidation

  @Override
  public void invalidate(byte[] b, int off, int len) {
    invalidate(b, off, len, true);
  }

  /** trackingInvalidateKey; {@code bcast} false when the key did not change (table limit). */
  private void invalidate(byte[] b, int off, int len, boolean bcast) {
    if (!used) {
      return;
    }
    Bytes key = new Bytes(Arrays.copyOfRange(b, off, off + len));
    Context cx = context.get();
    ClientSession current = cx.depth > 0 ? cx.current : null;
    if (bcast && bcastClients > 0) {
      if (cx.depth > 0) {
        cx.broadcast.put(key, current == null ? NO_CLIENT : current);
      } else {
        TreeMap<Bytes, ClientSession> one = new TreeMap<>();
        one.put(key, NO_CLIENT);
        broadcast(one);
      }
    }
    LinkedHashSet<Long> ids;
    synchronized (this) {
      ids = table.remove(key);
      if (ids == null) {
        return;
      }
      items -= ids.size();
    }
    for (long id : ids) {
      State s = states.get(id);
      if (s == null || s.bcast || (s.noloop && s.client == current)) {
        continue;
      }
      byte[] body = keysArray(List.of(key));
      if (s.client == current) {
        cx.pending.add(() -> send(s, body));
      } else {
        send(s, body);
      }
    }
  }

  @Override
  public void flushed() {
    if (!used) {
      return;
    }
    Context cx = context.get();
    ClientSession current = cx.depth > 0 ? cx.current : null;
    for (State s : states.values()) {
      byte[] body = ascii(s.client.protocol() == 3 ? "_\r\n" : "$-1\r\n");
      if (s.client == current) {
        cx.pending.add(() -> send(s, body));
      } else {
        send(s, body);
      }
    }
    synchronized (this) {
      table.clear();
      items = 0;
    }
  }

  /** A placeholder modifier for keys changed outside any client's command. */
  private static final ClientSession NO_CLIENT = new ClientSession(0, true, 0);

  private void broadcast(TreeMap<Bytes, ClientSession> modified) {
    for (State s : states.values()) {
      if (!s.bcast) {
        continue;
      }
      List<Bytes> prefixes;
      synchronized (this) {
        prefixes = new ArrayList<>(s.prefixes);
      }
      for (Bytes p : prefixes) {
        List<Bytes> keys = new ArrayList<>();
        for (var e : modified.entrySet()) {
          if (e.getKey().startsWith(p) && !(s.noloop && e.getValue() == s.client)) {
            keys.add(e.getKey());
          }
        }
        if (!keys.isEmpty()) {
          send(s, keysArray(keys));
        }
      }
    }
  }

  /** sendTrackingMessage: the invalidation {@code body} to {@code s}'s client or its target. */
  private void send(State s, byte[] body) {
    ClientSession to = s.client;
    boolean redirected = false;
    if (s.redirect != 0) {
      ClientSession r = server.client(s.redirect);
      if (r == null) {
        s.brokenRedirect = true;
        if (to.protocol() == 3) {
          deliver(to, concat(ascii(">2\r\n$21\r\ntracking-redir-broken\r\n:" + s.redirect + "\r\n")));
        }
        return;
      }
      to = r;
      redirected = true;
    }
    if (to.protocol() == 3) {
      deliver(to, concat(INVALIDATE_PUSH, body));
    } else if (redirected && to.inPubSub()) {
      deliver(to, concat(INVALIDATE_MESSAGE, body));
    }
  }

  private static void deliver(ClientSession c, byte[] frame) {
    PushOutput out = c.pushOutput();
    if (out != null) {
      out.send(frame);
    }
  }

  private static byte[] keysArray(List<Bytes> keys) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(ascii("*" + keys.size() + "\r\n"));
    for (Bytes k : keys) {
      o.writeBytes(ascii("$" + k.b().length + "\r\n"));
      o.writeBytes(k.b());
      o.writeBytes(ascii("\r\n"));
    }
    return o.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
