package io.conops.server.system;

import com.zaxxer.hikari.HikariDataSource;
import io.conops.server.system.DatabaseProbe.Result;
import io.conops.server.system.DatabaseProbe.State;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Knows whether the database is usable, and brings it back after a storage failure without a
 * restart. When a write fails (disk full, a read-only or immutable file) H2 closes the database for
 * good, yet the pool keeps its sessions; and a connection opened while the file cannot be written
 * opens it read-only, for as long as one of its sessions lives. So every few seconds the database
 * is asked ({@link DatabaseProbe}), and while it fails every pooled connection is evicted (one in
 * use when it is returned): the next ones reopen the file, read-only while the storage is still
 * broken, read-write once it is back. While it is closed the {@link DatabaseGate} refuses
 * connections. For PostgreSQL this is harmless; its pool drops broken connections by itself. When
 * the database does not answer at all, {@link DatabaseWatchdog} ends the process.
 */
@Component
public class DatabaseRecovery {
    static final Duration EVERY = Duration.ofSeconds(2);
    /** Requests that fail together share one probe. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DatabaseRecovery.class);

    private final DatabaseGate gate;
    private final DatabaseWatchdog watchdog;
    private final Clock clock;
    private final RepeatingFailure failures;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-db-recovery");
        t.setDaemon(true);
        return t;
    });
    /** Held while the database is asked; guards the verdict below. */
    private final ReentrantLock lock = new ReentrantLock();

    private Result last = Result.USABLE;
    private Instant lastAt = Instant.MIN;

    @Autowired
    DatabaseRecovery(DataSource dataSource, Clock clock, @Value("${spring.datasource.url:}") String url) {
        this(
                dataSource,
                clock,
                embeddedH2(url)
                        ? new DatabaseWatchdog(DatabaseWatchdog.STUCK_AFTER, Runtime.getRuntime()::halt)
                        : DatabaseWatchdog.none());
    }

    private static boolean embeddedH2(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    DatabaseRecovery(DataSource dataSource, Clock clock, DatabaseWatchdog watchdog) {
        // the application's pool is always gated (DatabaseGate.Installer); any other is checked as is
        this.gate = dataSource instanceof DatabaseGate g ? g : new DatabaseGate(dataSource);
        this.clock = clock;
        this.watchdog = watchdog;
        this.failures = new RepeatingFailure(log, "Database", clock);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ticker.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        watchdog.close();
    }

    /** Why the database cannot serve ConOps right now, or empty (the readiness probe). */
    public Optional<String> problem() {
        lock.lock();
        try {
            check(false);
            return Optional.ofNullable(last.problem());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code failure}, met by a request, means the database is unavailable (a 503 to retry)
     * rather than a bug: why, or empty. Many requests fail together in an outage: a verdict of
     * unavailable is reused for a second (one of usable is not, the failure contradicts it), and a
     * request never waits for a check another thread is making.
     */
    public Optional<String> unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(String.valueOf(t.getMessage())); // refused, or the pool timed out
            }
        }
        if (!lock.tryLock()) {
            return Optional.of("the database is being checked after a failure");
        }
        try {
            if (last.state() == State.USABLE || clock.instant().isAfter(lastAt.plus(FRESH))) {
                check(true); // a failed commit may leave reads working for a moment: ask with a write
            }
            return Optional.ofNullable(last.problem());
        } finally {
            lock.unlock();
        }
    }

    void check() {
        lock.lock();
        try {
            check(false);
        } finally {
            lock.unlock();
        }
    }

    private void check(boolean write) {
        // a database that was failing counts as back only once it takes a write again
        last = watchdog.probe(gate, write || last.state() != State.USABLE);
        lastAt = clock.instant();
        // read-only still serves reads, and its writes fail cleanly: only a closed one is refused
        if (last.state() == State.UNUSABLE) {
            gate.refuse(last.problem());
        } else {
            gate.admit();
        }
        if (last.state() == State.USABLE) {
            failures.succeeded();
            return;
        }
        failures.failed(last.problem() + "; reopening it until it answers");
        evictConnections();
    }

    private void evictConnections() {
        try {
            if (gate.pool().isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = gate.pool().unwrap(HikariDataSource.class);
                if (hikari.getHikariPoolMXBean() != null) {
                    hikari.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException e) {
            log.debug("Cannot reach the connection pool", e);
        }
    }
}
