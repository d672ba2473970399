package io.lime.command;

import java.util.List;

/**
 * A set of custom commands and value types registered together, as a Redis module: what
 * {@code LimeServer.Builder.module(...)} and {@code @LimeTest(modules = ...)} take. A class
 * named in {@code @LimeTest} needs a public no-argument constructor.
 */
public interface CommandModule {
  /** The commands. */
  List<CustomCommand> commands();

  /** The value types the commands store (default: none). */
  default List<CustomType<?>> types() {
    return List.of();
  }
}
