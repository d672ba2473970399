package io.lime.internal.util;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the daemon threads of LIME's background executors, all named {@code name}. One class
 * for them all instead of a lambda per executor: each lambda spins a class on its first use,
 * a cost of a server's first start in a JVM.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String name;

  /** A factory of daemon threads named {@code name}. */
  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
