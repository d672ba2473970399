package io.lime.internal.command;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclCommandSet;
import io.lime.internal.acl.AclUser;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection state the command layer keeps (Redis's {@code client} struct, minus
 * buffers): selected database, protocol, authentication, name, flags. The server creates
 * one per connection and fills the address fields; in-process callers may create their own.
 *
 * <p>Thread-safety: owned by the connection's loop thread; the fields other threads read
 * (CLIENT LIST, CLIENT KILL) are volatile.
 */
public final class ClientSession {
  /** The user of sessions made outside a server (no ACL): every permission. */
  private static final AclUser UNNAMED_SUPERUSER = new Acl(AclCommandSet::new).defaultUser();

  /** CLIENT REPLY modes. */
  public enum ReplyMode { ON, OFF, SKIP }

  private final long id;
  private volatile int db;
  private volatile int protocol = 2;
  private volatile boolean authenticated;
  private volatile AclUser user = UNNAMED_SUPERUSER;
  private volatile @Nullable String name;
  private volatile @Nullable String libName;
  private volatile @Nullable String libVersion;
  private volatile String address = "";
  private volatile String localAddress = "";
  private volatile boolean unixSocket;
  private volatile boolean noEvict;
  private volatile boolean noTouch;
  private volatile ReplyMode replyMode = ReplyMode.ON;
  private final long createdMillis;
  private volatile long lastInteractionMillis;
  private volatile String lastCommand = "NULL";
  private volatile boolean closeAfterReply;
  private volatile boolean killed;
  private volatile @Nullable Runnable killHook;
  private volatile @Nullable CommandSpec lastSpec;
  private volatile @Nullable CommandSpec lastContainer;
  private volatile int fd = -1;
  private final ReplyGate replyGate = new ReplyGate();

  /** Creates a session; {@code authenticated} is true when no password is required. */
  public ClientSession(long id, boolean authenticated, long nowMillis) {
    this.id = id;
    this.authenticated = authenticated;
    this.createdMillis = nowMillis;
    this.lastInteractionMillis = nowMillis;
  }

  /** The client ID (CLIENT ID). */ public long id() { return id; }
  /** The selected database (SELECT). */ public int db() { return db; }
  public void db(int index) { this.db = index; }
  /** The RESP version, 2 or 3 (HELLO). */ public int protocol() { return protocol; }
  public void protocol(int version) { this.protocol = version; }
  /** Whether the connection has authenticated (or needs no password). */ public boolean authenticated() { return authenticated; }
  public void authenticated(boolean v) { this.authenticated = v; }
  /** The user the connection runs as ({@code default} until AUTH/HELLO). */ public AclUser user() { return user; }
  public void user(AclUser u) { this.user = u; }
  /** The connection name (CLIENT SETNAME), or null. */ public @Nullable String name() { return name; }
  public void name(@Nullable String n) { this.name = n; }
  /** The client library name (CLIENT SETINFO LIB-NAME), or null. */ public @Nullable String libName() { return libName; }
  public void libName(@Nullable String n) { this.libName = n; }
  /** The client library version (CLIENT SETINFO LIB-VER), or null. */ public @Nullable String libVersion() { return libVersion; }
  public void libVersion(@Nullable String v) { this.libVersion = v; }
  /** The peer address {@code ip:port} (CLIENT LIST addr). */ public String address() { return address; }
  public void address(String a) { this.address = a; }
  /** The local address {@code ip:port} (CLIENT LIST laddr). */ public String localAddress() { return localAddress; }
  public void localAddress(String a) { this.localAddress = a; }
  /** Whether the client is connected over the unix socket (CLIENT LIST flag U, MONITOR's form). */ public boolean unixSocket() { return unixSocket; }
  public void unixSocket(boolean v) { this.unixSocket = v; }
  /** CLIENT NO-EVICT: the connection is not evicted by maxmemory-clients. */ public boolean noEvict() { return noEvict; }
  public void noEvict(boolean v) { this.noEvict = v; }
  /** CLIENT NO-TOUCH: commands do not update the keys' access time. */ public boolean noTouch() { return noTouch; }
  public void noTouch(boolean v) { this.noTouch = v; }
  /** CLIENT REPLY mode. */ public ReplyMode replyMode() { return replyMode; }
  public void replyMode(ReplyMode m) { this.replyMode = m; }
  /** When the connection was created, Unix milliseconds. */ public long createdMillis() { return createdMillis; }
  /** When the client last sent a command, Unix milliseconds. */ public long lastInteractionMillis() { return lastInteractionMillis; }
  public void lastInteractionMillis(long t) { this.lastInteractionMillis = t; }
  /** The last command as CLIENT LIST prints it ({@code get}, {@code client|list}, {@code NULL}). */
  public String lastCommand() {
    CommandSpec s = lastSpec;
    if (s == null) {
      return lastCommand;
    }
    CommandSpec c = lastContainer;
    return c == null || c == s ? s.name() : c.name() + "|" + s.name();
  }

