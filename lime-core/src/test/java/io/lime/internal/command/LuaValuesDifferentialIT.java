package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values a script can see that LuaJ holds otherwise than Lua 5.1, compared byte for byte with a
 * real redis-server 7.0 in RESP2 and RESP3: cjson.null, msgpack's NaN, the error table
 * redis.pcall returns, tables raised as errors in coroutines.
 */
class LuaValuesDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static void check(int resp, String... scripts) {
    diff.reset(resp);
    for (String script : scripts) {
      diff.check("EVAL", script, "0");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void cjsonNullAndMsgpackNan(int resp) {
    check(resp, "return tostring(cjson.null)",
        "return type(cjson.null)",
        "return cmsgpack.pack(0/0)",
        "return cmsgpack.pack(-(0/0))",
        "return cmsgpack.pack({0/0, 1/0, -1/0})");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pcallErrorTable(int resp) {
    check(resp, "local e = redis.pcall('nosuch') local r = {} for k,v in pairs(e) do "
            + "r[#r+1]=k r[#r+1]=tostring(v) end return r",
        "return cjson.encode(redis.pcall('nosuch'))",
        "return cjson.encode(redis.pcall('incr', 'a', 'b'))",
        "return redis.pcall('nosuch')",
        "local e = redis.pcall('nosuch') return e.ignore_error_stats_update",
        "local e = redis.error_reply('x') local r={} for k,v in pairs(e) do r[#r+1]=k end "
            + "return r");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void coroutineErrorTables(int resp) {
    check(resp, "return {coroutine.resume(coroutine.create(function() error({x=1}) end))}",
        "local ok, e = coroutine.resume(coroutine.create(function() error({x=1}) end)) "
            + "return type(e)",
        "local ok, e = coroutine.resume(coroutine.create(function() error({x=1}) end)) "
            + "local r={} for k,v in pairs(e) do r[#r+1]=k r[#r+1]=v end return r",
        "local ok, e = coroutine.resume(coroutine.create(function() error('x') end)) "
            + "return e",
        "local ok, e = coroutine.resume(coroutine.create(function() local t = nil "
            + "return t.x end)) return e",
        "local co = coroutine.create(function() coroutine.yield(1) error({y=2}) end) "
            + "local a, b = coroutine.resume(co) local c, d = coroutine.resume(co) "
            + "return {a, b, c, d.y}");
  }
}
