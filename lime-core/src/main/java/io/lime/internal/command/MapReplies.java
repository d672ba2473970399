package io.lime.internal.command;

import io.lime.resp.ReplySink;

/**
 * One field of a map reply (INFO-like replies: XINFO, ACL LOG, MEMORY STATS): the field's
 * name as a bulk string, then its value. The caller writes the map header (a flat array in
 * RESP2, a map in RESP3: {@link ReplySink#mapHeader}).
 */
final class MapReplies {
  private MapReplies() {}

  /** {@code name} and an integer value. */
  static void field(ReplySink out, String name, long value) {
    out.bulk(name);
    out.integer(value);
  }

  /** {@code name} and a bulk string value. */
  static void field(ReplySink out, String name, String value) {
    out.bulk(name);
    out.bulk(value);
  }

  /** {@code name} and a bulk string value. */
  static void field(ReplySink out, String name, byte[] value) {
    out.bulk(name);
    out.bulk(value);
  }
}
