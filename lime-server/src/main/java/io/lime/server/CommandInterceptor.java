package io.lime.server;

import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Sees each command a {@link LimeServer} receives before it runs, and decides what happens:
 * run it, answer something else (a reply or an error) without running it, run it after a
 * delay, or drop the connection. For tests that need a server to misbehave the way real ones
 * do ({@link LimeServer#intercept}); the clients see a real server failure.
 *
 * <pre>{@code
 * try (var i = server.intercept(cmd -> cmd.name().equals("get")
 *     ? CommandInterceptor.Action.error("LOADING Redis is loading the dataset in memory")
 *     : CommandInterceptor.Action.proceed())) {
 *   assertThrows(JedisDataException.class, () -> jedis.get("k"));
 * }
 * }</pre>
 *
 * <p>Called on the connection's loop thread for every command (including those queued by
 * MULTI and AUTH), in registration order; the first action other than {@link
 * Action#proceed()} wins (a {@link Action#delay} waits, then asks the next interceptor). It
 * must be thread-safe (connections run on several loops) and quick: a delay or a {@link
 * LimeServer#pause()} holds the loop thread, so every client of that loop waits too. An
 * exception it throws is replied as an {@code ERR} error.
 */
@FunctionalInterface
public interface CommandInterceptor {
  /**
   * What to do with {@code command}.
   *
   * @param command the command and its client
   * @return the action; never null
   */
  Action intercept(Command command);

  /**
   * A received command.
   *
   * @param name the command name, lower-case ({@code "get"})
   * @param arguments the arguments after the name (copies)
   * @param clientId the client's id (CLIENT ID)
   * @param clientAddress the client's {@code ip:port}
   * @param clientName the client's CLIENT SETNAME name, or null
   */
  record Command(String name, List<byte[]> arguments, long clientId, String clientAddress,
      @Nullable String clientName) {
    /** Argument {@code i} (0 is the first after the name) as UTF-8 text. */
    public String argument(int i) {
      return new String(arguments.get(i), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(name);
      for (byte[] a : arguments) {
        sb.append(' ').append(new String(a, StandardCharsets.UTF_8));
      }
      return sb.toString();
    }
  }

  /** What happens to an intercepted command. */
  sealed interface Action {
    /** Run the command normally. */
    static Action proceed() {
      return Proceed.INSTANCE;
    }

    /**
     * Do not run it; reply this error instead ({@code "ERR ..."}, {@code "LOADING ..."},
     * {@code "READONLY ..."}: the text starts with the error code, as Redis's).
     */
    static Action error(String text) {
      return new Reply(out -> out.error(text));
    }

    /** Do not run it; write this reply instead (one reply, any RESP shape). */
    static Action reply(Consumer<ReplySink> reply) {
      return new Reply(Objects.requireNonNull(reply));
    }

    /** Wait {@code d} on the loop thread (every client of that loop waits), then go on. */
    static Action delay(Duration d) {
      return new Delay(d);
    }

    /** Close the client's connection without a reply (as a server crash or a network cut). */
    static Action drop() {
      return Drop.INSTANCE;
    }
  }

  /** {@link Action#proceed()}. */
  enum Proceed implements Action { INSTANCE }

  /** {@link Action#drop()}. */
  enum Drop implements Action { INSTANCE }

  /** {@link Action#reply} and {@link Action#error}. @param reply writes the reply */
  record Reply(Consumer<ReplySink> reply) implements Action {}

  /** {@link Action#delay}. @param duration how long */
  record Delay(Duration duration) implements Action {}
}
