package io.lime.command;

import io.lime.resp.ReplySink;

/**
 * One call of a {@link CustomCommand}: its arguments, its (locked) keys, the reply sink and
 * propagation. Valid only during {@link CommandHandler#handle}; not thread-safe (used by the
 * one thread running the command).
 */
public interface CommandContext {
  /** Number of arguments, the command name included (as Redis's {@code argc}). */
  int argc();

  /**
   * Argument {@code i} (0 is the command name), a fresh copy.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #argc()}
   */
  byte[] arg(int i);

  /**
   * Argument {@code i} decoded as UTF-8.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #argc()}
   */
  String argString(int i);

  /**
   * Argument {@code i} as a 64-bit integer, parsed as Redis does (no spaces, no {@code +}).
   *
   * @throws io.lime.NotIntegerException ({@code ERR value is not an integer or out of range})
   *     if it is not one
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #argc()}
   */
  long argLong(int i);

  /**
   * The key at argument {@code i}, whose shard this command holds locked: one of the
   * positions the command declared ({@link CustomCommand.Builder#keys}).
   *
   * @throws IllegalArgumentException if argument {@code i} is not a declared key position
   */
  CustomKey key(int i);

  /** Where to reply: the client's RESP2/RESP3 sink (one reply per call). */
  ReplySink reply();

  /** The command's time, Unix milliseconds (one clock read per command, as Redis). */
  long now();

  /** The client's selected database. */
  int database();

  /**
   * Logs {@code argv} to the append-only file instead of the command as given (for a command
   * whose effect is not deterministic: a random choice, a relative time). No-op when no
   * persistence logs commands. The arrays are kept: pass fresh ones.
   */
  void propagateAs(byte[]... argv);
}
