/**
 * The persistence SPI: how a store's data survives a restart. A {@link
 * io.lime.persistence.Persistence} is chosen when the store is built ({@code
 * KeyValueStore.builder().persistence(...)}, or the server's {@code save} / {@code
 * appendonly} directives); {@link io.lime.persistence.Persistence#none()} is the default.
 *
 * <p>The engine talks to an implementation in three ways: it opens it once with a {@link
 * io.lime.persistence.PersistenceContext} (through which the implementation loads saved data
 * and later streams snapshots), reports every executed write command to {@link
 * io.lime.persistence.Persistence#onWrite(int, byte[][])}, and closes it when the store
 * closes.
 */
@NullMarked
package io.lime.persistence;

import org.jspecify.annotations.NullMarked;
