package io.conops.server.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Asks the database itself whether it can serve ConOps. {@code Connection.isValid} is not enough:
 * an H2 session whose database closed itself after a failed write still says it is valid, and a
 * database H2 reopened while its file could not be written answers reads but refuses every write.
 */
final class DatabaseProbe {
    private static final int TIMEOUT_SECONDS = 10;

    /** What the probe found. */
    enum State {
        USABLE,
        /** Reads work, writes fail: H2 opened the file read-only because it could not write it. */
        READ_ONLY,
        /** Closed, unreachable or failing. */
        UNUSABLE
    }

    record Result(State state, String problem) {
        static final Result USABLE = new Result(State.USABLE, null);
    }

    private DatabaseProbe() {}

    /**
     * @param write also rewrite the probe row: H2 reopened on a full disk answers reads and fails at
     *     the first write
     */
    static Result probe(DatabaseGate gate, boolean write) {
        try (Connection c = gate.live(gate.pool().getConnection());
                Statement s = c.createStatement()) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet r = s.executeQuery("SELECT 1")) {
                r.next();
            }
            // H2 answers this with a query (READONLY()) about the database, not the connection
            if (c.isReadOnly()) {
                return new Result(
                        State.READ_ONLY,
                        "the database is read-only (its file could not be written when it was opened)");
            }
            if (write) {
                s.executeUpdate("UPDATE storage_probe SET checked_at = CURRENT_TIMESTAMP WHERE id = 1");
            }
            return Result.USABLE;
        } catch (SQLException | RuntimeException e) {
            return new Result(
                    State.UNUSABLE,
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
