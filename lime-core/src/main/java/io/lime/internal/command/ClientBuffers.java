package io.lime.internal.command;

/**
 * A connection's buffers as CLIENT LIST and CLIENT INFO show them (Redis's qbuf, qbuf-free,
 * obl, oll, omem, events and the buffers' part of tot-mem). Installed by the network server
 * on its sessions; computed when asked, so the command path does no extra work.
 *
 * <p>Thread-safety: called from any loop thread while the connection's own loop may be
 * changing its buffers: the figures are a racy estimate, never an exception.
 */
public interface ClientBuffers {
  /**
   * The figures; {@link #NONE} for a session without a connection. {@code rbs} is the reply
   * buffer's size, {@code rbp} the most of it used at once (Redis's buf_usable_size and
   * buf_peak; LIME's peak spans the connection's life, Redis's the last 5 seconds).
   */
  record Snapshot(long qbuf, long qbufFree, long obl, long oll, long omem, long memory,
      String events, long rbs, long rbp) {}

  /** A session without a connection (in-process callers): Redis's smallest reply buffer. */
  Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0, "r", 1024, 0);

  /** The connection's current figures. */
  Snapshot snapshot();
}
