package io.lime.internal.script;

import io.lime.LimeException;
import io.lime.internal.util.Glob;
import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The libraries of FUNCTION LOAD and the functions FCALL runs (Redis 7.0's functions.c and
 * function_lua.c). A library's code starts with {@code #!lua name=<library>} and runs once at
 * load, in its own read-only environment over the globals, where {@code redis} offers only
 * {@code register_function}, {@code log} and the constants; its functions then run with the
 * full {@code redis} table and get {@code (keys, args)}. Called holding the interpreter's lock.
 */
public final class LuaFunctions {
  private static final String BAD_NAME = "ERR Library names can only contain letters, numbers, "
      + "or underscores(_) and must be at least one character long";

  private record Fn(String name, LuaFunction callback, int flags, @Nullable String description) {}

  private record Library(String name, byte[] code, Map<String, Fn> functions) {}

  private final LuaVm vm;
  private java.util.function.Consumer<List<byte[]>> onChange = codes -> { };
  private final Map<String, Library> libraries = new LinkedHashMap<>();
  private final Map<String, Library> byFunction = new HashMap<>();

  LuaFunctions(LuaVm vm) {
    this.vm = vm;
  }

  /**
   * Calls {@code listener} with the libraries' codes after every change (the engine keeps
   * them for persistence).
   */
  public void onChange(java.util.function.Consumer<List<byte[]>> listener) {
    this.onChange = listener;
  }

  private void changed() {
    long compiled = 0;
    long overhead = ScriptMemory.dict(libraries.size()) + ScriptMemory.dict(byFunction.size());
    for (Library l : libraries.values()) {
      overhead += ScriptMemory.sds(l.name().length()) + ScriptMemory.sds(l.code().length) + 64;
      for (Fn f : l.functions().values()) {
        compiled += LuaVm.compiledSize(f.callback());
        overhead += ScriptMemory.sds(f.name().length()) + 48;
      }
    }
    compiledBytes = compiled;
    overheadBytes = libraries.isEmpty() ? 0 : overhead;
    functionCount = byFunction.size();
    onChange.accept(codes());
  }

  private volatile long compiledBytes;
  private volatile long overheadBytes;
  private volatile int functionCount;

  /** Estimated bytes of the functions' compiled code (INFO used_memory_vm_functions). */
  long compiledBytes() {
    return compiledBytes;
  }

  /** Estimated bytes of the libraries' bookkeeping (INFO used_memory_functions). */
  long overheadBytes() {
    return overheadBytes;
  }

  /**
   * FUNCTION LOAD: compiles and runs {@code code}, registers its library; returns its name.
   *
   * @throws LimeException with Redis's text
   */
  public String load(byte[] code, boolean replace) {
    String name = metadata(code);
    if (!validName(name)) {
      throw new LimeException(BAD_NAME);
    }
    Library old = libraries.get(name);
    if (old != null && !replace) {
      throw new LimeException("ERR Library '" + name + "' already exists");
    }
    Library lib = create(name, code);
    for (String f : lib.functions().keySet()) {
      Library owner = byFunction.get(f);
      if (owner != null && owner != old) {
        throw new LimeException("ERR Function " + f + " already exists");
      }
    }
    if (old != null) {
      remove(old);
    }
    libraries.put(name, lib);
    for (String f : lib.functions().keySet()) {
      byFunction.put(f, lib);
    }
    changed();
    return name;
  }

  /** Redis's functionExtractLibMetaData: the {@code name=} of the shebang line. */
  private static String metadata(byte[] code) {
    if (code.length < 2 || code[0] != '#' || code[1] != '!') {
      throw new LimeException("ERR Missing library metadata");
    }
    int end = 0;
    while (end < code.length && code[end] != '\n') {
      end++;
    }
    if (end == code.length) {
      throw new LimeException("ERR Invalid library metadata");
    }
    String[] parts = new String(code, 2, end - 2, StandardCharsets.ISO_8859_1).trim()
        .split("[ \t\r]+");
    String name = null;
    for (int j = 1; j < parts.length; j++) {
      if (parts[j].regionMatches(true, 0, "name=", 0, 5)) {
        name = parts[j].substring(5);
      } else {
        throw new LimeException("ERR Invalid metadata value given: " + parts[j]);
      }
    }
    if (name == null) {
      throw new LimeException("ERR Library name was not given");
    }
    if (!parts[0].equalsIgnoreCase("lua")) {
      throw new LimeException("ERR Engine '" + parts[0] + "' not found");
    }
    return name;
  }

