package io.lime.internal.command;

/**
 * How out-of-band replies (pub/sub messages, RESP3 push frames) reach a client connection:
 * installed on a {@link ClientSession} by the server ({@link ClientSession#pushOutput}).
 * Deliberately leaves out framing and protocol: callers hand over finished RESP bytes.
 *
 * <p>Thread-safety: {@link #write} only on the connection's thread ({@link #inLoop()} true);
 * the other methods from any thread.
 */
public interface PushOutput {
  /** Whether the calling thread is the connection's own thread, so {@link #write} is allowed. */
  boolean inLoop();

  /**
   * Appends {@code frame} to the connection's pending replies, after what is already there;
   * the connection sends it once the current command batch ends (or soon, when called from
   * another connection's command on the same thread). Connection thread only.
   */
  void write(byte[] frame);

  /** Runs {@code task} on the connection's thread, then sends what it wrote. Any thread. */
  void execute(Runnable task);

  /**
   * Reply bytes accepted but not yet taken by the socket (Redis's output buffer size, for
   * {@code client-output-buffer-limit}); approximate when read from another thread.
   */
  long pendingBytes();

  /**
   * Closes the connection as soon as possible without sending what is pending, logging
   * {@code reason} at warning level (Redis's freeClientAsync after an output limit). Any thread.
   */
  void closeAsap(String reason);

  /** Sends {@code frame} from any thread: {@link #write} on the connection's thread, else a task. */
  default void send(byte[] frame) {
    if (inLoop()) {
      write(frame);
    } else {
      execute(() -> write(frame));
    }
  }
}
