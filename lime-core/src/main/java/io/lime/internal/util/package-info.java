/** Implementation: not part of LIME's public API and subject to change without notice. */
@NullMarked
package io.lime.internal.util;

import org.jspecify.annotations.NullMarked;
