/**
 * Implementation: not part of LIME's public API and subject to change without notice.
 *
 * <p>Scripting: Redis 7.0's Lua environment (EVAL, SCRIPT, FUNCTION) on LuaJ, a pure-JVM Lua
 * runtime that is an optional dependency of lime-core. Only {@link
 * io.lime.internal.script.LuaRuntime} and the interfaces it names may be touched before
 * {@link io.lime.internal.script.LuaRuntime#present()} said yes: every other class here links
 * against LuaJ.
 */
@NullMarked
package io.lime.internal.script;

import org.jspecify.annotations.NullMarked;
