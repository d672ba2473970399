package io.lime.internal.command;

import io.lime.resp.ReplySink;
import io.lime.resp.RespWriter;
import org.jspecify.annotations.Nullable;

/**
 * The sink every command of a connection replies through: forwards to the connection's real
 * sink unless the client muted its replies (CLIENT REPLY OFF, or the one command after
 * CLIENT REPLY SKIP), and counts error replies for {@code failed_calls}, INFO errorstats and
 * {@code total_error_replies} (Redis counts errors even when the reply is not sent).
 *
 * <p>One instance per {@link ClientSession}, re-aimed by the dispatcher for each command, so
 * it allocates nothing. Errors written with {@link #raw} (pre-encoded) are not counted.
 *
 * <p>Not thread-safe: used by the connection's thread only.
 */
public final class ReplyGate implements ReplySink {
  private ReplySink target = NoReply.INSTANCE;
  private @Nullable ServerState server;
  private boolean mutedBySkip;
  private boolean mutedByOff;
  private int errors;

  ReplyGate() {}

  /** Aims the gate at {@code out} for one command. */
  void open(ReplySink out, ServerState server, boolean skip, boolean off) {
    this.target = out;
    this.server = server;
    this.mutedBySkip = skip;
    this.mutedByOff = off;
    this.errors = 0;
  }

  /** Number of error replies since {@link #open}. */ int errors() { return errors; }

  /**
   * Resets the count to {@code n} (EXEC: errors of the queued commands count for them, not
   * for EXEC, as Redis's failed_calls). Errorstats are not affected.
   */
  void errors(int n) {
    errors = n;
  }

  /** The real sink behind the gate. */ ReplySink target() { return target; }

  /**
   * The sink for a push that CLIENT REPLY OFF/SKIP do not mute (Redis's CLIENT_PUSHING:
   * pub/sub confirmations and messages, tracking invalidations): the real sink behind
   * {@code out} when it is a gate, else {@code out}.
   */
  static ReplySink pushing(ReplySink out) {
    return out instanceof ReplyGate g ? g.target : out;
  }

  /** CLIENT REPLY ON: the rest of this command's reply is sent. */
  void unmute() {
    mutedBySkip = false;
    mutedByOff = false;
  }

  /** RESET: clears CLIENT REPLY OFF but not a pending SKIP of this very command. */
  void unmuteOff() { mutedByOff = false; }

  private ReplySink out() {
    return mutedBySkip || mutedByOff ? NoReply.INSTANCE : target;
  }

  /**
   * Switches the connection to RESP {@code version}: the client's protocol and, when the real
   * sink of {@code out} is a {@link RespWriter}, its encoding (HELLO, RESET).
   */
  static void switchProtocol(ClientSession client, ReplySink out, int version) {
    client.protocol(version);
    ReplySink real = out instanceof ReplyGate g ? g.target : out;
    if (real instanceof RespWriter w) {
      w.setProtocol(version);
    }
  }

  // ------------------------------------------------------------------------- replies
  // Gated: each reply goes to out(), the real sink or NoReply while muted; errors are
  // counted first, sent or not.

  @Override
  public int protocol() {
    return target.protocol();
  }

  /** Gated. */ @Override public void ok() { out().ok(); }
  /** Gated. */ @Override public void simple(String text) { out().simple(text); }

  @Override
  public void error(String text) {
    errors++;
    ServerState s = server;
    if (s != null) {
      s.countError(text);
    }
    out().error(text);
  }

  @Override
  public void error(byte[] text) {
    errors++;
    ServerState s = server;
    if (s != null) {
      s.countError(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    out().error(text);
  }

  /** Gated. */ @Override public void integer(long value) { out().integer(value); }
  /** Gated. */ @Override public void bulk(byte[] value) { out().bulk(value); }

  @Override
  public void bulk(byte[] value, int offset, int length) {
    out().bulk(value, offset, length);
  }

  /** Gated. */ @Override public void bulk(String value) { out().bulk(value); }
  /** Gated. */ @Override public void bulk(long value) { out().bulk(value); }
  /** Gated. */ @Override public void nullBulk() { out().nullBulk(); }
  /** Gated. */ @Override public void nullArray() { out().nullArray(); }
  /** Gated. */ @Override public void arrayHeader(int count) { out().arrayHeader(count); }
  /** Gated. */ @Override public void mapHeader(int count) { out().mapHeader(count); }
  /** Gated. */ @Override public void setHeader(int count) { out().setHeader(count); }
  /** Gated. */ @Override public void pushHeader(int count) { out().pushHeader(count); }
  /** Gated. */ @Override public void doubleValue(double value) { out().doubleValue(value); }
  /** Gated. */ @Override public void bool(boolean value) { out().bool(value); }
  /** Gated. */ @Override public void bigNumber(String digits) { out().bigNumber(digits); }

  /** Gated. */
  @Override public void verbatim(String format, String text) { out().verbatim(format, text); }

  /** Gated. */ @Override public void raw(byte[] encoded) { out().raw(encoded); }
}
