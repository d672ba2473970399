package io.lime.internal.aof;

import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.NoReply;
import io.lime.internal.command.ServerState;
import io.lime.persistence.PersistenceException;
import io.lime.resp.Argv;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays an AOF of RESP commands (Redis's loadSingleAppendOnlyFile) through the command
 * layer, as a client with no reply. Commands between {@code MULTI} and {@code EXEC} are
 * applied together at {@code EXEC}, so an unfinished transaction at the end of a file is
 * dropped whole. Lines starting with {@code #} (Redis's annotations) are skipped.
 *
 * <pre>
 *   *&lt;argc&gt;\r\n  then argc times  $&lt;len&gt;\r\n&lt;len bytes&gt;\r\n
 * </pre>
 */
final class AofLoader {
  /** Longest line accepted for a count ({@code *N} / {@code $N}). */
  private static final int MAX_LINE_BYTES = 128;

  private final Dispatcher dispatcher;
  private final ServerState state;

  AofLoader(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.state = dispatcher.server();
  }

  /** The outcome of loading one file. */
  record Result(long commands, long validBytes, long fileBytes, boolean truncated,
      boolean revertedMulti) {}

  /** Thrown for a structural error (not a short read) at {@code offset}. */
  static final class FormatError extends Exception {
    private static final long serialVersionUID = 1L;
    final long offset;

    FormatError(long offset, String what) {
      super(what);
      this.offset = offset;
    }
  }

  /**
   * Loads {@code file}. A short read (the file ends inside a command or an open MULTI) is
   * reported as {@code truncated} with the offset after the last whole command (before the
   * unfinished MULTI); the caller decides whether that is acceptable.
   *
   * @throws PersistenceException for an unknown command
   * @throws FormatError for anything else that is not RESP
   */
  Result load(Path file, String name) throws IOException, FormatError {
    long size = Files.size(file);
    ClientSession session = state.newClient(true);
    try (InputStream raw = Files.newInputStream(file)) {
      Counting in = new Counting(new BufferedInputStream(raw, 1 << 16));
      Call call = new Call(state, session, NoReply.INSTANCE);
      long validUpTo = 0;
      long beforeMulti = -1;
      List<byte[][]> queued = new ArrayList<>();
      long commands = 0;
      while (true) {
        long start = in.offset;
        int c;
        try {
          c = in.read();
          if (c == -1) {
            break;
          }
          if (c == '#') { // annotation
            skipLine(in);
            validUpTo = in.offset;
            continue;
          }
          if (c != '*') {
            throw new FormatError(start, "expected '*'");
          }
          long argc = readNumber(in, start);
          if (argc < 1 || argc > Integer.MAX_VALUE) {
            throw new FormatError(start, "bad argument count");
          }
          byte[][] argv = new byte[(int) Math.min(argc, 1024)][];
          List<byte[]> more = argc > 1024 ? new ArrayList<>() : null;
          for (long j = 0; j < argc; j++) {
            long at = in.offset;
            int d = in.read();
            if (d == -1) {
              throw new EOFException();
            }
            if (d != '$') {
              throw new FormatError(at, "expected '$'");
            }
            long len = readNumber(in, at);
            if (len < 0 || len > Integer.MAX_VALUE - 8) {
              throw new FormatError(at, "bad bulk length");
            }
            byte[] arg = in.readExactly((int) len);
            int cr = in.read();
            int lf = in.read();
            if (cr == -1 || lf == -1) {
              throw new EOFException();
            }
            if (cr != '\r' || lf != '\n') {
              throw new FormatError(in.offset - 2, "expected CRLF after bulk");
            }
            if (j < 1024) {
              argv[(int) j] = arg;
            } else {
              more.add(arg);
            }
          }
          if (more != null) {
            List<byte[]> all = new ArrayList<>(List.of(argv));
            all.addAll(more);
            argv = all.toArray(new byte[0][]);
          }
          commands++;
          if (isCommand(argv, "MULTI")) {
            beforeMulti = start;
            queued.clear();
          } else if (isCommand(argv, "EXEC") && beforeMulti >= 0) {
            for (byte[][] q : queued) {
              execute(call, q, name);
            }
            queued.clear();
            beforeMulti = -1;
          } else if (beforeMulti >= 0) {
            queued.add(argv);
          } else {
            execute(call, argv, name);
          }
          validUpTo = in.offset;
        } catch (EOFException eof) {
          return new Result(commands, beforeMulti >= 0 ? beforeMulti : validUpTo, size, true,
              beforeMulti >= 0);
        }
      }
      if (beforeMulti >= 0) { // the file ends inside MULTI: Redis reverts it
        return new Result(commands, beforeMulti, size, true, true);
      }
      return new Result(commands, validUpTo, size, false, false);
    } finally {
      state.removeClient(session);
    }
  }

  private static boolean isCommand(byte[][] argv, String upper) {
    byte[] a = argv[0];
    if (a.length != upper.length()) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      int c = a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i];
      if (c != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void execute(Call call, byte[][] argv, String name) throws PersistenceException {
    Argv a = Argv.ofBytes(argv);
    if (state.commandTable().lookup(a, 0) == null) {
      throw new PersistenceException("Unknown command '" + a.string(0)
          + "' reading the append only file " + name);
    }
    dispatcher.execute(call, a, NoReply.INSTANCE);
  }

  /** Reads digits up to CRLF (the marker byte already consumed). */
  private static long readNumber(Counting in, long start) throws IOException, FormatError {
    long v = 0;
    int n = 0;
    boolean neg = false;
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new EOFException();
      }
      if (c == '\r') {
        int lf = in.read();
        if (lf == -1) {
          throw new EOFException();
        }
        if (lf != '\n' || n == 0) {
          throw new FormatError(start, "bad line");
        }
        return neg ? -v : v;
      }
      if (c == '-' && n == 0 && !neg) {
        neg = true;
        continue;
      }
      if (c < '0' || c > '9' || ++n > 19 || v > (Long.MAX_VALUE - (c - '0')) / 10) {
        throw new FormatError(start, "bad number");
      }
      v = v * 10 + (c - '0');
    }
  }

  private static void skipLine(Counting in) throws IOException {
    int c;
    int n = 0;
    while ((c = in.read()) != '\n') {
      if (c == -1 || ++n > MAX_LINE_BYTES * 1024) {
        throw new EOFException();
      }
    }
  }

  /** An input stream that counts the bytes read. */
  private static final class Counting {
    private final InputStream in;
    long offset;

    Counting(InputStream in) {
      this.in = in;
    }

    int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        offset++;
      }
      return c;
    }

    byte[] readExactly(int len) throws IOException {
      // Never trust the length for the allocation: grow as bytes arrive.
      byte[] out = new byte[Math.min(len, 1 << 20)];
      int got = 0;
      while (got < len) {
        if (got == out.length) {
          out = java.util.Arrays.copyOf(out, (int) Math.min(len, (long) out.length * 2));
        }
        int r = in.read(out, got, out.length - got);
        if (r < 0) {
          offset += got;
          throw new EOFException();
        }
        got += r;
      }
      offset += len;
      return out;
    }
  }
}
