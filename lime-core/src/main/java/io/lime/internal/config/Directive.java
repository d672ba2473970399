package io.lime.internal.config;

import org.jspecify.annotations.Nullable;

/**
 * One configuration directive: canonical name, optional alias (Redis 7's old names such as
 * {@code slaveof}), value type, default (canonical text) and flags.
 *
 * @param name canonical lower-case name
 * @param alias the other accepted name, or null
 * @param type validation and rendering
 * @param defaultValue canonical default; null for a default computed at start-up
 * @param flags {@link #IMMUTABLE}, {@link #PROTECTED}, {@link #SENSITIVE}
 */
record Directive(String name, @Nullable String alias, ValueType type, String defaultValue, int flags) {
  /** CONFIG SET refuses it: "can't set immutable config". */
  static final int IMMUTABLE = 1;
  /** CONFIG SET refuses it while enable-protected-configs is no: "can't set protected config". */
  static final int PROTECTED = 2;
  /** Its value is a secret (requirepass, masterauth). */
  static final int SENSITIVE = 4;

  boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
