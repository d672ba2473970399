/**
 * A persistence plug-in written against LIME's public SPI only ({@code io.lime.persistence}):
 * {@link io.lime.examples.persistence.JsonSnapshotPersistence}, a human-readable JSON snapshot.
 */
@NullMarked
package io.lime.examples.persistence;

import org.jspecify.annotations.NullMarked;
