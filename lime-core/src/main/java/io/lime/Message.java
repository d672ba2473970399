package io.lime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A published message as a listener receives it: the channel it was published to, its
 * payload and, for a pattern subscription, the pattern that matched (Redis's
 * {@code message} and {@code pmessage}).
 *
 * <p>Immutable in intent: the accessors return the arrays themselves, not copies, and every
 * listener of one publication shares them, so listeners must not modify them. Thread-safe
 * otherwise.
 */
public final class Message {
  private final byte[] channel;
  private final byte[] message;
  private final byte @Nullable [] pattern;

  /** Creates a message; the arrays are kept, not copied. */
  public Message(byte[] channel, byte[] message, byte @Nullable [] pattern) {
    this.channel = channel;
    this.message = message;
    this.pattern = pattern;
  }

  /** The channel the message was published to. */
  public byte[] channel() {
    return channel;
  }

  /** The payload. */
  public byte[] message() {
    return message;
  }

  /** The pattern that matched, or null for a channel subscription. */
  public byte @Nullable [] pattern() {
    return pattern;
  }

  /** The channel decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String channelString() {
    return new String(channel, StandardCharsets.UTF_8);
  }

  /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String messageString() {
    return new String(message, StandardCharsets.UTF_8);
  }

  /** The pattern decoded as UTF-8, or null for a channel subscription. */
  public @Nullable String patternString() {
    return pattern == null ? null : new String(pattern, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Message m && Arrays.equals(channel, m.channel)
        && Arrays.equals(message, m.message) && Arrays.equals(pattern, m.pattern);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(channel) * 31 + Arrays.hashCode(message)) * 31
        + Arrays.hashCode(pattern);
  }

  @Override
  public String toString() {
    return pattern == null
        ? "Message[channel=" + channelString() + ", message=" + messageString() + "]"
        : "Message[pattern=" + patternString() + ", channel=" + channelString()
            + ", message=" + messageString() + "]";
  }
}
