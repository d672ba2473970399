package io.lime.internal.acl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The ACL log (acl.c addACLLogEntry): denied commands, keys, channels and failed AUTHs,
 * newest first, at most {@code acllog-max-len} entries; an entry equal to one of the 10
 * newest (same reason, context, object and user, within 60 s) is counted there instead of
 * added. Never holds a password. Thread-safe (synchronized; only denials write).
 */
public final class AclLog {
  /** Entries within this many milliseconds of each other are grouped. */
  static final long GROUPING_MAX_TIME_DELTA_MILLIS = 60_000;

  /** What was denied, to whom: the part of an entry that equal denials share. */
  record Denial(String reason, String context, String object, String username) {}

  /** One entry, as ACL LOG prints it. */
  public static final class Entry {
    final Denial what;
    /** Denials counted here (an equal one within the grouping time adds one). */ long count = 1;
    /** The last denial's time, Unix milliseconds. */ long createdMillis;
    /** The last denial's client, as CLIENT INFO prints it. */ String clientInfo;

    Entry(Denial what, long createdMillis, String clientInfo) {
      this.what = what;
      this.createdMillis = createdMillis;
      this.clientInfo = clientInfo;
    }

    /** How many equal denials this entry counts. */ public long count() { return count; }
    /** {@code command}, {@code key}, {@code channel} or {@code auth}. */ public String reason() { return what.reason(); }
    /** {@code toplevel}, {@code multi} or {@code lua}. */ public String context() { return what.context(); }
    /** The command, key, channel, or {@code AUTH}/{@code HELLO}. */ public String object() { return what.object(); }
    /** The user denied. */ public String username() { return what.username(); }
    /** When the last of its denials happened, Unix milliseconds. */ public long createdMillis() { return createdMillis; }
    /** The CLIENT INFO line of the last denial's client. */ public String clientInfo() { return clientInfo; }

    boolean matches(Entry o) {
      return what.equals(o.what)
          && Math.abs(createdMillis - o.createdMillis) <= GROUPING_MAX_TIME_DELTA_MILLIS;
    }
  }

  private final LinkedList<Entry> entries = new LinkedList<>();
  private volatile int maxLen = 128;

  /** {@code acllog-max-len}. */
  public void maxLen(int n) {
    this.maxLen = n;
    synchronized (this) {
      trim();
    }
  }

  /**
   * Adds a denial.
   *
   * @param reason {@code command}, {@code key}, {@code channel} or {@code auth}
   * @param context {@code toplevel}, {@code multi}, {@code lua}
   * @param object the command's full name, the key, the channel, or {@code AUTH}/{@code HELLO}
   */
  public synchronized void add(String reason, String context, String object, String username,
      long nowMillis, String clientInfo) {
    Entry e = new Entry(new Denial(reason, context, object, username), nowMillis, clientInfo);
    Iterator<Entry> it = entries.iterator();
    for (int scanned = 0; scanned < 10 && it.hasNext(); scanned++) {
      Entry cur = it.next();
      if (cur.matches(e)) {
        it.remove();
        entries.addFirst(cur);
        cur.clientInfo = clientInfo;
        cur.createdMillis = nowMillis;
        cur.count++;
        return;
      }
    }
    entries.addFirst(e);
    trim();
  }

  private void trim() {
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }

  /** The newest {@code count} entries (copies of the list, the entries themselves shared). */
  public synchronized List<Entry> newest(long count) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (out.size() >= count) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /** ACL LOG RESET. */
  public synchronized void reset() {
    entries.clear();
  }
}
