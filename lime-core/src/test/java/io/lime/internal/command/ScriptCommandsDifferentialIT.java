package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT compared byte for byte with a real
 * redis-server 7.0 under RESP2 and RESP3: the Lua ↔ RESP conversion rules, redis.call and
 * redis.pcall, the redis library, global protection, shebang flags and the error texts of
 * scripts (with their name and line).
 */
class ScriptCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static String[] eval(String script, String... keysAndArgs) {
    String[] cmd = new String[keysAndArgs.length + 2];
    cmd[0] = "EVAL";
    cmd[1] = script;
    System.arraycopy(keysAndArgs, 0, cmd, 2, keysAndArgs.length);
    return cmd;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void luaToResp_conversions_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        eval("return 1", "0"), eval("return 3.99", "0"), eval("return -3.7", "0"),
        eval("return 'x'", "0"), eval("return ''", "0"),
        eval("return true", "0"), eval("return false", "0"), eval("return nil", "0"),
        eval("return", "0"),
        eval("return {1,2,3,nil,4}", "0"), eval("return {1,'a',true,false,{ok='x'}}", "0"),
        eval("return {a=1}", "0"), eval("return {}", "0"),
        eval("return {err='x'}", "0"), eval("return {err='MY x'}", "0"),
        eval("return {ok='FINE'}", "0"), eval("return {ok='a\\nb'}", "0"),
        eval("return redis.error_reply('x')", "0"),
        eval("return redis.error_reply('MY x')", "0"),
        eval("return redis.error_reply('-MY x')", "0"),
        eval("return redis.status_reply('FINE')", "0"),
        eval("return {1.5, 2.9, -3.7}", "0"),
        eval("return {double=3.5}", "0"), eval("return {big_number='123456789012345678901'}", "0"),
        eval("return {map={a=1}}", "0"), eval("return {set={a=true}}", "0"),
        eval("redis.setresp(3); return true", "0"), eval("redis.setresp(3); return false", "0"),
        eval("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "k1", "k2",
            "a1", "a2"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void respToLua_conversions_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "s", "v"), c("RPUSH", "l", "a", "b"), c("HSET", "h", "f", "v"),
        c("SADD", "set", "m"), c("ZADD", "z", "1.5", "m"),
        eval("return redis.call('get', 's')", "0"),
        eval("return redis.call('get', 'missing')", "0"),
        eval("return type(redis.call('get', 'missing'))", "0"),
        eval("return redis.call('set', 'x', 'y')", "0"),
        eval("return redis.call('lrange', 'l', 0, -1)", "0"),
        eval("return redis.call('incr', 'n')", "0"),
        eval("return redis.call('hgetall', 'h')", "0"),
        eval("return redis.call('smembers', 'set')", "0"),
        eval("return redis.call('zscore', 'z', 'm')", "0"),
        eval("return redis.call('zrange', 'z', 0, -1, 'withscores')", "0"),
        eval("redis.setresp(3); return redis.call('hgetall', 'h')", "0"),
        eval("redis.setresp(3); return redis.call('smembers', 'set')", "0"),
        eval("redis.setresp(3); return redis.call('zscore', 'z', 'm')", "0"),
        eval("redis.setresp(3); return redis.call('get', 'missing')", "0"),
        eval("redis.setresp(3); return type(redis.call('get', 'missing'))", "0"),
        eval("redis.setresp(3); return redis.call('hgetall', 'missing')", "0"),
        eval("local r = redis.call('ping'); return type(r) .. r.ok", "0"),
        eval("return redis.call('ping')", "0"),
        eval("return redis.call('set', 'k', 1.5)", "0"), c("GET", "k"),
        eval("return redis.call('set', 'k', 100)", "0"), c("GET", "k"),
        eval("return redis.pcall('incr', 's')", "0"),
        eval("local r = redis.pcall('incr', 's'); return type(r) .. r.err", "0"),
        eval("return redis.call('select', '1')", "0"), c("DBSIZE"),
        eval("redis.call('select', '2'); return redis.call('set', 'in2', '1')", "0"),
        c("EXISTS", "in2"), c("SELECT", "2"), c("EXISTS", "in2"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void errors_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "s", "v"),
        eval("return 1 + nil", "0"),
        eval("x = 1", "0"), eval("return x", "0"), eval("string.x = 1", "0"),
        eval("redis = 1", "0"),
        eval("return redis.call('get')", "0"), eval("return redis.call('nosuch')", "0"),
        eval("return redis.pcall('nosuch')", "0"),
        eval("return redis.pcall('get')['err']", "0"),
        eval("return redis.call('incr', 's')", "0"),
        eval("return redis.call('eval', 'return 1', 0)", "0"),
        eval("error('boom')", "0"), eval("error({err='MY boom'})", "0"),
        eval("\nlocal a = 1\nerror('on three')", "0"),
        eval("redis.call('get', {})", "0"), eval("redis.call()", "0"),
        eval("return redis.setresp(4)", "0"), eval("return redis.log()", "0"),
        eval("return redis.acl_check_cmd('nosuch','x')", "0"),
        eval("return os", "0"), eval("return print", "0"), eval("return dofile", "0"),
        eval("return loadfile", "0"), eval("return require", "0"),
        eval("return +", "0"), eval("return 1 +", "0"), eval("x(", "0"),
        eval("return 1 .. nil", "0"), eval("return undefinedfn()", "0"),
        eval("return {} < 1", "0"), eval("return #nil", "0"), eval("return -{}", "0"),
        eval("local x = 'a' + 1", "0"), eval("return nil + 1", "0"),
        eval("local ok, e = pcall(function() return 1 + nil end) return e", "0"),
        eval("local ok, e = pcall(function() error('x') end) return e", "0"),
        eval("local ok, e = pcall(function() error({err='x'}) end) return e", "0"),
        eval("local ok, e = pcall(function() error({foo='x'}) end) return type(e)", "0"),
        eval("local ok, e = pcall(function() redis.call('incr','s') end) return e", "0"),
        eval("local ok, e = xpcall(function() redis.call('incr','s') end, "
            + "function(m) return m end) return e", "0"),
        c("EVAL", "return 1", "-1"), c("EVAL", "return 1", "3", "a"),
        c("EVAL", "return 1", "x"), c("EVAL", "return 1"),
        c("EVALSHA", "abc", "0"), c("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void scriptCache_andFlags_identical(int resp) {
    diff.reset(resp);
    diff.check("SCRIPT", "FLUSH");
    diff.checkAll(
        c("SCRIPT", "LOAD", "return 'loaded'"),
        c("EVALSHA", "ff1a4e1fb5f1f44b0bfbd2a2e7b2b55cc9d5c4a7", "0"),
        c("SCRIPT", "EXISTS", "ff1a4e1fb5f1f44b0bfbd2a2e7b2b55cc9d5c4a7", "nope"),
        c("SCRIPT", "LOAD", "return +"),
        c("SCRIPT", "FLUSH", "x"), c("SCRIPT", "KILL"), c("SCRIPT", "HELP"),
        c("SCRIPT", "EXISTS"),
        eval("return 7", "0"),
        c("EVALSHA", "4fdb2c4b0ecb58fd7e6a6f1fa1e0c5c1dc0fa69d", "0"),
        c("EVAL_RO", "return redis.call('set','k','v')", "0"),
        c("EVAL_RO", "return redis.call('get','k')", "0"),
        eval("#!lua flags=no-writes\nreturn redis.call('set','k','v')", "0"),
        eval("#!lua flags=no-writes\nreturn redis.call('get','k')", "0"),
        eval("#!lua\nreturn redis.call('set','k','v')", "0"),
        c("EVAL_RO", "#!lua\nreturn 1", "0"),
        c("EVAL_RO", "#!lua flags=no-writes\nreturn 2", "0"),
        eval("#!lua flags=bogus\nreturn 1", "0"),
        eval("#!lua name=x\nreturn 1", "0"),
        eval("#!lua flags=", "0"),
        eval("#!notlua\nreturn 1", "0"),
        c("SCRIPT", "FLUSH", "ASYNC"), c("SCRIPT", "FLUSH", "SYNC"),
        c("EVALSHA", "4fdb2c4b0ecb58fd7e6a6f1fa1e0c5c1dc0fa69d", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void environment_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        eval("local s='' for k,v in pairs(redis) do s = s .. k .. ' ' end return #s", "0"),
        eval("return redis.sha1hex('')", "0"), eval("return redis.sha1hex(1)", "0"),
        eval("return redis.REDIS_VERSION .. ' ' .. redis.REDIS_VERSION_NUM", "0"),
        eval("return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}",
            "0"),
        eval("return {redis.REPL_NONE, redis.REPL_AOF, redis.REPL_REPLICA, redis.REPL_ALL}", "0"),
        eval("redis.log(redis.LOG_WARNING, 'hi') return 1", "0"),
        eval("return redis.set_repl(redis.REPL_ALL)", "0"),
        eval("return redis.replicate_commands()", "0"), eval("return redis.breakpoint()", "0"),
        eval("return redis.debug('x')", "0"), eval("return redis.acl_check_cmd('get','x')", "0"),
        eval("return unpack({1,2})", "0"), eval("return loadstring('return 7')()", "0"),
        eval("return table.getn({1,2,3})", "0"), eval("return math.mod(7, 3)", "0"),
        eval("return type(string.gfind)", "0"), eval("return type(table.unpack)", "0"),
        eval("return _VERSION", "0"), eval("return type(bit32)", "0"),
        eval("return tostring(1e15)..' '..tostring(0.1)..' '..tostring(1/0)..' '"
            + "..tostring(2^53)..' '..tostring(-1/0)..' '..tostring(1/3)", "0"),
        eval("return {bit.band(7,3), bit.bor(1,2), bit.tohex(255), bit.lshift(1,31), "
            + "bit.bxor(5,3), bit.bnot(0), bit.rshift(-1, 28), bit.arshift(-16, 2), "
            + "bit.tohex(-1, -4)}", "0"),
        eval("return cjson.encode({1,2,3.5,'x/y',{a=1}})", "0"),
        eval("return cjson.encode(cjson.decode('{\"a\":[1,2,{\"b\":null}]}'))", "0"),
        eval("return cjson.decode('[1,2.5,\"x\",null,true]')[2]", "0"),
        eval("return cjson.encode({})", "0"),
        eval("local t = setmetatable({}, {}); t.x = 1; return t.x", "0"),
        eval("KEYS[1] = 'x' return KEYS[1]", "1", "a"),
        eval("local ok, e = pcall(function() return redis.call('nosuch') end) "
            + "return {tostring(ok), e.err}", "0"),
        eval("return select('#', 1, 2, 3)", "0"),
        eval("return string.format('%d %5.2f %s', 3, 1.5, 'x')", "0"),
        eval("return string.rep('ab', 3)", "0"),
        eval("return struct.pack('>I2', 258)", "0"),
        eval("return struct.pack('<i4hBc0dLs', -2, 300, 7, 'xyz', 1.5, 9, 'z')", "0"),
        eval("return {struct.unpack('<i4hB', struct.pack('<i4hB', -2, -300, 255))}", "0"),
        eval("local d, s, n = struct.unpack('dLc0', struct.pack('dLc0', 2.5, 3, 'abc')) "
            + "return {d * 2, s, n}", "0"),
        eval("return {struct.unpack('Bc0I', struct.pack('Bc0I', 2, 'ab', 70000))}", "0"),
        eval("return struct.size('>I2dB')", "0"),
        eval("return cmsgpack.pack({1,2}, 'x', true, false, nil, 0.5, 1.1, -1, -33, -200, "
            + "-40000, -3000000000, 200, 40000, 3000000000, 2^40)", "0"),
        eval("return cmsgpack.pack({a=1}, string.rep('s', 40), {}, {[1]=1, [3]=3})", "0"),
        eval("local t = cmsgpack.unpack(cmsgpack.pack({1, 'two', {3}})) "
            + "return {t[1], t[2], t[3][1]}", "0"),
        eval("return {cmsgpack.unpack(cmsgpack.pack(1, 'x', -5, 1e10))}", "0"),
        eval("return {cmsgpack.unpack_one(cmsgpack.pack(7, 8))}", "0"),
        eval("return {cmsgpack.unpack_limit(cmsgpack.pack(7, 8, 9), 2)}", "0"),
        eval("return {struct.unpack('s', 'ab\\0cd')}", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void numberToString_asLua51(int resp) {
    diff.reset(resp);
    diff.checkAll(
        eval("return {1e15 .. '', 0.1 .. '|' .. 1/3, 2^53 .. '', (1/0) .. '', (-1/0) .. '', "
            + "(0/0) .. '', 2^63 .. '', 1e100 .. '', 123456789012 .. '', 3.0 .. '', "
            + "1.5 .. 2.5 .. 'x' .. 1e-5, -0.0 .. ''}", "0"),
        eval("return {tostring(0/0), tostring(math.huge - math.huge), tostring(math.sqrt(-1))}",
            "0"),
        eval("return {table.concat({1e15, 1/3, 0/0, 7}, ','), table.concat({1, 2, 3}, 0.5, 2, 3),"
            + " table.concat({})}", "0"),
        eval("return table.concat({1, {}}, ',')", "0"),
        eval("return {string.format('%s %s %s', 1e15, 0/0, 1/3), string.rep(1e15, 2), "
            + "string.len(1/3), string.upper(1e20), string.sub(2^53, 1, 4)}", "0"),
        eval("redis.call('set', 'k', 0.1) redis.call('set', 'k2', 1e15) "
            + "redis.call('set', 'k3', 2^63) return {redis.call('get', 'k'), "
            + "redis.call('get', 'k2'), redis.call('get', 'k3')}", "0"),
        eval("local co = coroutine.wrap(function(a) local x = coroutine.yield(a .. 1/3) "
            + "return x .. 2^60 end) local r1 = co(0.5) return {r1, co(1e20)}", "0"),
        eval("return 1/3 .. setmetatable({}, {__concat = function(a, b) return type(a) end})",
            "0"),
        eval("error(1/3)", "0"), eval("error(1.5, 0)", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void runtimeErrors_nameTheirCulprit(int resp) {
    diff.reset(resp);
    diff.checkAll(
        eval("local t = nil; return t.x", "0"), eval("local t = {}; return t.a.b", "0"),
        eval("return KEYS[1].x", "0"), eval("local a; return a + 1", "0"),
        eval("local t = {} return t.n + 1", "0"), eval("local s = 'a'; return s:nosuch()", "0"),
        eval("local t = {}; t.f()", "0"), eval("local t = {}; t:m()", "0"),
        eval("local n; return n .. 'x'", "0"),
        eval("local a, b = 'x', nil; return a .. b .. 'y'", "0"),
        eval("local a = nil; return a .. 'b' .. 'c'", "0"), eval("return ARGV[1] + 1", "0"),
        eval("local t = {} t[nil] = 1", "0"), eval("local x = nil; x()", "0"),
        eval("return ('x')()", "0"), eval("redis.nosuch()", "0"),
        eval("local t; local function f() return t.x end return f()", "0"),
        eval("local t; local function f() t.x = 1 end return f()", "0"),
        eval("local u; local function f() return u + 1 end return f()", "0"),
        eval("local t = {} t.x.y = 1", "0"), eval("local t = {} return #t.x", "0"),
        eval("return -KEYS[3]", "0"), eval("return 1 + {}", "0"),
        eval("local c = {} return c + 1", "0"),
        eval("local ok, e = pcall(function() local z; return z.q end) return e", "0"),
        eval("local function f() local q = nil; return q() end return f()", "0"),
        eval("local function f() error('lvl2', 2) end\nf()", "0"),
        eval("error('x', 0)", "0"), eval("error()", "0"), eval("error(true)", "0"),
        eval("local ok, e = pcall(error, 5, 0) return type(e)", "0"),
        eval("local ok, e = pcall(error) return type(e)", "0"),
        eval("local ok, e = pcall(error, 'x') return e", "0"),
        eval("local ok, e = pcall(error, 'x', 2) return e", "0"),
        eval("local ok, e = xpcall(function() local z; return z.q end, "
            + "function(m) return m end) return e", "0"),
        eval("local ok, e = xpcall(function() error({err='x'}) end, "
            + "function(m) return type(m) end) return e", "0"),
        eval("local ok, e = xpcall(function() error('x') end, nil) return e", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void aclOfTheCaller_checkedInScripts(int resp) {
    diff.reset(resp);
    diff.checkAll(c("ACL", "SETUSER", "u1", "reset", "on", "nopass", "~k*", "+get", "+eval",
        "+set", "+acl|log"), c("AUTH", "u1", "x"));
    try {
      diff.checkAll(
          eval("return {redis.acl_check_cmd('get','k1'), redis.acl_check_cmd('get','x'), "
              + "redis.acl_check_cmd('set','k1','v'), redis.acl_check_cmd('del','k1'), "
              + "redis.acl_check_cmd('config','get','x')}", "0"),
          eval("return redis.acl_check_cmd('nosuch')", "0"),
          eval("return redis.call('del','k1')", "0"), eval("return redis.call('get','x')", "0"),
          eval("return redis.pcall('get','x')['err']", "0"),
          eval("return redis.call('set','k1','v')", "0"));
    } finally {
      diff.check("AUTH", "default", "x");
    }
    diff.checkAll(c("ACL", "LOG", "RESET"), c("ACL", "DELUSER", "u1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void overMaxmemory_scriptsGetRedisOomBehaviour(int resp) {
    diff.reset(resp);
    diff.checkAll(c("SET", "x", "1"), c("CONFIG", "SET", "maxmemory-policy", "noeviction"),
        c("CONFIG", "SET", "maxmemory", "1"));
    try {
      diff.checkAll(
          eval("return redis.call('set','x','1')", "0"),
          eval("return redis.call('get','x')", "0"),
          eval("#!lua\nreturn 1", "0"),
          eval("#!lua flags=no-writes\nreturn redis.call('get','x')", "0"),
          eval("#!lua flags=allow-oom\nreturn redis.call('set','x','2')", "0"),
          eval("return redis.pcall('set','x','1')", "0"),
          eval("local r = redis.pcall('set','x','1') return r['err']", "0"),
          eval("redis.call('del','x') return redis.call('set','x','3')", "0"),
          eval("return redis.call('del','x')", "0"),
          c("EVAL_RO", "return redis.call('get','x')", "0"),
          c("EVAL_RO", "#!lua\nreturn 1", "0"));
    } finally {
      diff.check("CONFIG", "SET", "maxmemory", "0");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void scriptDebug_noAndErrors_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(c("SCRIPT", "DEBUG", "NO"), c("SCRIPT", "DEBUG", "no"),
        c("SCRIPT", "DEBUG", "x"), c("SCRIPT", "DEBUG"), c("SCRIPT", "DEBUG", "NO", "extra"),
        c("MULTI"), c("SCRIPT", "DEBUG", "NO"), c("EXEC"));
    // YES and SYNC start Redis's Lua debugger, which LIME lacks: a clear error instead
    org.junit.jupiter.api.Assertions.assertEquals("-" + io.lime.internal.engine.Errors
        .SCRIPT_DEBUG_UNSUPPORTED + "\r\n", new String(diff.lime("SCRIPT", "DEBUG", "YES"),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void cjsonDecodeErrors_nameTheToken(int resp) {
    diff.reset(resp);
    for (String json : new String[] {"{", "[1,", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\"}", "{1:2}",
        "[1,]", "{\"a\":1,}", "]", "x", "[1}", "{\"a\":[1,2,{\"b\":null}]}", "[]", "{}"}) {
      diff.check(eval("return cjson.encode(cjson.decode(ARGV[1]))", "0", json));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void libraryArgumentErrors_asLua51(int resp) {
    diff.reset(resp);
    diff.checkAll(
        eval("return string.rep()", "0"), eval("return math.floor('x')", "0"),
        eval("return tonumber()", "0"), eval("return ipairs()", "0"),
        eval("return bit.band('x')", "0"), eval("return table.foreach({1}, nil)", "0"),
        eval("return string.format()", "0"), eval("return table.insert(nil, 1)", "0"),
        eval("return table.concat({}, {})", "0"), eval("return setmetatable(1, {})", "0"),
        eval("return select()", "0"), eval("return math.max()", "0"),
        eval("return string.char('x')", "0"), eval("return unpack(nil)", "0"),
        eval("return cjson.encode()", "0"), eval("return cjson.decode()", "0"),
        eval("return struct.pack()", "0"), eval("return tostring()", "0"),
        eval("return type()", "0"),
        eval("return table.sort({3,1,2}, function(a,b) return string.rep() end)", "0"),
        eval("return {tostring(nil), tostring(1/3), string.rep('x', 3), "
            + "table.concat({1,2}, nil)}", "0"));
  }
}
