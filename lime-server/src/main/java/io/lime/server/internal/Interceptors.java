package io.lime.server.internal;

import io.lime.internal.command.ClientSession;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import io.lime.server.CommandInterceptor;
import io.lime.server.CommandInterceptor.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link CommandInterceptor}s of a server, asked by each connection before it runs a
 * command (only while at least one is registered: otherwise the connection reads one null
 * field per command). Thread-safe.
 */
public final class Interceptors {
  private final CopyOnWriteArrayList<CommandInterceptor> list = new CopyOnWriteArrayList<>();

  void add(CommandInterceptor i) {
    list.add(i);
  }

  /** Removes {@code i}; returns whether none is left. */
  boolean remove(CommandInterceptor i) {
    list.remove(i);
    return list.isEmpty();
  }

  /**
   * Asks every interceptor about {@code argv}: true to run the command, false when a reply
   * was written instead or the connection was dropped ({@code drop} run).
   */
  boolean beforeCommand(ClientSession session, Argv argv, ReplySink out, Runnable drop) {
    if (list.isEmpty()) {
      return true;
    }
    List<byte[]> args = new ArrayList<>(argv.size() - 1);
    for (int i = 1; i < argv.size(); i++) {
      args.add(argv.copy(i));
    }
    CommandInterceptor.Command c = new CommandInterceptor.Command(
        argv.string(0).toLowerCase(Locale.ROOT), List.copyOf(args), session.id(),
        session.address(), session.name());
    for (CommandInterceptor i : list) {
      Action a;
      try {
        a = i.intercept(c);
      } catch (RuntimeException e) {
        out.error("ERR interceptor failed: " + e);
        return false;
      }
      if (a instanceof CommandInterceptor.Delay d) {
        try {
          Thread.sleep(d.duration().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (a instanceof CommandInterceptor.Reply r) {
        r.reply().accept(out);
        return false;
      } else if (a instanceof CommandInterceptor.Drop) {
        drop.run();
        return false;
      }
    }
    return true;
  }
}
