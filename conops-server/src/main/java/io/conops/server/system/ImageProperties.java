package io.conops.server.system;

import io.conops.core.app.PullPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The image settings: CONOPS_PULL_POLICY, the pull policy of apps without their own
 * ({@code always}, {@code missing}, {@code never}; {@code ifnotpresent} reads as missing), and
 * CONOPS_IMAGE_CLEANUP, whether images ConOps pulled are removed once nothing uses them.
 */
@ConfigurationProperties("conops")
public record ImageProperties(
        @DefaultValue("missing") String pullPolicy,
        @DefaultValue("false") boolean imageCleanup) {

    public ImageProperties {
        if (PullPolicy.parse(pullPolicy) == null) {
            throw new InvalidSettingException(
                    "CONOPS_PULL_POLICY", "must be always, missing or never (ifnotpresent is taken as missing)");
        }
    }

    /** The pull policy of an app that has none of its own. */
    public PullPolicy globalPullPolicy() {
        return PullPolicy.parse(pullPolicy);
    }
}