  public void lastCommand(String c) {
    this.lastCommand = c;
    this.lastSpec = null;
    this.lastContainer = null;
  }

  /**
   * Records the command being run without building its name (the dispatcher calls this for
   * every command); {@code spec} null means an unknown command ({@code cmd=NULL}).
   */
  public void lastCommand(@Nullable CommandSpec container, @Nullable CommandSpec spec) {
    if (spec == null) {
      this.lastCommand = "NULL";
    }
    this.lastContainer = container;
    this.lastSpec = spec;
  }

  /**
   * Whether {@link #lastCommand(CommandSpec, CommandSpec)} already records this command, so
   * the dispatcher can skip rewriting the (volatile) fields for a repeated command.
   */
  boolean lastCommandIs(CommandSpec container, CommandSpec spec) {
    return lastSpec == spec && lastContainer == container;
  }

  /** The connection's file descriptor as CLIENT LIST prints it; -1 when none (in-process). */
  public int fd() { return fd; }
  public void fd(int v) { this.fd = v; }

  /** The per-connection wrapper through which the dispatcher replies (CLIENT REPLY, errors). */
  ReplyGate replyGate() { return replyGate; }

  /**
   * RESET (Redis's clearClientConnectionState): database 0, RESP2, default user
   * ({@code authenticated} when it has no password), no name, CLIENT REPLY ON, no NO-EVICT /
   * NO-TOUCH. State added later (transactions, subscriptions, tracking) must be cleared here
   * too. Does not touch the connection's writer: the caller switches its protocol.
   */
  public void resetConnectionState(boolean authenticated) {
    this.db = 0;
    this.protocol = 2;
    this.authenticated = authenticated;
    this.name = null;
    this.noEvict = false;
    this.noTouch = false;
    if (replyMode == ReplyMode.OFF) {
      this.replyMode = ReplyMode.ON;
    }
    unsubscribeAll();
    discardTransaction();
  }

  // ------------------------------------------------------------------ transactions (MULTI)

  private @Nullable MultiState multi;

  /** The transaction state (MULTI queue, WATCHed keys), created on first use. */
  MultiState multi(io.lime.internal.engine.KeyspaceEvents events) {
    MultiState m = multi;
    if (m == null) {
      m = new MultiState(events);
      multi = m;
    }
    return m;
  }

  /** The transaction state if any was created, else null. */
  @Nullable MultiState multiOrNull() {
    return multi;
  }

  /** Whether the client is between MULTI and EXEC/DISCARD (CLIENT LIST flag {@code x}). */
  public boolean inMulti() {
    MultiState m = multi;
    return m != null && m.active();
  }

  /**
   * Redis's flagTransaction: a command rejected while queueing makes EXEC fail with
   * EXECABORT. No effect outside MULTI.
   */
  public void flagTransaction() {
    MultiState m = multi;
    if (m != null) {
      m.flag();
    }
  }

  /** Redis's discardTransaction + unwatchAllKeys (DISCARD, RESET, disconnection). */
  public void discardTransaction() {
    MultiState m = multi;
    if (m != null) {
      m.discard();
    }
  }

  /** Whether the connection must be closed once the pending replies are written (QUIT). */
  public boolean closeAfterReply() { return closeAfterReply; }
  public void closeAfterReply(boolean v) { this.closeAfterReply = v; }

  /** Whether CLIENT KILL (or SHUTDOWN) asked this connection to close. */
  public boolean killed() { return killed; }

  /** Marks the session killed and runs the hook the server installed to close it. */
  public void kill() {
    killed = true;
    Runnable h = killHook;
    if (h != null) {
      h.run();
    }
  }

