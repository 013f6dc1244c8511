package io.conops.server.webhook;

import io.conops.core.app.RepoUrls;
import java.util.List;
import java.util.Optional;

/**
 * What a delivery says, read from its body: nothing in it is trusted before its signature is.
 *
 * @param event the provider's name of the event, as sent
 * @param repoUrls every URL the payload gives for the repository (clone, SSH, web)
 * @param branch the pushed branch; null for a push that is not to a branch (a tag)
 * @param commit the pushed commit; null when the push deleted the branch
 */
record Delivery(Kind kind, String event, List<String> repoUrls, String branch, String commit) {
    enum Kind {
        PUSH,
        PING,
        /** An event ConOps does not act on (an issue, a merge request, ...): answered and ignored. */
        OTHER
    }

    Delivery {
        repoUrls = List.copyOf(repoUrls);
    }

    /** True when one of the payload's URLs names the same repository as {@code repoUrl}. */
    boolean names(String repoUrl) {
        Optional<String> key = RepoUrls.key(repoUrl);
        return key.isPresent() && repoUrls.stream().anyMatch(u -> key.equals(RepoUrls.key(u)));
    }
}
