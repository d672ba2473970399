package io.lime.examples.persistence;

import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import io.lime.persistence.PersistenceException;
import io.lime.persistence.SnapshotVisitor;
import io.lime.persistence.StoredValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A persistence plug-in on LIME's public SPI: the whole data set as one human-readable JSON
 * file, saved on a schedule (when something changed) and on close, loaded at start-up.
 *
 * <pre>{@code
 * try (KeyValueStore store = KeyValueStore.builder()
 *     .persistence(new JsonSnapshotPersistence(Path.of("data.json"), Duration.ofSeconds(60)))
 *     .build()) { ... }
 * }</pre>
 *
 * <p><b>Format.</b> One object: {@code format}, {@code version}, {@code keys} (an array of
 * {@code {"db":0,"key":K,"type":"string|list|set|hash|zset|custom","value":V}} with an
 * optional {@code "expireAt"} in Unix milliseconds), and {@code keyCount}. Byte strings are
 * JSON strings when they are valid UTF-8, else {@code {"base64":"..."}} (unambiguous: a string
 * is never an object). Lists and sets are arrays of byte strings; hashes arrays of {@code
 * [field, value]}; sorted sets arrays of {@code [member, score]} (a score is a JSON number, or
 * {@code "inf"}/{@code "-inf"}); a custom type's value ({@code io.lime.command.CustomType}) is
 * its encoding as a byte string, with {@code "customType"} naming the type.
 *
 * <p><b>Atomicity.</b> A save writes a temporary file in the same directory, fsyncs it,
 * renames it over the snapshot and fsyncs the directory: a crash leaves the old file or the
 * new one, never a mix. Loading parses and checks the whole file before inserting any key: a
 * truncated or corrupt file stops the store with a message naming the file and the offset,
 * and the file is left as it is (nothing is saved over it, since the store does not start).
 *
 * <p><b>Consistency.</b> As LIME's RDB snapshots: each shard is captured at one instant
 * ({@link PersistenceContext#snapshot}). Thread-safe: saves are serialized.
 */
public final class JsonSnapshotPersistence implements Persistence {
  static final String FORMAT = "lime-json-snapshot";
  static final int VERSION = 1;

  private final Path file;
  private final Duration interval;
  private @Nullable PersistenceContext ctx;
  private @Nullable ScheduledExecutorService schedule;
  private boolean closed;

  /**
   * A snapshot in {@code file} (its directory must exist), saved every {@code interval} when
   * something changed, and on close.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public JsonSnapshotPersistence(Path file, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    this.file = file.toAbsolutePath();
    this.interval = interval;
  }

  @Override
  public synchronized void open(PersistenceContext context) throws IOException {
    this.ctx = context;
    load(context);
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lime-json-snapshot");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    s.scheduleWithFixedDelay(() -> {
      try {
        saveIfDirty();
      } catch (IOException | UncheckedIOException e) {
        System.getLogger(JsonSnapshotPersistence.class.getName()).log(
            System.Logger.Level.WARNING, "JSON snapshot of " + file + " failed: " + e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
    this.schedule = s;
  }

  /** Snapshot-only: no command is built for it. */
  @Override
  public boolean wantsCommands() {
    return false;
  }

  @Override
  public void onWrite(int db, byte[][] argv) {}

  /**
   * What the schedule runs: saves when anything changed since the last save. Returns whether
   * it saved.
   *
   * @throws IOException if the file cannot be written (the previous snapshot stays)
   */
  public synchronized boolean saveIfDirty() throws IOException {
    PersistenceContext c = ctx;
    if (c == null || closed || c.dirty() == 0) {
      return false;
    }
    save(c);
    return true;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    ScheduledExecutorService s = schedule;
    if (s != null) {
      s.shutdownNow();
    }
    PersistenceContext c = ctx;
    try {
      if (c != null && (c.dirty() > 0 || !Files.exists(file))) {
        save(c);
      }
    } catch (IOException e) {
      System.getLogger(JsonSnapshotPersistence.class.getName()).log(
          System.Logger.Level.ERROR, "final JSON snapshot of " + file + " failed: " + e);
    }
    closed = true;
  }

  // ------------------------------------------------------------------ saving

  private void save(PersistenceContext c) throws IOException {
    long dirty = c.dirty();
    Path dir = file.getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          Writer w = Channels.newWriter(ch, StandardCharsets.UTF_8)) {
        w.write("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"keys\":[");
        ShardWriter sw = new ShardWriter(w);
        c.snapshot(sw);
        w.write("\n],\"keyCount\":" + sw.count + "}\n");
        w.flush();
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself
    } catch (IOException e) {
      // some platforms cannot open a directory: the rename is still atomic
    }
    c.clearDirty(dirty);
  }

  /** Serializes each shard's keys under its lock into memory, writes them with no lock held. */
  private static final class ShardWriter implements SnapshotVisitor {
    private final Writer out;
    private final StringBuilder shard = new StringBuilder();
    long count;

    ShardWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void entry(int db, byte[] key, Object value, long expireAtMillis) {
      StoredValue v = StoredValue.of(value); // a plain copy, while the shard is locked
      shard.append(count++ == 0 ? "\n" : ",\n").append("{\"db\":").append(db).append(",\"key\":");
      bytes(shard, key);
      String type = v instanceof StoredValue.CustomValue ? "custom" : v.typeName();
      shard.append(",\"type\":\"").append(type).append('"');
      if (v instanceof StoredValue.CustomValue cv) {
        shard.append(",\"customType\":");
        string(shard, cv.typeName());
      }
      if (expireAtMillis >= 0) {
        shard.append(",\"expireAt\":").append(expireAtMillis);
      }
      shard.append(",\"value\":");
      value(shard, v);
      shard.append('}');
    }

    @Override
    public void endShard() throws IOException {
      out.append(shard);
      shard.setLength(0);
    }
  }

  private static void value(StringBuilder sb, StoredValue v) {
    if (v instanceof StoredValue.StringValue s) {
      bytes(sb, s.value());
    } else if (v instanceof StoredValue.ListValue l) {
      array(sb, l.elements());
    } else if (v instanceof StoredValue.SetValue s) {
      array(sb, s.members());
    } else if (v instanceof StoredValue.HashValue h) {
      sb.append('[');
      List<byte[]> fv = h.fieldsAndValues();
      for (int i = 0; i < fv.size(); i += 2) {
        sb.append(i == 0 ? "[" : ",[");
        bytes(sb, fv.get(i));
        sb.append(',');
        bytes(sb, fv.get(i + 1));
        sb.append(']');
      }
      sb.append(']');
    } else if (v instanceof StoredValue.SortedSetValue z) {
      sb.append('[');
      boolean first = true;
      for (StoredValue.ScoredMember m : z.members()) {
        sb.append(first ? "[" : ",[");
        first = false;
        bytes(sb, m.member());
        sb.append(',');
        double d = m.score();
        sb.append(Double.isInfinite(d) ? (d > 0 ? "\"inf\"" : "\"-inf\"") : Double.toString(d));
        sb.append(']');
      }
      sb.append(']');
    } else {
      bytes(sb, ((StoredValue.CustomValue) v).encoded());
    }
  }

  private static void array(StringBuilder sb, List<byte[]> items) {
    sb.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      bytes(sb, items.get(i));
    }
    sb.append(']');
  }

  /** A byte string: a JSON string when valid UTF-8, else {@code {"base64":"..."}}. */
  private static void bytes(StringBuilder sb, byte[] b) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
      string(sb, s);
    } catch (CharacterCodingException e) {
      sb.append("{\"base64\":\"").append(Base64.getEncoder().encodeToString(b)).append("\"}");
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  // ------------------------------------------------------------------ loading

  /** One checked key of the file, inserted only once the whole file has been read. */
  private record Loaded(int db, byte[] key, StoredValue value, long expireAt) {}

  private void load(PersistenceContext c) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return; // first start
    }
    List<Loaded> keys;
    try {
      keys = parse(text, c.databaseCount());
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new PersistenceException("JSON snapshot " + file + " is truncated or corrupt ("
          + e.getMessage() + "): not loaded, and left unchanged");
    }
    long now = c.now();
    for (Loaded k : keys) {
      if (k.expireAt() < 0 || k.expireAt() > now) { // expired keys are not loaded, as Redis
        try {
          c.restore(k.db(), k.key(), k.value(), k.expireAt());
        } catch (IllegalArgumentException e) { // a duplicate member, an unknown custom type
          throw new PersistenceException("JSON snapshot " + file + " holds a bad value ("
              + e.getMessage() + "): the store does not start, and the file is left unchanged");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Loaded> parse(String text, int databases) {
    Map<String, Object> root = (Map<String, Object>) JsonTree.parse(text);
    if (!FORMAT.equals(root.get("format")) || !Long.valueOf(VERSION).equals(root.get("version"))) {
      throw new IllegalArgumentException("not a " + FORMAT + " version " + VERSION + " file");
    }
    List<Object> entries = (List<Object>) required(root, "keys");
    if (!Long.valueOf(entries.size()).equals(root.get("keyCount"))) {
      throw new IllegalArgumentException("keyCount does not match the keys");
    }
    List<Loaded> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = (Map<String, Object>) entries.get(i);
      try {
        long db = (Long) required(e, "db");
        if (db < 0 || db >= databases) {
          throw new IllegalArgumentException("database " + db + " out of range");
        }
        Object exp = e.get("expireAt");
        out.add(new Loaded((int) db, bytes(required(e, "key")),
            value((String) required(e, "type"), e, required(e, "value")),
            exp == null ? -1 : (Long) exp));
      } catch (IllegalArgumentException | ClassCastException ex) {
        throw new IllegalArgumentException("key #" + i + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static Object required(Map<String, Object> m, String name) {
    Object v = m.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing \"" + name + "\"");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static StoredValue value(String type, Map<String, Object> e, Object v) {
    return switch (type) {
      case "string" -> new StoredValue.StringValue(bytes(v));
      case "list" -> new StoredValue.ListValue(byteList((List<Object>) v));
      case "set" -> new StoredValue.SetValue(byteList((List<Object>) v));
      case "hash" -> {
        List<byte[]> fv = new ArrayList<>();
        for (Object pair : (List<Object>) v) {
          List<Object> p = (List<Object>) pair;
          fv.add(bytes(p.get(0)));
          fv.add(bytes(p.get(1)));
        }
        yield new StoredValue.HashValue(fv);
      }
      case "zset" -> {
        List<StoredValue.ScoredMember> members = new ArrayList<>();
        for (Object pair : (List<Object>) v) {
          List<Object> p = (List<Object>) pair;
          Object s = p.get(1);
          double score = s instanceof Number n ? n.doubleValue()
              : s.equals("inf") ? Double.POSITIVE_INFINITY
              : s.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.NaN;
          if (Double.isNaN(score)) {
            throw new IllegalArgumentException("bad score " + s);
          }
          members.add(new StoredValue.ScoredMember(bytes(p.get(0)), score));
        }
        yield new StoredValue.SortedSetValue(members);
      }
      case "custom" -> new StoredValue.CustomValue((String) required(e, "customType"), bytes(v));
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static List<byte[]> byteList(List<Object> items) {
    List<byte[]> out = new ArrayList<>(items.size());
    for (Object o : items) {
      out.add(bytes(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static byte[] bytes(Object o) {
    if (o instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    String b64 = (String) required((Map<String, Object>) o, "base64");
    return Base64.getDecoder().decode(b64);
  }
}
