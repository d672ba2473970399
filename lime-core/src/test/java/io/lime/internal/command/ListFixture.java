package io.lime.internal.command;

import java.nio.charset.StandardCharsets;

/**
 * In-process runner for the list command tests: a {@link CommandFixture} whose clients can
 * block. Each {@link Client} has a "loop" executor that queues tasks until
 * {@link Client#drain()} runs them, as a server loop thread would.
 */
final class ListFixture extends CommandFixture {
  ListFixture() {
    super(START_MILLIS, StandardCharsets.ISO_8859_1, true);
  }

  Client client() {
    return newClient(true);
  }

  /** Times out every waiter past its deadline (what the timer thread does). */
  int expire() {
    return engine.blocking().expireDue(engine.now());
  }
}
