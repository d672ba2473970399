package io.lime.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs a parser over input and records commands (bytes as ISO-8859-1 strings). */
final class Commands {
  final List<List<String>> commands = new ArrayList<>();
  ProtocolException error;

  static List<String> argv(Argv argv) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      out.add(new String(argv.array(), argv.offset(i), argv.length(i), StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  boolean record(Argv argv) {
    commands.add(argv(argv));
    return true;
  }

  static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Feeds {@code input} in one call. */
  static Commands oneShot(RequestParser p, byte[] input) {
    Commands c = new Commands();
    try {
      p.parse(ByteBuffer.wrap(input), c::record);
    } catch (ProtocolException e) {
      c.error = e;
    }
    return c;
  }

  /** Feeds {@code input} in chunks ending at the given cut points (sorted, within bounds). */
  static Commands chunked(RequestParser p, byte[] input, int[] cuts) {
    Commands c = new Commands();
    int from = 0;
    try {
      for (int k = 0; k <= cuts.length; k++) {
        int to = k < cuts.length ? cuts[k] : input.length;
        ByteBuffer b = ByteBuffer.wrap(input, from, to - from);
        p.parse(b, c::record);
        if (b.hasRemaining()) {
          throw new AssertionError("parse left bytes in the input");
        }
        from = to;
      }
    } catch (ProtocolException e) {
      c.error = e;
    }
    return c;
  }

  static Commands byteAtATime(RequestParser p, byte[] input) {
    int[] cuts = new int[Math.max(0, input.length - 1)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    return chunked(p, input, cuts);
  }

  String errorText() {
    return error == null ? null : error.getMessage();
  }

  /** RESP multibulk encoding of {@code args} (ISO-8859-1). */
  static String multibulk(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString();
  }
}
