package io.conops.server.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database from {@code DB_TYPE} ({@code h2}, the embedded default, or {@code postgres})
 * and {@code DB_CONNECTION_STRING} (a JDBC URL or {@code postgres://user:pass@host:port/db}).
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor, Ordered {
    private static final String CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getProperty("spring.datasource.url") != null) {
            return; // set explicitly: respect it
        }
        String type = env.getProperty("DB_TYPE", "h2").trim().toLowerCase(Locale.ROOT);
        String conn = env.getProperty("DB_CONNECTION_STRING", "").trim();
        Map<String, Object> props = new HashMap<>();
        switch (type) {
            case "h2" -> {
                if (conn.isEmpty()) {
                    Path dataDir =
                            Path.of(env.getProperty("conops.data-dir", env.getProperty("CONOPS_DATA_DIR", "./data")));
                    // WRITE_DELAY=0: a commit is written before it returns, so a failing disk fails
                    // the request instead of losing a write that was acknowledged. No trace file:
                    // H2's errors reach ConOps' log as exceptions anyway, and the file would be one
                    // more (world-readable) file that H2 writes, also while the storage is failing.
                    conn = "jdbc:h2:file:"
                            + dataDir.toAbsolutePath().normalize().resolve("conops")
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
                } else if (!conn.startsWith("jdbc:h2:")) {
                    throw new InvalidSettingException("DB_CONNECTION_STRING", "with DB_TYPE=h2 must be a jdbc:h2: URL");
                }
                props.put("spring.datasource.url", conn);
                props.put("spring.datasource.username", "sa");
                props.put("spring.datasource.password", "");
                if (env.getProperty(CONNECTION_TIMEOUT) == null) {
                    // an embedded database has a connection at once or, storage failing, not at all:
                    // no request or loop should wait the pool's default 30 s to learn that
                    props.put(CONNECTION_TIMEOUT, "5000");
                }
            }
            case "postgres", "postgresql" -> {
                if (conn.isEmpty()) {
                    throw new InvalidSettingException("DB_CONNECTION_STRING", "is required with DB_TYPE=postgres");
                }
                props.putAll(postgres(conn));
            }
            default -> throw new InvalidSettingException("DB_TYPE", "must be h2 or postgres, not '" + type + "'");
        }
        env.getPropertySources().addFirst(new MapPropertySource("conops-database", props));
    }

    static Map<String, Object> postgres(String conn) {
        Map<String, Object> props = new HashMap<>();
        if (conn.startsWith("jdbc:postgresql:")) {
            props.put("spring.datasource.url", conn);
            return props;
        }
        if (!conn.startsWith("postgres://") && !conn.startsWith("postgresql://")) {
            throw new InvalidSettingException(
                    "DB_CONNECTION_STRING", "must be a jdbc:postgresql: URL or postgres://user:pass@host:port/db");
        }
        try {
            URI uri = new URI(conn);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new InvalidSettingException(
                        "DB_CONNECTION_STRING", "needs a host and a database: postgres://user:pass@host:port/db");
            }
            String url = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + uri.getPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
            props.put("spring.datasource.url", url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                props.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    props.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
                }
            }
            return props;
        } catch (URISyntaxException e) {
            // never echo the string: it may hold a password
            throw new InvalidSettingException("DB_CONNECTION_STRING", "is not a valid URL");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
