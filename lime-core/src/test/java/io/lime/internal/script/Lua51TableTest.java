package io.lime.internal.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.1's table order without a redis-server at hand: each expected string was returned by
 * redis-server 7.0 for the same script (LuaTableOrderDifferentialIT compares live).
 */
class Lua51TableTest {
  private final LuaVm vm = new LuaVm();

  private String run(String script) {
    LuaValue f = vm.compile(script.getBytes(StandardCharsets.UTF_8), "@user_script",
        vm.globals());
    return f.call().tojstring();
  }

  @Test
  void constructor_encodesInRedisKeyOrder() {
    assertEquals("{\"a\":1,\"c\":3,\"b\":2}", run("return cjson.encode({a=1,b=2,c=3})"));
  }

  @Test
  void assignments_encodeInRedisKeyOrder() {
    assertEquals("{\"beta\":2,\"epsilon\":5,\"delta\":4,\"gamma\":3,\"alpha\":1}",
        run("local t = {} t.alpha=1 t.beta=2 t.gamma=3 t.delta=4 t.epsilon=5 "
            + "return cjson.encode(t)"));
  }

  @Test
  void growthAndDeletion_iterateInRedisOrder() {
    assertEquals("k12,k20,k9,k8,k1,k2,k10,k11,k6,k7,k4,k5,",
        run("local t = {} for i = 1, 12 do t['k'..i] = i end t.k3 = nil t.k20 = 20 "
            + "local s = '' for k in pairs(t) do s = s .. k .. ',' end return s"));
  }

  @Test
  void mixedKeys_iterateAndMeasureAsRedis() {
    assertEquals("1,2,3,x,4.5,true,-1,5,3",
        run("local t = {1, 2, 3, x = 1} t[5] = 5 t[4.5] = 4 t[-1] = 0 t[true] = 1 "
            + "local s = '' for k in pairs(t) do s = s .. tostring(k) .. ',' end return s .. #t"));
  }

  @Test
  void multipleValueConstructor_growsTheArrayPartFirst() {
    assertEquals("1,2,3,4,5,7,a,5",
        run("local t = {unpack({1,2,3,4,5})} t.a = 1 t[7] = 7 "
            + "local s = '' for k in pairs(t) do s = s .. tostring(k) .. ',' end return s .. #t"));
  }

  @Test
  void constructorsAndDecodedTables_areLua51Tables() {
    assertEquals("0", run("return tostring(#{})"));
    LuaValue f = vm.compile("return {}, cjson.decode('{}'), {...}".getBytes(
        StandardCharsets.UTF_8), "@user_script", vm.globals());
    var r = f.invoke();
    for (int i = 1; i <= r.narg(); i++) {
      assertTrue(r.arg(i) instanceof Lua51Table, "value " + i);
    }
  }

  @Test
  void nextWithAnUnknownKey_failsAsLua51() {
    String r = run("local ok, e = pcall(next, {a = 1}, 'zz') return tostring(e)");
    assertTrue(r.endsWith("invalid key to 'next'"), r);
  }

  @Test
  void stringDumpOfAFunctionWithConstructors_stillDumps() {
    assertEquals("string", run("return type(string.dump(function() return {a = 1}, {} end))"));
  }
}
