/** What the examples' small JSON readers share. */
@NullMarked
package io.lime.examples.json;

import org.jspecify.annotations.NullMarked;
