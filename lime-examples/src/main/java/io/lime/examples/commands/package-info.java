/**
 * Custom commands registered from Java ({@code io.lime.command}): {@link
 * io.lime.examples.commands.CasCommand} ({@code CAS key expected new}) and {@link
 * io.lime.examples.commands.JsonModule} (a {@code JSON.SET}/{@code JSON.GET} subset stored as
 * a custom type), each run by tests with Jedis.
 */
@NullMarked
package io.lime.examples.commands;

import org.jspecify.annotations.NullMarked;
