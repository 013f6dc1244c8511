package io.conops.server.sync;

import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.GitPort;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppEvents;
import io.conops.server.app.AppStore;
import io.conops.server.app.StackChildren;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting an app: {@code compose down} (named volumes kept unless asked), then the app, its
 * history, its clone and its directory go. Nothing is forgotten while its containers still run.
 */
@Component
class Teardown {
    private static final Logger log = LoggerFactory.getLogger(Teardown.class);

    private final AppStore store;
    private final DeploymentRepository deployments;
    private final ComposePort compose;
    private final GitPort git;
    private final GitSources sources;
    private final AppLocks locks;
    private final Rechecks rechecks;
    private final DataDirectory dataDir;
    private final ConopsProperties props;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ServiceEnvs envs;
    private final StackChildren children;
    private final RenderSteps steps;
    private final Stacks stacks;
    private final java.util.Set<UUID> deleting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Teardown(
            AppStore store,
            DeploymentRepository deployments,
            ComposePort compose,
            GitPort git,
            GitSources sources,
            AppLocks locks,
            Rechecks rechecks,
            DataDirectory dataDir,
            ConopsProperties props,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            ServiceEnvs envs,
            StackChildren children,
            RenderSteps steps,
            Stacks stacks) {
        this.store = store;
        this.deployments = deployments;
        this.compose = compose;
        this.git = git;
        this.sources = sources;
        this.locks = locks;
        this.rechecks = rechecks;
        this.dataDir = dataDir;
        this.props = props;
        this.tx = tx;
        this.events = events;
        this.envs = envs;
        this.children = children;
        this.steps = steps;
        this.stacks = stacks;
    }

    /** Whether the app's deletion is under way (a sync waited on then cannot end). */
    boolean deleting(UUID id) {
        return deleting.contains(id);
    }

    void delete(AppEntity app, boolean removeVolumes) {
        UUID id = app.getId();
        deleting.add(id);
        try {
            deleteLocked(app, removeVolumes);
        } finally {
            deleting.remove(id);
        }
    }

    private void deleteLocked(AppEntity app, boolean removeVolumes) {
        UUID id = app.getId();
        try {
            if (!locks.tryLock(id, props.syncTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DeleteFailedException("app '" + app.getName() + "' is busy syncing; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeleteFailedException("interrupted");
        }
        try {
            // a stack set goes with its stacks; one that fails to go down keeps the set, to try again
            for (AppEntity child : children.of(app.getName())) {
                delete(child, removeVolumes);
            }
            Path appDir = dataDir.app(id.toString());
            ComposeResult down = Stacks.handles(app)
                    ? stacks.remove(app, removeVolumes)
                    : compose.down(
                            downProject(app, appDir, steps.composePath(app)).withVariables(envs.of(app)),
                            removeVolumes);
            if (!down.ok()) {
                throw new DeleteFailedException("docker compose down failed for '" + app.getName()
                        + "'; the app is kept: " + lastLine(down.transcript()));
            }
            tx.executeWithoutResult(s -> {
                deployments.deleteByAppId(id);
                store.delete(id);
            });
            rechecks.forget(id);
            events.publishEvent(new AppEvents.Deleted(id));
            git.remove(sources.local(app));
            Files2.deleteRecursively(appDir);
            log.info("Deleted app {} (volumes {})", app.getName(), removeVolumes ? "removed" : "kept");
        } finally {
            locks.of(id).unlock();
            locks.forget(id);
        }
    }

    private static ComposeProject downProject(AppEntity app, Path appDir, String composePath) {
        Path file = appDir.resolve("worktree").resolve(composePath).normalize();
        if (file.startsWith(appDir) && Files.isRegularFile(file)) {
            return new ComposeProject(app.getName(), file.getParent(), List.of(file));
        }
        // no checkout: Compose finds the project's containers by its label
        try {
            Files.createDirectories(appDir);
            Path empty = appDir.resolve("empty-compose.yaml");
            Files.writeString(empty, "services: {}\n");
            return new ComposeProject(app.getName(), appDir, List.of(empty));
        } catch (IOException e) {
            throw new DeleteFailedException("cannot prepare " + appDir + ": " + e.getMessage());
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
