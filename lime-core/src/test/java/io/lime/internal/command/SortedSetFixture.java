package io.lime.internal.command;

/** In-process runner for the sorted set tests: a {@link CommandFixture} with one-line commands. */
final class SortedSetFixture extends CommandFixture {
  /** Runs a command given as one string split on single spaces. */
  String line(String line) {
    return run(line.split(" "));
  }
}
