package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lua 5.1's limits on nesting as Redis 7.0 meets them, compared byte for byte with a real
 * redis-server 7.0: deep recursion that works, {@code stack overflow} at LUAI_MAXCALLS (16,384
 * call records in a fresh interpreter, 20,000 after its first overflow), {@code C stack
 * overflow} 200 C calls deep (pcall, a gsub callback, a metamethod). LIME's side runs on a
 * thread with a large stack, as the server's event loops do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LuaLimitsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  /** Runs the scripts on both servers from a thread with a 64 MiB stack (as the server's loop threads). */
  static void check(String... scripts) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        diff.reset(2);
        for (String script : scripts) {
          diff.check("EVAL", script, "0");
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "deep-lua", 64L << 20);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (failure.get() instanceof Error e) {
      throw e;
    } else if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  @Order(1)
  void callDepth_asAFreshInterpreterThenAfterItsFirstOverflow() {
    check("local d=0 local function f() d=d+1 return 1+f() end local ok, e = pcall(f) "
            + "return {d, e}",
        "local d=0 local function f() d=d+1 return 1+f() end local ok, e = pcall(f) "
            + "return {d, e}");
    diff.check("SCRIPT", "FLUSH");
    check("local d=0 local function f() d=d+1 return 1+f() end pcall(f) return d");
  }

  @Test
  @Order(2)
  void deepRecursion_worksAndUnboundedFailsAsLua51() {
    check("local function f(n) return n == 0 and 0 or 1 + f(n-1) end return f(15000)",
        "local function f(n) return n == 0 and 0 or 1 + f(n-1) end return f(200000)",
        "local function f() return 1 + f() end return f()",
        "local function f() return 1 + f() end return {pcall(f)}",
        "local function f() local x = f() return x end return f()",
        "local function f() return 1 + f() end\nlocal ok, e = pcall(f)\nreturn e",
        "local function f()\n  return 1 + f()\nend\nreturn f()",
        "local function f() return 1 + f() end "
            + "return {xpcall(f, function(e) return 'h:' .. e end)}",
        "local t = {} setmetatable(t, {__index = t}) return t.x");
  }

  @Test
  @Order(3)
  void cCallDepth_asLua51() {
    check("local function f(n) if n == 0 then return 0 end return pcall(f, n-1) end "
            + "return {f(1000)}",
        "local function f() return pcall(f) end return {f()}",
        "local function f(n) return select(2, pcall(f)) end return f()",
        "local function f(s) return (string.gsub(s, '.', f)) end return f('x')",
        "local t = setmetatable({}, {__index = function(t,k) return t[k] end}) return t.x",
        "local function f(n) if n == 0 then return 0 end local ok, v = pcall(f, n-1) "
            + "return v end return {f(150), f(250)}",
        "local d=0 local function f() d=d+1 pcall(f) end f() return d",
        "local d=0 local function f() d=d+1 local ok, e = pcall(f) if not ok then "
            + "error(e, 0) end end local ok, e = pcall(f) return {d, e}",
        "local d=0 local t t = setmetatable({}, {__index = function(t,k) d=d+1 return t[k] "
            + "end}) local ok, e = pcall(function() return t.x end) return {d, e}",
        "local d=0 local function f(s) d=d+1 return (string.gsub(s, '.', f)) end "
            + "local ok, e = pcall(f, 'x') return {d, e}",
        "local d=0 local function f() d=d+1 return select(2, xpcall(f, function(e) return e "
            + "end)) end return {f(), d}",
        "local d=0 local function f(a, b) d=d+1 table.sort({3, 2, 1}, f) return a < b end "
            + "local ok, e = pcall(f, 1, 2) return {d, e}");
  }
}
