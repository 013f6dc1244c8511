package io.conops.server.compose;

import java.nio.charset.StandardCharsets;

/** Keeps the head and the tail of a stream when it is larger than its limit. */
final class BoundedBuffer {
    private final int limit;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long dropped;

    BoundedBuffer(int limit) {
        this.limit = limit;
    }

    synchronized void append(String s) {
        if (head.length() + s.length() <= limit / 2) {
            head.append(s);
            return;
        }
        int room = limit / 2 - head.length();
        if (room > 0) {
            head.append(s, 0, room);
            s = s.substring(room);
        }
        tail.append(s);
        if (tail.length() > limit / 2) {
            int cut = tail.length() - limit / 2;
            dropped += cut;
            tail.delete(0, cut);
        }
    }

    /** Whether anything was left out. */
    synchronized boolean truncated() {
        return dropped > 0;
    }

    synchronized String text() {
        if (dropped == 0) {
            return head.toString() + tail;
        }
        return head + "\n… " + dropped + " characters left out …\n" + tail;
    }

    static String utf8(byte[] b, int n) {
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
