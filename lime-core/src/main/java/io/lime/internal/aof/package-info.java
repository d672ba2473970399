/**
 * The append-only file (Redis 7.0's multi-part AOF): manifest, base and incr files,
 * write/fsync policy, background rewrite and loading. Commands reach it through the
 * engine's {@link io.lime.internal.engine.Propagation}.
 */
@NullMarked
package io.lime.internal.aof;

import org.jspecify.annotations.NullMarked;
