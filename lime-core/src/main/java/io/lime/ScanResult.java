package io.lime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a keyspace scan: the cursor to continue from and the keys this step returned.
 *
 * <p>Guarantees (Redis's SCAN): a full scan, from cursor 0 until a step returns cursor 0,
 * returns every key present for the whole scan at least once; keys added or removed during
 * the scan may or may not be returned; a key may be returned more than once; a step may
 * return no keys without the scan being complete.
 *
 * @param cursor the cursor for the next step (an unsigned 64-bit value); 0 when complete
 * @param keys the keys of this step, in no particular order; the arrays must not be modified
 */
public record ScanResult(long cursor, List<byte[]> keys) {
  /** Defensive copy of the list (not of the arrays). */
  public ScanResult {
    keys = List.copyOf(keys);
  }

  /** Whether the scan is complete (the cursor is 0). */
  public boolean isComplete() {
    return cursor == 0;
  }

  /** The keys decoded as UTF-8 (invalid sequences replaced). */
  public List<String> keysAsStrings() {
    List<String> out = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      out.add(new String(k, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The cursor as Redis prints it (unsigned decimal). */
  public String cursorString() {
    return Long.toUnsignedString(cursor);
  }
}
