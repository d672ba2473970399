package io.lime.internal.persistence;

import io.lime.command.CustomType;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Extensions;
import io.lime.internal.type.CustomValue;
import io.lime.internal.type.HashValue;
import io.lime.internal.type.ListValue;
import io.lime.internal.type.PersistedValues;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.internal.type.StringType;
import io.lime.persistence.StoredValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Engine values to {@link StoredValue}s and back: the public face of the type layer's
 * persistence helpers ({@link PersistedValues}) for plug-ins outside LIME.
 */
public final class StoredValues {
  private StoredValues() {}

  /** See {@link StoredValue#of(Object)}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static StoredValue export(Object v) {
    if (v instanceof CustomValue c) {
      return new StoredValue.CustomValue(c.type().name(), ((CustomType) c.type()).encode(c.value()));
    }
    switch (PersistedValues.kind(v)) {
      case STRING:
        return new StoredValue.StringValue(StringType.toBytes(v));
      case LIST:
        ListValue l = (ListValue) v;
        return new StoredValue.ListValue(List.copyOf(l.copyRange(0, l.size())));
      case SET:
        return new StoredValue.SetValue(List.copyOf(SetType.members((SetValue) v)));
      case HASH:
        List<byte[]> items = new ArrayList<>();
        ((HashValue) v).forEach((fb, fo, fl, vb, vo, vl) -> {
          items.add(Arrays.copyOfRange(fb, fo, fo + fl));
          items.add(Arrays.copyOfRange(vb, vo, vo + vl));
        });
        return new StoredValue.HashValue(List.copyOf(items));
      default:
        List<StoredValue.ScoredMember> members = new ArrayList<>();
        SortedSetType.forEach((SortedSetValue) v, (b, off, len, score) -> {
          members.add(new StoredValue.ScoredMember(Arrays.copyOfRange(b, off, off + len), score));
          return true;
        });
        return new StoredValue.SortedSetValue(List.copyOf(members));
    }
  }

  /**
   * The engine value of {@code v}, encoded as {@code limits} say; null for an empty
   * collection (not stored, as Redis skips them).
   *
   * @throws IllegalArgumentException for duplicate set members, hash fields or sorted set
   *     members, a NaN score, or a custom type not in {@code extensions} (or that cannot
   *     decode the bytes)
   */
  public static Object toEngine(StoredValue v, EncodingLimits limits, Extensions extensions) {
    if (v instanceof StoredValue.StringValue s) {
      return StringType.encodeOwned(s.value().clone());
    }
    if (v instanceof StoredValue.ListValue l) {
      ListValue list = PersistedValues.newList();
      for (byte[] b : l.elements()) {
        PersistedValues.listAppend(list, b, limits.listMaxListpackSize);
      }
      return list;
    }
    if (v instanceof StoredValue.SetValue s) {
      SetValue set = PersistedValues.newSet();
      for (byte[] m : s.members()) {
        if (!PersistedValues.setAdd(set, m, limits)) {
          throw new IllegalArgumentException("duplicate set member");
        }
      }
      return set;
    }
    if (v instanceof StoredValue.HashValue h) {
      if (h.fieldsAndValues().size() % 2 != 0) {
        throw new IllegalArgumentException("a hash needs field-value pairs");
      }
      HashValue hash = PersistedValues.hashFromPacked(h.fieldsAndValues(), limits);
      if (hash == null) {
        throw new IllegalArgumentException("duplicate hash field");
      }
      return hash;
    }
    if (v instanceof StoredValue.SortedSetValue z) {
      SortedSetValue set = PersistedValues.newSortedSet();
      for (StoredValue.ScoredMember m : z.members()) {
        if (Double.isNaN(m.score())) {
          throw new IllegalArgumentException("NaN score");
        }
        if (!PersistedValues.zsetAdd(set, m.member(), m.score())) {
          throw new IllegalArgumentException("duplicate sorted set member");
        }
      }
      PersistedValues.zsetFinish(set, limits);
      return set;
    }
    StoredValue.CustomValue c = (StoredValue.CustomValue) v;
    CustomType<?> type = extensions.type(c.typeName());
    if (type == null) {
      throw new IllegalArgumentException("no custom type named '" + c.typeName() + "' is registered");
    }
    return new CustomValue(type, type.decode(c.encoded()));
  }

  /** Whether {@code v} is an empty collection (not stored). */
  public static boolean isEmpty(StoredValue v) {
    return v instanceof StoredValue.ListValue l && l.elements().isEmpty()
        || v instanceof StoredValue.SetValue s && s.members().isEmpty()
        || v instanceof StoredValue.HashValue h && h.fieldsAndValues().isEmpty()
        || v instanceof StoredValue.SortedSetValue z && z.members().isEmpty();
  }
}
