package io.lime.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * What {@link NetServer} answers a connection it refuses before serving it (maxclients,
 * protected mode), with Redis's texts, and the locality test of protected mode.
 */
final class Admission {
  static final byte[] MAX_CLIENTS =
      "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] DENIED = ("-DENIED Redis is running in protected mode because"
      + " protected mode is enabled and no password is set for the default user. In this mode"
      + " connections are only accepted from the loopback interface. If you want to connect"
      + " from external computers to Redis you may adopt one of the following solutions: 1)"
      + " Just disable protected mode sending the command 'CONFIG SET protected-mode no' from"
      + " the loopback interface by connecting to Redis from the same host the server is"
      + " running, however MAKE SURE Redis is not publicly accessible from internet if you do"
      + " so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just"
      + " disable the protected mode by editing the Redis configuration file, and setting the"
      + " protected mode option to 'no', and then restarting the server. 3) If you started the"
      + " server manually just for testing, restart it with the '--protected-mode no' option."
      + " 4) Setup a an authentication password for the default user. NOTE: You only need to"
      + " do one of the above things in order for the server to start accepting connections"
      + " from the outside.\r\n").getBytes(StandardCharsets.US_ASCII);

  private Admission() {}

  /** Whether the peer is local: the loopback interface or a unix socket (Redis's connIsLocal). */
  static boolean isLoopback(SocketChannel ch) {
    try {
      if (!(ch.getRemoteAddress() instanceof InetSocketAddress)) {
        return true; // a unix socket is local (Redis's connIsLocal)
      }
      return Addresses.isLoopback((InetSocketAddress) ch.getRemoteAddress());
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code reply} to a refused connection, best effort (the caller closes it). */
  static void reject(SocketChannel ch, byte[] reply) {
    try {
      ch.configureBlocking(false);
      ch.write(ByteBuffer.wrap(reply));
    } catch (IOException ignored) {
      // best effort, as Redis
    }
  }
}
