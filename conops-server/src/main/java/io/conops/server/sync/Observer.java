package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.app.Trigger;
import io.conops.core.port.EngineListing;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.server.app.AppEntity;
import java.util.List;
import java.util.Map;
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
    private final EnginePort engine;

    Observer(GitPort git, GitSources sources, DeployedServices deployed, EnginePort engine) {
        this.git = git;
        this.sources = sources;
        this.deployed = deployed;
        this.engine = engine;
    }

    /** What the trigger needs: the head for a user's sync or a first sync, the Engine for a heal. */
    Observation forTrigger(AppEntity app, Trigger trigger) {
        return switch (trigger) {
            case DRIFT -> engine(app);
            case MANUAL, REGISTER -> head(app);
            // the pinned commit is known and local: nothing to resolve
            case ROLLBACK -> Observation.NOTHING;
            case POLL, STARTUP, RETRY -> app.getLastSeenCommit() == null ? head(app) : Observation.NOTHING;
            // a webhook names the pushed commit itself (see PushedCommits): no ls-remote needed
            case WEBHOOK, IMAGE_UPDATE -> Observation.NOTHING;
        };
    }

    Observation head(AppEntity app) {
        try {
            return Observation.head(git.resolveHead(sources.of(app)));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private static Observation failed(RuntimeException e) {
        return Observation.gitFailed(conditionOf(e), SyncRecorder.messageOf(e));
    }

    Observation engine(AppEntity app) {
        try {
            return Observation.engine(deployed.compare(app));
        } catch (ConopsException e) {
            return engineFailed(e);
        }
    }

    /**
     * Every project's containers in one Engine call, for a compare of all apps; the Engine's failure
     * is then what is observed for each of them.
     */
    EngineSnapshot snapshot() {
        try {
            EngineListing listing = engine.listing();
            return new EngineSnapshot(listing.byProject(), listing.unreachable(), null);
        } catch (ConopsException e) {
            return new EngineSnapshot(null, Map.of(), engineFailed(e));
        }
    }

    /**
     * One listing of every project's containers, or what its failure means for any app; with
     * several engines, the failure of one for its apps only.
     */
    final class EngineSnapshot {
        private final Map<String, List<ObservedContainer>> byProject;
        private final Map<String, String> unreachable;
        private final Observation failed;

        private EngineSnapshot(
                Map<String, List<ObservedContainer>> byProject, Map<String, String> unreachable, Observation failed) {
            this.byProject = byProject;
            this.unreachable = unreachable;
            this.failed = failed;
        }

        Observation of(AppEntity app) {
            if (failed != null) {
                return failed;
            }
            String down = unreachable.get(app.getName());
            return down != null
                    ? Observation.engineUnreachable(down)
                    : Observation.engine(deployed.compare(app, byProject.getOrDefault(app.getName(), List.of())));
        }
    }

    private static Observation engineFailed(ConopsException e) {
        if (e.condition() == ConditionType.ENGINE_UNREACHABLE) {
            return Observation.engineUnreachable(e.getMessage());
        }
        throw e;
    }

    private static ConditionType conditionOf(RuntimeException e) {
        ConditionType type = SyncRecorder.conditionOf(e);
        // whatever kept the head from being resolved, it is about reaching the repository
        return ConditionType.GIT.contains(type) ? type : ConditionType.GIT_UNREACHABLE;
    }
}
