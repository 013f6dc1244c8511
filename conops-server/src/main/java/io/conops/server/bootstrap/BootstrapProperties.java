package io.conops.server.bootstrap;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CONOPS_APPS_FILE: a YAML or JSON list of apps, applied at every start; CONOPS_REPOS: repository
 * URLs separated by commas or semicolons, each registered as a stack set with {@code stacks.yaml}.
 */
@ConfigurationProperties("conops")
record BootstrapProperties(Path appsFile, String repos) {}
