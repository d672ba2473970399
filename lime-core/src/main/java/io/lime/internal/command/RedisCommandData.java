package io.lime.internal.command;

import io.lime.internal.acl.AclCommandSet;
import io.lime.resp.ProtocolException;
import io.lime.resp.ReplySink;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Redis 7.0.15's own command metadata, the one source of LIME's: COMMAND DOCS entries
 * (summary, group, arguments, history...) and COMMAND INFO tips and key specs, plus the docs
 * of {@linkplain #additions() LIME's additions} (commands 7.0.15 lacks). Captured from
 * {@code redis-server 7.0.15} ({@code HELLO 3}, then {@code COMMAND DOCS} and {@code COMMAND
 * INFO}) into two RESP3 resources; Redis is BSD-3-Clause licensed. Loaded lazily on the first
 * COMMAND call (about 260 KB of RESP, a few milliseconds). What the dispatcher needs at
 * start-up (arity, flags, key range, ACL categories) is generated from the same data into
 * {@link CommandMetadata} instead, so starting a server parses none of this.
 *
 * <p>Re-capture with: {@code redis-cli -3 --no-raw} is not byte-exact, so use a raw socket:
 * send {@code HELLO 3}, then write the raw reply bytes of {@code COMMAND DOCS} to
 * {@code redis-7.0.15-command-docs.resp} and of {@code COMMAND INFO} to
 * {@code redis-7.0.15-command-info.resp}.
 *
 * <p>Immutable after loading; thread-safe.
 */
final class RedisCommandData {
  private final Map<String, RespValue.Map> docs = new HashMap<>();
  private final Map<String, RespValue> tips = new HashMap<>();
  private final Map<String, RespValue> keySpecs = new HashMap<>();
  private final AclCommandSet aclCommands = new AclCommandSet();

  private static final class Holder {
    static final RedisCommandData INSTANCE = load();
  }

  private RedisCommandData() {}

  /** The shared instance, loaded on first use. */
  static RedisCommandData get() {
    return Holder.INSTANCE;
  }

  /** Redis's COMMAND DOCS map of a command by full name ({@code get}, {@code client|list}). */
  RespValue.@Nullable Map docs(String fullName) {
    return docs.get(fullName);
  }

  /** Redis's COMMAND INFO tips of a command by full name (a set of bulk strings). */
  @Nullable RespValue tips(String fullName) {
    return tips.get(fullName);
  }

  /** Redis's COMMAND INFO key specs of a command by full name (a set of maps). */
  @Nullable RespValue keySpecs(String fullName) {
    return keySpecs.get(fullName);
  }

  /**
   * The commands ACL rules name: every command of Redis 7.0.15's COMMAND INFO, in its order,
   * with its ACL categories, then LIME's additions.
   */
  static AclCommandSet aclCommands() {
    return get().aclCommands;
  }

  /**
   * A command LIME serves that Redis 7.0.15 lacks ({@code lime-command-additions.txt}).
   *
   * @param fullName {@code client|setinfo}
   * @param info its {@link CommandMetadata#TABLE} fields after the name
   * @param docs its COMMAND DOCS entries, in Redis's order (summary, since, group, complexity)
   */
  record Addition(String fullName, String info, List<RespValue.Pair> docs) {}

  /** LIME's additions, in file order. */
  static List<Addition> additions() {
    String text = new String(resource(ADDITIONS), StandardCharsets.UTF_8);
    List<Addition> out = new ArrayList<>();
    String name = null;
    String info = null;
    List<RespValue.Pair> docs = new ArrayList<>();
    for (String line : (text + "\n\n").split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        if (name != null && t.isEmpty()) {
          if (info == null) {
            throw new IllegalStateException(ADDITIONS + ": no info line for " + name);
          }
          out.add(new Addition(name, info, List.copyOf(docs)));
          name = null;
          info = null;
          docs.clear();
        }
      } else if (!line.startsWith(" ")) {
        name = t;
      } else {
        int colon = t.indexOf(": ");
        String key = t.substring(0, colon);
        String value = t.substring(colon + 2);
        if (key.equals("info")) {
          info = value;
        } else {
          docs.add(new RespValue.Pair(RespValue.bulk(key), RespValue.bulk(value)));
        }
      }
    }
    return out;
  }

  private static final String ADDITIONS = "lime-command-additions.txt";

  private static RedisCommandData load() {
    RedisCommandData d = new RedisCommandData();
    for (Addition a : additions()) {
      d.docs.put(a.fullName(), new RespValue.Map(a.docs()));
    }
    RespValue docs = read("redis-7.0.15-command-docs.resp");
    if (docs instanceof RespValue.Map m) {
      for (RespValue.Pair p : m.entries()) {
        d.addDocs(text(p.key()), p.value());
      }
    }
    RespValue info = read("redis-7.0.15-command-info.resp");
    if (info instanceof RespValue.Array a) {
      for (RespValue cmd : a.elements()) {
        d.addInfo(cmd);
      }
    }
    for (Addition a : additions()) { // info: arity flags first last step categories
      String[] f = a.info().split(" ");
      d.aclCommands.add(a.fullName(), List.of(f[5].split(",")),
          List.of(f[1].split(",")).contains("no_auth"));
    }
    return d;
  }

  private void addDocs(String name, RespValue v) {
    if (!(v instanceof RespValue.Map m)) {
      return;
    }
    docs.put(name, m);
    RespValue subs = entry(m, "subcommands");
    if (subs instanceof RespValue.Map sm) {
      for (RespValue.Pair p : sm.entries()) {
        addDocs(text(p.key()), p.value());
      }
    }
  }

  private void addInfo(RespValue v) {
    if (!(v instanceof RespValue.Array a) || a.elements().size() < 10) {
      return;
    }
    List<RespValue> e = a.elements();
    String name = text(e.get(0));
    aclCommands.add(name, texts(e.get(6)), texts(e.get(2)).contains("no_auth"));
    tips.put(name, e.get(7));
    keySpecs.put(name, e.get(8));
    if (e.get(9) instanceof RespValue.Array subs) {
      for (RespValue s : subs.elements()) {
        addInfo(s);
      }
    }
  }

  /** The value of {@code key} in a map of bulk-string keys, or null. */
  static @Nullable RespValue entry(RespValue.Map m, String key) {
    for (RespValue.Pair p : m.entries()) {
      if (text(p.key()).equals(key)) {
        return p.value();
      }
    }
    return null;
  }

  /** The texts of the elements of an array or set (flags, categories). */
  private static List<String> texts(RespValue v) {
    List<String> out = new ArrayList<>();
    List<RespValue> els = v instanceof RespValue.Set s ? s.elements()
        : v instanceof RespValue.Array a ? a.elements() : List.of();
    for (RespValue x : els) {
      out.add(text(x));
    }
    return out;
  }

  /** The text of a bulk or simple string; empty for anything else. */
  static String text(RespValue v) {
    if (v instanceof RespValue.Bulk b) {
      return b.string();
    }
    if (v instanceof RespValue.SimpleString s) {
      return s.value();
    }
    return "";
  }

  /** Writes a decoded RESP3 value through {@code out}, so RESP2 gets Redis's RESP2 shape. */
  static void write(ReplySink out, RespValue v) {
    if (v instanceof RespValue.Bulk b) {
      out.bulk(b.value());
    } else if (v instanceof RespValue.SimpleString s) {
      out.simple(s.value());
    } else if (v instanceof RespValue.Integer i) {
      out.integer(i.value());
    } else if (v instanceof RespValue.Null) {
      out.nullBulk();
    } else if (v instanceof RespValue.Array a) {
      out.arrayHeader(a.elements().size());
      a.elements().forEach(x -> write(out, x));
    } else if (v instanceof RespValue.Set s) {
      out.setHeader(s.elements().size());
      s.elements().forEach(x -> write(out, x));
    } else if (v instanceof RespValue.Map m) {
      out.mapHeader(m.entries().size());
      for (RespValue.Pair p : m.entries()) {
        write(out, p.key());
        write(out, p.value());
      }
    } else {
      throw new IllegalArgumentException("unexpected stored value " + v.describe());
    }
  }

  /** A captured RESP resource, decoded. */
  static RespValue read(String resource) {
    try {
      return RespDecoder.decode(resource(resource));
    } catch (ProtocolException e) {
      throw new IllegalStateException("corrupt resource " + resource + ": " + e.getMessage(), e);
    }
  }

  private static byte[] resource(String resource) {
    try (InputStream in = RedisCommandData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
