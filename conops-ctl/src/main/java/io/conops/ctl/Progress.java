package io.conops.ctl;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A spinner with the seconds spent, on stderr while a long request runs ({@code delete}, {@code
 * sync --wait}), so a person at a terminal sees the command is alive. Only when stderr is a
 * terminal: in a pipe or a CI log the carriage returns would be noise. The line is erased at the
 * end, leaving stderr as it was.
 */
final class Progress {
    /** What {@link #show} returns: closing it ends the progress line; it throws nothing. */
    interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    private static final String FRAMES = "|/-\\";
    private static final Duration EVERY = Duration.ofMillis(250);
    private static final String ERASE_LINE = "\r\u001B[K";

    private final PrintWriter err;
    private final String what;
    private final Clock clock;
    private final Instant start;
    private final ScheduledExecutorService ticker;
    private int frame;

    private Progress(PrintWriter err, String what, Clock clock) {
        this.err = err;
        this.what = what;
        this.clock = clock;
        this.start = clock.instant();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conops-ctl-progress");
            t.setDaemon(true);
            return t;
        });
        draw(); // at once: even a request answered quickly shows what ran
        ticker.scheduleAtFixedRate(this::draw, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Shows progress for {@code what} when stderr is a terminal; else nothing at all. */
    static Shown show(GlobalOptions global, String what) {
        Setup setup = global.setup();
        if (!setup.terminal().err()) {
            return () -> {};
        }
        return new Progress(global.err(), what, setup.clock())::stop;
    }

    private synchronized void draw() {
        long seconds = Duration.between(start, clock.instant()).toSeconds();
        err.print(ERASE_LINE + FRAMES.charAt(frame++ % FRAMES.length()) + " " + what + " (" + seconds + "s)");
        err.flush();
    }

    private void stop() {
        ticker.shutdownNow();
        synchronized (this) {
            err.print(ERASE_LINE);
            err.flush();
        }
    }
}
