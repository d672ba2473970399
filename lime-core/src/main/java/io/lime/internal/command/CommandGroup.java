package io.lime.internal.command;

import java.util.List;

/**
 * A family of commands ({@code StringCommands}, {@code KeyCommands}, ...): one class per
 * group, one method per command, and the group's specs as data.
 */
public interface CommandGroup {
  /** The specs of this group's commands. */
  List<CommandSpec> commands();
}
