package io.conops.server.support;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL the test script starts (CONOPS_TEST_POSTGRES_URL/_USER/_PASSWORD). Each use
 * gets a schema of its own, dropped afterwards. With CI=true a missing database fails the test.
 */
public final class Postgres implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    public final String schema;

    private Postgres(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema =
                "conops_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec("CREATE SCHEMA " + schema);
    }

    public static Postgres schema() {
        String url = System.getenv("CONOPS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CONOPS_TEST_POSTGRES_URL is not set; run the tests through scripts/test.sh");
            }
            assumeTrue(false, "PostgreSQL not configured (CONOPS_TEST_POSTGRES_URL); scripts/test.sh sets it");
        }
        return new Postgres(
                url, env("CONOPS_TEST_POSTGRES_USER", "conops"), env("CONOPS_TEST_POSTGRES_PASSWORD", "conops"));
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    /** DB_CONNECTION_STRING in the postgres://user:pass@host:port/db form users write. */
    public String connectionString() {
        String rest = url.substring("jdbc:postgresql://".length());
        return "postgres://" + user + ":" + password + "@" + rest + (rest.contains("?") ? "&" : "?") + "currentSchema="
                + schema;
    }

    /** A JDBC URL whose default schema is this one. */
    public String jdbcUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void exec(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
