/**
 * Custom commands and value types, registered from Java: what Redis modules do, for a JVM.
 *
 * <p>A {@link io.lime.command.CustomCommand} (name, arity, flags, key positions, ACL
 * categories, summary and a {@link io.lime.command.CommandHandler}) joins the server's command
 * table beside the built-in commands: the dispatcher checks its arity, queues it in
 * {@code MULTI}, lists it in {@code COMMAND}, {@code COMMAND INFO} and {@code COMMAND DOCS},
 * and writes it to the append-only file like any other command. Its handler runs with the
 * shards of its keys locked (atomic, as a built-in), reads its arguments and keys through a
 * {@link io.lime.command.CommandContext}, replies through the same {@link
 * io.lime.resp.ReplySink} the built-in commands write to, and may store Java values of a
 * {@link io.lime.command.CustomType} whose name {@code TYPE} reports.
 *
 * <p>Register them on {@code LimeServer.builder().command(...)} / {@code .module(...)}, or
 * {@code @LimeTest(modules = ...)} in tests (lime-server), or on {@code KeyValueStore.builder()},
 * whose {@code call(...)} runs them in-process.
 */
@NullMarked
package io.lime.command;

import org.jspecify.annotations.NullMarked;
