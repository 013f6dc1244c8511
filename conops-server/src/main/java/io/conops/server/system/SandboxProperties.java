package io.conops.server.system;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an app's repository may reach on the host and how large it may be: CONOPS_ALLOWED_HOST_PATHS
 * (comma-separated absolute prefixes; unset: any absolute host path a compose file names) and
 * CONOPS_MAX_REPO_SIZE (the local clone's size on disk).
 */
@ConfigurationProperties("conops")
public record SandboxProperties(
        List<String> allowedHostPaths,
        @DefaultValue("512MB") DataSize maxRepoSize) {

    public SandboxProperties {
        allowedHostPaths = allowedHostPaths == null
                ? List.of()
                : allowedHostPaths.stream()
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .toList();
        for (String prefix : allowedHostPaths) {
            if (!Path.of(prefix).isAbsolute()) {
                throw new InvalidSettingException(
                        "CONOPS_ALLOWED_HOST_PATHS", "must list absolute paths, not '" + prefix + "'");
            }
        }
        if (maxRepoSize == null || maxRepoSize.toBytes() < 1) {
            throw new InvalidSettingException("CONOPS_MAX_REPO_SIZE", "must be a size such as 512MB");
        }
    }
}
