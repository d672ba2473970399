package io.lime.internal.command;

import java.nio.charset.StandardCharsets;

/**
 * In-process runner for the connection, client, server and COMMAND tests: a
 * {@link CommandFixture} whose clock starts off a whole second and whose replies are UTF-8
 * text; new clients are authenticated unless requirepass is set.
 */
final class ConnFixture extends CommandFixture {
  static final long START_MILLIS = 1_700_000_000_123L;

  ConnFixture() {
    super(START_MILLIS, StandardCharsets.UTF_8, false);
  }

  /** A new registered client, authenticated unless requirepass is set. */
  Client connect() {
    return newClient(!state.requiresPassword());
  }
}
