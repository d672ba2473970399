package io.lime.internal.aof;

import io.lime.internal.type.HashValue;
import io.lime.internal.type.ListValue;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.StreamValue;
import io.lime.internal.type.StringType;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.persistence.SnapshotVisitor;
import io.lime.resp.DoubleFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot as AOF commands (Redis's rewriteAppendOnlyFileRio, used when
 * {@code aof-use-rdb-preamble no}): SELECT per database, then per key SET, RPUSH, SADD,
 * HMSET or ZADD in batches (streams: {@link AofStreams}) of {@link #ITEMS_PER_COMMAND} items, and PEXPIREAT for a deadline.
 */
final class AofBaseWriter implements SnapshotVisitor {
  /** Items per command when a collection is rewritten (Redis's AOF_REWRITE_ITEMS_PER_CMD). */
  static final int ITEMS_PER_COMMAND = 64;

  private final ByteArrayOutputStream out;

  AofBaseWriter(ByteArrayOutputStream out) {
    this.out = out;
  }

  @Override
  public void beginDatabase(int db, long keys, long keysWithExpiry) {
    RespLog.command(out, new byte[][] {ascii("SELECT"), ascii(Integer.toString(db))});
  }

  @Override
  public void entry(int db, byte[] key, Object value, long expireAtMillis) {
    if (StringType.isString(value)) {
      RespLog.command(out, new byte[][] {ascii("SET"), key, StringType.toBytes(value)});
    } else if (value instanceof ListValue l) {
      batches("RPUSH", key, l.copyRange(0, l.size()), ITEMS_PER_COMMAND);
    } else if (value instanceof SetValue s) {
      batches("SADD", key, SetType.members(s), ITEMS_PER_COMMAND);
    } else if (value instanceof HashValue h) {
      List<byte[]> items = new ArrayList<>(h.size() * 2);
      h.forEach((fb, fo, fl, vb, vo, vl) -> {
        items.add(java.util.Arrays.copyOfRange(fb, fo, fo + fl));
        items.add(java.util.Arrays.copyOfRange(vb, vo, vo + vl));
      });
      batches("HMSET", key, items, ITEMS_PER_COMMAND * 2); // field-value pairs
    } else if (value instanceof SortedSetValue z) {
      List<byte[]> items = new ArrayList<>(z.size() * 2);
      SortedSetType.forEach(z, (b, off, len, score) -> {
        items.add(ascii(DoubleFormat.g17(score)));
        items.add(java.util.Arrays.copyOfRange(b, off, off + len));
        return true;
      });
      batches("ZADD", key, items, ITEMS_PER_COMMAND * 2); // score-member pairs
    } else if (value instanceof StreamValue st) {
      AofStreams.write(out, key, st);
    } else if (value instanceof io.lime.internal.type.CustomValue c) {
      // no command rebuilds a custom value: its base must be RDB (aof-use-rdb-preamble yes)
      throw new IllegalStateException("custom type " + c.type().name() + " cannot be rewritten"
          + " as commands: use aof-use-rdb-preamble yes");
    } else {
      throw new IllegalStateException("unknown value type " + value.getClass());
    }
    if (expireAtMillis >= 0) {
      RespLog.command(out, new byte[][] {ascii("PEXPIREAT"), key,
          ascii(Long.toString(expireAtMillis))});
    }
  }

  /** {@code cmd key item...} per {@code perCommand} items. */
  private void batches(String cmd, byte[] key, List<byte[]> items, int perCommand) {
    for (int i = 0; i < items.size(); i += perCommand) {
      int n = Math.min(perCommand, items.size() - i);
      byte[][] argv = new byte[n + 2][];
      argv[0] = ascii(cmd);
      argv[1] = key;
      for (int j = 0; j < n; j++) {
        argv[j + 2] = items.get(i + j);
      }
      RespLog.command(out, argv);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
