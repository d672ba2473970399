package io.lime.server.bench;

import io.lime.Ticker;
import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
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
 * A script's cost on the RESP command path with no socket, as {@link RespBench} measures
 * commands: a pipelined batch of {@value #SIZE} {@code EVALSHA sha 1 counter} of the one-line
 * script {@code return redis.call('incr',KEYS[1])} (issue 10's closing row), against the same
 * batch of {@code INCR counter}, through parser → dispatcher → writer on a server-like thread,
 * with 16 databases of 16 shards as the server's defaults. The score is per command; the
 * difference between the two rows is what running the script costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.lime.server.bench.StatThreadExecutor"})
public class ScriptBench {
  static final int SIZE = 100;
  static final String SCRIPT = "return redis.call('incr',KEYS[1])";

  /** A server's engine with the script loaded, and one client's connection state. */
  @State(Scope.Thread)
  public static class Pipeline {
    @Param({"evalsha", "incr"})
    public String batch;

    Call call;
    RespWriter writer;
    RequestParser parser;
    CommandHandler handler;
    byte[] bytes;
    ByteBuffer in;

    @Setup(Level.Trial)
    public void setup() throws ProtocolException {
      Engine engine = new Engine(16, 16, Ticker.system(), 0);
      ServerState state = new ServerState(engine, new ConfigRegistry());
      Dispatcher dispatcher = CommandLayer.install(state);
      ClientSession client = state.newClient(true);
      writer = new RespWriter();
      call = new Call(state, client, writer);
      parser = new RequestParser();
      handler = argv -> {
        dispatcher.execute(call, argv, writer);
        return true;
      };
      in = ByteBuffer.allocate(1 << 16);
      run(command("SCRIPT", "LOAD", SCRIPT));
      String sha = reply().split("\r\n")[1];
      byte[] one = batch.equals("incr") ? command("INCR", "counter")
          : command("EVALSHA", sha, "1", "counter");
      bytes = new byte[one.length * SIZE];
      for (int i = 0; i < SIZE; i++) {
        System.arraycopy(one, 0, bytes, i * one.length, one.length);
      }
      run(bytes);
      String reply = reply();
      if (!reply.startsWith(":")) {
        throw new IllegalStateException("the batch fails: " + reply);
      }
    }

    private String reply() {
      String s = new String(writer.toByteArray(), StandardCharsets.US_ASCII);
      writer.reset();
      return s;
    }

    private static byte[] command(String... args) {
      StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    void run(byte[] request) throws ProtocolException {
      in.clear();
      in.put(request).flip();
      call.beginBatch(); // as the server's Connection.parse
      try {
        parser.parse(in, handler);
      } finally {
        call.endBatch();
      }
    }
  }

  /** Parse → dispatch → reply of the whole batch; the score is per command. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int pipeline(Pipeline p) throws ProtocolException {
    p.run(p.bytes);
    int n = p.writer.size();
    p.writer.reset();
    return n;
  }
}
