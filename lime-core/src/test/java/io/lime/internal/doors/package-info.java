/**
 * The two-doors harness: the same operations through the typed API and through RESP
 * commands, compared for results, keyspace events and AOF bytes.
 */
@NullMarked
package io.lime.internal.doors;

import org.jspecify.annotations.NullMarked;
