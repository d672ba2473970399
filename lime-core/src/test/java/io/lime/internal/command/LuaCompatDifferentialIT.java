package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corners of Lua 5.1 that LuaJ words or computes otherwise, compared byte for byte with a
 * real redis-server 7.0: library argument errors named as the caller named the function,
 * comparison and coroutine errors, loadstring's chunk names, the sign of a NaN, C's
 * conversion of doubles to integers, string.format as C's printf, tonumber as strtod,
 * Redis's rand48 math.random, table.sort/insert and unpack as Lua 5.1, read-only tables.
 * The servers start fresh and get the same scripts, so their random generators stay in step.
 */
class LuaCompatDifferentialIT {
  static Differential diff;

  @BeforeAll
  static void up() {
    diff = Differential.start();
  }

  @AfterAll
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  private static void check(String... scripts) {
    checkIn(2, scripts);
  }

  private static void checkIn(int resp, String... scripts) {
    diff.reset(resp);
    for (String script : scripts) {
      diff.check("EVAL", script, "0");
    }
  }

  @Test
  void argumentErrors_nameTheFunctionAsTheCallerDid() {
    check("return (\"x\"):rep()",
        "local s='abc' return s:sub({})",
        "return string.rep()",
        "return (\"%d\"):format('x')",
        "return (\"x\"):format()",
        "return {pcall(string.rep)}",
        "local ok,e=pcall(string.sub) return e",
        "local ok,e=pcall((\"x\").rep) return e",
        "local f=string.rep return f()",
        "return (\"x\"):sub()",
        "return (\"%s\"):format()",
        "return ('x'):char()",
        "local t = {} return t:insert(1)",
        "local s = 'x' return s.rep()",
        "return select(2, pcall(string.char, 256))",
        "return string.char(256)",
        "return {pcall(assert)}",
        "return assert()",
        "return assert(false, {err='x'})",
        "return assert(false, 42)",
        "return xpcall()",
        "return collectgarbage('bogus')",
        "return setmetatable({}, 1)",
        "return coroutine.create(1)",
        "return coroutine.create(string.rep)",
        "return table.sort({1,2}, 3)",
        "return string.format('%s', {})",
        "return string.format('%s', true)",
        "return string.format('%d')",
        "return string.format('%d', 'x')",
        "local t = {} t.f = string.rep return t.f()",
        "local fns = {string.rep} return fns[1]()");
  }

  @Test
  void compareAndCoroutineErrors_asLua51() {
    check("return 1 < 'x'",
        "return 'x' < 1",
        "return 1 <= 'x'",
        "return 'x' >= 1",
        "return 1 > 'x'",
        "return {} < 1",
        "return {} < {}",
        "return true < 1",
        "return {coroutine.resume(coroutine.create(function() error('x') end))}",
        "return {coroutine.resume(coroutine.create(function() local x; x.y=1 end))}",
        "return {coroutine.resume(coroutine.create(function() error('x', 0) end))}",
        "return coroutine.wrap(function() error('w') end)()",
        "return {pcall(coroutine.wrap(function() error('w') end))}",
        "return coroutine.yield()",
        "return {pcall(coroutine.running)}",
        "return {coroutine.running()}",
        "local co = coroutine.wrap(function(a) local b = coroutine.yield(a+1) return b*2 end) "
            + "return {co(1), co(10)}");
  }

  @Test
  void loadstringErrors_nameTheChunkAsLua51() {
    check("return {loadstring('return +')}",
        "return {loadstring('return +', 'name')}",
        "return {loadstring('return +', '=name')}",
        "return {loadstring('return +', '@name')}",
        "return {pcall(loadstring('error(\"x\")'))}",
        "return {pcall(loadstring('local x; x.y = 1'))}",
        "return {pcall(loadstring('local x; x.y = 1', '=chunk'))}",
        "return {pcall(loadstring(string.rep('x', 100) .. ' = nil + 1'))}",
        "return {pcall(loadstring('x = nil\\nreturn x.y'))}",
        "return {loadstring('error(\"x\")', '=chunk')}");
  }

