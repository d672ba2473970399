package io.lime.resp;

import java.util.List;

/** Renders {@link RespValue#describe(RespValue)}. */
final class Describer {
  private Describer() {}

  static void append(StringBuilder sb, RespValue v) {
    if (v instanceof RespValue.SimpleString s) {
      sb.append('+').append(s.value());
    } else if (v instanceof RespValue.Error e) {
      sb.append('-').append(e.message());
    } else if (v instanceof RespValue.Integer i) {
      sb.append(':').append(i.value());
    } else if (v instanceof RespValue.Bulk b) {
      quote(sb, b.value());
    } else if (v instanceof RespValue.Null n) {
      sb.append(n.type() == '_' ? "nil" : "nil" + n.type());
    } else if (v instanceof RespValue.Array a) {
      list(sb, "[", a.elements());
    } else if (v instanceof RespValue.Set s) {
      list(sb, "~[", s.elements());
    } else if (v instanceof RespValue.Push p) {
      list(sb, ">[", p.elements());
    } else if (v instanceof RespValue.Map m) {
      pairs(sb, "{", m.entries());
    } else if (v instanceof RespValue.Double d) {
      sb.append(',').append(DoubleFormat.g17(d.value()));
    } else if (v instanceof RespValue.Boolean b) {
      sb.append(b.value() ? "#t" : "#f");
    } else if (v instanceof RespValue.BigNumber n) {
      sb.append('(').append(n.value());
    } else if (v instanceof RespValue.Verbatim t) {
      sb.append('=').append(t.format()).append(':').append(t.text());
    } else if (v instanceof RespValue.Attribute at) {
      pairs(sb, "|{", at.attributes());
      sb.append(' ');
      append(sb, at.value());
    }
  }

  private static void list(StringBuilder sb, String open, List<RespValue> items) {
    sb.append(open);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      append(sb, items.get(i));
    }
    sb.append(']');
  }

  private static void pairs(StringBuilder sb, String open, List<RespValue.Pair> pairs) {
    sb.append(open);
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      append(sb, pairs.get(i).key());
      sb.append(": ");
      append(sb, pairs.get(i).value());
    }
    sb.append('}');
  }

  private static void quote(StringBuilder sb, byte[] bytes) {
    sb.append('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    sb.append('"');
  }
}
