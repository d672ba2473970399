package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;

/**
 * The {@code pubsub} class of {@code client-output-buffer-limit} (Redis default
 * {@code 32mb 8mb 60}), kept current through CONFIG SET. A subscribed client whose pending
 * output passes {@link #hardBytes()}, or stays above {@link #softBytes()} for more than
 * {@link #softSeconds()} seconds, is closed (Redis's checkClientOutputBufferLimits); 0 turns
 * a limit off. Thread-safe: one immutable snapshot replaced on change.
 */
public final class PubSubLimits {
  /** Name of the directive. */
  static final String DIRECTIVE = "client-output-buffer-limit";

  /** One parsed triple. */
  record Limits(long hardBytes, long softBytes, long softSeconds) {}

  private volatile Limits limits;

  /** Reads the current value and follows changes. */
  PubSubLimits(ConfigRegistry config) {
    this.limits = parse(config.get(DIRECTIVE));
    config.onChange(DIRECTIVE, v -> this.limits = parse(v));
  }

  /** Fixed limits (tests, embedded stores without a configuration). */
  PubSubLimits(long hardBytes, long softBytes, long softSeconds) {
    this.limits = new Limits(hardBytes, softBytes, softSeconds);
  }

  Limits current() {
    return limits;
  }

  public long hardBytes() {
    return limits.hardBytes;
  }

  public long softBytes() {
    return limits.softBytes;
  }

  public long softSeconds() {
    return limits.softSeconds;
  }

  /** Parses the {@code pubsub} triple out of the directive's canonical value. */
  static Limits parse(@org.jspecify.annotations.Nullable String value) {
    long[] l = classLimits(value, "pubsub");
    return l == null ? new Limits(32L << 20, 8L << 20, 60) : new Limits(l[0], l[1], l[2]);
  }

  /**
   * The {@code hard soft seconds} triple of one client class ({@code normal}, {@code pubsub},
   * {@code replica}) in the directive's canonical value, or null when absent.
   */
  public static long @org.jspecify.annotations.Nullable [] classLimits(
      @org.jspecify.annotations.Nullable String value, String clientClass) {
    if (value != null) {
      String[] w = value.trim().split("\\s+");
      for (int i = 0; i + 3 < w.length; i += 4) {
        if (w[i].equalsIgnoreCase(clientClass)) {
          try {
            return new long[] {Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]),
                Long.parseLong(w[i + 3])};
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    return null;
  }
}
