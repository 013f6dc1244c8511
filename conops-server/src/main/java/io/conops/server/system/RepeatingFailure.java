package io.conops.server.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The log of one kind of failure in a loop that runs every few seconds. While the database or the
 * storage is away every tick fails the same way, and a line (let alone a stack trace) per tick
 * buries everything else: the failure is logged when it starts, then at most once per interval
 * with how often it recurred meanwhile, and once when it stops.
 */
public final class RepeatingFailure {
    /** How often a failure that keeps recurring is logged again. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String what;
    private final Clock clock;
    private Instant lastLogged;
    private int unlogged;
    private boolean failing;

    /**
     * @param what the work that fails, as the start of a sentence: "Reconcile tick"
     */
    public RepeatingFailure(Logger log, String what, Clock clock) {
        this.log = log;
        this.what = what;
        this.clock = clock;
    }

    public RepeatingFailure(Logger log, String what) {
        this(log, what, Clock.systemUTC());
    }

    /** One more failure; {@code cause}'s stack trace goes with the lines that are logged, if given. */
    public synchronized void failed(String message, Throwable cause) {
        Instant now = clock.instant();
        failing = true;
        if (lastLogged != null && now.isBefore(lastLogged.plus(INTERVAL))) {
            unlogged++;
            return;
        }
        String line = unlogged == 0
                ? what + " failed: " + message
                : what + " failed: " + message + " (and " + unlogged + " more time(s) since the last report)";
        if (cause == null) {
            log.warn(line);
        } else {
            log.warn(line, cause);
        }
        lastLogged = now;
        unlogged = 0;
    }

    public void failed(String message) {
        failed(message, null);
    }

    /** The work succeeded: if it was failing, says so once and starts afresh. */
    public synchronized void succeeded() {
        if (!failing) {
            return;
        }
        log.info("{} works again{}", what, unlogged == 0 ? "" : " (" + unlogged + " failure(s) not logged)");
        failing = false;
        lastLogged = null;
        unlogged = 0;
    }
}
