package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process runner for the connection, client, server and COMMAND tests: an engine with a
 * manual clock, the full command table, clients with their own writers, replies as text.
 */
final class ConnFixture {
  static final long START_MILLIS = 1_700_000_000_123L;

  final AtomicLong clock = new AtomicLong(START_MILLIS);
  final Engine engine = new Engine(16, 16, clock::get, 0);
  final ConfigRegistry config = new ConfigRegistry();
  final ServerState state = new ServerState(engine, config);
  final Dispatcher dispatcher = CommandLayer.install(state);
  final Conn main = connect();

  /** One client connection: session, writer and call context. */
  final class Conn {
    final ClientSession client;
    final RespWriter writer = new RespWriter();
    final Call call;

    Conn(ClientSession client) {
      this.client = client;
      this.call = new Call(state, client, writer);
    }

    /** Runs a command and returns the reply as text (CR LF kept). */
    String run(String... args) {
      writer.reset();
      dispatcher.execute(call, Argv.of(args), writer);
      return new String(writer.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /** A new registered client, authenticated unless requirepass is set. */
  Conn connect() {
    return new Conn(state.newClient(!state.requiresPassword()));
  }

  String run(String... args) {
    return main.run(args);
  }

  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  static String err(String s) {
    return "-" + s + "\r\n";
  }

  static String arity(String name) {
    return err("ERR wrong number of arguments for '" + name + "' command");
  }
}
