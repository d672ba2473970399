package io.lime.internal.command;

import java.util.List;

/** Assembles the command table from every command group. */
public final class CommandLayer {
  private CommandLayer() {}

  /**
   * Every command group: the classes whose handler methods the table binds (see {@link
   * CommandGroup}). Their order does not matter. A server's table is generated from these
   * into {@link CommandMetadata} (regenerate it when handlers change: CommandMetadataTest
   * fails until then).
   */
  public static List<Class<? extends CommandGroup>> groups() {
    return List.of(
        StringCommands.class,
        BitCommands.class,
        HyperLogLogCommands.class,
        ListCommands.class,
        ListBlockingCommands.class,
        HashCommands.class,
        SetCommands.class,
        SortedSetCommands.class,
        KeyCommands.class,
        ExpireCommands.class,
        DatabaseCommands.class,
        ConnectionCommands.class,
        AclCommands.class,
        ClientCommands.class,
        ServerCommands.class,
        AofCommands.class,
        SnapshotCommands.class,
        ConfigCommands.class,
        CommandCommands.class,
        PubSubCommands.class,
        TransactionCommands.class,
        SortedSetAlgebraCommands.class,
        SortedSetPopCommands.class,
        SortedSetRangeCommands.class,
        StringLcsCommand.class,
        ObjectCommands.class,
        SortedSetBlockingCommands.class,
        GeoCommands.class,
        SortCommands.class,
        StreamCommands.class,
        StreamGroupCommands.class,
        StreamReadCommands.class,
        StreamInfoCommands.class,
        IntrospectionCommands.class,
        MemoryCommands.class,
        ScriptCommands.class,
        FunctionCommands.class,
        DumpCommands.class,
        ClientTrackingCommands.class,
        ClientPauseCommands.class);
  }

  /**
   * The validated table of every command, built once per JVM on first use and shared by
   * every server: it is immutable but for the handles each command makes on its first run
   * (statistics live in each {@link ServerState}), and its groups hold no state.
   */
  public static CommandTable table() {
    return Shared.TABLE;
  }

  /**
   * Installs the shared command table in {@code server}, plus the custom commands registered
   * with its engine ({@link io.lime.internal.engine.Engine#extensions()}).
   *
   * @throws IllegalArgumentException if a custom command replaces a built-in without saying so
   */
  public static Dispatcher install(ServerState server) {
    var custom = server.engine().extensions().commands();
    server.commandTable(custom.isEmpty() ? table() : CustomCommands.extend(table(), custom));
    return new Dispatcher(server);
  }

  private static final class Shared {
    static final CommandTable TABLE = CommandTable.fromMetadata();
  }
}
