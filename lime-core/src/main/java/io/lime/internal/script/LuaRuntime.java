package io.lime.internal.script;

/**
 * Whether the optional Lua runtime (LuaJ, {@code org.luaj:luaj-jse}) can be loaded. This class
 * names no LuaJ type, so the command layer may ask it on an embedded core that has none.
 */
public final class LuaRuntime {
  /** The reply of a scripting command when the runtime is absent. */
  public static final String MISSING = "ERR scripting is not available: the Lua runtime "
      + "(org.luaj:luaj-jse) is not on the class path or module path";

  private LuaRuntime() {}

  /** Whether LuaJ is present and readable (checked once). */
  public static boolean present() {
    return Holder.PRESENT;
  }

  private static final class Holder {
    static final boolean PRESENT = probe();

    private static boolean probe() {
      try {
        Class<?> c = Class.forName("org.luaj.vm2.Globals", false, LuaRuntime.class.getClassLoader());
        Module self = LuaRuntime.class.getModule();
        if (self.isNamed() && !self.canRead(c.getModule())) {
          // LuaJ's jar cannot be a module (classes in the unnamed package): it is on the class
          // path, and io.lime.core reads it from here on (compiled with --add-reads).
          self.addReads(c.getModule());
        }
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}
