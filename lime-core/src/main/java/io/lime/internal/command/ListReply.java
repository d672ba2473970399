package io.lime.internal.command;

import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.ListSink;
import io.lime.resp.ReplySink;

/**
 * The RESP door's {@link ListSink}s: where list operations put the elements they read or
 * pop, straight into the reply, in place (no copy; stateless constants, so no allocation).
 */
enum ListReply implements ListSink<ReplySink> {
  /** An array of the elements (LRANGE, LPOP with a count). */
  ARRAY {
    @Override
    public void begin(ReplySink out, LockedKey k, long n) {
      out.arrayHeader((int) n);
    }
  },
  /** {@code [key, [elements]]} (LMPOP, BLMPOP). */
  KEYED {
    @Override
    public void begin(ReplySink out, LockedKey k, long n) {
      out.arrayHeader(2);
      out.bulk(k.array(), k.offset(), k.length());
      out.arrayHeader((int) n);
    }
  },
  /**
   * {@code [key, element]} for a popped element, nothing when the key is missing (BLPOP and
   * BRPOP with data, which then try the next key).
   */
  KEYED_ONE {
    @Override
    public void begin(ReplySink out, LockedKey k, long n) {
      if (n != 0) {
        out.arrayHeader(2);
        out.bulk(k.array(), k.offset(), k.length());
      }
    }
  },
  /** One element, or a null bulk when there is none (LINDEX, LPOP and RPOP without a count). */
  BULK {
    @Override
    public void begin(ReplySink out, LockedKey k, long n) {
      if (n == 0) {
        out.nullBulk();
      }
    }
  };

  @Override
  public void element(ReplySink out, byte[] b, int off, int len) {
    out.bulk(b, off, len);
  }
}
