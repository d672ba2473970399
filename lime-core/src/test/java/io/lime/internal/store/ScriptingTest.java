package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.Scripting;
import io.lime.resp.RespValue;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed scripting API of an embedded store: scripts and functions on its engine. */
class ScriptingTest {
  private final KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build();
  private final Scripting lua = store.scripting();

  @AfterEach
  void close() {
    store.close();
  }

  private static RespValue bulk(String s) {
    return new RespValue.Bulk(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void eval_keysAndArgs_resultDecodedAndWritesVisibleToTypedApi() {
    assertEquals(new RespValue.Integer(5),
        lua.eval("return redis.call('INCRBY', KEYS[1], ARGV[1])", List.of("n"), List.of("5")));
    assertEquals("5", store.get("n"));
    assertEquals(new RespValue.Array(List.of(new RespValue.Integer(1), bulk("a"),
            new RespValue.Integer(3))),
        lua.eval("return {1, 'a', 3.9, nil, 5}", List.of(), List.of()));
    assertEquals(new RespValue.Null('_'), lua.eval("return false", List.of(), List.of()));
    assertEquals(new RespValue.SimpleString("fine"),
        lua.eval("return {ok='fine'}", List.of(), List.of()));
  }

  @Test
  void eval_resp3AfterSetresp_mapsAndDoubles() {
    RespValue v = lua.eval("redis.setresp(3) return {map={a=1}}", List.of(), List.of());
    assertEquals(new RespValue.Map(List.of(new RespValue.Pair(bulk("a"),
        new RespValue.Integer(1)))), v);
    assertEquals(new RespValue.Double(2.5),
        lua.eval("redis.setresp(3) return {double=2.5}", List.of(), List.of()));
  }

  @Test
  void eval_errors_thrownWithRedisText() {
    store.set("s", "x");
    LimeException e = assertThrows(LimeException.class,
        () -> lua.eval("return redis.call('INCR', KEYS[1])", List.of("s"), List.of()));
    assertTrue(e.getMessage().matches("ERR value is not an integer or out of range script: "
        + "[0-9a-f]{40}, on @user_script:1\\."), e.getMessage());
    assertEquals("my error", assertThrows(LimeException.class,
        () -> lua.eval("return redis.error_reply('my error')", List.of(), List.of()))
        .getMessage());
    assertTrue(assertThrows(LimeException.class,
        () -> lua.evalReadOnly("return redis.call('SET', 'k', 'v')", List.of(), List.of()))
        .getMessage().startsWith("ERR Write commands are not allowed from read-only scripts."));
    assertEquals("NOSCRIPT No matching script. Please use EVAL.", assertThrows(
        LimeException.class, () -> lua.evalsha("0".repeat(40), List.of(), List.of()))
        .getMessage());
    assertThrows(NullPointerException.class, () -> lua.eval("return 1", List.of(), null));
  }

  @Test
  void scriptLoad_evalshaExistsFlush_sharedByDatabaseViews() {
    String sha = lua.scriptLoad("return redis.call('SET', KEYS[1], ARGV[1])");
    assertEquals(40, sha.length());
    assertEquals(List.of(true, false), lua.scriptExists(List.of(sha.toUpperCase(), "0".repeat(40))));
    KeyValueStore db1 = store.database(1);
    assertEquals(new RespValue.SimpleString("OK"),
        db1.scripting().evalsha(sha, List.of("k"), List.of("v")));
    assertEquals("v", db1.get("k"));
    assertEquals(null, store.get("k"));
    assertEquals(bulk("v"),
        db1.scripting().evalshaReadOnly(lua.scriptLoad("return redis.call('GET', KEYS[1])"),
            List.of("k"), List.of()));
    lua.scriptFlush();
    assertEquals(List.of(false), db1.scripting().scriptExists(List.of(sha)));
  }

  @Test
  void functionLoad_fcall_replaceDeleteFlush() {
    String lib = "#!lua name=lib\n"
        + "redis.register_function('hello', function(keys, args) return 'hi ' .. args[1] end)\n"
        + "redis.register_function{function_name='get', callback=function(keys) "
        + "return redis.call('GET', keys[1]) end, flags={'no-writes'}}";
    assertEquals("lib", lua.functionLoad(lib, false));
    assertEquals(bulk("hi you"), lua.fcall("hello", List.of(), List.of("you")));
    store.set("g", "1");
    assertEquals(bulk("1"), lua.fcallReadOnly("get", List.of("g"), List.of()));
    assertTrue(assertThrows(LimeException.class,
        () -> lua.fcallReadOnly("hello", List.of(), List.of("x"))).getMessage()
        .startsWith("ERR Can not execute a script with write flag using *_ro command."));
    assertEquals("ERR Library 'lib' already exists",
        assertThrows(LimeException.class, () -> lua.functionLoad(lib, false)).getMessage());
    assertEquals("lib", lua.functionLoad(lib.replace("hi ", "hello "), true));
    assertEquals(bulk("hello you"), store.database(2).scripting().fcall("hello", List.of(),
        List.of("you")));
    lua.functionDelete("lib");
    assertEquals("ERR Function not found", assertThrows(LimeException.class,
        () -> lua.fcall("hello", List.of(), List.of("x"))).getMessage());
    assertEquals("ERR Library not found",
        assertThrows(LimeException.class, () -> lua.functionDelete("lib")).getMessage());
    lua.functionLoad(lib, false);
    lua.functionFlush();
    assertThrows(LimeException.class, () -> lua.fcall("hello", List.of(), List.of("x")));
  }

  @Test
  void eval_concurrentIncrementsThroughScripts_noUpdateLost() throws Exception {
    String sha = lua.scriptLoad("local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
        + "redis.call('SET', KEYS[1], tostring(v + 1)) return v + 1");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            store.scripting().evalsha(sha, List.of("c"), List.of());
          }
        }));
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            store.incr("c"); // a typed write interleaving with the scripts' read-modify-write
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals("1600", store.get("c"));
  }

  @Test
  void twoEnginesInOneJvm_stringMethodsReachTheirOwnLibrary() {
    try (KeyValueStore other = KeyValueStore.builder().activeExpiryHz(0).build()) {
      Scripting second = other.scripting(); // created last: LuaJ's string metatable was its
      for (Scripting s : List.of(lua, second, lua)) {
        assertEquals(new RespValue.Integer(1), s.eval(
            "return getmetatable('').__index == string", List.of(), List.of()));
        assertEquals(bulk("xxx"), s.eval("return ('x'):rep(3)", List.of(), List.of()));
      }
    }
  }
}
