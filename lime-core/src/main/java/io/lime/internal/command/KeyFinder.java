package io.lime.internal.command;

import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the key arguments of a command for COMMAND GETKEYS / GETKEYSANDFLAGS, as Redis
 * 7.0's getKeysUsingKeySpecs: from Redis's key specs when the command has them (begin
 * search by index or keyword, find keys by range or keynum), else from the spec's legacy
 * first/last/step range. Commands whose Redis specs are incomplete (Redis falls back to a
 * per-command C function there) may yield fewer keys than Redis.
 */
final class KeyFinder {
  /** A key found: its position in the command and the key spec flags (null: none known). */
  record Key(int pos, @Nullable RespValue flags) {}

  private KeyFinder() {}

  /**
   * The keys of the command held by {@code argv} from index {@code base} on (the command
   * name at {@code base}), or null when the specs do not fit the arguments (Redis's
   * "invalid spec").
   */
  static @Nullable List<Key> find(CommandSpec spec, String fullName, Argv argv, int base) {
    List<Key> keys = fromSpecs(spec, fullName, argv, base);
    if (keys != null) {
      return keys;
    }
    // Redis falls back to the command's getkeys function when the specs fail (an unknown or
    // INCOMPLETE spec): sortGetKeys, sortROGetKeys, migrateGetKeys.
    return switch (fullName) {
      case "sort" -> sort(argv, base);
      case "migrate" -> migrate(argv, base);
      case "sort_ro" -> List.of(new Key(1, flags("RO", "access")));
      default -> null;
    };
  }

