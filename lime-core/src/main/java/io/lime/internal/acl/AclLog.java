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

  /** One entry, as ACL LOG prints it. */
  public static final class Entry {
    long count = 1;
    final String reason;
    final String context;
    final String object;
    final String username;
    long createdMillis;
    String clientInfo;

    Entry(String reason, String context, String object, String username, long createdMillis,
        String clientInfo) {
      this.reason = reason;
      this.context = context;
      this.object = object;
      this.username = username;
      this.createdMillis = createdMillis;
      this.clientInfo = clientInfo;
    }

    public long count() { return count; }
    public String reason() { return reason; }
    public String context() { return context; }
    public String object() { return object; }
    public String username() { return username; }
    public long createdMillis() { return createdMillis; }
    public String clientInfo() { return clientInfo; }

    boolean matches(Entry o) {
      return reason.equals(o.reason) && context.equals(o.context)
          && Math.abs(createdMillis - o.createdMillis) <= GROUPING_MAX_TIME_DELTA_MILLIS
          && object.equals(o.object) && username.equals(o.username);
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
    Entry e = new Entry(reason, context, object, username, nowMillis, clientInfo);
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
