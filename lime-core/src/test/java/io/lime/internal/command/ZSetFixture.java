package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process runner for the sorted set tests: an engine with a manual clock, the full
 * command table, one client; replies as RESP text (ISO-8859-1, CR LF kept).
 */
final class ZSetFixture {
  final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  final Engine engine = new Engine(16, 16, clock::get, 0);
  final ServerState state = new ServerState(engine, new ConfigRegistry());
  final Dispatcher dispatcher = CommandLayer.install(state);
  final ClientSession client = state.newClient(true);
  final RespWriter writer = new RespWriter();
  final Call call = new Call(state, client, writer);

  /** Runs a command given as one string split on single spaces. */
  String line(String line) {
    return run(line.split(" "));
  }

  /** Runs a command and returns the reply as text. */
  String run(String... args) {
    writer.reset();
    dispatcher.execute(call, Argv.of(args), writer);
    return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  void protocol(int resp) {
    client.protocol(resp);
    writer.setProtocol(resp);
  }

  static String i(long v) {
    return ":" + v + "\r\n";
  }

  static String bulk(String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  static String err(String s) {
    return "-" + s + "\r\n";
  }

  /** A RESP2 array of bulk strings. */
  static String arr(String... items) {
    StringBuilder sb = new StringBuilder("*" + items.length + "\r\n");
    for (String s : items) {
      sb.append(bulk(s));
    }
    return sb.toString();
  }

  static final String NIL = "$-1\r\n";
  static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
}
