package io.lime.internal.command;

import io.lime.resp.ReplySink;
import io.lime.resp.RespValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders one command's COMMAND INFO and COMMAND DOCS entries in Redis 7.0.15's shape
 * (server.c addReplyCommandInfo / addReplyCommandDocs).
 */
final class CommandIntrospection {
  private CommandIntrospection() {}

  /** {@code get}, or {@code client|list} for a subcommand. */
  static String fullName(CommandSpec spec, @Nullable CommandSpec parent) {
    return parent == null ? spec.name() : parent.name() + "|" + spec.name();
  }

  /**
   * COMMAND INFO entry: name, arity, flags, first key, last key, step, ACL categories, tips,
   * key specs, subcommands. Tips and key specs are Redis's when Redis has the command;
   * otherwise no tips and a key spec derived from the legacy range.
   */
  static void writeInfo(ReplySink out, CommandSpec spec, @Nullable CommandSpec parent) {
    String full = fullName(spec, parent);
    out.arrayHeader(10);
    out.bulk(full);
    out.integer(spec.arity());
    int n = 0;
    for (CommandFlag f : CommandFlag.values()) {
      if (spec.has(f)) {
        n++;
      }
    }
    out.setHeader(n);
    for (CommandFlag f : CommandFlag.values()) {
      if (spec.has(f)) {
        out.simple(f.wireName());
      }
    }
    out.integer(spec.firstKey());
    out.integer(spec.lastKey());
    out.integer(spec.step());
    List<String> acl = AclCategories.of(spec);
    out.setHeader(acl.size());
    for (String c : acl) {
      out.simple("@" + c);
    }
    RedisCommandData data = RedisCommandData.get();
    boolean custom = spec.customDocs() != null; // a custom command replacing a built-in has its own
    RespValue tips = custom ? null : data.tips(full);
    if (tips != null) {
      RedisCommandData.write(out, tips);
    } else {
      out.setHeader(0);
    }
    RespValue keySpecs = custom ? null : data.keySpecs(full);
    if (keySpecs != null) {
      RedisCommandData.write(out, keySpecs);
    } else {
      writeLegacyKeySpec(out, spec);
    }
    if (spec.isContainer()) {
      out.arrayHeader(spec.subcommands().size());
      for (CommandSpec sub : spec.subcommands()) {
        writeInfo(out, sub, spec);
      }
    } else {
      out.setHeader(0);
    }
  }

  /** A key spec equivalent to first/last/step (Redis's legacy range conversion). */
  private static void writeLegacyKeySpec(ReplySink out, CommandSpec spec) {
    if (spec.firstKey() <= 0) {
      out.setHeader(0);
      return;
    }
    out.setHeader(1);
    out.mapHeader(3);
    out.bulk("flags");
    out.setHeader(0);
    out.bulk("begin_search");
    out.mapHeader(2);
    out.bulk("type");
    out.bulk("index");
    out.bulk("spec");
    out.mapHeader(1);
    out.bulk("index");
    out.integer(spec.firstKey());
    out.bulk("find_keys");
    out.mapHeader(2);
    out.bulk("type");
    out.bulk("range");
    out.bulk("spec");
    out.mapHeader(3);
    out.bulk("lastkey");
    out.integer(spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey());
    out.bulk("keystep");
    out.integer(spec.step());
    out.bulk("limit");
    out.integer(0);
  }

  /**
   * COMMAND DOCS entry: Redis's documentation map (LIME's additions' for commands Redis
   * 7.0.15 lacks), its subcommands narrowed to those LIME implements.
   */
  static void writeDocs(ReplySink out, CommandSpec spec, @Nullable CommandSpec parent) {
    RespValue.Map stored = spec.customDocs() != null ? spec.customDocs()
        : RedisCommandData.get().docs(fullName(spec, parent));
    if (stored == null) { // a spec made outside the metadata (tests)
      stored = new RespValue.Map(List.of());
    }
    int n = 0;
    for (RespValue.Pair p : stored.entries()) {
      if (!RedisCommandData.text(p.key()).equals("subcommands")) {
        n++;
      }
    }
    out.mapHeader(n + (spec.isContainer() ? 1 : 0));
    for (RespValue.Pair p : stored.entries()) {
      if (!RedisCommandData.text(p.key()).equals("subcommands")) {
        RedisCommandData.write(out, p.key());
        RedisCommandData.write(out, p.value());
      }
    }
    if (spec.isContainer()) {
      out.bulk("subcommands");
      out.mapHeader(spec.subcommands().size());
      for (CommandSpec sub : spec.subcommands()) {
        out.bulk(fullName(sub, spec));
        writeDocs(out, sub, spec);
      }
    }
  }
}
