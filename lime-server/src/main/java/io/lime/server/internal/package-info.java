/** Implementation of the network server: selector loops, connections, logging, start-up. */
@NullMarked
package io.lime.server.internal;

import org.jspecify.annotations.NullMarked;
