package io.conops.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * What the user asked for: a Git repository, a branch and a compose file inside it, watched at a
 * poll interval. Construction validates every field, so a spec that exists is a valid one.
 */
public record AppSpec(
        String name,
        String repoUrl,
        RepoAuthMethod repoAuthMethod,
        String branch,
        String composePath,
        Duration pollInterval) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_COMPOSE_PATH = "compose.yaml";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

    public AppSpec {
        SpecRules.checkName(name);
        SpecRules.checkRepoUrl(repoUrl);
        Objects.requireNonNull(repoAuthMethod, "repoAuthMethod");
        SpecRules.checkBranch(branch);
        SpecRules.checkComposePath(composePath);
        SpecRules.checkPollInterval(pollInterval);
    }
}
