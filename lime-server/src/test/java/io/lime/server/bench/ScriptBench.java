package io.lime.server.bench;

import io.lime.resp.ProtocolException;
import io.lime.resp.RespWriter;
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
 * with 16 databases of 16 shards as the server's defaults ({@link NoSocketClient}). The score is per command; the
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

    NoSocketClient client;
    RespWriter writer;
    byte[] bytes;

    @Setup(Level.Trial)
    public void setup() throws ProtocolException {
      client = new NoSocketClient(0);
      writer = client.writer;
      client.run(command("SCRIPT", "LOAD", SCRIPT));
      String sha = client.takeReplies().split("\r\n")[1];
      byte[] one = batch.equals("incr") ? command("INCR", "counter")
          : command("EVALSHA", sha, "1", "counter");
      bytes = new byte[one.length * SIZE];
      for (int i = 0; i < SIZE; i++) {
        System.arraycopy(one, 0, bytes, i * one.length, one.length);
      }
      run(bytes);
      String reply = client.takeReplies();
      if (!reply.startsWith(":")) {
        throw new IllegalStateException("the batch fails: " + reply);
      }
    }

    private static byte[] command(String... args) {
      StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    void run(byte[] request) throws ProtocolException {
      client.run(request);
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
