package io.lime.command;

/**
 * The body of a {@link CustomCommand}. Called on the connection's loop thread (or the thread
 * replaying the append-only file) with the shards of the command's keys locked: everything it
 * does through {@code ctx} is atomic with respect to every other command.
 *
 * <p>It must reply exactly once through {@link CommandContext#reply()} (or throw), must not
 * block, and must not keep {@code ctx} or its keys after returning. A {@link
 * io.lime.LimeException} it throws is replied as that error (its message is the Redis error
 * text, e.g. {@code WRONGTYPE ...}); any other exception is replied as {@code ERR} with its
 * message. Throw before changing anything: there is no rollback.
 */
@FunctionalInterface
public interface CommandHandler {
  /**
   * Runs the command.
   *
   * @param ctx the arguments, keys and reply sink of this call
   */
  void handle(CommandContext ctx);
}
