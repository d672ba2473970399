package io.lime.resp;

/**
 * Receives each complete command found by {@link RequestParser#parse}.
 *
 * <p>The {@link Argv} is owned by the parser and reused for the next command: it is valid only
 * until this method returns; copy what must outlive the call ({@link Argv#copy(int)}).
 */
@FunctionalInterface
public interface CommandHandler {

  /**
   * Handles one command.
   *
   * @param argv the arguments, command name first; never empty
   * @return {@code true} to go on with the next buffered command, {@code false} to stop (client
   *     blocked, {@code QUIT}, output buffer full); the parser keeps the unparsed bytes and the
   *     next {@code parse} call resumes there
   */
  boolean onCommand(Argv argv);
}
