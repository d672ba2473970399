package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process runner for the list command tests: an engine with a manual clock and clients
 * that can block. Each {@link Client} has its own writer and a "loop" executor that queues
 * tasks until {@link Client#drain()} runs them, as a server loop thread would.
 */
final class ListFixture {
  static final long START_MILLIS = 1_700_000_000_000L;

  final AtomicLong clock = new AtomicLong(START_MILLIS);
  final Engine engine = new Engine(16, 16, clock::get, 0);
  final ServerState state = new ServerState(engine, new ConfigRegistry());
  final Dispatcher dispatcher = CommandLayer.install(state);
  final Client main = client();

  /** One connection. */
  final class Client {
    final ClientSession session = state.newClient(true);
    final RespWriter writer = new RespWriter();
    final Call call = new Call(state, session, writer);
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    Client() {
      session.loopExecutor(tasks::add);
    }

    /** Runs a command and returns its reply (empty when the client blocked). */
    String run(String... args) {
      writer.reset();
      dispatcher.execute(call, Argv.of(args), writer);
      return take();
    }

    /** Runs the loop tasks queued for this client and returns what they replied. */
    String drain() {
      writer.reset();
      Runnable t;
      while ((t = tasks.poll()) != null) {
        t.run();
      }
      return take();
    }

    private String take() {
      return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    boolean blocked() {
      return session.blocked();
    }

    void protocol(int resp) {
      session.protocol(resp);
      writer.setProtocol(resp);
    }
  }

  Client client() {
    return new Client();
  }

  String run(String... args) {
    return main.run(args);
  }

  void advance(long millis) {
    clock.addAndGet(millis);
  }

  /** Times out every waiter past its deadline (what the timer thread does). */
  int expire() {
    return engine.blocking().expireDue(engine.now());
  }

  /** RESP2 bulk string. */
  static String bulk(String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  /** RESP2 array of bulk strings. */
  static String array(String... items) {
    StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
    for (String s : items) {
      sb.append(bulk(s));
    }
    return sb.toString();
  }

  static String integer(long v) {
    return ":" + v + "\r\n";
  }
}
