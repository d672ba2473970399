package io.lime.internal.type;

import org.jspecify.annotations.Nullable;

/**
 * One stream entry as read: its ID and its fields and values, alternating (the stream's own
 * arrays: do not modify).
 *
 * @param id the entry's ID
 * @param fieldsValues field, value, field, value ...; null for a consumer's pending entry
 *     whose stream entry was deleted (XREADGROUP history)
 */
public record StreamEntry(StreamId id, byte @Nullable [][] fieldsValues) {}
