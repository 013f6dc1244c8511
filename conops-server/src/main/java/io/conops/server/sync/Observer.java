package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.app.Trigger;
import io.conops.core.port.GitPort;
import io.conops.core.reconcile.Observation;
import io.conops.server.app.AppEntity;
import org.springframework.stereotype.Component;

/**
 * Finds out what the policy needs to decide: the branch head on the remote, and the app's
 * containers against its last successful deployment. A failure to find out is an observation too
 * (the remote or the Engine cannot be reached), never an exception for the loop to swallow.
 */
@Component
class Observer {
    private final GitPort git;
    private final GitSources sources;
    private final DeployedServices deployed;

    Observer(GitPort git, GitSources sources, DeployedServices deployed) {
        this.git = git;
        this.sources = sources;
        this.deployed = deployed;
    }

    /** What the trigger needs: the head for a user's sync or a first sync, the Engine for a heal. */
    Observation forTrigger(AppEntity app, Trigger trigger) {
        return switch (trigger) {
            case DRIFT -> engine(app);
            case MANUAL, REGISTER -> head(app);
            case POLL, STARTUP, RETRY -> app.getLastSeenCommit() == null ? head(app) : Observation.NOTHING;
            // a webhook names the pushed commit itself (see PushedCommits): no ls-remote needed
            case WEBHOOK, IMAGE_UPDATE -> Observation.NOTHING;
        };
    }

    Observation head(AppEntity app) {
        try {
            return Observation.head(git.resolveHead(sources.of(app)));
        } catch (RuntimeException e) {
            return Observation.gitFailed(conditionOf(e), SyncRecorder.messageOf(e));
        }
    }

    Observation engine(AppEntity app) {
        try {
            return Observation.engine(deployed.compare(app));
        } catch (ConopsException e) {
            if (e.condition() == ConditionType.ENGINE_UNREACHABLE) {
                return Observation.engineUnreachable(e.getMessage());
            }
            throw e;
        }
    }

    private static ConditionType conditionOf(RuntimeException e) {
        ConditionType type = SyncRecorder.conditionOf(e);
        // whatever kept the head from being resolved, it is about reaching the repository
        return ConditionType.GIT.contains(type) ? type : ConditionType.GIT_UNREACHABLE;
    }
}
