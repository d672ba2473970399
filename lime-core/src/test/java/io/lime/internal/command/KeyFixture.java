package io.lime.internal.command;

import io.lime.internal.type.StringType;
import java.nio.charset.StandardCharsets;

/**
 * In-process command runner for the key, expiry and database tests: a {@link CommandFixture}
 * that can store string values directly.
 */
final class KeyFixture extends CommandFixture {
  /** Stores a string value directly (no dependency on SET). */
  void put(int db, String key, String value) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    replace(db, key, StringType.encode(v, 0, v.length));
  }

  void put(String key, String value) {
    put(0, key, value);
  }
}
