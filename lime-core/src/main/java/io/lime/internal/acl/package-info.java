/**
 * Access control lists as Redis 7.0's acl.c: users, their passwords (SHA-256, compared in
 * constant time), selectors of command, key and channel permissions, the permission check
 * the dispatcher runs before a handler, the ACL log, and the ACL file. The commands whose
 * permissions users are given are Redis 7.0.15's own command table ({@link AclCommandSet}),
 * so rules written for Redis mean the same here.
 */
@NullMarked
package io.lime.internal.acl;

import org.jspecify.annotations.NullMarked;
