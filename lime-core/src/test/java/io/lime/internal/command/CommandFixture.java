package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * In-process command runner shared by the command tests: an engine with a manual clock, the
 * full command table, clients with their own writers and replies rendered as RESP text (CR LF
 * kept), plus the expected-reply builders. The group fixtures ({@link KeyFixture},
 * {@link StringFixture}, {@link ConnFixture}, {@link ListFixture}, {@link SortedSetFixture}) add
 * what their tests need.
 */
class CommandFixture {
  static final long START_MILLIS = 1_700_000_000_000L;

  final AtomicLong clock;
  final Engine engine;
  final ConfigRegistry config = new ConfigRegistry();
  final ServerState state;
  final Dispatcher dispatcher;
  private final Charset replyCharset;
  private final boolean loops;
  /** The first client (id 1), which {@link #run} uses. */
  final Client main;
  /** The session of {@link #main}. */
  final ClientSession client;

  /** A fixture whose clock starts at {@link #START_MILLIS}, replies as ISO-8859-1 text. */
  CommandFixture() {
    this(START_MILLIS, StandardCharsets.ISO_8859_1, false);
  }

  /**
   * @param startMillis the clock's start
   * @param replyCharset how replies are rendered as text
   * @param loops whether clients get a loop executor (so they can block): tasks queue until
   *     {@link Client#drain()} runs them, as a server loop thread would
   */
  CommandFixture(long startMillis, Charset replyCharset, boolean loops) {
    this.clock = new AtomicLong(startMillis);
    this.engine = new Engine(16, 16, clock::get, 0);
    this.state = new ServerState(engine, config);
    this.dispatcher = CommandLayer.install(state);
    this.replyCharset = replyCharset;
    this.loops = loops;
    this.main = newClient(true);
    this.client = main.client;
  }

  /** One client connection: session, writer, call context and loop tasks. */
  final class Client {
    final ClientSession client;
    final RespWriter writer = new RespWriter();
    final Call call;
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    Client(ClientSession client) {
      this.client = client;
      this.call = new Call(state, client, writer);
      if (loops) {
        client.loopExecutor(tasks::add);
      }
    }

    /** Runs a command and returns its reply (empty when the client blocked). */
    String run(String... args) {
      writer.reset();
      dispatcher.execute(call, Argv.of(args), writer);
      return take();
    }

    /** Runs a binary command. */
    String run(byte[]... args) {
      writer.reset();
      dispatcher.execute(call, Argv.ofBytes(args), writer);
      return take();
    }

    /** Runs the loop tasks queued for this client and returns what they replied. */
    String drain() {
      writer.reset();
      Runnable t;
      while ((t = tasks.poll()) != null) {
        t.run();
      }
      return take();
    }

    private String take() {
      return new String(writer.toByteArray(), replyCharset);
    }

    boolean blocked() {
      return client.blocked();
    }

    /** Switches the client's protocol. */
    void protocol(int resp) {
      client.protocol(resp);
      writer.setProtocol(resp);
    }
  }

  /** A new registered client. */
  Client newClient(boolean authenticated) {
    return new Client(state.newClient(authenticated));
  }

  String run(String... args) {
    return main.run(args);
  }

  String run(byte[]... args) {
    return main.run(args);
  }

  void protocol(int resp) {
    main.protocol(resp);
  }

  void advance(long millis) {
    clock.addAndGet(millis);
  }

  /** Applies {@code f} to the entry of {@code key} in database {@code db}, its shard held. */
  <T> T withEntry(int db, String key, Function<@Nullable Entry, T> f) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = engine.db(db).shard(h);
    s.lock();
    try {
      return f.apply(s.find(k, h, engine.now()));
    } finally {
      s.unlock();
    }
  }

  /** Stores {@code value} under {@code key} in database {@code db}, replacing any entry. */
  void replace(int db, String key, Object value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = engine.db(db).shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, engine.now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, value);
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ expected replies

  static final String OK = "+OK\r\n";
  static final String NIL = "$-1\r\n";
  static final String EMPTY = "$0\r\n\r\n";
  static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  static final String SYNTAX = "-ERR syntax error\r\n";
  static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
  static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";

  static String i(long v) {
    return ":" + v + "\r\n";
  }

  /** RESP2 bulk string (its UTF-8 length). */
  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  /** RESP2 array of bulk strings. */
  static String array(String... items) {
    StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
    for (String s : items) {
      sb.append(bulk(s));
    }
    return sb.toString();
  }

  static String err(String s) {
    return "-" + s + "\r\n";
  }

  static String arity(String name) {
    return err("ERR wrong number of arguments for '" + name + "' command");
  }
}
