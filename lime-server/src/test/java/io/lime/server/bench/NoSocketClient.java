package io.lime.server.bench;

import io.lime.Ticker;
import io.lime.internal.command.Call;
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

/**
 * A server's engine (16 databases of 16 shards, the system clock) and one client's
 * connection state without the network, for the RESP-path benchmarks: {@link #run} pushes
 * request bytes through {@link RequestParser} → {@link Dispatcher} → {@link RespWriter}
 * inside {@link Call#beginBatch()}/{@link Call#endBatch()}, as the server's connection does.
 */
final class NoSocketClient {
  final RespWriter writer = new RespWriter();
  private final Call call;
  private final RequestParser parser = new RequestParser();
  private final CommandHandler handler;
  private final ByteBuffer in;

  /** With a heap read buffer of at least {@code capacity} bytes, as the server's. */
  NoSocketClient(int capacity) {
    if (!(Thread.currentThread() instanceof io.lime.internal.util.StatThread)) {
      System.err.println("note: not on a StatThread (-jvmArgsAppend replaced the fork's"
          + " -Djmh.executor arguments?): statistics count with atomics, unlike the server");
    }
    Engine engine = new Engine(16, 16, Ticker.system(), 0);
    ServerState state = new ServerState(engine, new ConfigRegistry());
    Dispatcher dispatcher = CommandLayer.install(state);
    call = new Call(state, state.newClient(true), writer);
    handler = argv -> {
      dispatcher.execute(call, argv, writer);
      return true;
    };
    in = ByteBuffer.allocate(Math.max(capacity, 1 << 16));
  }

  /** Parses and runs the requests of {@code request}, replying into {@link #writer}. */
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

  /** The replies written so far, as text; empties the writer. */
  String takeReplies() {
    String s = new String(writer.toByteArray(), StandardCharsets.US_ASCII);
    writer.reset();
    return s;
  }
}
