package io.lime.internal.persistence.rdb;

import io.lime.command.CustomType;
import io.lime.internal.engine.Extensions;
import io.lime.internal.type.CustomValue;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.type.HashValue;
import io.lime.internal.type.ListValue;
import io.lime.internal.type.PersistedValues;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.StringType;
import io.lime.internal.type.SortedSetValue;
import io.lime.persistence.PersistenceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loads an RDB stream of version 1 to 10 (Redis's rdbLoadRio and rdbLoadObject), producing
 * LIME values in the encodings Redis 7.0 would choose for them under the current
 * thresholds. Keys whose expiry has passed are skipped, as a Redis master does when loading.
 *
 * <p>Errors name the source and the offset: a truncated stream as Redis's "Short read or
 * OOM loading DB. Unrecoverable error, aborting now.", a structural error as its "Internal
 * error in RDB reading offset ...", a bad trailer as "Wrong RDB checksum ...". Streams,
 * modules and functions (which LIME does not support) are refused the same way.
 */
public final class RdbReader {
  /** Receives each loaded key. */
  public interface Sink {
    void key(int db, byte[] key, Object value, long expireAtMillis);
  }

  /** What a load found. */
  public record Result(long keys, long expiredSkipped, @Nullable String redisVersion,
      long ctimeSeconds, boolean aofBase, java.util.List<byte[]> functions) {}

  private final java.util.List<byte[]> functions = new java.util.ArrayList<>();

  private final RdbInput in;
  private final String source;
  private final EncodingLimits limits;
  private final int databases;
  private final long now;
  private int fill;

  /**
   * A reader of {@code size} bytes ({@code -1} when unknown) of {@code in}, named {@code
   * source} in messages, loading into {@code databases} databases at time {@code nowMillis}.
   */
  public RdbReader(InputStream in, long size, String source, EncodingLimits limits,
      int databases, long nowMillis) {
    this.in = new RdbInput(in, size);
    this.source = source;
    this.limits = limits;
    this.databases = databases;
    this.now = nowMillis;
  }

  /**
   * Reads the whole stream, passing each live key to {@code sink}.
   *
   * @throws PersistenceException if the stream is truncated or corrupt (message names the
   *     source and offset)
   * @throws IOException if reading fails
   */
  public Result read(Sink sink) throws IOException {
    try {
      return readAll(sink);
    } catch (EOFException e) {
      throw new PersistenceException("Short read or OOM loading DB. Unrecoverable error, "
          + "aborting now. (" + source + ", offset " + in.offset()
          + ": Unexpected EOF reading RDB file)", e);
    } catch (RdbFormatException e) {
      throw new PersistenceException("Internal error in RDB reading offset " + in.offset()
          + " of " + source + " -> " + e.getMessage(), e);
    }
  }

  private Result readAll(Sink sink) throws IOException {
    fill = limits.listMaxListpackSize;
    byte[] header = new byte[9];
    in.readFully(header, 0, 9);
    if (!Arrays.equals(header, 0, 5, Rdb.MAGIC, 0, 5)) {
      throw new PersistenceException("Wrong signature trying to load DB from file " + source);
    }
    int version;
    try {
      version = Integer.parseInt(new String(header, 5, 4, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new PersistenceException("Wrong signature trying to load DB from file " + source);
    }
    if (version < 1 || version > Rdb.VERSION) {
      throw new PersistenceException("Can't handle RDB format version " + version
          + " (" + source + ")");
    }
    int db = 0;
    long expireAt = -1;
    long keys = 0;
    long expired = 0;
    String redisVer = null;
    long ctime = 0;
    boolean aofBase = false;
    while (true) {
      int type = in.readByte();
      switch (type) {
        case Rdb.OPCODE_EXPIRETIME -> {
          expireAt = (int) in.readLe(4) * 1000L;
          continue;
        }
        case Rdb.OPCODE_EXPIRETIME_MS -> {
          expireAt = in.readLe(8);
          continue;
        }
        case Rdb.OPCODE_FREQ -> {
          in.readByte();
          continue;
        }
        case Rdb.OPCODE_IDLE -> {
          in.readPlainLen();
          continue;
        }
        case Rdb.OPCODE_EOF -> {
          long computed = in.crc();
          if (version >= 5) {
            long expected = in.readLe(8);
            if (expected != 0 && expected != computed) {
              throw new PersistenceException("Wrong RDB checksum expected: ("
                  + Long.toHexString(expected) + ") got (" + Long.toHexString(computed)
                  + "). Aborting now. (" + source + ", offset " + (in.offset() - 8) + ")");
            }
          }
          return new Result(keys, expired, redisVer, ctime, aofBase, functions);
        }
        case Rdb.OPCODE_SELECTDB -> {
          long d = in.readPlainLen();
          if (d >= databases) {
            throw new PersistenceException("FATAL: Data file was created with a Redis server "
                + "configured to handle more than " + databases + " databases. Exiting ("
                + source + ", offset " + in.offset() + ")");
          }
          db = (int) d;
          continue;
        }
        case Rdb.OPCODE_RESIZEDB -> {
          in.readPlainLen();
          in.readPlainLen();
          continue;
        }
        case Rdb.OPCODE_AUX -> {
          String k = new String(in.readString(), StandardCharsets.UTF_8);
          String v = new String(in.readString(), StandardCharsets.UTF_8);
          switch (k) {
            case "redis-ver" -> redisVer = v;
            case "ctime" -> ctime = parseLong(v);
            case "aof-base" -> aofBase = parseLong(v) != 0;
            default -> { }
          }
          continue;
        }
        case Rdb.OPCODE_MODULE_AUX -> throw new RdbFormatException(
            "The RDB file contains AUX module data I can't load: no matching module");
        case Rdb.OPCODE_FUNCTION -> throw new RdbFormatException(
            "Pre-GA function format not supported");
        case Rdb.OPCODE_FUNCTION2 -> {
          functions.add(in.readString()); // a library's code (rdbFunctionLoad)
          continue;
        }
        default -> { }
      }
      byte[] key = in.readString();
      Object value = readObject(type, key);
      if (value != null) {
        if (expireAt != -1 && expireAt < now) {
          expired++;
        } else {
          sink.key(db, key, value, expireAt);
          keys++;
        }
      }
      expireAt = -1;
    }
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * rdbLoadObjectType + rdbLoadObject over {@code len} bytes of {@code b} (a DUMP payload
   * without its trailer): the value, or null for an empty collection.
   *
   * @throws RdbFormatException if the bytes are not a value Redis 7.0 loads
   * @throws IOException (an {@link java.io.EOFException}) if they end too soon
   */
  static @Nullable Object readValue(byte[] b, int len, EncodingLimits limits) throws IOException {
    RdbReader r = new RdbReader(new java.io.ByteArrayInputStream(b, 0, len), len, "DUMP payload",
        limits, 16, 0);
    r.fill = limits.listMaxListpackSize;
    int type = r.in.readByte();
    return r.readObject(type, new byte[0]);
  }

  /** rdbLoadObject; null for an empty collection (skipped, as Redis does). */
  private @Nullable Object readObject(int type, byte[] key) throws IOException {
    return switch (type) {
      case Rdb.TYPE_STRING -> {
        Object v = in.readStringOrLong();
        yield v instanceof Long l ? StringType.ofLong(l) : StringType.encodeOwned((byte[]) v);
      }
      case Rdb.TYPE_LIST -> {
        long n = in.readPlainLen();
        ListValue l = PersistedValues.newList();
        for (long i = 0; i < n; i++) {
          PersistedValues.listAppend(l, in.readString(), fill);
        }
        yield n == 0 ? null : l;
      }
      case Rdb.TYPE_LIST_QUICKLIST, Rdb.TYPE_LIST_QUICKLIST_2 -> readQuicklist(
          type == Rdb.TYPE_LIST_QUICKLIST_2);
      case Rdb.TYPE_LIST_ZIPLIST -> {
        List<byte[]> items = packed(in.readString(), false);
        ListValue l = PersistedValues.newList();
        for (byte[] b : items) {
          PersistedValues.listAppend(l, b, fill);
        }
        yield items.isEmpty() ? null : l;
      }
      case Rdb.TYPE_SET -> {
        long n = in.readPlainLen();
        SetValue s = PersistedValues.newSet();
        for (long i = 0; i < n; i++) {
          if (!PersistedValues.setAdd(s, in.readString(), limits)) {
            throw new RdbFormatException("Duplicate set members detected");
          }
        }
        yield n == 0 ? null : s;
      }
      case Rdb.TYPE_SET_INTSET -> readIntset(in.readString());
      case Rdb.TYPE_ZSET, Rdb.TYPE_ZSET_2 -> {
        long n = in.readPlainLen();
        SortedSetValue z = PersistedValues.newSortedSet();
        for (long i = 0; i < n; i++) {
          byte[] m = in.readString();
          double score = type == Rdb.TYPE_ZSET_2 ? in.readBinaryDouble() : in.readTextDouble();
          if (Double.isNaN(score)) {
            throw new RdbFormatException("Zset with NAN score detected");
          }
          if (!PersistedValues.zsetAdd(z, m, score)) {
            throw new RdbFormatException("Duplicate zset fields detected");
          }
        }
        if (n == 0) {
          yield null;
        }
        PersistedValues.zsetFinish(z, limits);
        yield z;
      }
      case Rdb.TYPE_ZSET_ZIPLIST, Rdb.TYPE_ZSET_LISTPACK -> {
        List<byte[]> items = packed(in.readString(), type == Rdb.TYPE_ZSET_LISTPACK);
        if (items.size() % 2 != 0) {
          throw new RdbFormatException("Zset ziplist integrity check failed.");
        }
        List<byte[]> members = new ArrayList<>(items.size() / 2);
        double[] scores = new double[items.size() / 2];
        for (int i = 0; i < items.size(); i += 2) {
          members.add(items.get(i));
          try {
            scores[i / 2] = ScoreText.parse(items.get(i + 1));
          } catch (NumberFormatException e) {
            throw new RdbFormatException("Zset listpack integrity check failed.");
          }
        }
        SortedSetValue z = PersistedValues.zsetFromPacked(members, scores, limits);
        if (z == null) {
          throw new RdbFormatException("Duplicate zset fields detected");
        }
        yield members.isEmpty() ? null : z;
      }
      case Rdb.TYPE_HASH -> {
        long n = in.readPlainLen();
        HashValue h = PersistedValues.newHash();
        for (long i = 0; i < n; i++) {
          byte[] f = in.readString();
          byte[] v = in.readString();
          h = PersistedValues.hashPut(h, f, v, limits);
          if (h == null) {
            throw new RdbFormatException("Duplicate hash fields detected");
          }
        }
        yield n == 0 ? null : h;
      }
      case Rdb.TYPE_HASH_ZIPMAP, Rdb.TYPE_HASH_ZIPLIST, Rdb.TYPE_HASH_LISTPACK -> {
        byte[] blob = in.readString();
        List<byte[]> items;
        try {
          items = type == Rdb.TYPE_HASH_ZIPMAP ? Ziplist.decodeZipmap(blob)
              : type == Rdb.TYPE_HASH_ZIPLIST ? Ziplist.decode(blob) : Listpack.decode(blob);
        } catch (IllegalArgumentException e) {
          throw new RdbFormatException("Hash integrity check failed: " + e.getMessage());
        }
        if (items.size() % 2 != 0) {
          throw new RdbFormatException("Hash integrity check failed.");
        }
        HashValue h = PersistedValues.hashFromPacked(items, limits);
        if (h == null) {
          throw new RdbFormatException("Duplicate hash fields detected");
        }
        yield items.isEmpty() ? null : h;
      }
      case Rdb.TYPE_STREAM_LISTPACKS, Rdb.TYPE_STREAM_LISTPACKS_2 ->
          RdbStreams.read(in, type == Rdb.TYPE_STREAM_LISTPACKS_2);
      case Rdb.TYPE_MODULE_2 -> readCustom(key);
      case Rdb.TYPE_MODULE ->
          throw new RdbFormatException("The RDB file contains module data I can't load");
      default -> throw new RdbFormatException("Unknown RDB encoding type " + type);
    };
  }

  /**
   * A module value written by {@code RdbWriter.writeCustom} (or by a Redis module storing one
   * string): decoded by the registered custom type of its name, refused otherwise, as Redis
   * refuses module data with no matching module type.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object readCustom(byte[] key) throws IOException {
    long id = in.readPlainLen();
    String name = Rdb.moduleName(id);
    int encver = (int) (id & 1023);
    CustomType type = extensions.type(name);
    if (type == null) {
      throw new RdbFormatException("The RDB file contains module data I can't load: no "
          + "matching module type '" + name + "'");
    }
    if (encver > type.version()) {
      throw new RdbFormatException("The RDB file contains module data of type '" + name
          + "' with encoding version " + encver + ", newer than the registered " + type.version());
    }
    if (in.readPlainLen() != Rdb.MODULE_OPCODE_STRING) {
      throw new RdbFormatException("Module data of type '" + name + "' is not one string");
    }
    byte[] bytes = in.readString();
    if (in.readPlainLen() != Rdb.MODULE_OPCODE_EOF) {
      throw new RdbFormatException("The RDB file contains module data for the module type '"
          + name + "', that the responsible module is not able to load");
    }
    try {
      return new CustomValue(type, type.javaType().cast(type.decode(bytes)));
    } catch (RuntimeException e) {
      throw new RdbFormatException("Custom type '" + name + "' cannot decode the value of key '"
          + new String(key, StandardCharsets.UTF_8) + "': " + e.getMessage());
    }
  }

  private Extensions extensions = Extensions.NONE;

  /** The custom value types this reader decodes (default: none; their records are refused). */
  public RdbReader extensions(Extensions e) {
    this.extensions = e;
    return this;
  }

  private @Nullable Object readQuicklist(boolean v2) throws IOException {
    long nodes = in.readPlainLen();
    ListValue l = PersistedValues.newList();
    for (long i = 0; i < nodes; i++) {
      long container = Rdb.QUICKLIST_NODE_PACKED;
      if (v2) {
        container = in.readPlainLen();
        if (container != Rdb.QUICKLIST_NODE_PACKED && container != Rdb.QUICKLIST_NODE_PLAIN) {
          throw new RdbFormatException("Quicklist integrity check failed.");
        }
      }
      byte[] blob = in.readString();
      if (container == Rdb.QUICKLIST_NODE_PLAIN) {
        PersistedValues.listAppend(l, blob, fill);
        continue;
      }
      for (byte[] b : packed(blob, v2)) {
        PersistedValues.listAppend(l, b, fill);
      }
    }
    return l.size() == 0 ? null : l;
  }

  private List<byte[]> packed(byte[] blob, boolean listpack) throws RdbFormatException {
    try {
      return listpack ? Listpack.decode(blob) : Ziplist.decode(blob);
    } catch (IllegalArgumentException e) {
      throw new RdbFormatException((listpack ? "Listpack" : "Ziplist")
          + " integrity check failed: " + e.getMessage());
    }
  }

  private @Nullable SetValue readIntset(byte[] blob) throws RdbFormatException {
    if (blob.length < 8) {
      throw new RdbFormatException("Intset integrity check failed.");
    }
    long width = Listpack.le(blob, 0, 4) & 0xFFFFFFFFL;
    long count = Listpack.le(blob, 4, 4) & 0xFFFFFFFFL;
    if ((width != 2 && width != 4 && width != 8) || 8 + count * width != blob.length) {
      throw new RdbFormatException("Intset integrity check failed.");
    }
    long[] values = new long[(int) count];
    int w = (int) width;
    for (int i = 0; i < count; i++) {
      long v = Listpack.le(blob, 8 + i * w, w);
      values[i] = (v << (64 - 8 * w)) >> (64 - 8 * w);
    }
    if (count == 0) {
      return null; // an empty key, skipped as Redis does
    }
    SetValue s = PersistedValues.setFromIntset(values, limits);
    if (s == null) {
      throw new RdbFormatException("Intset integrity check failed.");
    }
    return s;
  }
}
