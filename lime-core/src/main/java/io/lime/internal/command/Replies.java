package io.lime.internal.command;

import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * Reply shapes the command groups share: a bulk string or null, and one field of a map reply
 * (INFO-like replies: XINFO, ACL LOG, MEMORY STATS), the field's name as a bulk string then
 * its value, after a map header the caller writes ({@link ReplySink#mapHeader}: a flat array
 * in RESP2, a map in RESP3). Static, allocation-free.
 */
final class Replies {
  private Replies() {}

  /** {@code value} as a bulk string, or a null bulk when it is null. */
  static void bulkOrNull(ReplySink out, byte @Nullable [] value) {
    if (value == null) {
      out.nullBulk();
    } else {
      out.bulk(value);
    }
  }

  /** {@code value} as a bulk string, or a null bulk when it is null. */
  static void bulkOrNull(ReplySink out, @Nullable String value) {
    if (value == null) {
      out.nullBulk();
    } else {
      out.bulk(value);
    }
  }

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
