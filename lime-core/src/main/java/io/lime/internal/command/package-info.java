/** Implementation: not part of LIME's public API and subject to change without notice. */
@NullMarked
package io.lime.internal.command;

import org.jspecify.annotations.NullMarked;
