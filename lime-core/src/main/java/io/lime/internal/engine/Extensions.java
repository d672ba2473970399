package io.lime.internal.engine;

import io.lime.command.CommandModule;
import io.lime.command.CustomCommand;
import io.lime.command.CustomType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The custom commands and value types registered with an engine ({@code io.lime.command}):
 * read by every command table built over the engine (servers, the AOF loader) and by the
 * snapshot reader and writer (custom types). Immutable; an engine holds one, replaced whole.
 *
 * @param commands the commands, in registration order
 * @param types the value types by name
 */
public record Extensions(List<CustomCommand> commands, Map<String, CustomType<?>> types) {
  /** Nothing registered. */
  public static final Extensions NONE = new Extensions(List.of(), Map.of());

  /** Copies the arguments. */
  public Extensions {
    commands = List.copyOf(commands);
    types = Map.copyOf(types);
  }

  /**
   * These plus {@code extra} commands and {@code moreTypes}.
   *
   * @throws IllegalArgumentException if a command name or type name is registered twice
   */
  public Extensions plus(List<CustomCommand> extra, List<CustomType<?>> moreTypes) {
    List<CustomCommand> c = new ArrayList<>(commands);
    for (CustomCommand cmd : extra) {
      for (CustomCommand have : c) {
        if (have.name().equals(cmd.name())) {
          throw new IllegalArgumentException("command " + cmd.name() + " registered twice");
        }
      }
      c.add(cmd);
    }
    Map<String, CustomType<?>> t = new LinkedHashMap<>(types);
    for (CustomType<?> type : moreTypes) {
      CustomType<?> had = t.putIfAbsent(type.name(), type);
      if (had != null && had != type) {
        throw new IllegalArgumentException("type " + type.name() + " registered twice");
      }
    }
    return new Extensions(c, t);
  }

  /** These plus a module's commands and types. */
  public Extensions plus(CommandModule module) {
    return plus(module.commands(), module.types());
  }

  /**
   * Whether nothing is registered (equal to {@link #NONE}). Cheaper at start-up than the
   * record's {@code equals}, whose first call bootstraps {@code ObjectMethods} (~10 ms).
   */
  public boolean isEmpty() {
    return commands.isEmpty() && types.isEmpty();
  }

  /** The registered type named {@code name}, or null. */
  public @Nullable CustomType<?> type(String name) {
    return types.get(name);
  }
}
