package io.lime.internal.command;

import io.lime.resp.ReplySink;

/**
 * A sink that discards every reply (CLIENT REPLY OFF/SKIP). Stateless; reports RESP2 as its
 * protocol, so use it only where the protocol of a discarded reply does not matter.
 */
public final class NoReply implements ReplySink {
  /** The shared instance. */
  public static final NoReply INSTANCE = new NoReply();

  private NoReply() {}

  @Override public int protocol() { return 2; }
  @Override public void ok() { }
  @Override public void simple(String text) { }
  @Override public void error(String text) { }
  @Override public void error(byte[] text) { }
  @Override public void integer(long value) { }
  @Override public void bulk(byte[] value) { }
  @Override public void bulk(byte[] value, int offset, int length) { }
  @Override public void bulk(String value) { }
  @Override public void bulk(long value) { }
  @Override public void nullBulk() { }
  @Override public void nullArray() { }
  @Override public void arrayHeader(int count) { }
  @Override public void mapHeader(int count) { }
  @Override public void setHeader(int count) { }
  @Override public void pushHeader(int count) { }
  @Override public void doubleValue(double value) { }
  @Override public void bool(boolean value) { }
  @Override public void bigNumber(String digits) { }
  @Override public void verbatim(String format, String text) { }
  @Override public void raw(byte[] encoded) { }
}
