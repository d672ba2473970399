package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FUNCTION LOAD/LIST/DELETE/FLUSH/STATS/KILL/HELP, FCALL and FCALL_RO compared byte for byte
 * with a real redis-server 7.0 under RESP2 and RESP3, errors of loading and of running
 * included. Listed libraries have one function each, and whole lists have one library
 * (Redis lists both in the order of a hash table with a per-process seed).
 */
class FunctionCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static final String LIB = "#!lua name=mylib\n"
      + "local function my_set(keys, args) return redis.call('set', keys[1], args[1]) end\n"
      + "redis.register_function('my_set', my_set)\n";
  private static final String RO_LIB = "#!lua name=rolib\n"
      + "redis.register_function{function_name='my_ro', callback=function(k, a)\n"
      + "  if a[1] == 'fail' then return 1 + nil end\n"
      + "  return {k[1], a[1], redis.call('get', k[1])} end,\n"
      + "  flags={'no-writes'}, description='reads'}\n";

  private static String[] c(String... args) {
    return args;
  }

  private static String[] load(String code) {
    return c("FUNCTION", "LOAD", code);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void loadCallListDelete_identical(int resp) {
    diff.reset(resp);
    diff.check("FUNCTION", "FLUSH");
    diff.checkAll(
        load(LIB), load(LIB), c("FUNCTION", "LOAD", "REPLACE", LIB), load(RO_LIB),
        c("FCALL", "my_set", "1", "k", "v"), c("GET", "k"),
        c("FCALL_RO", "my_set", "1", "k", "v"),
        c("FCALL_RO", "my_ro", "1", "k", "x"), c("FCALL", "my_ro", "1", "k", "x"),
        c("FCALL", "my_ro", "1", "k", "fail"),
        c("FCALL", "nope", "0"), c("FCALL", "my_set", "x"), c("FCALL", "my_set", "-1"),
        c("FCALL", "my_set", "5", "a"),
        c("FUNCTION", "LIST", "LIBRARYNAME", "my*"),
        c("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "mylib"),
        c("FUNCTION", "LIST", "LIBRARYNAME", "ro*"), c("FUNCTION", "LIST", "LIBRARYNAME", "x*"),
        c("FUNCTION", "LIST", "LIBRARYNAME"), c("FUNCTION", "LIST", "foo"),
        c("FUNCTION", "STATS"),
        c("FUNCTION", "DELETE", "mylib"), c("FUNCTION", "DELETE", "mylib"),
        c("FUNCTION", "LIST"), c("FUNCTION", "LIST", "WITHCODE"),
        c("FCALL", "my_set", "1", "k", "v"),
        c("FUNCTION", "STATS"), c("FUNCTION", "KILL"), c("FUNCTION", "HELP"),
        c("FUNCTION", "FLUSH", "x"), c("FUNCTION", "FLUSH", "ASYNC"), c("FUNCTION", "LIST"),
        c("FUNCTION", "FLUSH", "SYNC"), c("FUNCTION", "FLUSH"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void dumpRestore_identical(int resp) throws Exception {
    diff.reset(resp);
    diff.check("FUNCTION", "FLUSH");
    diff.checkAll(load(LIB), c("FUNCTION", "DUMP"));
    byte[] payload = ((io.lime.resp.RespValue.Bulk) io.lime.resp.RespDecoder.decode(
        diff.redis("FUNCTION", "DUMP"))).value();
    byte[] restore = "RESTORE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] function = "FUNCTION".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    diff.check(function, restore, payload);
    diff.check(function, restore, payload, "REPLACE".getBytes());
    diff.check("FUNCTION", "FLUSH");
    diff.check(function, restore, payload);
    diff.check("FCALL", "my_set", "1", "k", "v");
    diff.check(function, restore, payload, "FLUSH".getBytes());
    diff.checkAll(c("FUNCTION", "RESTORE", "abc"), c("FUNCTION", "RESTORE", "abc", "xx"),
        c("FUNCTION", "RESTORE", "abc", "FLUSH", "extra"), c("FUNCTION", "LIST"));
    byte[] bad = payload.clone();
    bad[3] ^= 1;
    diff.check(function, restore, bad);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void loadErrors_identical(int resp) {
    diff.reset(resp);
    diff.check("FUNCTION", "FLUSH");
    diff.checkAll(
        load(LIB),
        load("return 1"), c("FUNCTION", "LOAD", "REPLACE"), c("FUNCTION", "LOAD", "foo", "bar"),
        load("#!lua\nredis.register_function('x', function() end)"),
        load("#!lua name=a foo=bar\nx"),
        load("#!lua name=b\nreturn 1"),
        load("#!lua name=b\nredis.call('ping')"),
        load("#!lua name=b\nx = 1"),
        load("#!lua name=b\nredis.register_function('my_set', function() end)"),
        load("#!lua name=b\nredis.register_function('a-b', function() end)"),
        load("#!lua name=b\nredis.register_function('a', function() end) "
            + "redis.register_function('a', function() end)"),
        load("#!lua name=b\nredis.register_function{function_name='a', "
            + "callback=function() end, flags={'bogus'}}"),
        load("#!lua name=b\nredis.register_function{function_name='a', callbak=function() end}"),
        load("#!lua name=b\nredis.register_function('a')"),
        load("#!lua name=b\nreturn +"),
        load("#!js name=b\nx"), load("#!lua name=b-c\nx"), load("#!lua name=b"),
        c("FUNCTION", "LIST"));
  }

  @org.junit.jupiter.api.Test
  void loadOfCodeThatLoopsForever_timesOut_asRedis() {
    diff.reset(2);
    diff.check("FUNCTION", "FLUSH");
    diff.checkAll(
        load("#!lua name=loop\nlocal a = 0\nwhile true do a = a + 1 end"),
        load("#!lua name=g\nlocal p = pcall\nredis.register_function('f', function() "
            + "return 1 end)"),
        load("#!lua name=g\nlocal s = string.rep('x', 2)\nredis.register_function('f', "
            + "function() return 1 end)"),
        load("#!lua name=g\nredis.register_function('f', function() return type(pcall) .. "
            + "string.rep('x', 2) end)"),
        c("FCALL", "f", "0"),
        c("FUNCTION", "LIST"));
  }
}
