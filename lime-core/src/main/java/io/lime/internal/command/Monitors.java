package io.lime.internal.command;

import io.lime.internal.engine.RareChecks;
import io.lime.resp.Argv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The clients in MONITOR mode and the line each is sent per command (Redis's
 * replicationFeedMonitors): a simple string
 * {@code +<seconds>.<micros> [<db> <addr>] "arg" "arg"...}, each argument quoted as sdscatrepr
 * does ({@code \\ \" \n \r \t \a \b} escaped, other bytes outside 32..126 as {@code \xhh}).
 *
 * <p>As in Redis 7.0 a command is fed after it ran (so {@code SELECT 1} shows database 1), by
 * every caller, unless it is an admin command or flagged {@code skip_monitor}; commands of a
 * transaction are fed when EXEC runs them, then EXEC itself; commands refused before running
 * (unknown, arity, queued by MULTI) are not fed. EVAL/FCALL and their variants are fed before
 * the script runs, and the script's commands then as {@code [db lua]}; AUTH, HELLO AUTH and
 * MIGRATE passwords show as {@code "(redacted)"} ({@link Redaction}).
 *
 * <p>Thread-safety: any thread may feed; a monitor on another loop receives the line through
 * a task on its loop (lines from one thread keep their order). The list is copy-on-write:
 * MONITOR is rare, feeding does one volatile read when nobody monitors.
 */
final class Monitors {
  private final CopyOnWriteArrayList<ClientSession> monitors = new CopyOnWriteArrayList<>();
  private final RareChecks rare;

  Monitors(RareChecks rare) {
    this.rare = rare;
  }

  /** Adds a monitor (MONITOR); false when it already is one. */
  synchronized boolean add(ClientSession s) {
    rare.set(RareChecks.MONITOR, true);
    boolean added = monitors.addIfAbsent(s);
    rare.set(RareChecks.MONITOR, !monitors.isEmpty());
    return added;
  }

  /** Removes a monitor (disconnect, RESET); no effect when it is not one. */
  synchronized void remove(ClientSession s) {
    monitors.remove(s);
    rare.set(RareChecks.MONITOR, !monitors.isEmpty());
  }

  /** Whether {@code s} is a monitor (CLIENT LIST flag {@code O}). */
  boolean contains(ClientSession s) {
    return !monitors.isEmpty() && monitors.contains(s);
  }

  /** Number of monitors (INFO {@code connected_slaves} does not count them; tests do). */
  int size() {
    return monitors.size();
  }

  /** Whether any client monitors (one volatile read). */
  boolean active() {
    return !monitors.isEmpty();
  }

  /** Feeds the command {@code argv} run by {@code source} to every monitor. */
  void feed(ClientSession source, Argv argv) {
    byte[] line = line(Instant.now(), source.db(), monitorAddress(source), argv);
    for (ClientSession m : monitors) {
      PushOutput out = m.pushOutput();
      if (out != null) {
        out.send(line);
      }
    }
  }

  /**
   * How a MONITOR line names its client (replicationFeedMonitors): {@code unix:<socket path>}
   * for a unix-socket client, else its address.
   */
  static String monitorAddress(ClientSession c) {
    if (c.unixSocket()) {
      String a = c.localAddress(); // the socket path with Redis's ":0" port
      return "unix:" + (a.endsWith(":0") ? a.substring(0, a.length() - 2) : a);
    }
    return c.address();
  }

  /** The simple-string frame of one command. */
  static byte[] line(Instant when, int db, String address, Argv argv) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    long micros = when.getNano() / 1000;
    String head = "+" + when.getEpochSecond() + "." + "0".repeat(6 - digits(micros)) + micros
        + " [" + db + " " + address + "] ";
    b.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) {
        b.write(' ');
      }
      repr(b, argv.array(), argv.offset(i), argv.length(i));
    }
    b.write('\r');
    b.write('\n');
    return b.toByteArray();
  }

  private static int digits(long n) {
    return n < 10 ? 1 : 1 + digits(n / 10);
  }

  /** Redis's sdscatrepr: the bytes quoted, with C escapes. */
  static void repr(ByteArrayOutputStream b, byte[] a, int off, int len) {
    b.write('"');
    for (int i = off; i < off + len; i++) {
      int c = a[i] & 0xff;
      switch (c) {
        case '\\', '"' -> {
          b.write('\\');
          b.write(c);
        }
        case '\n' -> esc(b, 'n');
        case '\r' -> esc(b, 'r');
        case '\t' -> esc(b, 't');
        case 7 -> esc(b, 'a');
        case '\b' -> esc(b, 'b');
        default -> {
          if (c >= 32 && c < 127) {
            b.write(c);
          } else {
            b.writeBytes(String.format("\\x%02x", c).getBytes(StandardCharsets.US_ASCII));
          }
        }
      }
    }
    b.write('"');
  }

  private static void esc(ByteArrayOutputStream b, char c) {
    b.write('\\');
    b.write(c);
  }
}
