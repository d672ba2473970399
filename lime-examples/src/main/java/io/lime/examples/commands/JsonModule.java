package io.lime.examples.commands;

import io.lime.command.CommandContext;
import io.lime.command.CommandModule;
import io.lime.command.CustomCommand;
import io.lime.command.CustomCommand.Flag;
import io.lime.command.CustomKey;
import io.lime.command.CustomType;
import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A subset of RedisJSON for test fixtures: {@code JSON.SET key $ json [NX|XX]}, {@code
 * JSON.GET key [$]} and {@code JSON.DEL key [$]}, on the root path only. Values are stored as
 * a custom type named {@code ReJSON-RL}, RedisJSON's own, so {@code TYPE} answers as it does
 * and Jedis's {@code UnifiedJedis.jsonSet/jsonGet} work against it. The document is kept as
 * its compact text ({@link Json#compact}): JSON.GET without a path returns it, with {@code $}
 * wrapped in an array as RedisJSON's JSONPath results.
 */
public final class JsonModule implements CommandModule {
  /** RedisJSON's type: TYPE replies {@code ReJSON-RL}; snapshots store the compact text. */
  public static final CustomType<String> JSON = CustomType.of("ReJSON-RL", String.class,
      s -> s.getBytes(StandardCharsets.UTF_8),
      b -> Json.compact(new String(b, StandardCharsets.UTF_8)),
      s -> s); // immutable

  /** {@code JSON.SET key path value [NX|XX]}. */
  public static final CustomCommand SET = CustomCommand.builder("json.set")
      .arity(-4).flags(Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1).aclCategories("json")
      .summary("Sets or updates the JSON value at a path (root only here)")
      .since("1.0.0").complexity("O(M+N), M the size of the original value, N of the new one")
      .handler(JsonModule::set)
      .build();

  /** {@code JSON.GET key [path]}. */
  public static final CustomCommand GET = CustomCommand.builder("json.get")
      .arity(-2).flags(Flag.READONLY).keys(1, 1, 1).aclCategories("json")
      .summary("Gets the value at a path in JSON serialized form (root only here)")
      .since("1.0.0").complexity("O(N) where N is the size of the value")
      .handler(JsonModule::get)
      .build();

  /** {@code JSON.DEL key [path]}. */
  public static final CustomCommand DEL = CustomCommand.builder("json.del")
      .arity(-2).flags(Flag.WRITE).keys(1, 1, 1).aclCategories("json")
      .summary("Deletes a value (root only here)")
      .since("1.0.0").complexity("O(1) for the root")
      .handler(JsonModule::del)
      .build();

  /** Creates the module (for {@code @LimeTest(modules = JsonModule.class)}). */
  public JsonModule() {}

  @Override
  public List<CustomCommand> commands() {
    return List.of(SET, GET, DEL);
  }

  @Override
  public List<CustomType<?>> types() {
    return List.of(JSON);
  }

  private static void set(CommandContext ctx) {
    if (!isRoot(ctx.argString(2))) {
      ctx.reply().error("ERR this JSON module supports the root path $ only");
      return;
    }
    boolean nx = false;
    boolean xx = false;
    for (int i = 4; i < ctx.argc(); i++) {
      String opt = ctx.argString(i).toUpperCase(Locale.ROOT);
      nx |= opt.equals("NX");
      xx |= opt.equals("XX");
      if (!opt.equals("NX") && !opt.equals("XX")) {
        ctx.reply().error("ERR syntax error");
        return;
      }
    }
    String doc;
    try {
      doc = Json.compact(ctx.argString(3));
    } catch (IllegalArgumentException e) {
      ctx.reply().error("ERR invalid JSON: " + e.getMessage());
      return;
    }
    CustomKey key = ctx.key(1);
    boolean exists = key.getValue(JSON) != null; // WRONGTYPE when the key holds another type
    if ((nx && exists) || (xx && !exists)) {
      ctx.reply().nullBulk();
      return;
    }
    key.setValue(JSON, doc);
    key.event('d', "json.set");
    ctx.reply().ok();
  }

  private static void get(CommandContext ctx) {
    String doc = ctx.key(1).getValue(JSON);
    boolean path = ctx.argc() > 2;
    for (int i = 2; i < ctx.argc(); i++) {
      if (!isRoot(ctx.argString(i))) {
        ctx.reply().error("ERR this JSON module supports the root path $ only");
        return;
      }
    }
    ReplySink out = ctx.reply();
    if (doc == null) {
      out.nullBulk();
    } else {
      out.bulk(path && ctx.argString(2).equals("$") ? "[" + doc + "]" : doc);
    }
  }

  private static void del(CommandContext ctx) {
    if (ctx.argc() > 2 && !isRoot(ctx.argString(2))) {
      ctx.reply().error("ERR this JSON module supports the root path $ only");
      return;
    }
    CustomKey key = ctx.key(1);
    if (key.getValue(JSON) == null) {
      ctx.reply().integer(0);
      return;
    }
    key.delete();
    ctx.reply().integer(1);
  }

  private static boolean isRoot(String path) {
    return path.equals("$") || path.equals(".");
  }
}
