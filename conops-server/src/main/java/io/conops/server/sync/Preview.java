package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.api.DiffView;
import io.conops.core.api.DiffView.Action;
import io.conops.core.api.DiffView.ServiceDiff;
import io.conops.core.hash.DesiredStateHasher;
import io.conops.core.hash.FingerprintDiff;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.server.app.AppEntity;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the next sync would do, per service and why, without changing anything that runs: the
 * commit is exported to a scratch directory of its own, rendered with {@code compose config},
 * fingerprinted, and compared with the fingerprints of the last successful sync and with the live
 * containers. The stable worktree, the override file and the containers are not touched. Asked
 * again for the same commit and spec, the render is taken from {@link RenderCache}.
 */
@Component
public class Preview {
    private final GitPort git;
    private final GitSources sources;
    private final ComposePort compose;
    private final EnginePort engine;
    private final DataDirectory dataDir;
    private final Deployments deployments;
    private final SyncWorker worker;
    private final AppLocks locks;
    private final JsonMapper json;
    private final DeployedFiles deployedFiles;
    private final RenderCache renders = new RenderCache();

    public Preview(
            GitPort git,
            GitSources sources,
            ComposePort compose,
            EnginePort engine,
            DataDirectory dataDir,
            Deployments deployments,
            SyncWorker worker,
            AppLocks locks,
            JsonMapper json,
            DeployedFiles deployedFiles) {
        this.deployedFiles = deployedFiles;
        this.git = git;
        this.sources = sources;
        this.compose = compose;
        this.engine = engine;
        this.dataDir = dataDir;
        this.deployments = deployments;
        this.worker = worker;
        this.locks = locks;
        this.json = json;
    }

    /** The app is syncing and the preview would race it for its Git repository. */
    public static class BusyException extends ConopsException {
        public BusyException(String message) {
            super(message);
        }
    }

    /** The commit cannot be rendered: the next sync would fail with this message. */
    public static class UnrenderableException extends ConopsException {
        public UnrenderableException(String message) {
            super(message);
        }
    }

    public DiffView diff(AppEntity app) {
        GitSource source = sources.of(app);
        String sha = head(app, source);
        SortedMap<String, ServiceFingerprint> desired = render(app, source, sha);
        SortedMap<String, ServiceFingerprint> before =
                deployedFiles.withFiles(app.getId(), deployments.lastDeployedFingerprints(app.getId()));
        Map<String, DeployedService> deployed = worker.readServices(app.getDeployedServices()).stream()
                .collect(Collectors.toMap(DeployedService::name, s -> s, (a, b) -> a));
        List<ObservedContainer> observed = engine.containers(app.getName());

        List<ServiceDiff> out = new ArrayList<>();
        desired.forEach((name, fp) -> {
            List<ObservedContainer> mine =
                    observed.stream().filter(c -> name.equals(c.service())).toList();
            DeployedService was = deployed.get(name);
            List<String> reasons = new ArrayList<>(explain(before.get(name), was, fp));
            Action action = Action.NONE;
            if (mine.isEmpty()) {
                action = Action.CREATE;
                if (reasons.isEmpty()) reasons.add("no container");
            } else if (mine.stream().anyMatch(c -> !fp.hash().equals(c.configHash()))) {
                action = Action.RECREATE;
                if (reasons.isEmpty()) {
                    mine.stream()
                            .filter(c -> !fp.hash().equals(c.configHash()))
                            .forEach(c -> reasons.add(
                                    c.configHash() == null
                                            ? "container " + c.name()
                                                    + " has no conops.config-hash label (changed by hand?)"
                                            : "container " + c.name() + " runs another definition"));
                }
            } else if (mine.stream()
                    .anyMatch(
                            c -> !c.running() && !(oneShot(was) && c.exitCode() == 0 && "exited".equals(c.state())))) {
                action = Action.START;
                mine.stream()
                        .filter(c -> !c.running())
                        .forEach(c -> reasons.add("container " + c.name() + " is " + c.state()));
            }
            out.add(new ServiceDiff(
                    name,
                    action,
                    List.copyOf(reasons),
                    fp.hash(),
                    was == null ? null : was.hash(),
                    mine.stream().map(ObservedContainer::configHash).toList()));
        });
        observed.stream()
                .filter(c -> c.service() == null || !desired.containsKey(c.service()))
                .forEach(c -> out.add(new ServiceDiff(
                        c.service() == null ? c.name() : c.service(),
                        Action.REMOVE,
                        List.of("container " + c.name() + " is not part of the desired state"),
                        null,
                        null,
                        java.util.Collections.singletonList(c.configHash()))));
        boolean changes = out.stream().anyMatch(d -> d.action() != Action.NONE);
        return new DiffView(sha, app.getLastSyncedCommit(), changes, out);
    }

