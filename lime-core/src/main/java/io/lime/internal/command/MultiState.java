package io.lime.internal.command;

import io.lime.internal.engine.KeyspaceEvents;
import io.lime.resp.Argv;
import java.util.ArrayList;

/**
 * One client's transaction state (Redis's {@code multiState} plus the CLIENT_MULTI,
 * CLIENT_DIRTY_EXEC flags and the watched keys): whether it is between MULTI and EXEC, the
 * queued commands (copied out of the connection's buffer), whether a command was rejected
 * while queueing, and the {@link KeyspaceEvents.Watcher} of its WATCHed keys.
 *
 * <p>Owned by the connection's thread; the watcher's dirty flag is set by other threads.
 */
final class MultiState {
  private final KeyspaceEvents events;
  private final KeyspaceEvents.Watcher watcher = new KeyspaceEvents.Watcher();
  private final ArrayList<Argv> queue = new ArrayList<>();
  /** Queued commands in {@link #queue} (the list keeps spare Argv objects for reuse). */
  private int size;
  private boolean active;
  /** EXEC is running the queue: not queueing, but still MULTI for CLIENT LIST. */
  private boolean executing;
  private boolean dirtyExec;
  /** A queued command may grow memory (Redis's mstate.cmd_flags & CMD_DENYOOM). */
  private boolean denyoom;
  /** A queued command is a write (Redis's mstate.cmd_flags & CMD_WRITE). */
  private boolean write;

  MultiState(KeyspaceEvents events) {
    this.events = events;
  }

  /** Whether the client is between MULTI and EXEC (commands are queued). */
  boolean active() { return active; }

  /** Whether EXEC is running the queued commands (CLIENT LIST {@code x}, {@code multi=}). */
  boolean executing() { return executing; }

  /** EXEC starts running the queue: commands are no longer queued (the queue stays). */
  void startExec() {
    active = false;
    executing = true;
  }

  /** MULTI. */ void begin() { active = true; }

  /** Redis's flagTransaction (CLIENT_DIRTY_EXEC): only while in MULTI. */
  void flag() {
    if (active) {
      dirtyExec = true;
    }
  }

  /** Whether a command was rejected while queueing. */ boolean dirtyExec() { return dirtyExec; }

  /** Whether a queued command is flagged {@code denyoom} (EXEC is refused under OOM then). */
  boolean denyoom() { return denyoom; }

  /** Whether a queued command is flagged {@code write} (EXEC is refused under MISCONF then). */
  boolean write() { return write; }

  /** The watcher of this client's WATCHed keys. */
  KeyspaceEvents.Watcher watcher() { return watcher; }

  /**
   * Queues a copy of {@code argv}; skipped once the transaction can no longer run (as
   * Redis's queueMultiCommand, which still replies QUEUED).
   */
  void queue(Argv argv, boolean mayGrowMemory, boolean writes) {
    if (dirtyExec || watcher.dirty()) {
      return;
    }
    denyoom |= mayGrowMemory;
    write |= writes;
    Argv copy;
    if (size < queue.size()) {
      copy = queue.get(size);
    } else {
      copy = new Argv();
      queue.add(copy);
    }
    copy.copyFrom(argv);
    size++;
  }

  /** Number of queued commands. */ int size() { return size; }

  /** The {@code i}-th queued command ({@code i < size()}). */ Argv queued(int i) { return queue.get(i); }

  /** Queued command {@code i}. */ Argv command(int i) { return queue.get(i); }

  /** Leaves MULTI, drops the queue and the flags, keeps the WATCHes (EXEC unwatches itself). */
  void endMulti() {
    active = false;
    executing = false;
    dirtyExec = false;
    denyoom = false;
    write = false;
    size = 0;
    if (queue.size() > MAX_SPARE_COMMANDS) {
      queue.subList(MAX_SPARE_COMMANDS, queue.size()).clear();
    }
    for (Argv a : queue) {
      if (a.array().length > MAX_SPARE_BYTES) {
        queue.clear(); // do not pin a big transaction's buffers
        break;
      }
    }
  }

  /** Redis's discardTransaction: leaves MULTI and unwatches every key. */
  void discard() {
    endMulti();
    unwatch();
  }

  /** UNWATCH: forgets every watched key and the dirty flag. */
  void unwatch() {
    if (!watcher.isEmpty() || watcher.dirty()) {
      events.unwatchAll(watcher);
    }
  }

  /** Spare queued-command buffers kept between transactions. */
  private static final int MAX_SPARE_COMMANDS = 16;
  /** Largest argument arena kept as a spare. */
  private static final int MAX_SPARE_BYTES = 16 * 1024;
}
