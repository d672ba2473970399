package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process command runner for the key, expiry and database tests: an engine with a
 * manual clock, the full command table, one client, and replies rendered as RESP text.
 */
final class KeyFixture {
  static final long START_MILLIS = 1_700_000_000_000L;

  final AtomicLong clock = new AtomicLong(START_MILLIS);
  final Engine engine = new Engine(16, 16, clock::get, 0);
  final ServerState state = new ServerState(engine, new ConfigRegistry());
  final Dispatcher dispatcher = CommandLayer.install(state);
  final ClientSession client = state.newClient(true);
  final RespWriter writer = new RespWriter();
  final Call call = new Call(state, client, writer);

  /** Runs a command and returns the reply as text (CR LF kept). */
  String run(String... args) {
    writer.reset();
    dispatcher.execute(call, Argv.of(args), writer);
    return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** Switches the client's protocol. */
  void protocol(int resp) {
    client.protocol(resp);
    writer.setProtocol(resp);
  }

  /** Stores a string value directly (no dependency on SET). */
  void put(int db, String key, String value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    Database d = engine.db(db);
    int h = Hashing.hash(k);
    Shard s = d.shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, engine.now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, StringType.encode(v, 0, v.length));
    } finally {
      s.unlock();
    }
  }

  void put(String key, String value) {
    put(0, key, value);
  }

  void advance(long millis) {
    clock.addAndGet(millis);
  }

  static String i(long v) {
    return ":" + v + "\r\n";
  }

  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  static String err(String s) {
    return "-" + s + "\r\n";
  }

  static final String OK = "+OK\r\n";
  static final String NIL = "$-1\r\n";
}
