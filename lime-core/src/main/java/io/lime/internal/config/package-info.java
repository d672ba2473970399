/** Implementation: server configuration (redis.conf directives, CONFIG GET/SET). */
@NullMarked
package io.lime.internal.config;

import org.jspecify.annotations.NullMarked;
