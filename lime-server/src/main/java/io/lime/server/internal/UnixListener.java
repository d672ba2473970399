package io.lime.server.internal;

import io.lime.internal.config.ConfigRegistry;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code unixsocket} listener (Redis's anetUnixServer) with the JDK's unix domain socket
 * channels (Java 16+): a stale file is removed first, {@code unixsocketperm} (octal, 0 =
 * leave as created) is applied, and the file is removed when the server stops.
 */
final class UnixListener {
  final ServerSocketChannel channel;
  private final Path path;

  private UnixListener(ServerSocketChannel channel, Path path) {
    this.channel = channel;
    this.path = path;
  }

  /** Listens on {@code unixsocket}, or returns null when it is empty. */
  static @Nullable UnixListener open(ConfigRegistry config, ServerLog log) throws IOException {
    String name = config.get("unixsocket");
    if (name == null || name.isEmpty()) {
      return null;
    }
    long perm = Long.parseLong(String.valueOf(config.get("unixsocketperm")), 8);
    Path p = Path.of(name);
    Files.deleteIfExists(p);
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.bind(UnixDomainSocketAddress.of(p), config.getInt("tcp-backlog"));
      ch.configureBlocking(false);
      if (perm != 0) {
        Files.setPosixFilePermissions(p, posix(perm));
      }
    } catch (IOException e) {
      ch.close();
      throw new IOException("Failed opening Unix socket: " + e.getMessage(), e);
    }
    log.notice("The server is now ready to accept connections at " + name);
    return new UnixListener(ch, p);
  }

  private static Set<PosixFilePermission> posix(long mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1L << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  /** Closes the listener and removes the socket file, as Redis at shutdown. */
  void close() {
    Listeners.closeQuietly(channel);
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
