/**
 * LIME's embedded API: {@link io.lime.KeyValueStore} and its options, typed views,
 * listeners and exceptions. Everything outside this package is implementation.
 */
@NullMarked
package io.lime;

import org.jspecify.annotations.NullMarked;
