package io.lime;

import io.lime.resp.RespValue;
import java.util.List;

/**
 * Lua scripts and functions run on the store's engine, as Redis 7.0's EVAL, EVALSHA, EVAL_RO,
 * EVALSHA_RO, SCRIPT LOAD/EXISTS/FLUSH, FUNCTION LOAD/DELETE/FLUSH, FCALL and FCALL_RO; get one
 * with {@link KeyValueStore#scripting()}.
 *
 * <pre>{@code
 * Scripting lua = store.scripting();
 * String sha = lua.scriptLoad("return redis.call('INCRBY', KEYS[1], ARGV[1])");
 * long n = ((RespValue.Integer) lua.evalsha(sha, List.of("counter"), List.of("5"))).value();
 * lua.functionLoad("#!lua name=lib\nredis.register_function('hello', "
 *     + "function(keys, args) return 'hi ' .. args[1] end)", false);
 * String s = ((RespValue.Bulk) lua.fcall("hello", List.of(), List.of("you"))).string();
 * }</pre>
 *
 * <p><b>Same engine, same state.</b> The script cache and the function libraries belong to
 * the engine: a script loaded here runs with EVALSHA from a RESP client of a server over the
 * same engine, and the other way round; libraries persist with the store's persistence (RDB
 * function section, AOF) as the server's do. Scripts run in this view's database ({@link
 * KeyValueStore#database(int)}), and {@code redis.call} reaches every command of the table.
 *
 * <p><b>Results.</b> A script's or function's result is returned as a RESP3 client receives
 * it, decoded, with Redis's Lua-to-RESP conversion: a Lua number becomes {@link
 * RespValue.Integer} (truncated), a string {@link RespValue.Bulk}, a table an {@link
 * RespValue.Array} up to its first nil, {@code false} or nil {@link RespValue.Null}, {@code
 * true} the integer 1, {@code {ok=...}} a {@link RespValue.SimpleString}; after {@code
 * redis.setresp(3)} also maps, sets, doubles and booleans. Strings are binary-safe bulk values;
 * the {@code String} arguments here are encoded as UTF-8.
 *
 * <p><b>Errors.</b> An error reply (a script's {@code error()}, {@code redis.error_reply}, an
 * error raised by {@code redis.call}, a compile error, NOSCRIPT, a write in a read-only script)
 * is thrown as {@link LimeException} carrying Redis's text, e.g. {@code "NOSCRIPT No matching
 * script. Please use EVAL."}. Without the optional Lua runtime ({@code org.luaj:luaj-jse}) on
 * the class or module path every method throws it with a message saying so.
 *
 * <p><b>Atomicity and thread-safety.</b> Safe for use by any number of threads. A script or
 * function runs atomically with respect to every other thread and RESP client: nothing else
 * touches any key meanwhile, declared in {@code keys} or not (the engine is locked for its
 * run, as Redis runs one command at a time). Calls through one {@link KeyValueStore} object
 * are serialized. A script that never ends blocks its caller and the engine: keep scripts
 * short, as in Redis. Meanwhile an operation of this API (on any application thread) that
 * needs a key waits, blocking its thread, until the script ends, however long; a server's
 * RESP clients over the same engine get BUSY past {@code busy-reply-threshold}, and their
 * SCRIPT KILL or FUNCTION KILL stops a script run here that has not written (the call then
 * throws Redis's killed-script error).
 *
 * <p><b>Complexity.</b> That of the script; loading is O(N) in the code's length.
 *
 * <p>Every method throws {@link NullPointerException} for a null argument or list element.
 */
public interface Scripting {

  /**
   * EVAL: runs {@code script} with {@code KEYS} = {@code keys} and {@code ARGV} = {@code args},
   * caching it by its SHA1 for {@link #evalsha}.
   *
   * @return the script's result (see the class comment)
   * @throws LimeException an error reply (compile error, runtime error, error_reply...)
   */
  RespValue eval(String script, List<String> keys, List<String> args);

  /** EVAL_RO: as {@link #eval}, but a write command called by the script fails. */
  RespValue evalReadOnly(String script, List<String> keys, List<String> args);

  /**
   * EVALSHA: runs the cached script whose SHA1 (hex, either case) is {@code sha1}.
   *
   * @throws LimeException NOSCRIPT when no such script is cached, or the script's error
   */
  RespValue evalsha(String sha1, List<String> keys, List<String> args);

  /** EVALSHA_RO: as {@link #evalsha} for a read-only run. */
  RespValue evalshaReadOnly(String sha1, List<String> keys, List<String> args);

  /**
   * SCRIPT LOAD: compiles and caches {@code script} without running it.
   *
   * @return its SHA1, 40 lowercase hex digits
   * @throws LimeException a compile error
   */
  String scriptLoad(String script);

  /** SCRIPT EXISTS: for each SHA1, whether that script is cached. */
  List<Boolean> scriptExists(List<String> sha1s);

  /** SCRIPT FLUSH: empties the script cache (not the function libraries). */
  void scriptFlush();

  /**
   * FUNCTION LOAD: loads the library {@code code} (it starts with {@code #!lua name=...}),
   * replacing an existing library of that name only when {@code replace}.
   *
   * @return the library's name
   * @throws LimeException "Library 'x' already exists", a compile error, a function name
   *     taken by another library...
   */
  String functionLoad(String code, boolean replace);

  /**
   * FCALL: calls the registered function {@code function}.
   *
   * @throws LimeException "Function not found", or the function's error
   */
  RespValue fcall(String function, List<String> keys, List<String> args);

  /** FCALL_RO: as {@link #fcall}; the function must carry the {@code no-writes} flag. */
  RespValue fcallReadOnly(String function, List<String> keys, List<String> args);

  /**
   * FUNCTION DELETE: removes the library {@code library} and its functions.
   *
   * @throws LimeException "Library not found"
   */
  void functionDelete(String library);

  /** FUNCTION FLUSH: removes every library. */
  void functionFlush();
}
