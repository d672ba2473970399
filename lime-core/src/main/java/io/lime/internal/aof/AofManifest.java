package io.lime.internal.aof;

import io.lime.persistence.PersistenceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Redis 7's AOF manifest ({@code appendonly.aof.manifest}): one line per file,
 * {@code file <name> seq <n> type <b|h|i>}, the base first, then history files (being
 * deleted), then the incremental files in replay order. Not thread-safe: guarded by
 * {@link AofDirectory#io}.
 */
final class AofManifest {
  /** One file of the manifest. */
  record FileInfo(String name, long seq, char type) {
    String line() {
      return "file " + quote(name) + " seq " + seq + " type " + type + "\n";
    }
  }

  @Nullable FileInfo base;
  final List<FileInfo> incrs = new ArrayList<>();
  final List<FileInfo> history = new ArrayList<>();
  long baseSeq;
  long incrSeq;

  /** The manifest text, as Redis writes it. */
  String format() {
    StringBuilder sb = new StringBuilder();
    if (base != null) {
      sb.append(base.line());
    }
    for (FileInfo f : history) {
      sb.append(f.line());
    }
    for (FileInfo f : incrs) {
      sb.append(f.line());
    }
    return sb.toString();
  }

  /** Parses a manifest file (Redis's aofLoadManifestFromFile). */
  static AofManifest parse(Path file) throws IOException {
    AofManifest m = new AofManifest();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = split(line);
      String name = null;
      long seq = -1;
      char type = 0;
      for (int i = 0; i + 1 < words.size(); i += 2) {
        String k = words.get(i);
        String v = words.get(i + 1);
        switch (k) {
          case "file" -> name = v;
          case "seq" -> {
            try {
              seq = Long.parseLong(v);
            } catch (NumberFormatException e) {
              seq = -1;
            }
          }
          case "type" -> type = v.length() == 1 ? v.charAt(0) : 0;
          default -> { } // unknown keys are ignored, as Redis
        }
      }
      if (name == null || seq < 0 || (type != 'b' && type != 'h' && type != 'i')) {
        throw new PersistenceException("Invalid AOF manifest file format: " + file + " line "
            + n);
      }
      FileInfo f = new FileInfo(name, seq, type);
      switch (type) {
        case 'b' -> {
          if (m.base != null) {
            throw new PersistenceException("Found duplicate base file information: " + file);
          }
          m.base = f;
          m.baseSeq = seq;
        }
        case 'h' -> m.history.add(f);
        default -> {
          if (seq <= m.incrSeq && !m.incrs.isEmpty()) {
            throw new PersistenceException("Found a non-monotonic sequence number: " + file);
          }
          m.incrs.add(f);
          m.incrSeq = seq;
        }
      }
    }
    if (m.base == null && m.incrs.isEmpty()) {
      throw new PersistenceException("Found an empty AOF manifest: " + file);
    }
    return m;
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      StringBuilder w = new StringBuilder();
      if (c == '"') {
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          char d = line.charAt(i);
          if (d == '\\' && i + 1 < line.length()) {
            i++;
            d = line.charAt(i);
          }
          w.append(d);
          i++;
        }
        i++;
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          w.append(line.charAt(i++));
        }
      }
      out.add(w.toString());
    }
    return out;
  }

  private static String quote(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == '"' || c == '\\' || c > '~') {
        StringBuilder sb = new StringBuilder("\"");
        for (int j = 0; j < name.length(); j++) {
          char d = name.charAt(j);
          if (d == '"' || d == '\\') {
            sb.append('\\');
          }
          sb.append(d);
        }
        return sb.append('"').toString();
      }
    }
    return name;
  }
}
