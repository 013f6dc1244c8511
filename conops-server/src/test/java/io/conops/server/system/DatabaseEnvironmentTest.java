package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DatabaseEnvironmentTest {

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new DatabaseEnvironment().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void embeddedH2WritesEachCommitAndNoTraceFile() {
        StandardEnvironment env = environment(Map.of("conops.data-dir", "/srv/conops"));
        assertThat(env.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:/srv/conops/conops;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
    }

    @Test
    void h2ConnectionsAreWaitedForFiveSecondsNotThePoolsThirty() {
        assertThat(environment(Map.of()).getProperty("spring.datasource.hikari.connection-timeout"))
                .isEqualTo("5000");
        assertThat(environment(Map.of("spring.datasource.hikari.connection-timeout", "20000"))
                        .getProperty("spring.datasource.hikari.connection-timeout"))
                .isEqualTo("20000");
    }

    @Test
    void postgresKeepsThePoolsOwnTimeout() {
        StandardEnvironment env = environment(
                Map.of("DB_TYPE", "postgres", "DB_CONNECTION_STRING", "postgres://u:p@db.example:5432/conops"));
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/conops");
        assertThat(env.getProperty("spring.datasource.hikari.connection-timeout"))
                .isNull();
    }
}
