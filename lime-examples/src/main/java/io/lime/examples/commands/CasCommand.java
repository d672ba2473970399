package io.lime.examples.commands;

import io.lime.command.CommandModule;
import io.lime.command.CustomCommand;
import io.lime.command.CustomCommand.Flag;
import io.lime.command.CustomKey;
import java.util.Arrays;
import java.util.List;

/**
 * {@code CAS key expected new}: sets the string {@code key} to {@code new} when it holds
 * {@code expected}, replying 1, else 0 (a missing key holds nothing). Atomic: the key's shard is
 * locked for the whole command, so two clients racing on one key cannot both win. A key of
 * another type replies WRONGTYPE, as a built-in string command. Logged to the AOF as given.
 *
 * <pre>{@code
 * LimeServer server = LimeServer.builder().module(new CasCommand()).start();
 * // redis-cli: SET k a → CAS k a b → (integer) 1 → GET k → "b"
 * }</pre>
 */
public final class CasCommand implements CommandModule {
  /** The command. */
  public static final CustomCommand CAS = CustomCommand.builder("cas")
      .arity(4)
      .flags(Flag.WRITE, Flag.DENYOOM, Flag.FAST)
      .keys(1, 1, 1)
      .aclCategories("string")
      .summary("Sets key to new if it holds expected (compare and swap)")
      .since("1.0.0")
      .complexity("O(N) where N is the length of expected")
      .handler(ctx -> {
        CustomKey key = ctx.key(1);
        byte[] current = key.getString(); // WRONGTYPE for a list, hash...
        if (current != null && Arrays.equals(current, ctx.arg(2))) {
          key.setString(ctx.arg(3)); // publishes "set", as SET
          ctx.reply().integer(1);
        } else {
          ctx.reply().integer(0); // nothing changed: not written to the AOF
        }
      })
      .build();

  /** Creates the module (for {@code @LimeTest(modules = CasCommand.class)}). */
  public CasCommand() {}

  @Override
  public List<CustomCommand> commands() {
    return List.of(CAS);
  }
}
