package io.lime.server.bench;

import io.lime.internal.command.Call;
import io.lime.internal.command.Dispatcher;
import io.lime.resp.CommandHandler;
import io.lime.resp.ProtocolException;
import io.lime.resp.RequestParser;
import io.lime.resp.RespWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RESP command path with no socket (as Garnet measures it): a pre-built batch of
 * {@value RespBatches#SIZE} requests ({@link RespBatches}) in a heap buffer, as the server's
 * read buffer holds a pipelined read, pushed through {@link RequestParser} →
 * {@link Dispatcher} → {@link RespWriter} inside {@link Call#beginBatch()}/{@link
 * Call#endBatch()}, as the server's connection does, on a worker thread that is a
 * {@link io.lime.internal.util.StatThread} like the server's event loops
 * ({@link StatThreadExecutor}), with the system clock. Also the parser alone (a handler that
 * only reads the arguments) and the writer alone (the replies of the mixed batch).
 *
 * <p>Scores are per command ({@code @OperationsPerInvocation}); with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the heap bytes allocated per command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.lime.server.bench.StatThreadExecutor"})
public class RespBench {

  /** A server's engine and one client's connection state, without the network. */
  @State(Scope.Thread)
  public static class Pipeline {
    @Param({"mixed", "get", "set", "incr", "lpush", "hset", "zadd"})
    public String batch;

    NoSocketClient client;
    RespWriter writer;
    byte[] bytes;

    @Setup(Level.Trial)
    public void setup() throws ProtocolException {
      bytes = RespBatches.batch(batch);
      client = new NoSocketClient(bytes.length);
      writer = client.writer;
      run(RespBatches.preload(batch));
      run(bytes);
      String reply = client.takeReplies();
      if (reply.contains("-ERR") || reply.contains("-WRONGTYPE")) {
        throw new IllegalStateException("the batch fails: " + reply);
      }
    }

    void run(byte[] request) throws ProtocolException {
      client.run(request);
    }
  }

  /** Parse → dispatch → reply of the whole batch; the score is per command. */
  @Benchmark
  @OperationsPerInvocation(RespBatches.SIZE)
  public int pipeline(Pipeline p) throws ProtocolException {
    p.run(p.bytes);
    int n = p.writer.size();
    p.writer.reset();
    return n;
  }

  /** The parser alone over a batch; the handler reads each command's name and arity. */
  @State(Scope.Thread)
  public static class Parse {
    @Param({"mixed", "get", "set"})
    public String batch;

    final RequestParser parser = new RequestParser();
    byte[] bytes;
    ByteBuffer in;
    long seen;
    final CommandHandler handler = argv -> {
      seen += argv.size() + argv.array()[argv.offset(0)];
      return true;
    };

    @Setup(Level.Trial)
    public void setup() {
      bytes = RespBatches.batch(batch);
      in = ByteBuffer.allocate(bytes.length);
    }
  }

  @Benchmark
  @OperationsPerInvocation(RespBatches.SIZE)
  public long parser(Parse p) throws ProtocolException {
    p.in.clear();
    p.in.put(p.bytes).flip();
    p.parser.parse(p.in, p.handler);
    return p.seen;
  }

  /** The writer alone: the replies of the mixed batch, drained to a heap buffer. */
  @State(Scope.Thread)
  public static class Write {
    final RespWriter writer = new RespWriter();
    final ByteBuffer out = ByteBuffer.allocate(1 << 16);
    final byte[] value = "xxx".getBytes(StandardCharsets.US_ASCII);
    long counter = 1_000_000;
  }

  @Benchmark
  @OperationsPerInvocation(RespBatches.SIZE)
  public int writer(Write w) {
    RespWriter r = w.writer;
    for (int i = 0; i < RespBatches.SIZE; i++) {
      switch (i % 7) {
        case 0, 4 -> r.bulk(w.value); // GET, RPOP
        case 1 -> r.ok(); // SET
        case 2 -> r.integer(++w.counter); // INCR
        default -> r.integer(i); // LPUSH, HSET, ZADD
      }
    }
    w.out.clear();
    return r.drainTo(w.out);
  }
}