    /** The branch head as the remote says now (read-only), else the last one seen. */
    private String head(AppEntity app, GitSource source) {
        try {
            return git.resolveHead(source);
        } catch (ConopsException e) {
            if (app.getLastSeenCommit() == null) {
                throw e;
            }
            return app.getLastSeenCommit();
        }
    }

    /** Why the definition moved since the last successful sync; empty when it did not. */
    private static List<String> explain(ServiceFingerprint before, DeployedService was, ServiceFingerprint now) {
        if (before != null) {
            return FingerprintDiff.explain(before, now);
        }
        if (was == null) {
            return List.of("new service");
        }
        return was.hash().equals(now.hash()) ? List.of() : List.of("hash changed");
    }

    private static boolean oneShot(DeployedService s) {
        return s != null && s.oneShot();
    }

    private SortedMap<String, ServiceFingerprint> render(AppEntity app, GitSource source, String sha) {
        RenderCache.Key key = new RenderCache.Key(sha, app.getRepoUrl(), app.getComposePath(), app.getName());
        Optional<RenderCache.Render> cached = renders.get(app.getId(), key);
        if (cached.isPresent() && sameImages(cached.get())) {
            return cached.get().fingerprints();
        }
        ReentrantLock lock = locks.of(app.getId());
        try {
            if (!lock.tryLock(10, TimeUnit.SECONDS)) {
                throw new BusyException("app '" + app.getName() + "' is syncing; ask again when it is done");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted");
        }
        Path dir = dataDir.app(app.getId().toString()).resolve("preview-" + UUID.randomUUID());
        try {
            git.fetch(source, sha);
            git.export(source, sha, dir);
            RenderCache.Render render = renderExport(app, sha, dir, key);
            renders.put(app.getId(), render);
            return render.fingerprints();
        } catch (SyncFailure e) {
            throw new UnrenderableException(e.getMessage());
        } finally {
            lock.unlock();
            Files2.deleteRecursively(dir);
        }
    }

    private RenderCache.Render renderExport(AppEntity app, String sha, Path dir, RenderCache.Key key) {
        Path file = ComposeFiles.locate(dir, app.getComposePath(), sha);
        ComposeLimits.check(dir, file);
        ComposeResult config = compose.config(new ComposeProject(app.getName(), file.getParent(), List.of(file)));
        if (!config.ok()) {
            throw new SyncFailure("invalid compose file " + app.getComposePath() + " at " + SyncWorker.abbrev(sha)
                    + ": " + Transcript.lastLines(config.transcript(), 6));
        }
        ComposeModel model = ComposeModel.parse(json, config, app.getComposePath());
        Map<String, String> images = new TreeMap<>();
        model.services().forEach((service, def) -> {
            if (ComposeModel.image(def) != null) {
                images.put(service, ComposeModel.image(def));
            }
        });
        SortedMap<String, ServiceFingerprint> fingerprints = new DesiredStateHasher(file.getParent())
                .fingerprintAll(
                        model.root(), service -> images.containsKey(service) ? identity(images.get(service)) : null);
        return new RenderCache.Render(key, fingerprints, images);
    }

    /** A re-pulled tag changes the hash without a new commit: the Engine is asked again each time. */
    private boolean sameImages(RenderCache.Render render) {
        return render.images().entrySet().stream()
                .allMatch(e -> identity(e.getValue())
                        .equals(render.fingerprints().get(e.getKey()).image()));
    }

    private String identity(String image) {
        return Objects.requireNonNullElse(engine.imageId(image), image);
    }
}
