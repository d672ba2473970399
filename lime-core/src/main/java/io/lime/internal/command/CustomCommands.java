package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.command.CommandContext;
import io.lime.command.CustomCommand;
import io.lime.command.CustomKey;
import io.lime.command.CustomType;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.type.CustomValue;
import io.lime.internal.type.ExpireOps;
import io.lime.internal.type.KeyOps;
import io.lime.internal.type.StringType;
import io.lime.internal.type.StringWrites;
import io.lime.internal.util.Numbers;
import io.lime.resp.ReplySink;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Custom commands ({@code io.lime.command.CustomCommand}) in the command table: each becomes
 * a {@link CommandSpec} whose handler is already bound and whose COMMAND DOCS map is built
 * from its own metadata, so the dispatcher runs it as any other command (arity, NOAUTH, MULTI
 * queueing, statistics, AOF propagation of a WRITE command that changed data).
 *
 * <p>Atomicity: the handler runs with the shards of its declared keys locked (ascending, as
 * every multi-key command), so what it does through its {@link CommandContext} is atomic;
 * inside EXEC the shards are already held (the locks are reentrant).
 */
final class CustomCommands {
  private CustomCommands() {}

  /**
   * {@code base} plus {@code commands}.
   *
   * @throws IllegalArgumentException if a command has a built-in's name and was not built with
   *     {@code replaceBuiltin()}
   */
  static CommandTable extend(CommandTable base, List<CustomCommand> commands) {
    List<CommandSpec> specs = new ArrayList<>();
    for (CustomCommand c : commands) {
      if (base.get(c.name()) != null && !c.replacesBuiltin()) {
        throw new IllegalArgumentException("'" + c.name() + "' is a built-in command: build the "
            + "custom command with replaceBuiltin() to replace it");
      }
      specs.add(spec(c));
    }
    return base.with(specs);
  }

  private static CommandSpec spec(CustomCommand c) {
    int flags = CommandSpec.mask(CommandFlag.MODULE);
    for (CustomCommand.Flag f : c.flags()) {
      flags |= CommandSpec.mask(CommandFlag.valueOf(f.name()));
    }
    return new CommandSpec(c.name(), c.arity(), flags, c.firstKey(), c.lastKey(), c.step(),
        c.aclCategories(), call -> run(c, call), docs(c));
  }

  /** COMMAND DOCS of a custom command: summary, since, group, complexity (those given). */
  private static RespValue.Map docs(CustomCommand c) {
    List<RespValue.Pair> docs = new ArrayList<>();
    add(docs, "summary", c.summary());
    add(docs, "since", c.since());
    add(docs, "group", c.group());
    add(docs, "complexity", c.complexity());
    return new RespValue.Map(docs);
  }

  private static void add(List<RespValue.Pair> docs, String key, String value) {
    if (!value.isEmpty()) {
      docs.add(new RespValue.Pair(RespValue.bulk(key), RespValue.bulk(value)));
    }
  }

  /** The bound handler: locks the declared keys, runs the command, replies its errors. */
  private static void run(CustomCommand c, Call call) {
    Context ctx = new Context(call, c);
    try {
      if (c.firstKey() > 0 && call.argv().size() > c.firstKey()) {
        try (KeyLocks locks = call.lockKeys(c.firstKey(), c.lastKey(), c.step())) {
          c.handler().handle(ctx);
        }
      } else {
        c.handler().handle(ctx);
      }
    } catch (LimeException e) {
      call.out().error(e.getMessage());
    } catch (RuntimeException e) {
      String m = e.getMessage();
      call.out().error("ERR " + (m == null ? e.getClass().getSimpleName() : m.replace('\r', ' ')
          .replace('\n', ' ')));
    }
  }

  /** A call's {@link CommandContext}. */
  private record Context(Call call, CustomCommand command) implements CommandContext {
    @Override public int argc() { return call.argv().size(); }

    @Override
    public byte[] arg(int i) {
      check(i);
      return call.argv().copy(i);
    }

    @Override public String argString(int i) { return new String(arg(i), StandardCharsets.UTF_8); }

    @Override
    public long argLong(int i) {
      check(i);
      var a = call.argv();
      if (!Numbers.isLong(a.array(), a.offset(i), a.length(i))) {
        throw new io.lime.NotIntegerException();
      }
      return Numbers.parseLong(a.array(), a.offset(i), a.length(i));
    }

    private void check(int i) {
      if (i < 0 || i >= argc()) {
        throw new IndexOutOfBoundsException("argument " + i + " of " + argc());
      }
    }

    @Override
    public CustomKey key(int i) {
      check(i);
      int first = command.firstKey();
      int last = command.lastKey() < 0 ? argc() + command.lastKey() : command.lastKey();
      if (first == 0 || i < first || i > last || (i - first) % command.step() != 0) {
        throw new IllegalArgumentException("argument " + i + " is not a key of "
            + command.name().toUpperCase(Locale.ROOT));
      }
      return new Key(call, call.keyWithin(i));
    }

    @Override public ReplySink reply() { return call.out(); }

    @Override public long now() { return call.now(); }

    @Override public int database() { return call.client().db(); }

    @Override
    public void propagateAs(byte[]... argv) {
      call.rewritePropagation(argv);
    }
  }

  /** A declared key of a running custom command (its shard locked). */
  private record Key(Call call, LockedKey k) implements CustomKey {
    @Override public byte[] name() { return k.keyCopy(); }

    @Override public boolean exists() { return KeyOps.exists(k); }

    @Override public String type() { return KeyOps.type(k); }

    @Override
    public byte @Nullable [] getString() {
      Entry e = StringType.lookupString(k);
      return e == null ? null : StringType.toBytes(e.value());
    }

    @Override
    public void setString(byte[] value) {
      StringWrites.set(k, StringType.encodeOwned(value.clone()), 0, 0);
      // StringWrites.set published "set" and counted the change, as SET
    }

    @Override
    public <T> @Nullable T getValue(CustomType<T> type) {
      Entry e = k.lookup();
      if (e == null) {
        return null;
      }
      if (!(e.value() instanceof CustomValue v) || v.type() != type) {
        throw new io.lime.WrongTypeException();
      }
      return v.as(type);
    }

    @Override
    public <T> void setValue(CustomType<T> type, T value) {
      if (call.engine().extensions().type(type.name()) != type) {
        throw new IllegalArgumentException("custom type " + type.name()
            + " is not registered with this server");
      }
      CustomValue v = new CustomValue(type, type.javaType().cast(value));
      Entry e = k.find();
      if (e == null) {
        k.insert(v);
      } else {
        e.value(v);
        if (e.expireAt() != Entry.NO_EXPIRY) {
          k.shard().setExpireAt(e, Entry.NO_EXPIRY);
        }
      }
      k.dirty(1);
      call.engine().events().modified(k.db(), k.array(), k.offset(), k.length()); // WATCH
    }

    @Override public boolean delete() { return KeyOps.delete(k); }

    @Override public long ttlMillis() { return ExpireOps.pttl(k); }

    @Override
    public void event(char eventClass, String event) {
      int type = "dg$lshz".indexOf(eventClass) >= 0 ? NotifyFlags.parse(String.valueOf(eventClass)) : -1;
      if (type <= 0) {
        throw new IllegalArgumentException("not an event class: '" + eventClass + "'");
      }
      call.engine().events().notify(type, event, k.db(), k.array(), k.offset(), k.length());
    }
  }
}
