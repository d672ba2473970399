/** Test support: differential testing against a real redis-server. */
@NullMarked
package io.lime.testing;

import org.jspecify.annotations.NullMarked;
