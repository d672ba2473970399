package io.lime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.Ticker;
import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Differential testing against the oracle: runs the same commands on a real
 * {@code redis-server} (over a socket) and on LIME (in-process: {@link Dispatcher} +
 * {@link RespWriter}, no server) and compares the reply bytes.
 *
 * <p>Typical use, one real server per test class (started before the class's first test,
 * stopped after its last):
 * <pre>{@code
 * @RegisterExtension static final Differential diff = Differential.perClass();
 *
 * @ParameterizedTest @ValueSource(ints = {2, 3})
 * void get_missingKey_isNull(int resp) {
 *   diff.reset(resp);                 // FLUSHALL both, SELECT 0, HELLO resp
 *   diff.check("SET", "k", "v");      // asserts identical reply bytes
 *   diff.check("GET", "k");
 * }
 * }</pre>
 *
 * <p>When redis-server is not on PATH, {@link #start} skips the test, except under
 * {@code CI=true} where it fails. Not thread-safe: one test at a time per instance.
 */
public final class Differential implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private final String[] redisArgs;
  private RealRedis redis;
  private RealRedis.RawConnection conn;
  private ServerState state;
  private Dispatcher dispatcher;
  private ClientSession client;
  private RespWriter writer;
  private Call call;
  private int protocol = 2;
  private int compared;

  private Differential(String[] redisArgs) {
    this.redisArgs = redisArgs;
  }

  /** Starts a real redis-server and a fresh in-process LIME; skips without redis-server. */
  public static Differential start(String... redisArgs) {
    Differential d = new Differential(redisArgs);
    d.open();
    return d;
  }

  /**
   * A pair of servers for one test class, as a JUnit extension ({@code @RegisterExtension}
   * on a static field): started by {@link #beforeAll} (skipping the class without
   * redis-server, as {@link #start}), closed by {@link #afterAll}.
   */
  public static Differential perClass(String... redisArgs) {
    return new Differential(redisArgs);
  }

  private void open() {
    redis = RealRedis.start(redisArgs);
    conn = redis.connect();
    newLime();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (redis != null) {
      close();
    }
  }

  private void newLime() {
    state = new ServerState(new Engine(16, 16, Ticker.system(), 10), new ConfigRegistry());
    dispatcher = CommandLayer.install(state);
    client = state.newClient(true);
    writer = new RespWriter();
    call = new Call(state, client, writer);
  }

  /** Empties both servers' data, selects db 0 and switches both to {@code resp} (2 or 3). */
  public Differential reset(int resp) {
    conn.call("FLUSHALL");
    conn.call("SELECT", "0");
    conn.call("HELLO", String.valueOf(resp));
    lime("FLUSHALL");
    lime("SELECT", "0");
    lime("HELLO", String.valueOf(resp));
    this.protocol = resp;
    return this;
  }

  /** The protocol version selected by the last {@link #reset}. */
  public int protocol() {
    return protocol;
  }

  /** The LIME server state behind the in-process side (for seeding or inspecting). */
  public ServerState limeState() {
    return state;
  }

  /** Runs a command on the real redis-server and returns the reply bytes. */
  public byte[] redis(String... command) {
    return conn.call(command);
  }

  /** Runs a binary command on the real redis-server. */
  public byte[] redis(byte[]... command) {
    return conn.call(command);
  }

  /** Runs a command on LIME and returns the reply bytes. */
  public byte[] lime(String... command) {
    return lime(RealRedis.utf8(command));
  }

  /** Runs a binary command on LIME. */
  public byte[] lime(byte[]... command) {
    writer.reset();
    dispatcher.execute(call, Argv.ofBytes(command), writer);
    return Arrays.copyOf(writer.array(), writer.size());
  }

  /** Runs a command on both and asserts the reply bytes are identical; returns them. */
  public byte[] check(String... command) {
    return check(RealRedis.utf8(command));
  }

  /** Binary form of {@link #check(String...)}. */
  public byte[] check(byte[]... command) {
    byte[] expected = redis(command);
    byte[] actual = lime(command);
    compared++;
    assertEquals(show(expected), show(actual),
        () -> "RESP" + protocol + " reply differs for " + describe(command));
    return actual;
  }

  /** Runs each command on both, comparing every reply. */
  public void checkAll(String[]... commands) {
    for (String[] c : commands) {
      check(c);
    }
  }

  /** Number of replies compared so far. */
  public int comparedCount() {
    return compared;
  }

  /** Reply bytes made readable: printable ASCII kept, CR LF as \r\n, others as \xHH. */
  public static String show(byte[] reply) {
    StringBuilder sb = new StringBuilder();
    for (byte b : reply) {
      int c = b & 0xff;
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c >= 32 && c < 127 && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }

  private static String describe(byte[][] command) {
    StringBuilder sb = new StringBuilder();
    for (byte[] a : command) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('"').append(show(a)).append('"');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    conn.close();
    redis.close();
    state.engine().close();
    redis = null;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
