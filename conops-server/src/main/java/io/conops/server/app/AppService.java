package io.conops.server.app;

import io.conops.core.api.CreateAppRequest;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.SpecRules;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.GitPort;
import io.conops.server.sync.AppLocks;
import io.conops.server.sync.GitSources;
import io.conops.server.sync.SyncQueue;
import io.conops.server.sync.Watcher;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registering, looking up, syncing and deleting apps. */
@Service
public class AppService {
    private static final Logger log = LoggerFactory.getLogger(AppService.class);

    private final AppRepository apps;
    private final io.conops.server.sync.DeploymentRepository deployments;
    private final SyncQueue queue;
    private final Watcher watcher;
    private final AppLocks locks;
    private final ComposePort compose;
    private final GitPort git;
    private final GitSources sources;
    private final DataDirectory dataDir;
    private final ConopsProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AppEditor editor;

    AppService(
            AppRepository apps,
            io.conops.server.sync.DeploymentRepository deployments,
            SyncQueue queue,
            Watcher watcher,
            AppLocks locks,
            ComposePort compose,
            GitPort git,
            GitSources sources,
            DataDirectory dataDir,
            ConopsProperties props,
            TransactionTemplate tx,
            Clock clock,
            AppEditor editor) {
        this.editor = editor;
        this.apps = apps;
        this.deployments = deployments;
        this.queue = queue;
        this.watcher = watcher;
        this.locks = locks;
        this.compose = compose;
        this.git = git;
        this.sources = sources;
        this.dataDir = dataDir;
        this.props = props;
        this.tx = tx;
        this.clock = clock;
    }

    public List<AppEntity> list() {
        return apps.findAllByOrderByNameAsc();
    }

    public AppEntity get(String idOrName) {
        return find(idOrName);
    }

    AppEntity find(String idOrName) {
        if (idOrName.length() == 36) {
            try {
                var byId = apps.findById(UUID.fromString(idOrName));
                if (byId.isPresent()) {
                    return byId.get();
                }
            } catch (IllegalArgumentException notAUuid) {
                // fall through to the name
            }
        }
        return apps.findByName(idOrName).orElseThrow(() -> new AppNotFoundException(idOrName));
    }

    public AppEntity create(CreateAppRequest req) {
        if (req == null) {
            throw new InvalidSpecException("body", "a JSON object is required");
        }
        SpecRules.checkName(req.name());
        if (apps.existsByName(req.name())) {
            throw new AppConflictException("name", "name: an app named '" + req.name() + "' already exists");
        }
        AppEntity saved;
        try {
            saved = tx.execute(s -> {
                AppEntity a = new AppEntity(UUID.randomUUID(), req.name(), clock.instant());
                editor.apply(a, AppPatch.ofCreate(req), true);
                return apps.saveAndFlush(a);
            });
        } catch (DataIntegrityViolationException e) {
            throw new AppConflictException("name", "name: an app named '" + req.name() + "' already exists");
        }
        log.info(
                "Registered app {} ({} @ {}, {}, {})",
                saved.getName(),
                saved.getRepoUrl(),
                saved.getBranch(),
                saved.getComposePath(),
                saved.getRepoAuthMethod().wire());
        // the first sync resolves the branch head itself; the watcher takes over after one interval
        watcher.resolvedNow(saved.getId(), saved.getPollInterval());
        queue.request(saved.getId(), Trigger.REGISTER);
        return saved;
    }

    /**
     * Changes an app's spec or credentials; absent fields stay, and nothing is stored if one field is
     * invalid. A new repository, branch or compose file is looked at at once (a sync follows); new
     * credentials are tried on the next poll, at once for an app whose last sync failed.
     */
    public AppEntity update(String idOrName, AppPatch patch) {
        UUID id = find(idOrName).getId();
        AppEditor.Effect effect = tx.execute(s -> {
            AppEntity a = apps.findById(id).orElseThrow(() -> new AppNotFoundException(idOrName));
            AppEditor.Effect e = editor.apply(a, patch, false);
            if (e.desiredStateChanged()) {
                // the last seen head belonged to the old branch or repository
                a.setLastSeenCommit(null);
                a.setFailedCommit(null);
                a.setNextRetryAt(null);
            }
            a.touch(clock.instant());
            apps.saveAndFlush(a);
            return e;
        });
        AppEntity updated = apps.findById(id).orElseThrow(() -> new AppNotFoundException(idOrName));
        log.info(
                "Updated app {} ({} @ {}, {}, {}{})",
                updated.getName(),
                updated.getRepoUrl(),
                updated.getBranch(),
                updated.getComposePath(),
                updated.getRepoAuthMethod().wire(),
                effect.credentialsChanged() ? ", credentials changed" : "");
        watcher.pollNow(id);
        if (effect.desiredStateChanged() || (effect.credentialsChanged() && updated.getStatus() == SyncStatus.ERROR)) {
            queue.request(id, Trigger.MANUAL);
        }
        return apps.findById(id).orElse(updated);
    }

    public AppEntity requestSync(String idOrName, Trigger trigger) {
        AppEntity app = find(idOrName);
        watcher.pollNow(app.getId());
        queue.request(app.getId(), trigger);
        return apps.findById(app.getId()).orElse(app);
    }

    /** compose down (named volumes kept unless asked), then the app, its files and its history go. */
    public void delete(String idOrName, boolean removeVolumes) {
        AppEntity app = find(idOrName);
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
            Path appDir = dataDir.app(id.toString());
            ComposeResult down = compose.down(downProject(app, appDir), removeVolumes);
            if (!down.ok()) {
                throw new DeleteFailedException("docker compose down failed for '" + app.getName()
                        + "'; the app is kept: " + lastLine(down.transcript()));
            }
            tx.executeWithoutResult(s -> {
                deployments.deleteByAppId(id);
                apps.deleteById(id);
            });
            git.remove(sources.local(app));
            Files2.deleteRecursively(appDir);
            log.info("Deleted app {} (volumes {})", app.getName(), removeVolumes ? "removed" : "kept");
        } finally {
            locks.of(id).unlock();
            locks.forget(id);
        }
    }

    private ComposeProject downProject(AppEntity app, Path appDir) {
        Path file = appDir.resolve("worktree").resolve(app.getComposePath()).normalize();
        List<Path> files = new ArrayList<>();
        Path dir = appDir;
        if (file.startsWith(appDir) && Files.isRegularFile(file)) {
            files.add(file);
            dir = file.getParent();
        } else {
            // no checkout: Compose finds the project's containers by its label
            try {
                Files.createDirectories(appDir);
                Path empty = appDir.resolve("empty-compose.yaml");
                Files.writeString(empty, "services: {}\n");
                files.add(empty);
            } catch (java.io.IOException e) {
                throw new DeleteFailedException("cannot prepare " + appDir + ": " + e.getMessage());
            }
        }
        return new ComposeProject(app.getName(), dir, files);
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