  /** Installed by the server: closes the connection from any thread (e.g. wakes its loop). */
  public void killHook(@Nullable Runnable hook) { this.killHook = hook; }

  // ------------------------------------------------------------------ blocking (BLPOP, ...)

  private volatile java.util.concurrent.@Nullable Executor loopExecutor;
  private volatile io.lime.internal.engine.@Nullable Waiter waiter;
  private volatile boolean denyBlocking;

  /**
   * Installed by the server: runs a task on the connection's thread, callable from any thread.
   * A blocked client's reply (data, timeout, CLIENT UNBLOCK) is written by such a task; after
   * it the server resumes the connection once {@link #blocked()} is false. Null (in-process
   * sessions) means the session cannot block: blocking commands answer as on a timeout.
   */
  public java.util.concurrent.@Nullable Executor loopExecutor() { return loopExecutor; }
  public void loopExecutor(java.util.concurrent.@Nullable Executor e) { this.loopExecutor = e; }

  private volatile @Nullable Runnable busyPoller;

  /**
   * Installed by the server: serves the connection's loop's other clients once (reads their
   * commands, which answer BUSY unless allowed while busy: SCRIPT KILL, FUNCTION KILL,
   * SHUTDOWN NOSAVE...), without reading this client's input. A script this client runs calls
   * it periodically past {@code busy-reply-threshold}, as Redis's processEventsWhileBlocked,
   * so a script that loops forever can be killed even when one loop serves every client.
   * Null for in-process sessions.
   */
  public @Nullable Runnable busyPoller() { return busyPoller; }
  public void busyPoller(@Nullable Runnable r) { this.busyPoller = r; }

  /** The wait this client is blocked in (BLPOP...), or null. While set, the server reads no command. */
  public io.lime.internal.engine.@Nullable Waiter waiter() { return waiter; }
  public void waiter(io.lime.internal.engine.@Nullable Waiter w) { this.waiter = w; }

  /** Whether the client is blocked (CLIENT LIST flag {@code b}). */
  public boolean blocked() { return waiter != null; }

  /**
   * Whether blocking commands must not block (Redis's CLIENT_DENY_BLOCKING: inside MULTI or a
   * script): they then answer as on a timeout at once.
   */
  public boolean denyBlocking() { return denyBlocking; }
  public void denyBlocking(boolean v) { this.denyBlocking = v; }

  // ------------------------------------------------------------------ pub/sub

  private volatile @Nullable PushOutput pushOutput;
  private volatile @Nullable ClientSubscriber subscriber;

  /**
   * Installed by the server: where pub/sub messages to this client go. Null (in-process
   * sessions) means messages to this client are dropped; subscribing still works.
   */
  public @Nullable PushOutput pushOutput() { return pushOutput; }
  public void pushOutput(@Nullable PushOutput o) { this.pushOutput = o; }

  private volatile @Nullable ClientBuffers buffers;

  /** Installed by the server: the connection's buffers for CLIENT LIST (null in-process). */
  public @Nullable ClientBuffers buffers() { return buffers; }
  public void buffers(@Nullable ClientBuffers b) { this.buffers = b; }

  /** This client as a pub/sub receiver, created on first use (SUBSCRIBE...). */
  ClientSubscriber subscriber(ServerState server) {
    ClientSubscriber s = subscriber;
    if (s == null) {
      s = new ClientSubscriber(this, server.engine().pubsub(), server.pubsubLimits(),
          server.engine()::now);
      subscriber = s;
    }
    return s;
  }

  /** This client's receiver if it ever subscribed, else null. */
  public @Nullable ClientSubscriber subscriberOrNull() { return subscriber; }

  /** Whether the client holds a subscription (Redis's CLIENT_PUBSUB; CLIENT LIST flag P). */
  public boolean inPubSub() {
    ClientSubscriber s = subscriber;
    return s != null && s.active();
  }

  /** Leaves every subscription (RESET) without closing. */
  void unsubscribeAll() {
    ClientSubscriber s = subscriber;
    if (s != null) {
      s.unsubscribeAll();
    }
  }

  /** The connection closed: leaves every subscription and drops queued messages. */
  void pubsubClosed() {
    ClientSubscriber s = subscriber;
    if (s != null) {
      s.closed();
    }
  }
}
