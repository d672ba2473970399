/**
 * Implementation of the embedded API's typed views ({@code Local*} classes) over the engine
 * and the type layer. Not part of LIME's public API.
 */
@NullMarked
package io.lime.internal.store;

import org.jspecify.annotations.NullMarked;
