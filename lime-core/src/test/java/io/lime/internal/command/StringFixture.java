package io.lime.internal.command;

import io.lime.internal.engine.Entry;
import io.lime.internal.type.StringType;

/**
 * In-process runner for the string command tests: a {@link CommandFixture} that can read an
 * entry's encoding and TTL and plant a value of another type, without other groups' commands.
 */
final class StringFixture extends CommandFixture {
  /** OBJECT ENCODING without depending on the keys group: asks the type layer. */
  String encoding(String key) {
    return withEntry(0, key, e -> e == null ? "none" : StringType.encoding(e.value()));
  }

  /** Remaining time to live in ms, -1 without expiry, -2 when missing. */
  long pttl(String key) {
    return withEntry(0, key, e -> {
      if (e == null) {
        return -2L;
      }
      return e.expireAt() == Entry.NO_EXPIRY ? -1 : e.expireAt() - engine.now();
    });
  }

  /** Puts a non-string value under a key (a stand-in for a list until lists exist). */
  void putOther(String key) {
    replace(0, key, new Object());
  }
}
