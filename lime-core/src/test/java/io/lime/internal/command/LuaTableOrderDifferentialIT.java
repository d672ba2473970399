package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Lua 5.1's table iteration order, compared byte for byte with redis-server 7.0: a pairs loop
 * concatenating keys and values, {@code cjson.encode}, {@code cmsgpack.pack} and {@code #t} of
 * tables built by constructors, assignments (colliding keys, growth past powers of two),
 * deletions then insertions, numeric, negative and boolean keys, {@code table.insert/remove},
 * {@code {f()}} constructors, and the tables Redis builds (KEYS, ARGV, replies, RESP3 maps and
 * sets); random key sets and edit sequences with jqwik.
 */
class LuaTableOrderDifferentialIT {
  static Differential diff;

  @BeforeContainer
  static void up() {
    diff = Differential.start();
  }

  @AfterContainer
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  /** The script observing table {@code t} after {@code build} ran. */
  private static String observe(String build) {
    return "local t\n" + build + "\nlocal s = ''\n"
        + "local function show(v) local ty = type(v) "
        + "if ty == 'table' or ty == 'userdata' then return ty end return tostring(v) end\n"
        + "for k, v in pairs(t) do s = s .. show(k) .. '=' .. show(v) .. ',' end\n"
        + "local ok, j = pcall(cjson.encode, t)\n"
        + "local ok2, m = pcall(cmsgpack.pack, t)\n"
        + "return {s, tostring(j), tostring(m), #t}";
  }

  private static void check(String build, String... keysAndArgs) {
    String[] cmd = new String[keysAndArgs.length + 2];
    cmd[0] = "EVAL";
    cmd[1] = observe(build);
    System.arraycopy(keysAndArgs, 0, cmd, 2, keysAndArgs.length);
    if (keysAndArgs.length == 0) {
      cmd = new String[] {"EVAL", cmd[1], "0"};
    }
    diff.check(cmd);
  }

  private static String constructor(List<String> keys) {
    StringBuilder sb = new StringBuilder("t = {");
    for (int i = 0; i < keys.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("['").append(keys.get(i)).append("'] = ").append(i);
    }
    return sb.append("}").toString();
  }

  private static String assignments(List<String> keys) {
    StringBuilder sb = new StringBuilder("t = {}");
    for (int i = 0; i < keys.size(); i++) {
      sb.append("\nt['").append(keys.get(i)).append("'] = ").append(i);
    }
    return sb.toString();
  }

  private static List<String> names(int n, String prefix) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  @Example
  void constructorsOfOneToTwentyKeys_identical() {
    diff.reset(2);
    String[] words = {"a", "b", "c", "name", "id", "value", "x", "y", "z", "count", "ok", "err",
        "type", "data", "key", "ttl", "score", "member", "field", "list"};
    for (int n = 1; n <= 20; n++) {
      List<String> keys = List.of(words).subList(0, n);
      check(constructor(keys));
      check(constructor(names(n, "k")));
      check(assignments(keys));
      check(assignments(names(n, "field:")).replace("t = {}", "t = {}\nt.first = true"));
    }
  }

  @Example
  void assignmentsGrowthDeletionsAndCollisions_identical() {
    diff.reset(2);
    check(assignments(names(40, "")));
    check(assignments(names(70, "user:")));
    check("t = {a=1,b=2,c=3,d=4}\nt.b = nil\nt.e = 5\nt.b = 6\nt.f = 7");
    check("t = {}\nfor i = 1, 9 do t['k' .. i] = i end\nfor i = 1, 9, 2 do t['k' .. i] = nil end\n"
        + "for i = 10, 14 do t['k' .. i] = i end");
    check("t = {}\nt.x = nil\nt.y = 1\nt.z = nil\nt.w = 2");
    check("t = {}\nfor i = 1, 8 do t['k' .. i] = i end\nfor i = 1, 8 do t['k' .. i] = nil end\n"
        + "t.k3 = 'again'\nt.new = 1");
    check("t = {x=1}\nt.x = nil\nlocal n = 0\nfor k in pairs(t) do n = n + 1 end\nt.n = n");
  }

  @Example
  void numbersBooleansAndMixedParts_identical() {
    diff.reset(2);
    check("t = {}\nt[1.5] = 'a'\nt[-1] = 'b'\nt[0] = 'c'\nt[-0.5] = 'd'\nt[1e10] = 'e'\n"
        + "t[2^53] = 'f'\nt[3] = 'g'\nt[0.1] = 'h'");
    check("t = {}\nt[true] = 1\nt[false] = 2\nt.x = 3\nt[1] = 4");
    check("t = {1, 2, 3, a = 1, b = 2, 4, 5}");
    check("t = {}\nt[1] = 1\nt.x = 1\nt[2] = 2\nt[4] = 4\nt[3] = 3\nt[8] = 8\nt.y = 2");
    check("t = {}\nfor i = 20, 1, -1 do t[i] = i end");
    check("t = {}\nfor i = 1, 20, 3 do t[i] = i end\nt.s = 's'");
    check("t = {1, 2, nil, 4}");
    check("t = {nil, nil, 3}");
    check("t = {}\nt[1] = 1\nt[2] = 2\nt[3] = 3\nt[5] = 5\nt[9] = 9\nt[17] = 17");
    check("t = {10, 20, 30}\nt[5] = 50\nt[4] = 40\nt[2] = nil\nt.k = 1");
  }

  @Example
  void tableLibraryAndMultipleValueConstructors_identical() {
    diff.reset(2);
    check("t = {}\nfor i = 1, 10 do table.insert(t, i) end\ntable.remove(t, 3)\n"
        + "table.insert(t, 2, 'x')\nt.k = 'v'\ntable.remove(t)\ntable.insert(t, 12, 'far')");
    check("t = {a = 1}\ntable.insert(t, 'x')\ntable.insert(t, 1, 'y')\ntable.remove(t, 1)");
    check("t = {unpack(ARGV)}", "0", "a", "b", "c", "d", "e");
    check("t = {a = 1, b = 2, c = 3, unpack(ARGV)}\nt[7] = 7", "0", "a", "b", "c", "d", "e");
    check("t = {1, 2, unpack(ARGV)}\nt.x = 1", "0", "a", "b", "c");
    check("local function f() return nil, 2, nil end\nt = {f()}\nt.k = 1");
    check("local function f(...) return {n = select('#', ...), ...} end\nt = f(1, 2, 3)");
  }

  @Example
  void tablesRedisBuilds_identical() {
    diff.reset(2);
    check("t = ARGV\nt.x = 1\nt[7] = 2", "0", "a", "b", "c", "d", "e");
    check("t = KEYS\nt.extra = true\nt[4] = 'd'", "3", "k1", "k2", "k3");
    check("t = cjson.decode('{\"b\":1,\"a\":2,\"c\":{\"x\":1},\"d\":[1,2,3],\"e\":null}')\n"
        + "t.c = nil\nt.f = 1");
    check("t = cjson.decode('[1,2,3,4,5]')\nt.n = 5");
    check("t = cmsgpack.unpack(cmsgpack.pack({z = 1, y = 2, x = 3, w = 4, v = 5}))\nt.u = 6");
    diff.check("DEL", "h", "s", "l");
    diff.check("HSET", "h", "name", "n", "id", "1", "type", "t", "ttl", "5", "field", "f",
        "score", "2", "member", "m", "a", "b", "c", "d");
    diff.check("SADD", "s", "5", "3", "1", "4", "2", "10", "7");
    diff.check("RPUSH", "l", "a", "b", "c", "d", "e");
    check("t = redis.call('HGETALL', 'h')\nt.extra = 1");
    check("t = redis.call('LRANGE', 'l', 0, -1)\nt[7] = 'g'\nt.k = 1");
    check("t = redis.error_reply('MY x')\nt.x = 1");
    check("t = redis.status_reply('FINE')\nt.y = 1\nt.ok = nil");
    check("redis.setresp(3)\nt = redis.call('HGETALL', 'h').map");
    check("redis.setresp(3)\nt = redis.call('SMEMBERS', 's').set");
    check("redis.setresp(3)\nt = redis.call('HGETALL', 'h')");
    check("redis.setresp(3)\nt = redis.call('MEMORY', 'DOCTOR').verbatim_string\nt.string = nil");
    diff.reset(3);
    diff.check("EVAL", "return {map = {z = 1, y = 2, x = 3, w = 4}, set = {1}}", "0");
    diff.check("EVAL", "local t = {} for i = 1, 12 do t['m' .. i] = i end return {map = t}",
        "0");
    diff.check("EVAL", "return {set = {c = true, b = true, a = true, [1] = true}}", "0");
  }

  @Example
  void metatablesNestedFunctionsLoadstringSortAndFunctions_identical() {
    diff.reset(2);
    check("t = setmetatable({}, {__index = function(_, k) return k end, __len = function() "
        + "return 99 end})\nt.a = 1\nt.b = t.zz\nt.c = #t");
    check("t = setmetatable({}, {__newindex = function(tt, k, v) rawset(tt, k .. '_', v) end})\n"
        + "t.a = 1\nt.b = 2\nt.c = 3");
    check("t = setmetatable({}, {__mode = 'k'})\nt.x = 1\nt.y = 2\nt.z = 3");
    check("local function mk(n) local r = {} for i = 1, n do r['f' .. i] = i end return r end\n"
        + "t = mk(13)\nt.nested = mk(2)");
    check("t = loadstring('return {q = 1, r = 2, s = 3, t = 4, u = 5}')()");
    check("t = {5, 3, 9, 1, 7, s = 's'}\ntable.sort(t)\nt.after = 1");
    check("t = {}\nfor w in string.gmatch('the quick brown fox jumps over the lazy dog', '%a+') "
        + "do t[w] = (t[w] or 0) + 1 end");
    StringBuilder many = new StringBuilder("local big = {");
    for (int i = 0; i < 300; i++) {
      many.append("'c").append(i).append("', ");
    }
    check(many.append("}\nt = {alpha = 1, beta = 2, gamma = 3, delta = 4, eps = #big}\n")
        .append("local u = {x = 1, y = 2, z = 3}\nt.u = cjson.encode(u)").toString());
    diff.check("FUNCTION", "FLUSH");
    diff.check("FUNCTION", "LOAD", "#!lua name=ord\nredis.register_function('enc', "
        + "function(keys, args) local t = {} for i = 1, #args do t[args[i]] = i end "
        + "local s = '' for k in pairs(t) do s = s .. k .. ',' end "
        + "return {s, cjson.encode(t), cmsgpack.pack(t), cjson.encode({x = 1, y = 2, z = 3})} "
        + "end)");
    diff.check("FCALL", "enc", "0", "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta");
    diff.check("FUNCTION", "FLUSH");
  }

  @Example
  void tableSort_placesTiesAsLua51() {
    diff.reset(2);
    String records = "local r = {} for i = 1, 40 do r[i] = {name = 'n' .. i, score = (i * 7) % 5} "
        + "end\n";
    String names = "\nlocal s = '' for i = 1, #r do s = s .. r[i].name .. ',' end\nt = {s}";
    check(records + "table.sort(r, function(a, b) return a.score < b.score end)" + names);
    check(records + "table.sort(r, function(a, b) return a.score > b.score end)" + names);
    check(records + "table.sort(r, function(a, b) return a.score <= b.score end)" + names);
    check("t = {5, 1, 4, 2, 3, 9, 8, 7, 6, 0, 11, 15, 13}\ntable.sort(t)");
    check("t = {'pear', 'apple', 'fig', 'kiwi', 'banana', 'apple'}\n"
        + "table.sort(t, function(a, b) return #a < #b end)");
    check("t = {}\nfor i = 1, 100 do t[i] = (i * 37) % 23 end\ntable.sort(t)");
    check("t = {3, 1, 2}\nt.k = 1\ntable.sort(t)");
  }

  @Provide
  Arbitrary<List<String>> keySets() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2),
        Arbitraries.integers().between(0, 999).map(i -> "user:" + i));
    return key.list().uniqueElements().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 60)
  void randomKeySets_constructorAndAssignments_identical(@ForAll("keySets") List<String> keys) {
    diff.reset(2);
    check(constructor(keys));
    List<String> reversed = new ArrayList<>(keys);
    java.util.Collections.reverse(reversed);
    check(assignments(reversed));
  }

  /**
   * An edit: set a string key, an integer or a fractional key, delete a string or an integer
   * key, table.insert at the end, table.remove at a position.
   */
  record Edit(int kind, String key, int n) {
    String lua() {
      return switch (kind) {
        case 0 -> "t['" + key + "'] = " + n;
        case 1 -> "t[" + n + "] = " + n;
        case 2 -> "t[" + n + ".5] = true";
        case 3 -> "t['" + key + "'] = nil";
        case 4 -> "table.insert(t, " + n + ")";
        case 5 -> "table.remove(t, " + Math.max(n, 1) + ")";
        default -> "t[" + n + "] = nil";
      };
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 6),
        Arbitraries.strings().withCharRange('a', 'h').ofMinLength(1).ofMaxLength(2),
        Arbitraries.integers().between(-3, 24)).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(50);
  }

  @Property(tries = 60)
  void randomEditSequences_identical(@ForAll("edits") List<Edit> edits) {
    diff.reset(2);
    StringBuilder sb = new StringBuilder("t = {}");
    for (Edit e : edits) {
      sb.append('\n').append(e.lua());
    }
    check(sb.toString());
  }
}