  private static @Nullable List<Key> fromSpecs(
      CommandSpec spec, String fullName, Argv argv, int base) {
    int argc = argv.size() - base;
    RespValue specs = RedisCommandData.get().keySpecs(fullName);
    List<Key> keys = new ArrayList<>();
    if (!(specs instanceof RespValue.Set set) || set.elements().isEmpty()) {
      return legacy(spec, argc, keys);
    }
    for (RespValue ks : set.elements()) {
      if (ks instanceof RespValue.Map m
          && hasFlag(RedisCommandData.entry(m, "flags"), "variable_flags")) {
        return variableFlags(fullName, argv, base);
      }
    }
    for (RespValue ks : set.elements()) {
      if (!(ks instanceof RespValue.Map m)) {
        return null;
      }
      RespValue flags = RedisCommandData.entry(m, "flags");
      if (hasFlag(flags, "not_key")) {
        continue;
      }
      RespValue.Map bs = map(RedisCommandData.entry(m, "begin_search"));
      RespValue.Map fk = map(RedisCommandData.entry(m, "find_keys"));
      if (bs == null || fk == null) {
        return null;
      }
      String bsType = RedisCommandData.text(orNull(RedisCommandData.entry(bs, "type")));
      RespValue.Map bsSpec = map(RedisCommandData.entry(bs, "spec"));
      int first = 0;
      if (bsType.equals("index") && bsSpec != null) {
        first = (int) num(bsSpec, "index");
      } else if (bsType.equals("keyword") && bsSpec != null) {
        String keyword = RedisCommandData.text(orNull(RedisCommandData.entry(bsSpec, "keyword")));
        int startfrom = (int) num(bsSpec, "startfrom");
        int start = startfrom > 0 ? startfrom : argc + startfrom;
        int end = startfrom > 0 ? argc - 1 : 1;
        for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
          if (i >= argc || i < 1) {
            break;
          }
          if (argv.string(base + i).equalsIgnoreCase(keyword)) {
            first = i + 1;
            break;
          }
        }
        if (first == 0) {
          continue;
        }
      } else {
        return null;
      }
      String fkType = RedisCommandData.text(orNull(RedisCommandData.entry(fk, "type")));
      RespValue.Map fkSpec = map(RedisCommandData.entry(fk, "spec"));
      if (fkSpec == null) {
        return null;
      }
      int last;
      int step;
      if (fkType.equals("range")) {
        int lastkey = (int) num(fkSpec, "lastkey");
        int limit = (int) num(fkSpec, "limit");
        if (lastkey >= 0) {
          last = first + lastkey;
        } else if (limit == 0) {
          last = argc + lastkey;
        } else {
          last = first + ((argc - first) / limit + lastkey);
        }
        step = (int) num(fkSpec, "keystep");
      } else if (fkType.equals("keynum")) {
        int idx = first + (int) num(fkSpec, "keynumidx");
        if (idx >= argc) {
          return null;
        }
        byte[] a = argv.array();
        int off = argv.offset(base + idx);
        int len = argv.length(base + idx);
        if (!Numbers.isLong(a, off, len) || Numbers.parseLong(a, off, len) < 0) {
          return null;
        }
        long n = Numbers.parseLong(a, off, len);
        first += (int) num(fkSpec, "firstkey");
        last = (int) Math.min(Integer.MAX_VALUE, first + n - 1);
        step = (int) num(fkSpec, "keystep");
      } else {
        return null;
      }
      if (last >= argc || last < first || first >= argc || step <= 0) {
        return null;
      }
      for (int i = first; i <= last; i += step) {
        keys.add(new Key(i, flags));
      }
      if (hasFlag(flags, "incomplete")) {
        return null;
      }
    }
    return keys;
  }

  /**
   * The key of SET or BITFIELD, whose flags depend on the arguments (Redis's setGetKeys and
   * bitfieldGetKeys); null for other commands with variable flags.
   */
  private static @Nullable List<Key> variableFlags(String fullName, Argv argv, int base) {
    int argc = argv.size() - base;
    if (fullName.equals("set")) {
      for (int i = 3; i < argc; i++) {
        if (argv.is(base + i, "GET")) {
          return List.of(new Key(1, flags("RW", "access", "update")));
        }
      }
      return List.of(new Key(1, flags("OW", "update")));
    }
    if (fullName.equals("bitfield")) {
      boolean readonly = true;
      for (int i = 2; i < argc; i++) {
        int rem = argc - i - 1;
        if (argv.is(base + i, "GET") && rem >= 2) {
          i += 2;
        } else if ((argv.is(base + i, "SET") || argv.is(base + i, "INCRBY")) && rem >= 3) {
          readonly = false;
          break;
        } else if (argv.is(base + i, "OVERFLOW") && rem >= 1) {
          i += 1;
        } else {
          readonly = false;
          break;
        }
      }
      return List.of(new Key(1, readonly ? flags("RO", "access")
          : flags("RW", "access", "update")));
    }
    return null;
  }

  /**
   * The keys of SORT as Redis's sortGetKeys: the sorted key, then the key after the last
   * STORE, skipping the arguments of LIMIT (2), GET (1) and BY (1).
   */
  private static List<Key> sort(Argv argv, int base) {
    int argc = argv.size() - base;
    int store = -1;
    for (int i = 2; i < argc; i++) {
      if (argv.is(base + i, "LIMIT")) {
        i += 2;
      } else if (argv.is(base + i, "GET") || argv.is(base + i, "BY")) {
        i += 1;
      } else if (argv.is(base + i, "STORE") && i + 1 < argc) {
        store = i + 1;
      }
    }
    Key sorted = new Key(1, flags("RO", "access"));
    return store < 0 ? List.of(sorted) : List.of(sorted, new Key(store, flags("OW", "update")));
  }

  /**
   * The keys of MIGRATE as Redis's migrateGetKeys: the key argument, or with KEYS (after
   * COPY, REPLACE, AUTH password, AUTH2 user password) every argument after it; none when
   * KEYS comes with a non-empty key argument.
   */
  private static List<Key> migrate(Argv argv, int base) {
    int argc = argv.size() - base;
    int first = 3;
    int num = 1;
    for (int i = 6; i < argc; i++) {
      if (argv.is(base + i, "KEYS")) {
        if (argv.length(base + 3) > 0) {
          return List.of();
        }
        first = i + 1;
        num = argc - first;
        break;
      } else if (argv.is(base + i, "AUTH")) {
        i += 1;
      } else if (argv.is(base + i, "AUTH2")) {
        i += 2;
      }
    }
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      keys.add(new Key(first + i, flags("RW", "access", "delete")));
    }
    return keys;
  }

  private static RespValue flags(String... names) {
    List<RespValue> out = new ArrayList<>();
    for (String n : names) {
      out.add(new RespValue.SimpleString(n));
    }
    return new RespValue.Set(out);
  }

  private static List<Key> legacy(CommandSpec spec, int argc, List<Key> keys) {
    if (spec.firstKey() <= 0) {
      return keys;
    }
    int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
    for (int i = spec.firstKey(); i <= last && i < argc; i += spec.step()) {
      keys.add(new Key(i, null));
    }
    return keys;
  }

  private static boolean hasFlag(@Nullable RespValue flags, String name) {
    if (flags instanceof RespValue.Set s) {
      for (RespValue f : s.elements()) {
        if (RedisCommandData.text(f).equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static RespValue orNull(@Nullable RespValue v) {
    return v == null ? RespValue.NULL : v;
  }

  private static RespValue.@Nullable Map map(@Nullable RespValue v) {
    return v instanceof RespValue.Map m ? m : null;
  }

  private static long num(RespValue.Map m, String key) {
    return RedisCommandData.entry(m, key) instanceof RespValue.Integer i ? i.value() : 0;
  }
}
