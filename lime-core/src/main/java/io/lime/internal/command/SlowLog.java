package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow log (Redis's slowlog.c): commands that ran for at least
 * {@code slowlog-log-slower-than} microseconds (negative: never; 0: every command), newest
 * first, at most {@code slowlog-max-len} entries. An entry keeps at most
 * {@value #MAX_ARGC} arguments (the last replaced by {@code "... (N more arguments)"}) and at
 * most {@value #MAX_STRING} bytes of each ({@code "... (N more bytes)"} appended), the
 * client's address and name.
 *
 * <p>Thread-safety: pushes and reads synchronize on the log; the hot path reads the
 * threshold from a volatile field first, so a command under it costs no lock.
 */
final class SlowLog implements ConfigRegistry.NamedListener {
  /** SLOWLOG_ENTRY_MAX_ARGC. */
  static final int MAX_ARGC = 32;
  /** SLOWLOG_ENTRY_MAX_STRING. */
  static final int MAX_STRING = 128;

  /** One entry as SLOWLOG GET replies it. */
  record Entry(long id, long timeSeconds, long micros, byte[][] args, String peer, String name) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long nextId;
  private volatile long slowerThanMicros;
  private volatile long maxLen;

  SlowLog(ConfigRegistry config) {
    slowerThanMicros = config.getLong("slowlog-log-slower-than");
    maxLen = config.getLong("slowlog-max-len");
    config.onChange(this, "slowlog-log-slower-than", "slowlog-max-len");
  }

  /** CONFIG SET of this log's directives (the log is its own listener: no lambda). */
  @Override
  public void changed(String name, String v) {
    if (name.equals("slowlog-log-slower-than")) {
      slowerThanMicros = Long.parseLong(v);
    } else { // slowlog-max-len
      maxLen = Long.parseLong(v);
      synchronized (this) {
        trim();
      }
    }
  }

  /** Whether a command that ran {@code micros} is logged (slowlogPushEntryIfNeeded's test). */
  boolean wants(long micros) {
    long t = slowerThanMicros;
    return t >= 0 && micros >= t;
  }

  /** Logs a command that ran {@code micros}; the caller checked {@link #wants}. */
  void push(ClientSession client, Argv argv, long micros, long nowMillis) {
    byte[][] args = trimmedArgs(argv);
    String name = client.name();
    synchronized (this) {
      entries.addFirst(new Entry(nextId++, nowMillis / 1000, micros, args, client.address(),
          name == null ? "" : name));
      trim();
    }
  }

  private void trim() {
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }

  static byte[][] trimmedArgs(Argv argv) {
    int argc = Math.min(argv.size(), MAX_ARGC);
    byte[][] out = new byte[argc][];
    for (int i = 0; i < argc; i++) {
      if (argc != argv.size() && i == argc - 1) {
        out[i] = ascii("... (" + (argv.size() - argc + 1) + " more arguments)");
        break;
      }
      int len = argv.length(i);
      if (len > MAX_STRING) {
        byte[] more = ascii("... (" + (len - MAX_STRING) + " more bytes)");
        byte[] a = new byte[MAX_STRING + more.length];
        System.arraycopy(argv.array(), argv.offset(i), a, 0, MAX_STRING);
        System.arraycopy(more, 0, a, MAX_STRING, more.length);
        out[i] = a;
      } else {
        out[i] = argv.copy(i);
      }
    }
    return out;
  }

  /** The newest {@code count} entries (all when {@code count} exceeds the length). */
  synchronized List<Entry> newest(long count) {
    List<Entry> out = new ArrayList<>((int) Math.min(count, entries.size()));
    for (Entry e : entries) {
      if (out.size() >= count) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /** SLOWLOG LEN. */
  synchronized int length() {
    return entries.size();
  }

  /** SLOWLOG RESET: empties the log; ids keep counting, as in Redis. */
  synchronized void reset() {
    entries.clear();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
