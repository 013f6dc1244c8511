package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.conops.server.system.DatabaseProbe.Result;
import io.conops.server.system.DatabaseProbe.State;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Given an embedded H2 stuck the way a failed write on a full disk can leave it (its version
 * counter below zero, so that every statement spins inside H2), when the database is probed, then
 * the process is ended with one line saying why, for the service manager to restart it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseWatchdogIT {
    @TempDir
    Path tmp;

    @Test
    void aDatabaseStuckInsideH2EndsTheProcessWithOneLine(CapturedOutput output) throws Exception {
        AtomicInteger status = new AtomicInteger(-1);
        try (HikariDataSource pool = new HikariDataSource();
                DatabaseWatchdog watchdog = new DatabaseWatchdog(Duration.ofSeconds(2), status::set)) {
            pool.setJdbcUrl("jdbc:h2:file:" + tmp.resolve("conops") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            pool.setUsername("sa");
            pool.setPassword("");
            pool.setMaximumPoolSize(1); // no connection opened in the background to bump the store's version
            DatabaseGate gate = new DatabaseGate(pool);
            assertThat(watchdog.probe(gate, false).state()).isEqualTo(State.USABLE);

            MVStore store = store(pool);
            store.commit(); // nothing left for H2's background writer, whose next version would unstick it
            // a usage of the current version deregistered twice, as H2's failure path does
            MVStore.TxCounter counter = store.registerVersionUsage();
            store.deregisterVersionUsage(counter);
            store.deregisterVersionUsage(counter);
            try {
                Result stuck = watchdog.probe(gate, false);

                assertThat(status.get()).isEqualTo(DatabaseWatchdog.EXIT_STATUS);
                assertThat(stuck.state()).isEqualTo(State.UNUSABLE);
                assertThat(output.getOut())
                        .containsPattern("ERROR .*The database has not answered for 2 s .*exiting with status 75");
            } finally {
                // a new version of the store replaces the counter, and the spinning probe finishes
                MVMap<Integer, Integer> map = store.openMap("unstick");
                map.put(1, 1);
                store.commit();
            }
        }
    }

    private static MVStore store(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection()) {
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        }
    }
}
