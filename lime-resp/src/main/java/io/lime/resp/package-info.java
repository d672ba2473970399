/**
 * RESP2/RESP3 codec: a resumable request parser, a reply writer that renders semantic
 * replies for the protocol version of a connection, and a general reply decoder.
 *
 * <p>Depends on the JDK alone.
 */
@NullMarked
package io.lime.resp;

import org.jspecify.annotations.NullMarked;
