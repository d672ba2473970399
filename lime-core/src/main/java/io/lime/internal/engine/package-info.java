/** Implementation: not part of LIME's public API and subject to change without notice. */
@NullMarked
package io.lime.internal.engine;

import org.jspecify.annotations.NullMarked;
