package io.lime.internal.command;

import java.util.List;

/** Assembles the command table from every command group. */
public final class CommandLayer {
  private CommandLayer() {}

  /** Every command group LIME supports, in COMMAND LIST order. */
  public static List<CommandGroup> groups() {
    return List.of(
        new StringCommands(),
        new ListCommands(),
        new ListBlockingCommands(),
        new HashCommands(),
        new SetCommands(),
        new SortedSetCommands(),
        new KeyCommands(),
        new ExpireCommands(),
        new DatabaseCommands(),
        new ConnectionCommands(),
        new ClientCommands(),
        new ServerCommands(),
        new AofCommands(),
        new SnapshotCommands(),
        new ConfigCommands(),
        new CommandCommands(),
        new PubSubCommands(),
        new TransactionCommands());
  }

  /** Builds the validated command table and installs it in {@code server}. */
  public static Dispatcher install(ServerState server) {
    server.commandTable(CommandTable.of(groups()));
    return new Dispatcher(server);
  }
}