  private static boolean validName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
        return false;
      }
    }
    return true;
  }

  private Library create(String name, byte[] code) {
    byte[] source = code.clone();
    for (int i = 0; i < source.length && source[i] != '\n'; i++) {
      source[i] = ' '; // the shebang line, blanked: line numbers stay the code's
    }
    Map<String, Fn> fns = new LinkedHashMap<>();
    LuaTables.Locked env = vm.environment();
    // while the code loads it sees only the loading redis table, as Redis 7.0's library API
    LuaTable meta = LuaVm.globalsMeta();
    env.rawset("redis", loadingRedis(fns));
    env.setmetatable(meta);
    env.locked = true;
    LuaFunction chunk;
    try {
      chunk = vm.compile(source, "@user_function", env);
    } catch (LuaError e) {
      throw new LimeException("ERR Error compiling function: " + LuaErrors.message(e));
    }
    try {
      vm.runLoad(chunk);
    } catch (LuaError e) {
      throw new LimeException("ERR Error registering functions: " + LuaErrors.text(e));
    } catch (StackOverflowError e) {
      throw new LimeException("ERR Error registering functions: stack overflow");
    }
    if (fns.isEmpty()) {
      throw new LimeException("ERR No functions registered");
    }
    env.locked = false;
    env.rawset("redis", vm.globals().get("redis"));
    env.locked = true;
    meta.rawset(LuaValue.INDEX, vm.globals()); // its functions see the full environment
    return new Library(name, code, fns);
  }

  /** The {@code redis} table a library's code sees while it loads. */
  private LuaTable loadingRedis(Map<String, Fn> fns) {
    LuaTable full = (LuaTable) vm.globals().get("redis");
    LuaTables.Locked t = new LuaTables.Locked();
    for (String k : new String[] {"log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
        "REDIS_VERSION", "REDIS_VERSION_NUM", "setresp"}) {
      t.rawset(k, full.rawget(k));
    }
    t.rawset("register_function", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        register(a, fns);
        return LuaValue.NONE;
      }
    });
    t.setmetatable(LuaVm.globalsMeta());
    t.locked = true;
    return t;
  }

  private static void register(Varargs a, Map<String, Fn> fns) {
    LuaValue name;
    LuaValue callback;
    LuaValue flags = LuaValue.NIL;
    LuaValue description = LuaValue.NIL;
    if (a.narg() == 1) {
      if (!a.arg1().istable()) {
        throw LuaRedisLib.raise("ERR calling redis.register_function with a single argument is "
            + "only applicable to Lua table (representing named arguments).");
      }
      LuaTable t = (LuaTable) a.arg1();
      name = LuaValue.NIL;
      callback = LuaValue.NIL;
      LuaValue k = LuaValue.NIL;
      while (true) {
        Varargs n = t.next(k);
        if ((k = n.arg1()).isnil()) {
          break;
        }
        switch (k.isstring() ? k.tojstring() : "") {
          case "function_name" -> name = n.arg(2);
          case "callback" -> callback = n.arg(2);
          case "flags" -> flags = n.arg(2);
          case "description" -> description = n.arg(2);
          default -> throw LuaRedisLib.raise(
              "ERR unknown argument given to redis.register_function");
        }
      }
    } else if (a.narg() == 2) {
      name = a.arg1();
      callback = a.arg(2);
    } else {
      throw LuaRedisLib.raise("ERR wrong number of arguments to redis.register_function");
    }
    if (!name.isstring() || name.type() == LuaValue.TNUMBER) {
      throw LuaRedisLib.raise("ERR function_name argument given to redis.register_function "
          + "must be a string");
    }
    if (!callback.isfunction()) {
      throw LuaRedisLib.raise("ERR callback argument given to redis.register_function must be "
          + "a function");
    }
    int bits = 0;
    if (!flags.isnil()) {
      if (!flags.istable()) {
        throw LuaRedisLib.raise("ERR flags argument to redis.register_function must be a table "
            + "representing function flags");
      }
      for (int i = 1; !flags.get(i).isnil(); i++) {
        LuaValue f = flags.get(i);
        int bit = f.isstring() ? LuaVm.flagBit(f.tojstring()) : 0;
        if (bit == 0) {
          throw LuaRedisLib.raise("ERR unknown flag given");
        }
        bits |= bit;
      }
    }
    String fname = name.tojstring();
    if (!validName(fname)) {
      throw LuaRedisLib.raise(BAD_NAME); // sic: Redis 7.0 reuses the library message
    }
    if (fns.containsKey(fname)) {
      throw LuaRedisLib.raise("ERR Function already exists in the library");
    }
    fns.put(fname, new Fn(fname, (LuaFunction) callback, bits,
        description.isstring() ? description.tojstring() : null));
  }

  private void remove(Library lib) {
    libraries.remove(lib.name());
    for (String f : lib.functions().keySet()) {
      byFunction.remove(f);
    }
  }

  /**
   * FUNCTION RESTORE: loads every library of {@code codes} and joins them to the current ones
   * by {@code policy} (FLUSH: replace all; APPEND: fail on a library that exists; REPLACE:
   * replace libraries of the same name). Nothing changes when it fails.
   *
   * @throws LimeException with Redis's text
   */
  public void restore(List<byte[]> codes, String policy) {
    Map<String, Library> loaded = new LinkedHashMap<>();
    for (byte[] code : codes) {
      String name = metadata(code);
      if (!validName(name)) {
        throw new LimeException(BAD_NAME);
      }
      if (loaded.containsKey(name)) {
        throw new LimeException("ERR Library '" + name + "' already exists");
      }
      loaded.put(name, create(name, code));
    }
    Map<String, Library> result = new LinkedHashMap<>();
    if (!policy.equals("FLUSH")) {
      result.putAll(libraries);
    }
    for (String name : loaded.keySet()) {
      if (result.containsKey(name)) {
        if (policy.equals("APPEND")) {
          throw new LimeException("ERR Library " + name + " already exists");
        }
        result.remove(name);
      }
    }
    Map<String, Library> owners = new HashMap<>();
    for (Library l : result.values()) {
      for (String f : l.functions().keySet()) {
        owners.put(f, l);
      }
    }
    for (Library l : loaded.values()) {
      for (String f : l.functions().keySet()) {
        if (owners.putIfAbsent(f, l) != null) {
          throw new LimeException("ERR Function " + f + " already exists");
        }
      }
    }
    result.putAll(loaded);
    libraries.clear();
    libraries.putAll(result);
    byFunction.clear();
    byFunction.putAll(owners);
    changed();
  }

  /** FUNCTION DELETE: whether the library existed. */
  public boolean delete(String name) {
    Library lib = libraries.get(name);
    if (lib == null) {
      return false;
    }
    remove(lib);
    changed();
    return true;
  }

  /** FUNCTION FLUSH. */
  public void flush() {
    libraries.clear();
    byFunction.clear();
    changed();
  }

  /** Number of libraries. */
  public int libraryCount() {
    return libraries.size();
  }

  /** Number of functions; any thread. */
  public int functionCount() {
    return functionCount;
  }

  /** The codes of every library, in load order (FUNCTION DUMP, RDB). */
  public List<byte[]> codes() {
    List<byte[]> out = new ArrayList<>();
    for (Library l : libraries.values()) {
      out.add(l.code());
    }
    return out;
  }

  /** The flags of function {@code name} ({@link LuaVm#NO_WRITES}...), or -1 if none. */
  public int flags(String name) {
    Library lib = byFunction.get(name);
    return lib == null ? -1 : lib.functions().get(name).flags();
  }

  /** FCALL: runs function {@code name} with {@code (keys, args)}, replying to {@code out}. */
  public void call(String name, byte[][] keys, byte[][] args, ScriptHost host, ReplySink out) {
    Library lib = byFunction.get(name);
    if (lib == null) {
      throw new IllegalStateException("no function " + name);
    }
    Fn fn = lib.functions().get(name);
    vm.invoke(fn.callback(), LuaValue.varargsOf(LuaVm.array(keys), LuaVm.array(args)), name,
        host, out);
  }

  /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]: the reply. */
  public void list(@Nullable String pattern, boolean withCode, ReplySink out) {
    List<Library> shown = new ArrayList<>();
    for (Library l : libraries.values()) {
      if (pattern == null || Glob.match(pattern, l.name(), false)) {
        shown.add(l);
      }
    }
    out.arrayHeader(shown.size());
    for (Library l : shown) {
      out.mapHeader(withCode ? 4 : 3);
      out.bulk("library_name");
      out.bulk(l.name());
      out.bulk("engine");
      out.bulk("LUA");
      out.bulk("functions");
      out.arrayHeader(l.functions().size());
      for (Fn f : l.functions().values()) {
        out.mapHeader(3);
        out.bulk("name");
        out.bulk(f.name());
        out.bulk("description");
        if (f.description() == null) {
          out.nullBulk();
        } else {
          out.bulk(f.description());
        }
        out.bulk("flags");
        List<String> names = LuaVm.flagNames(f.flags());
        out.setHeader(names.size());
        for (String n : names) {
          out.simple(n);
        }
      }
      if (withCode) {
        out.bulk("library_code");
        out.bulk(l.code());
      }
    }
  }
}
