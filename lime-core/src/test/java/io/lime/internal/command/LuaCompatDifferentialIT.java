package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corners of Lua 5.1 that LuaJ words or computes otherwise, compared byte for byte with a
 * real redis-server 7.0: library argument errors named as the caller named the function,
 * comparison and coroutine errors, loadstring's chunk names, the sign of a NaN, C's
 * conversion of doubles to integers, string.format as C's printf, tonumber as strtod,
 * Redis's rand48 math.random, table.sort/insert and unpack as Lua 5.1, read-only tables.
 * The servers start fresh and get the same scripts, so their random generators stay in step.
 */
class LuaCompatDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

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

  @Test
  void patterns_asLua51() {
    check("return {string.find('hello world', 'o w')}",
        "return {string.find('hello', 'l', 1, true)}",
        "return {string.find('hello', '')}",
        "return {string.find('hello', '', 10)}",
        "return {string.find('hello', '', 6)}",
        "return {string.find('hello', 'l', -2)}",
        "return {string.find('a.b', '.', 1, true)}",
        "return {string.find('THE (quick) fox', '%((%a+)%)')}",
        "return {string.match('key=value', '(%w+)=(%w+)')}",
        "return {string.match('hello', '()ll()')}",
        "return {string.match('  trim  ', '^%s*(.-)%s*$')}",
        "return {string.match('[[x]]', '%b[]')}",
        "return string.match('abc', '%')",
        "return string.match('abc', '[a')",
        "return string.match('abc', '(a')",
        "return string.match('abc', 'a)')",
        "return string.match('abc', '%b')",
        "return string.match('abc', '%f')",
        "return string.match('abc', '%1')",
        "return string.match('abc', '(a)%2')",
        "return string.match(string.rep('a', 40), string.rep('(a)', 33))",
        "return string.match(string.rep('a', 40), string.rep('(a)', 32))",
        "return {string.gsub('hello world', 'o', '0')}",
        "return {string.gsub('hello world', 'o', '0', 1)}",
        "return {string.gsub('hello', '', '-')}",
        "return {string.gsub('abc', '%w', '%0%0')}",
        "return {string.gsub('abc', '%w', '%1')}",
        "return {string.gsub('abc', '%w', '%2')}",
        "return {string.gsub('abc', '%w', '%')}",
        "return {string.gsub('abc', '%w', '%z')}",
        "return {string.gsub('abc', '(%w)', {a='1', b=true})}",
        "return {string.gsub('abc', '(%w)', {a='1', b=false})}",
        "return {string.gsub('abc', '%w', {a={}})}",
        "return {string.gsub('abc', '%w', function(c) if c == 'b' then return nil end return "
            + "c:upper() end)}",
        "return {string.gsub('abc', '%w', function(c) return {} end)}",
        "return {string.gsub('abc', '%w', 5)}",
        "return {string.gsub('abc', '%w', true)}",
        "return {string.gsub('hello world', '(o)', '[%1]')}",
        "return {string.gsub('abc', '.', {a=1.5})}",
        "return {string.gsub('abc', '', 'x', -1)}",
        "local r = {} for k, v in string.gmatch('a=1, b=2', '(%w+)=(%w+)') do r[#r+1] = k..v "
            + "end return r",
        "local r = {} for w in string.gmatch('one two', '%a+') do r[#r+1] = w end return r",
        "local r = {} for w in string.gmatch('abc', '') do r[#r+1] = '.' end return #r",
        "local r = {} for a in string.gmatch('abc', '^a') do r[#r+1] = a end return r",
        "return {string.byte('abc', 0, 10)}",
        "return {string.byte('abc', -1)}",
        "return {string.byte('')}",
        "return string.char()",
        "return string.char(0, 255)",
        "return string.char(1.5)",
        "return {string.len('a\\0b'), #'a\\0b'}",
        "return string.reverse('abc')",
        "return string.lower('\u00c0B')",
        "return string.sub('hello', 0)",
        "return string.sub('hello', 3, 2)",
        "return string.sub('hello', 2.7)",
        "return ('x'):rep(3)",
        "return string.upper(nil)",
        "return string.format('%s %s', 1.5, 10)",
        "return string.find('abc', '[%a')",
        "return string.find('abc', '[]')",
        "return string.find('abc', '[^]')",
        "return {string.find('a]b', '[]]')}",
        "return {string.find('a-b', '[a-]')}",
        "return {string.find('x', '[%w-]')}",
        "return {string.match('2024-01-02', '(%d+)-(%d+)-(%d+)')}",
        "return {string.match('hello', '.-(l+)(.*)')}",
        "return {string.match('hello', 'h?e*l+?')}",
        "return {string.match('\\0abc', '%z')}",
        "return {string.find('abc', 'b', 100)}",
        "return {string.find('abc', 'b', -100)}",
        "return {string.find(123, 2)}",
        "return {string.find('a+b', '+', 1, true)}",
        "return {string.match('abc', '()')}",
        "return {pcall(string.rep)}",
        "return string.gsub('abc', '%w', '%0', 'x')",
        "return {string.gsub('abc', '%w', '%0', 1.9)}",
        "return type(string.gmatch('a', 'a'))",
        "return string.match('abc', 'x[')",
        "return string.find('', '[a')",
        "return string.match('abc', '(()')",
        "return string.match('abc', '%b()')",
        "return string.gsub('abc', '(', 'x')",
        "return {string.gsub('a%b', '%%', '%%%%')}",
        "local r = {} for a, b in string.gmatch('k1=v1;k2=v2', '(%w+)=(%w+)') do r[#r+1] = "
            + "a..':'..b end return r",
        "local r = {} for p in string.gmatch('abc', '()') do r[#r+1] = p end return r",
        "local r = {} for w in string.gmatch('a,b,,c', '([^,]*)') do r[#r+1] = '<'..w..'>' end "
            + "return r",
        "local r = {} for w in string.gmatch('^a^a', '^a') do r[#r+1] = w end return r");
  }

  @Test
  void mathAndLibraryNumbers_asLua51() {
    check("return tostring(math.fmod(7,3))..tostring(math.fmod(-7,3))..tostring(math.fmod(7,0))",
        "return math.fmod(1)",
        "return tostring(math.abs(-2^63))",
        "return tostring(math.exp(710))",
        "return tostring(math.log(0))",
        "return {math.modf(math.huge)}",
        "return tostring(select(2, math.modf(-3.5)))",
        "return tostring(math.frexp(0))",
        "return tostring(math.ldexp(1, 1024))",
        "return tostring(math.atan2(1, 1))",
        "return tostring(math.cosh(1))",
        "return tostring(math.deg(math.pi))",
        "return tostring(2^-1074)",
        "return tostring(1e308*10)",
        "return 7 % 0",
        "return tostring(-7 % 3)..tostring(7 % -3)..tostring(-7.5 % 2)",
        "return tostring(2^63 % 2)",
        "return tostring(10 / 3)",
        "return 1e15",
        "return 123456789012",
        "return 2^53+1",
        "return bit.tobit(2^32+5)",
        "return bit.tohex(-1)",
        "return bit.tohex(255, -4)",
        "return bit.band(0/0)",
        "return bit.lshift(1, 40)",
        "return struct.pack('>i', 0/0)",
        "return struct.pack('>I', 2^40)",
        "return struct.pack('b', 300)",
        "return struct.unpack('>d', struct.pack('>d', 0/0))",
        "return tostring(struct.unpack('>d', struct.pack('>d', -(0/0))))",
        "return cjson.decode('[1e400]')",
        "return tostring(cjson.decode('1E2'))",
        "return redis.sha1hex(1.5)",
        "return redis.call('set', 'k', 0/0)",
        "return redis.call('set', 'k', 1e20)",
        "return redis.call('set', 'k', -(0/0))",
        "return {math.modf(3.7)}",
        "return {math.modf(-3.5)}",
        "return {math.modf(0/0)}",
        "return math.floor()",
        "return string.sub(\"x\", \"a\")",
        "return (\"x\"):sub(\"a\")",
        "return string.rep(\"x\", \"y\")",
        "return (\"x\"):rep(\"y\")",
        "return string.byte(\"x\", \"y\")",
        "return math.floor(\"x\")",
        "return string.char(\"x\")",
        "return string.char(1, \"x\")");
  }
}
