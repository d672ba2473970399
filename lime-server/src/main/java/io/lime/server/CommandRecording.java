package io.lime.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands a {@link LimeServer} received since {@link LimeServer#record()}, in arrival
 * order (across connections: the order their loops saw them), for assertions. Recording
 * stops on {@link #close()}. Thread-safe.
 */
public final class CommandRecording implements AutoCloseable {
  private final List<CommandInterceptor.Command> commands = new ArrayList<>();
  private final LimeServer server;
  private final CommandInterceptor recorder = c -> {
    add(c);
    return CommandInterceptor.Action.proceed();
  };

  CommandRecording(LimeServer server) {
    this.server = server;
  }

  CommandInterceptor interceptor() {
    return recorder;
  }

  private synchronized void add(CommandInterceptor.Command c) {
    commands.add(c);
  }

  /** A copy of the commands recorded so far. */
  public synchronized List<CommandInterceptor.Command> commands() {
    return List.copyOf(commands);
  }

  /** The recorded commands as text ({@code "set k v"}), for short assertions. */
  public synchronized List<String> lines() {
    List<String> out = new ArrayList<>(commands.size());
    for (CommandInterceptor.Command c : commands) {
      out.add(c.toString());
    }
    return out;
  }

  /** Forgets what was recorded so far; recording goes on. */
  public synchronized void clear() {
    commands.clear();
  }

  /** Stops recording (what was recorded stays readable). */
  @Override
  public void close() {
    server.net().removeInterceptor(recorder);
  }
}
