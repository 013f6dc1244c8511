package io.conops.server.notify;

import java.time.Instant;
import java.util.Locale;

/**
 * One message: what happened to which app.
 *
 * @param commit the commit concerned (the failed one, or the one running), or null
 * @param message the failure's message for a failed sync, else a short description
 */
record Notice(Event event, String app, String status, String health, String commit, String message, Instant at) {

    enum Event {
        SYNC_FAILED("sync failed", "rotating_light", "high"),
        DEGRADED("degraded", "warning", "high"),
        RECOVERED("recovered", "white_check_mark", "default"),
        TEST("test notification", "bell", "default");

        final String title;
        final String emoji;
        final String priority;

        Event(String title, String emoji, String priority) {
            this.title = title;
            this.emoji = emoji;
            this.priority = priority;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line a person reads: "ConOps: web sync failed at 1a2b3c4". */
    String title() {
        String at = commit == null ? "" : " at " + commit.substring(0, Math.min(7, commit.length()));
        return "ConOps: " + (app == null ? "" : app + " ") + event.title + at;
    }
}
