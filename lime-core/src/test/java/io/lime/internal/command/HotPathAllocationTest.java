package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.RequestParser;
import io.lime.resp.RespWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The read path from request bytes to reply bytes allocates nothing per command, nor do
 * INCR/DECRBY of a counter (changed in place, as Redis does), nor list pushes and pops: a
 * pipelined batch of them is parsed by {@link RequestParser}, dispatched and rendered by
 * {@link RespWriter}, and the heap bytes this thread allocated are measured (HotSpot's
 * per-thread allocation counter). A measurement, not a timing assertion.
 */
class HotPathAllocationTest {
  private static final int COMMANDS_PER_BATCH = 500;

  @Test
  void pipelinedReads_allocateNothingPerCommand() throws Exception {
    double perCommand = bytesPerCommand("SET user:1 alice\r\nSET counter 12345678\r\n"
        + "EXPIRE user:1 1000\r\n", new String[] {
        "*2\r\n$3\r\nGET\r\n$6\r\nuser:1\r\n",
        "*2\r\n$3\r\nget\r\n$7\r\ncounter\r\n",
        "*3\r\n$4\r\nMGET\r\n$6\r\nuser:1\r\n$7\r\nmissing\r\n",
        "*2\r\n$6\r\nEXISTS\r\n$6\r\nuser:1\r\n",
        "*2\r\n$3\r\nTTL\r\n$6\r\nuser:1\r\n",
        "*2\r\n$6\r\nSTRLEN\r\n$7\r\ncounter\r\n",
        "*4\r\n$8\r\nGETRANGE\r\n$6\r\nuser:1\r\n$1\r\n0\r\n$2\r\n-2\r\n",
        "*2\r\n$4\r\nTYPE\r\n$6\r\nuser:1\r\n",
        // INCR and DECR of a counter outside the shared integers change it in place
        "*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n",
        "*3\r\n$6\r\nDECRBY\r\n$7\r\ncounter\r\n$1\r\n3\r\n",
    });
    assertTrue(perCommand < 1.0, "allocated " + perCommand + " bytes per command");
  }

  /**
   * LPOP and RPOP without a count reply with the element from the list's node (no copy), and
   * an LPUSH onto a list that does not empty stores its bytes in the node: a batch of pushes
   * and pops that keeps the list at a few elements allocates nothing per command.
   */
  @Test
  void listPushesAndPops_allocateNothingPerCommand() throws Exception {
    double perCommand = bytesPerCommand("RPUSH list a b c\r\n", new String[] {
        "*3\r\n$5\r\nLPUSH\r\n$4\r\nlist\r\n$3\r\nxxx\r\n",
        "*2\r\n$4\r\nRPOP\r\n$4\r\nlist\r\n",
        "*3\r\n$5\r\nRPUSH\r\n$4\r\nlist\r\n$3\r\nyyy\r\n",
        "*2\r\n$4\r\nLPOP\r\n$4\r\nlist\r\n",
        "*2\r\n$4\r\nLPOP\r\n$7\r\nmissing\r\n",
    });
    assertTrue(perCommand < 1.0, "allocated " + perCommand + " bytes per command");
  }

  /**
   * Heap bytes this thread allocates per command running batches of {@code commands} (in
   * turn) after {@code setup} (inline commands), once warm.
   */
  private static double bytesPerCommand(String setupCommands, String[] commands)
      throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());

    Engine engine = new Engine(16, 16, () -> 1_700_000_000_000L, 0);
    ServerState state = new ServerState(engine, new ConfigRegistry());
    Dispatcher dispatcher = CommandLayer.install(state);
    ClientSession client = state.newClient(true);
    RespWriter writer = new RespWriter();
    Call call = new Call(state, client, writer);
    RequestParser parser = new RequestParser();

    ByteBuffer setup = ByteBuffer.wrap(setupCommands.getBytes(StandardCharsets.US_ASCII));
    parser.parse(setup, argv -> {
      dispatcher.execute(call, argv, writer);
      return true;
    });

    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < COMMANDS_PER_BATCH; i++) {
      batch.append(commands[i % commands.length]);
    }
    byte[] bytes = batch.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer in = ByteBuffer.allocateDirect(bytes.length);
    int[] executed = {0};

    Runnable round = () -> {
      in.clear();
      in.put(bytes).flip();
      writer.reset();
      try {
        parser.parse(in, argv -> {
          dispatcher.execute(call, argv, writer);
          executed[0]++;
          return true;
        });
      } catch (io.lime.resp.ProtocolException e) {
        throw new AssertionError(e);
      }
    };
    for (int i = 0; i < 2_000; i++) {
      round.run();
    }
    long tid = Thread.currentThread().getId();
    executed[0] = 0;
    int rounds = 200;
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < rounds; i++) {
      round.run();
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertEquals(rounds * COMMANDS_PER_BATCH, executed[0]);
    double perCommand = (double) allocated / executed[0];
    System.out.printf("hot path: %d commands, %d bytes allocated, %.3f bytes/command%n",
        executed[0], allocated, perCommand);
    return perCommand;
  }
}
