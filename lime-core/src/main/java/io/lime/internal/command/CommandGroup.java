package io.lime.internal.command;

import java.util.List;

/**
 * A family of commands ({@code StringCommands}, {@code KeyCommands}, ...): one class per
 * group, one method per command, and the group's specs as data.
 */
public interface CommandGroup {
  /** The specs of this group's commands. */
  List<CommandSpec> commands();

  /**
   * Runs this group's command number {@code op} (one of the group's {@code OP_*} constants),
   * for handlers made with {@link #handler(int)}: a group doing so overrides this with a
   * switch calling one method per command.
   *
   * @throws UnsupportedOperationException if the group registers no such handlers
   */
  default void execute(int op, Call call) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " op " + op);
  }

  /**
   * The handler that runs {@link #execute(int, Call) execute(op, call)}. Groups register
   * these instead of method references ({@code this::get}) for start-up time: every method
   * reference is linked on first use by an invokedynamic bootstrap that spins a hidden class
   * (about 0.2 ms each), which for 200+ commands dominated the first server start in a JVM.
   */
  default CommandHandler handler(int op) {
    return new GroupHandler(this, op);
  }
}
