package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process runner for the string command tests: an engine with a manual clock, the full
 * command table, one client, replies rendered as RESP text (ISO-8859-1, CR LF kept).
 */
final class StringFixture {
  static final long START_MILLIS = 1_700_000_000_000L;

  final AtomicLong clock = new AtomicLong(START_MILLIS);
  final Engine engine = new Engine(16, 16, clock::get, 0);
  final ServerState state = new ServerState(engine, new ConfigRegistry());
  final Dispatcher dispatcher = CommandLayer.install(state);
  final ClientSession client = state.newClient(true);
  final RespWriter writer = new RespWriter();
  final Call call = new Call(state, client, writer);

  /** Runs a command and returns the reply as text. */
  String run(String... args) {
    writer.reset();
    dispatcher.execute(call, Argv.of(args), writer);
    return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** Runs a binary command. */
  String run(byte[]... args) {
    writer.reset();
    dispatcher.execute(call, Argv.ofBytes(args), writer);
    return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  void protocol(int resp) {
    client.protocol(resp);
    writer.setProtocol(resp);
  }

  void advance(long millis) {
    clock.addAndGet(millis);
  }

  /** OBJECT ENCODING without depending on the keys group: asks the type layer. */
  String encoding(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = io.lime.internal.engine.Hashing.hash(k);
    io.lime.internal.engine.Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      io.lime.internal.engine.Entry e = s.find(k, h, engine.now());
      return e == null ? "none" : io.lime.internal.type.StringType.encoding(e.value());
    } finally {
      s.unlock();
    }
  }

  /** Remaining time to live in ms, -1 without expiry, -2 when missing. */
  long pttl(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = io.lime.internal.engine.Hashing.hash(k);
    io.lime.internal.engine.Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      io.lime.internal.engine.Entry e = s.find(k, h, engine.now());
      if (e == null) {
        return -2;
      }
      return e.expireAt() == io.lime.internal.engine.Entry.NO_EXPIRY ? -1 : e.expireAt() - engine.now();
    } finally {
      s.unlock();
    }
  }

  /** Puts a non-string value under a key (a stand-in for a list until lists exist). */
  void putOther(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = io.lime.internal.engine.Hashing.hash(k);
    io.lime.internal.engine.Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      io.lime.internal.engine.Entry e = s.find(k, h, engine.now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, new Object());
    } finally {
      s.unlock();
    }
  }

  static String i(long v) {
    return ":" + v + "\r\n";
  }

  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
  }

  static String err(String s) {
    return "-" + s + "\r\n";
  }

  static final String OK = "+OK\r\n";
  static final String NIL = "$-1\r\n";
  static final String EMPTY = "$0\r\n\r\n";
  static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  static final String SYNTAX = "-ERR syntax error\r\n";
  static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
  static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";
}
