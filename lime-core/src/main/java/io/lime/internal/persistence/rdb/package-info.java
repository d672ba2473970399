/**
 * Redis's RDB snapshot format, version 10 (Redis 7.0): a writer producing files real Redis
 * loads and a reader loading files Redis 7.0 (and earlier versions) write, with the packed
 * encodings they contain (listpack, ziplist, intset, zipmap, LZF) and the CRC64 trailer.
 */
@NullMarked
package io.lime.internal.persistence.rdb;

import org.jspecify.annotations.NullMarked;
