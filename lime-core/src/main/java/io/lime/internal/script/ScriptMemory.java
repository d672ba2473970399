package io.lime.internal.script;

/**
 * The memory figures of INFO's Memory section about scripting, as Redis 7.0 names them.
 * Estimates: the JVM cannot measure the heap of one interpreter, so {@code used_memory_vm_*}
 * are a fresh interpreter's size in Redis ({@link #VM_EVAL_BASE}) plus an estimate of every
 * compiled function kept (instructions, constants, nested functions, debug information);
 * {@code used_memory_scripts_eval} and {@code used_memory_functions} follow Redis's own sums
 * (script bodies and their SHA1 keys, dictionary entries and slots; library codes, names and
 * functions) with the sizes of Redis's structures, not of the Java objects. Names no LuaJ
 * type: INFO reads it without the runtime.
 *
 * @param vmEval used_memory_vm_eval (and used_memory_lua)
 * @param scriptsEval used_memory_scripts_eval
 * @param cachedScripts number_of_cached_scripts
 * @param functions number_of_functions
 * @param vmFunctions used_memory_vm_functions
 * @param functionsOverhead used_memory_functions
 */
public record ScriptMemory(long vmEval, long scriptsEval, long cachedScripts, long functions,
    long vmFunctions, long functionsOverhead) {
  /** A fresh EVAL interpreter's size in redis-server 7.0 (used_memory_vm_eval at start-up). */
  static final long VM_EVAL_BASE = 32768;
  /** A fresh FUNCTION interpreter's size in redis-server 7.0 (used_memory_vm_functions). */
  static final long VM_FUNCTIONS_BASE = 33792;

  /** The figures of a server that has no interpreter yet. */
  public static final ScriptMemory NONE =
      new ScriptMemory(VM_EVAL_BASE, 0, 0, 0, VM_FUNCTIONS_BASE, 0);

  /** Redis's dict overhead for {@code entries} entries: 24-byte entries, 8-byte slots. */
  static long dict(long entries) {
    long slots = entries == 0 ? 0 : Math.max(4, Long.highestOneBit(entries - 1) << 1);
    return 24 * entries + 8 * slots;
  }

  /** Bytes of an sds string of {@code length} bytes (header and terminator). */
  static long sds(long length) {
    return length + (length < 32 ? 2 : length < 256 ? 4 : 6);
  }

  /** used_memory_vm_total. */
  public long vmTotal() {
    return vmEval + vmFunctions;
  }

  /** used_memory_scripts. */
  public long scripts() {
    return scriptsEval + functionsOverhead;
  }
}
