package io.conops.server.metrics;

import io.conops.server.system.InvalidSettingException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code CONOPS_LOG_FORMAT}: {@code text} (the default) or {@code json}, one JSON object per line in
 * the Elastic Common Schema, through Spring Boot's structured logging (the SLF4J key-value pairs,
 * e.g. of the sync line, become fields). Set before the logging system starts, hence here.
 */
public class LogFormat implements EnvironmentPostProcessor {
    static final String CONSOLE_FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String format = env.getProperty("conops.log-format", env.getProperty("CONOPS_LOG_FORMAT", "text"))
                .strip()
                .toLowerCase(Locale.ROOT);
        switch (format) {
            case "text", "" -> {}
            case "json" -> {
                if (env.getProperty(CONSOLE_FORMAT) == null) {
                    env.getPropertySources()
                            .addFirst(new MapPropertySource("conopsLogFormat", Map.of(CONSOLE_FORMAT, "ecs")));
                }
            }
            default -> throw new InvalidSettingException("CONOPS_LOG_FORMAT", "must be text or json");
        }
    }
}
