package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.api.DiffView;
import io.conops.core.api.DiffView.Action;
import io.conops.core.api.DiffView.ServiceDiff;
import io.conops.core.hash.FingerprintDiff;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.core.reconcile.ServiceDecision;
import io.conops.core.swarm.ObservedService;
import io.conops.server.app.AppEntity;
import io.conops.server.system.ApiProblem;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the next sync would do, per service and why, without changing anything that runs: the
 * commit is rendered like a sync renders it (on an export of its own), and compared with the live
 * containers (a swarm app's: the stack's services) by the same comparison that heal and sync use; the fingerprints of the last
 * successful sync explain why a definition moved.
 */
@Component
public class Preview {
    private final GitPort git;
    private final GitSources sources;
    private final Renderer renderer;
    private final EnginePort engine;
    private final DataDirectory dataDir;
    private final Deployments deployments;
    private final DeployedServices deployed;
    private final DeployedFiles deployedFiles;
    private final AppLocks locks;
    private final RenderCache renders = new RenderCache();
    private final ServiceEnvs envs;
    private final Stacks stacks;

    public Preview(
            GitPort git,
            GitSources sources,
            Renderer renderer,
            EnginePort engine,
            DataDirectory dataDir,
            Deployments deployments,
            DeployedServices deployed,
            DeployedFiles deployedFiles,
            AppLocks locks,
            ServiceEnvs envs,
            Stacks stacks) {
        this.git = git;
        this.sources = sources;
        this.renderer = renderer;
        this.engine = engine;
        this.dataDir = dataDir;
        this.deployments = deployments;
        this.deployed = deployed;
        this.deployedFiles = deployedFiles;
        this.locks = locks;
        this.envs = envs;
        this.stacks = stacks;
    }

    /** The app is syncing and the preview would race it for its Git repository. */
    public static class BusyException extends ConopsException implements ApiProblem {
        public BusyException(String message) {
            super(message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }

        @Override
        public String title() {
            return "App busy";
        }
    }

    /** The commit cannot be rendered: the next sync would fail with this message. */
    public static class UnrenderableException extends ConopsException implements ApiProblem {
        public UnrenderableException(String message) {
            super(message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }

        @Override
        public String title() {
            return "Commit cannot be rendered";
        }
    }

    public DiffView diff(AppEntity app) {
        if (app.isStackSet()) {
            throw new UnrenderableException("'" + app.getName()
                    + "' is a stack set: it runs no services of its own; each stack's app (parent '"
                    + app.getName() + "') has its diff");
        }
        GitSource source = sources.of(app);
        String sha = head(app, source);
        RenderCache.Render render = render(app, source, sha);
        SortedMap<String, ServiceFingerprint> desired = render.fingerprints();
        SortedMap<String, ServiceFingerprint> before =
                deployedFiles.withFiles(app.getId(), deployments.lastDeployedFingerprints(app.getId()));
        Map<String, DeployedService> was =
                deployed.of(app).stream().collect(Collectors.toMap(DeployedService::name, s -> s, (a, b) -> a));
        List<DesiredService> wanted = desired.values().stream()
                .map(fp -> new DesiredService(
                        fp.service(), fp.hash(), render.oneShots().contains(fp.service())))
                .toList();
        Map<String, List<String>> observedHashes = new TreeMap<>();
        Decision decision;
        if (Stacks.handles(app)) {
            // a stack's services, not containers: the comparison its heal and health use
            List<ObservedService> observed = stacks.services(app);
            observed.forEach(s -> observedHashes
                    .computeIfAbsent(s.service(), k -> new ArrayList<>())
                    .add(s.configHash()));
            decision = stacks.compare(app, wanted, observed);
        } else {
            List<ObservedContainer> observed = engine.containers(app.getName());
            observed.forEach(c -> observedHashes
                    .computeIfAbsent(c.service() == null ? "" : c.service(), k -> new ArrayList<>())
                    .add(c.configHash()));
            decision = Compare.compare(wanted, observed);
        }

        List<ServiceDiff> out = new ArrayList<>();
        for (ServiceDecision d : decision.services()) {
            Action action = action(d);
            ServiceFingerprint fp = desired.get(d.service());
            DeployedService deployedService = was.get(d.service());
            List<String> reasons = new ArrayList<>();
            if (fp != null && action != Action.REMOVE) {
                reasons.addAll(OverlayNotes.annotate(
                        explain(before.get(d.service()), deployedService, fp), render.overlaid()));
            }
            if (action != Action.NONE && reasons.isEmpty()) {
                reasons.add(d.detail());
            }
            out.add(new ServiceDiff(
                    d.service().isEmpty() ? "(none)" : d.service(),
                    action,
                    List.copyOf(reasons),
                    fp == null ? null : fp.hash(),
                    deployedService == null ? null : deployedService.hash(),
                    observedHashes.getOrDefault(d.service(), List.of())));
        }
        boolean changes = out.stream().anyMatch(d -> d.action() != Action.NONE);
        return new DiffView(sha, app.getLastSyncedCommit(), changes, out);
    }

    /** What a sync would do about a service, from the one comparison heal and sync share. */
    static Action action(ServiceDecision d) {
        return switch (d.reason()) {
            case MISSING -> Action.CREATE;
            case HASH_DIFFERS -> Action.RECREATE;
            case NOT_RUNNING -> Action.START;
            case UNHEALTHY -> Action.RESTART;
            case ORPHAN -> Action.REMOVE;
            case IN_SYNC, COMPLETED, STARTING -> Action.NONE;
        };
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

    private RenderCache.Render render(AppEntity app, GitSource source, String sha) {
        Map<String, String> variables = envs.of(app);
        RenderCache.Key key = new RenderCache.Key(
                sha,
                app.getRepoUrl(),
                app.getComposePath(),
                app.getName(),
                envs.digest(variables),
                app.getOverlayDir(),
                app.getLayout());
        Optional<RenderCache.Render> cached = renders.get(app.getId(), key);
        if (cached.isPresent() && sameImages(app.getName(), cached.get())) {
            return cached.get();
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
            Renderer.Rendered r = renderer.render(
                    app.getName(), RenderSteps.Spec.of(app), source, sha, dir, variables, new Transcript());
            Set<String> oneShots = new TreeSet<>();
            r.model().services().forEach((name, def) -> {
                if (ComposeModel.oneShot(def)) {
                    oneShots.add(name);
                }
            });
            RenderCache.Render render = new RenderCache.Render(
                    key, renderer.fingerprints(app.getName(), r), r.images(), oneShots, r.overlaid());
            renders.put(app.getId(), render);
            return render;
        } catch (SyncFailure e) {
            throw new UnrenderableException(e.getMessage());
        } finally {
            lock.unlock();
            Files2.deleteRecursively(dir);
        }
    }

    /** A re-pulled tag changes the hash without a new commit: the Engine is asked again each time. */
    private boolean sameImages(String project, RenderCache.Render render) {
        return render.images().entrySet().stream()
                .allMatch(e -> renderer.identity(project, e.getValue())
                        .equals(render.fingerprints().get(e.getKey()).image()));
    }
}
