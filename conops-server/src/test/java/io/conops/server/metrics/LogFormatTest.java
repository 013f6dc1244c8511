package io.conops.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.server.system.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatTest {
    private static MockEnvironment env(String format) {
        MockEnvironment env = new MockEnvironment();
        if (format != null) {
            env.setProperty("CONOPS_LOG_FORMAT", format);
        }
        new LogFormat().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void jsonTurnsOnStructuredConsoleLogging() {
        assertThat(env("json").getProperty(LogFormat.CONSOLE_FORMAT)).isEqualTo("ecs");
        assertThat(env(" JSON ").getProperty(LogFormat.CONSOLE_FORMAT)).isEqualTo("ecs");
    }

    @Test
    void textIsTheDefault() {
        assertThat(env(null).getProperty(LogFormat.CONSOLE_FORMAT)).isNull();
        assertThat(env("text").getProperty(LogFormat.CONSOLE_FORMAT)).isNull();
    }

    @Test
    void anyOtherValueStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> env("xml"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CONOPS_LOG_FORMAT: must be text or json");
    }
}
