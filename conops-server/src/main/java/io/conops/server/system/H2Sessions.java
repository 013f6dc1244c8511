package io.conops.server.system;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.Database;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Tells a session of an H2 database that closed itself after a failed write, without running a
 * statement on it: H2's {@code isValid} says such a session is fine, and a statement on it fails,
 * or, after a failed write on a full disk, can spin forever inside H2 (its version counter is left
 * negative). Uses H2's engine classes, which H2 marks internal; the version is pinned by the build.
 */
final class H2Sessions {
    private H2Sessions() {}

    /**
     * True when {@code c} is an embedded H2 session whose store has closed. The dead database is
     * then shut down, so H2 forgets it and the next connection opens the file afresh.
     */
    static boolean deadAfterStorageFailure(Connection c) {
        try {
            if (!c.isWrapperFor(JdbcConnection.class)) {
                return false;
            }
            Session session = c.unwrap(JdbcConnection.class).getSession();
            if (!(session instanceof SessionLocal local)) {
                return false; // a server-mode session: its server deals with its storage
            }
            Database database = local.getDatabase();
            if (!database.getStore().getMvStore().isClosed()) {
                return false;
            }
            if (!database.isClosing()) {
                // what H2 itself does when a session next starts a transaction; shutting down
                // a database twice would unregister the one opened after it
                database.shutdownImmediately();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return true; // closed under us (getDatabase throws once the session has no database)
        }
    }
}
