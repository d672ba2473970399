/** Runnable examples of LIME's three uses; each is compiled and run by a test. */
@NullMarked
package io.lime.examples;

import org.jspecify.annotations.NullMarked;