  @Test
  void nan_printedWithItsX86Sign() {
    check("return tostring(-(0/0))",
        "return tostring(0/0)",
        "return string.format('%f', 0/0)",
        "return string.format('%f', -(0/0))",
        "return (0/0)..''",
        "return (-(0/0))..''",
        "return tostring(math.huge-math.huge)..tostring(-(math.huge-math.huge))..tostring(5%0)..tostring(-(5%0))",
        "local z = 0 local n = z/z return {tostring(n), tostring(-n), string.format('%f %g "
            + "%e', n, -n, n)}",
        "return tostring(tonumber('nan'))..tostring(tonumber('-nan'))..tostring(tonumber('-inf'))..tostring(tonumber('INFINITY'))",
        "return tostring(math.sqrt(-1))..tostring(-math.sqrt(-1))");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void numbersToIntegers_asC(int resp) {
    checkIn(resp, "return 0/0",
        "return {0/0, -(0/0), 1e20, -1e20, 2^63, math.huge, -math.huge}",
        "return math.floor(1e20)",
        "return string.format('%d', 2^63)",
        "return string.format('%d', -2^63)",
        "return string.format('%d', 0/0)",
        "return string.format('%x', 2^64)",
        "return string.format('%x', -1)",
        "return string.format('%u', -1)",
        "return string.format('%x|%o', 0/0, 1e30)");
  }

  @Test
  void stringFormat_asC() {
    check("return string.format('%d', 1.5)",
        "return string.format('%5.2s|', 'abc')",
        "return string.format('%q', 'a\\0b\\1c\\n\\r\"\\\\')",
        "return string.format('%g|%g|%g|%g|%g|%G', 1e20, 0.1, 1e-5, 123456789, 0.0001, 1e-10)",
        "return string.format('%i', 42)",
        "return string.format('%y', 42)",
        "return string.format('%', 42)",
        "return string.format('%')",
        "return string.format('%10.3f|%-5d|%+d|%x|%X|%o|%e|%E|%c', 3.14159, 42, 5, 255, 255, "
            + "8, 12345.678, 0.001, 65)",
        "return string.format('%.20f', 0.1)",
        "return string.format('%.99f', 0.1)",
        "return string.format('%100d', 1)",
        "return string.format('%.100f', 1)",
        "return string.format('%-+ #0d', 1)",
        "return string.format('%-+ #00d', 1)",
        "return string.format('%.0f %.0f %.0f %.1f', 0.5, 1.5, 2.5, 0.25)",
        "return string.format('%.3g|%#.3g|%#g|%.0e|%#.0e', 12345, 1, 2, 15.5, 25)",
        "return string.format('%s|%10s|%-10s|', 'a\\0b', 'x', 'y')",
        "return string.format('%q', 1/3)",
        "return string.format('%.3d|%05d|% d|%+.2f|%#x|%#o|%.0d|%5.3x', 7, -42, 3, 2.5, 255, "
            + "8, 0, 10)",
        "return string.format('%s', string.rep('a', 150))",
        "return string.format('%5%')",
        "return string.format('%.14g|%.17g|%.3e', 2^53, 0.1, 1/3)",
        "return string.format('%5c|%-3c|', 65, 66)");
  }

  @Test
  void tonumber_readsAsStrtod() {
    check("return {tostring(tonumber('0x10')), tostring(tonumber(' 10 ')), tostring(tonumber('1e1')), tostring(tonumber('0x'))}",
        "return {tostring(tonumber('')), tostring(tonumber(' ')), tostring(tonumber('1e309')), "
            + "tostring(tonumber('0x1p4'))}",
        "return {tostring(tonumber('inf')), tostring(tonumber('-0x10')), "
            + "tostring(tonumber('.5')), tostring(tonumber('5.'))}",
        "return {tostring(tonumber(' 0x1P-2 ')), tostring(tonumber('0x.8')), "
            + "tostring(tonumber('1e')), tostring(tonumber('1e+'))}",
        "return {tostring(tonumber('- 1')), tostring(tonumber('10', 16)), "
            + "tostring(tonumber('ZZ', 36)), tostring(tonumber('-ff', 16))}",
        "return {tostring(tonumber('0x10', 16)), tostring(tonumber('1.5', 10)), "
            + "tostring(tonumber('111', 2)), tostring(tonumber('8', 8))}",
        "return {tostring(tonumber('1e400')), tostring(tonumber('-1e400')), "
            + "tostring(tonumber('4.9e-324')), tostring(tonumber('12\\0x'))}",
        "return {tostring(tonumber('7fffffffffffffff', 16)), "
            + "tostring(tonumber('ffffffffffffffffff', 16)), tostring(tonumber(' 1 ', 2))}",
        "return tonumber('10', 37)",
        "return tonumber('10', 1)",
        "return tonumber()",
        "return tostring(tonumber('0x1g'))");
  }

  @Test
  void mathRandom_isRedisRand48() {
    check("return tostring(math.random())",
        "return {math.random(10), math.random(10), math.random(1,100)}",
        "math.randomseed(42) return {math.random(1000), math.random(1000), "
            + "tostring(math.random())}",
        "math.randomseed(7) return {tostring(math.random()), math.random(5), math.random(3, "
            + "9), math.random(-5, -1)}",
        "math.randomseed(-1) return {math.random(100), math.random(100)}",
        "math.randomseed(2^40) return {math.random(100)}",
        "return math.random(1, 2, 3)",
        "return math.random(0)",
        "return math.random(3, 1)",
        "return math.random(1.9)",
        "return tostring(math.random())");
  }

  @Test
  void tableFunctions_asLua51() {
    check("return table.insert({}, 1, 2, 3)",
        "local t={} table.insert(t) return t",
        "local t={} table.insert(t, 5, 1) return t[5]",
        "local t = {1,2,3} table.insert(t, 2, 'x') return t",
        "local t = {1,2,3} table.insert(t, 10, 'x') return {#t, t[10]}",
        "local t={3,1,2} table.sort(t, function(a,b) return true end) return t",
        "local t={5,4,3,2,1,6,7,8,9,10,11,12} table.sort(t, function(a,b) return a<=b end) "
            + "return t",
        "local t={5,4,3,2,1,6,7,8,9,10,11,12,5,5,5,1} table.sort(t, function(a,b) return a>b "
            + "end) return t",
        "local t={} for i=1,100 do t[i]=(i*37)%101 end table.sort(t) return t",
        "local t={3,1,'x'} table.sort(t) return t",
        "local t={'b','a','c',{}} return {pcall(table.sort, t)}",
        "local t={'b','a','C','aa'} table.sort(t) return t",
        "return #{unpack({}, 1, 1e6)}",
        "return select('#', unpack({}, 1, 7997))",
        "return select('#', unpack({}, 1, 7998))",
        "return {pcall(unpack, {}, 1, 8000)}",
        "return string.rep('x', -1)",
        "return string.rep('x', 0.5)");
  }

  @Test
  void readonlyTables_keepTheirMetatable() {
    check("return setmetatable(_G, {})",
        "return {pcall(setmetatable, _G, {})}",
        "return setmetatable(string, nil)",
        "return setmetatable(redis, {})",
        "return nosuch_global_after_setmetatable");
  }
}
