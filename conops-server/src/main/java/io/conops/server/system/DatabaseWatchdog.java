package io.conops.server.system;

import io.conops.server.system.DatabaseProbe.Result;
import io.conops.server.system.DatabaseProbe.State;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the database probe on a thread of its own and stops the process when the probe never
 * returns. After a failed write on a full disk H2 can leave its version counter negative, and then
 * every statement spins inside H2 for good: nothing in the process can recover from that, while a
 * restart (systemd's Restart=on-failure, Compose's restart policy) reopens the file cleanly. Only
 * for the embedded database: a PostgreSQL server out of reach is waited for, not restarted around.
 */
final class DatabaseWatchdog implements AutoCloseable {
    /** The probe waits at most 5 s for a connection and 10 s for its query; this is far beyond. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(1);

    static final int EXIT_STATUS = 75; // EX_TEMPFAIL: try again

    private static final Logger log = LoggerFactory.getLogger(DatabaseWatchdog.class);

    private final Duration stuckAfter;
    private final IntConsumer halt;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conops-db-probe");
        t.setDaemon(true);
        return t;
    });

    /** Probes on the caller's thread and never ends the process (PostgreSQL). */
    static DatabaseWatchdog none() {
        return new DatabaseWatchdog(null, status -> {});
    }

    /**
     * @param stuckAfter how long a probe may take, or null for no limit
     * @param halt ends the process with the status given ({@code Runtime.getRuntime()::halt}: the
     *     shutdown hooks would wait for the threads stuck in H2)
     */
    DatabaseWatchdog(Duration stuckAfter, IntConsumer halt) {
        this.stuckAfter = stuckAfter;
        this.halt = halt;
    }

    Result probe(DatabaseGate gate, boolean write) {
        if (stuckAfter == null) {
            return DatabaseProbe.probe(gate, write);
        }
        Future<Result> result = prober.submit(() -> DatabaseProbe.probe(gate, write));
        try {
            return result.get(stuckAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error(
                    "The database has not answered for {} s (H2 hangs after some failed writes); exiting"
                            + " with status {} so that the service manager restarts ConOps",
                    stuckAfter.toSeconds(),
                    EXIT_STATUS);
            halt.accept(EXIT_STATUS);
            return new Result(State.UNUSABLE, "the database does not answer");
        } catch (ExecutionException e) {
            return new Result(State.UNUSABLE, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(State.UNUSABLE, "interrupted");
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
