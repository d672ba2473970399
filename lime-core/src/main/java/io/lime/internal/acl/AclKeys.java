package io.lime.internal.acl;

/**
 * The keys of the command being checked, found by the command layer from the command's key
 * specs only when a selector restricts keys. Each key is {@code position << 2 | permissions}
 * ({@link #READ}, {@link #WRITE}, both, or neither when the spec says nothing), its position
 * counted from the command name.
 */
@FunctionalInterface
public interface AclKeys {
  /** Read permission is needed (key spec flag {@code ACCESS}). */
  int READ = AclSelector.READ;
  /** Write permission is needed (key spec flags {@code INSERT}, {@code DELETE}, {@code UPDATE}). */
  int WRITE = AclSelector.WRITE;

  /** The keys; computed at most once per check by the caller's implementation. */
  int[] keys();
}
