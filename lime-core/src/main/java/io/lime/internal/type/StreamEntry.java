package io.lime.internal.type;

/**
 * One stream entry as read: its ID and its fields and values, alternating (the stream's own
 * arrays: do not modify).
 *
 * @param id the entry's ID
 * @param fieldsValues field, value, field, value ...
 */
public record StreamEntry(StreamId id, byte[][] fieldsValues) {}
