/**
 * LIME's network server: {@link io.lime.server.LimeServer} to run it in-process, and
 * {@link io.lime.server.Main}, the redis-server compatible command line.
 */
@NullMarked
package io.lime.server;

import org.jspecify.annotations.NullMarked;
