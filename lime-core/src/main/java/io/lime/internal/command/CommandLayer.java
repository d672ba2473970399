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

  /**
   * The validated table of every command, built once per JVM on first use and shared by
   * every server: it is immutable (statistics live in each {@link ServerState}) and its
   * groups hold no state.
   */
  public static CommandTable table() {
    return Shared.TABLE;
  }

  /** Installs the shared command table in {@code server}. */
  public static Dispatcher install(ServerState server) {
    server.commandTable(table());
    return new Dispatcher(server);
  }

  private static final class Shared {
    static final CommandTable TABLE = CommandTable.of(groups());
  }
}
