package io.lime.internal.persistence.rdb;

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

/** An in-process LIME (engine + command layer) that runs commands and returns reply bytes. */
final class LimeExec {
  final ServerState state;
  private final Dispatcher dispatcher;
  private final RespWriter writer = new RespWriter();
  private final Call call;

  LimeExec() {
    this(new Engine(16, 16, Ticker.system(), 0));
  }

  LimeExec(Engine engine) {
    state = new ServerState(engine, new ConfigRegistry());
    dispatcher = CommandLayer.install(state);
    ClientSession client = state.newClient(true);
    call = new Call(state, client, writer);
  }

  Engine engine() {
    return state.engine();
  }

  byte[] run(String... command) {
    byte[][] args = new byte[command.length][];
    for (int i = 0; i < command.length; i++) {
      args[i] = command[i].getBytes(StandardCharsets.UTF_8);
    }
    writer.reset();
    dispatcher.execute(call, Argv.ofBytes(args), writer);
    return Arrays.copyOf(writer.array(), writer.size());
  }
}
