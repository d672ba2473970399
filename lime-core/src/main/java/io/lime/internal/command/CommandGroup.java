package io.lime.internal.command;

/**
 * A family of commands ({@code StringCommands}, {@code ClientCommands}, ...): a class listed
 * in {@link CommandLayer#groups()} whose handler methods the command table binds by name.
 * Each command is named once, by its handler; everything else about it (arity, flags, key
 * positions, ACL categories, docs) is Redis's own data ({@link CommandMetadata},
 * {@link RedisCommandData}).
 *
 * <h2>Handler convention</h2>
 *
 * A command's handler is a non-private method {@code void name(Call c)}, static or instance,
 * named after the command: its lower-case name, with a subcommand's name appended to its
 * container's, and each {@code |}, {@code -} or {@code _} dropped with the letter after it
 * upper-cased ({@link CommandBinder#methodName}):
 *
 * <table>
 *   <caption>Examples</caption>
 *   <tr><td>GET</td><td>{@code get}</td></tr>
 *   <tr><td>ZRANGESTORE</td><td>{@code zrangestore}</td></tr>
 *   <tr><td>GEORADIUS_RO</td><td>{@code georadiusRo}</td></tr>
 *   <tr><td>CLIENT LIST</td><td>{@code clientList}</td></tr>
 *   <tr><td>CLIENT NO-EVICT</td><td>{@code clientNoEvict}</td></tr>
 *   <tr><td>MEMORY MALLOC-STATS</td><td>{@code memoryMallocStats}</td></tr>
 *   <tr><td>COMMAND (the container run without subcommand)</td><td>{@code command}</td></tr>
 * </table>
 *
 * <p>Every command of Redis's metadata is bound to the group method of that name. A command
 * with no such method is not served (unknown command, or unknown subcommand); a container is
 * served when it has a handler or a served subcommand, and routes by subcommand. Binding
 * fails when a non-private {@code void x(Call)} method of a group names no command (a typo)
 * or when two groups name the same command: helpers that take just a {@link Call} must
 * therefore be private. Instance methods run on one instance per group made with its no-arg
 * constructor; groups hold no state.
 *
 * <p>Binding reflects on the groups, so servers do not do it at start-up: {@code
 * CommandMetadataTest} binds them and generates {@link CommandMetadata}, the table servers
 * load, and fails when that file is stale. After adding, renaming or removing a handler (or
 * a group), regenerate it:
 * {@code ./mvnw -pl lime-core test -Dtest=CommandMetadataTest -Dlime.updateMetadata=true}.
 *
 * <p>Handlers are called through method handles, not method references or lambdas: every
 * method reference is linked on first use by an invokedynamic bootstrap that spins a hidden
 * class (about 0.2 ms each), which for 200+ commands dominated the first server start in a
 * JVM. See {@link CommandSpec} for how the handles are made and called.
 */
public interface CommandGroup {}
