package io.lime.server.bench;

import io.lime.Ticker;
import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.util.StatThread;
import io.lime.resp.CommandHandler;
import io.lime.resp.ProtocolException;
import io.lime.resp.RequestParser;
import io.lime.resp.RespWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * In-process benchmark of the command path without sockets (as Garnet's): a pre-built
 * pipeline of 16 RESP commands, as {@code redis-benchmark -P 16} sends them, is pushed
 * through {@link RequestParser}, {@link Dispatcher} and {@link RespWriter} on an event-loop
 * style thread, with the system clock. Reports the thread's CPU time per command (not wall
 * time, so other load on the machine matters little).
 *
 * <p>Not a test: never runs in {@code mvn verify}. Run it with
 * <pre>{@code
 * mvn -o -q install -DskipTests && mvn -o -q -pl lime-server test-compile
 * java -cp lime-server/target/test-classes:lime-server/target/lime-server.jar \
 *     io.lime.server.bench.PipelineBench [set|get|incr|mset ...]
 * }</pre>
 */
public final class PipelineBench {
  private static final int PIPELINE = 16;
  private static final int ROUNDS = 200_000;
  private static final int WARMUP_REPS = 3;
  private static final int REPS = 8;

  private PipelineBench() {}

  public static void main(String[] args) throws InterruptedException {
    String[] commands = args.length > 0 ? args : new String[] {"set", "get", "incr", "mset"};
    for (String c : commands) {
      Thread t = new StatThread(() -> run(c.toLowerCase(Locale.ROOT)), "bench-" + c);
      t.start();
      t.join();
    }
  }

  /** The RESP bytes redis-benchmark sends for {@code test} (its default 3-byte value). */
  static String request(String test) {
    return switch (test) {
      case "set" -> "*3\r\n$3\r\nSET\r\n$16\r\nkey:__rand_int__\r\n$3\r\nxxx\r\n";
      case "get" -> "*2\r\n$3\r\nGET\r\n$16\r\nkey:__rand_int__\r\n";
      case "incr" -> "*2\r\n$4\r\nINCR\r\n$20\r\ncounter:__rand_int__\r\n";
      case "mset" -> "*21\r\n$4\r\nMSET\r\n"
          + "$16\r\nkey:__rand_int__\r\n$3\r\nxxx\r\n".repeat(10);
      // LPUSH then RPOP (two commands per entry, so the list stays small)
      case "lpush+rpop" -> "*3\r\n$5\r\nLPUSH\r\n$6\r\nmylist\r\n$3\r\nxxx\r\n"
          + "*2\r\n$4\r\nRPOP\r\n$6\r\nmylist\r\n";
      case "sadd" -> "*3\r\n$4\r\nSADD\r\n$5\r\nmyset\r\n$20\r\nelement:__rand_int__\r\n";
      case "hset" -> "*4\r\n$4\r\nHSET\r\n$6\r\nmyhash\r\n$20\r\nelement:__rand_int__\r\n$3\r\nxxx\r\n";
      case "zadd" -> "*4\r\n$4\r\nZADD\r\n$6\r\nmyzset\r\n$1\r\n0\r\n$20\r\nelement:__rand_int__\r\n";
      default -> throw new IllegalArgumentException("unknown test: " + test);
    };
  }

  private static void run(String test) {
    Engine engine = new Engine(16, 16, Ticker.system(), 0);
    ServerState state = new ServerState(engine, new ConfigRegistry());
    Dispatcher dispatcher = CommandLayer.install(state);
    ClientSession client = state.newClient(true);
    RespWriter writer = new RespWriter();
    Call call = new Call(state, client, writer);
    RequestParser parser = new RequestParser();
    CommandHandler handler = argv -> {
      dispatcher.execute(call, argv, writer);
      return true;
    };
    byte[] batch = request(test).repeat(PIPELINE).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer in = ByteBuffer.allocate(batch.length); // heap, as the server's read buffer
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < WARMUP_REPS + REPS; rep++) {
      long cpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < ROUNDS; i++) {
        in.clear();
        in.put(batch).flip();
        call.beginBatch(); // as the server's Connection.parse
        try {
          parser.parse(in, handler);
        } catch (ProtocolException e) {
          throw new AssertionError(e);
        } finally {
          call.endBatch();
        }
        writer.reset();
      }
      double ns = (double) (threads.getCurrentThreadCpuTime() - cpu) / ((long) ROUNDS * PIPELINE);
      if (rep >= WARMUP_REPS) {
        best = Math.min(best, ns);
      }
    }
    System.out.printf(Locale.ROOT, "%-5s %7.1f ns CPU/command (best of %d x %d commands)%n",
        test, best, REPS, ROUNDS * PIPELINE);
  }
}
