package io.conops.server.system;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * The application's view of the connection pool, with a switch: while {@link DatabaseRecovery}
 * knows the database to be closed, a connection is refused at once instead of handed out. A
 * session of a database H2 has closed fails every statement and then its rollback, and Spring logs
 * each failed rollback with a stack trace; when the disk is full, H2 reopens and closes again on
 * every attempt, so without the switch every loop tick would do that.
 */
public class DatabaseGate extends DelegatingDataSource implements Closeable {
    private volatile String closedBecause;

    DatabaseGate(DataSource pool) {
        super(pool);
    }

    /** The pool itself, past the switch (for the probe that decides when to open it). */
    DataSource pool() {
        return obtainTargetDataSource();
    }

    void refuse(String why) {
        closedBecause = why;
    }

    void admit() {
        closedBecause = null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return live(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return live(super.getConnection(username, password));
    }

    /**
     * A borrowed connection, checked without a statement (see {@link H2Sessions}); one of a database
     * that closed itself is evicted from the pool and refused.
     */
    Connection live(Connection c) throws SQLException {
        if (!H2Sessions.deadAfterStorageFailure(c)) {
            return c;
        }
        try (c) {
            if (pool() instanceof HikariDataSource hikari) {
                hikari.evictConnection(c);
            }
        }
        throw new SQLTransientConnectionException("The database closed itself after a failed write");
    }

    private void check() throws SQLTransientConnectionException {
        String why = closedBecause;
        if (why != null) {
            throw new SQLTransientConnectionException("The database is unavailable: " + why);
        }
    }

    /** Closes the pool with the context, as it would be closed without the wrapper. */
    @Override
    public void close() throws IOException {
        if (getTargetDataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    /** Puts the gate in front of the pool Spring Boot configured. */
    @Component
    static class Installer implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof HikariDataSource pool ? new DatabaseGate(pool) : bean;
        }
    }
}
