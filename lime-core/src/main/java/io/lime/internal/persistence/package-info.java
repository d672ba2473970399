/**
 * Implementation of the persistence SPI ({@link io.lime.persistence}): the engine-side
 * context and the codecs. Not API.
 */
@NullMarked
package io.lime.internal.persistence;

import org.jspecify.annotations.NullMarked;
