package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.app.Health;
import io.conops.core.app.PullPolicy;
import io.conops.core.app.Trigger;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitSource;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.Reason;
import io.conops.server.app.AppEntity;
import io.conops.server.registry.ImageUpdates;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import io.conops.server.system.ImageProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A full sync of one commit: render and validate it on a scratch export (a broken commit stops
 * here, with nothing live touched), pull, apply, wait until the services stay up, record. A sync
 * that would change nothing is recorded as such and runs no {@code up}.
 */
@Component
class Deployer {
    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    private final GitSources sources;
    private final Renderer renderer;
    private final Applier applier;
    private final DeployedServices deployed;
    private final SyncRecorder recorder;
    private final ImageUpdates imageUpdates;
    private final EnginePort engine;
    private final ProjectEvents events;
    private final DataDirectory dataDir;
    private final ConopsProperties props;
    private final Clock clock;
    private final ServiceEnvs envs;
    private final ImageProperties images;
    private final ImageCleanup cleanup;
    private final Stacks stacks;
    private final SignatureGate signatures;

    Deployer(
            GitSources sources,
            Renderer renderer,
            Applier applier,
            DeployedServices deployed,
            SyncRecorder recorder,
            ImageUpdates imageUpdates,
            EnginePort engine,
            ProjectEvents events,
            DataDirectory dataDir,
            ConopsProperties props,
            Clock clock,
            ServiceEnvs envs,
            ImageProperties images,
            ImageCleanup cleanup,
            Stacks stacks,
            SignatureGate signatures) {
        this.sources = sources;
        this.renderer = renderer;
        this.applier = applier;
        this.deployed = deployed;
        this.recorder = recorder;
        this.imageUpdates = imageUpdates;
        this.engine = engine;
        this.events = events;
        this.dataDir = dataDir;
        this.props = props;
        this.clock = clock;
        this.envs = envs;
        this.images = images;
        this.cleanup = cleanup;
        this.stacks = stacks;
        this.signatures = signatures;
    }

    /** @param requestedBy who asked for it, when a user did; else null */
    void deploy(AppEntity app, Trigger trigger, Action.Deploy action, String requestedBy) {
        String sha = action.commit();
        Instant started = clock.instant();
        Instant deadline = started.plus(props.syncTimeout());
        long id = recorder.startDeploy(app, sha, trigger, requestedBy);
        cleanup.began(app.getId());
        Transcript t = new Transcript();
        // why a moving tag redeploys: the first thing the record says
        String why = trigger == Trigger.IMAGE_UPDATE
                ? imageUpdates.takeReason(app.getId()).orElse(null)
                : null;
        if (why != null) {
            t.line(why);
        }
        Path scratch = dataDir.app(app.getId().toString()).resolve("scratch");
        try {
            GitSource source = sources.of(app);
            signatures.check(app, source, sha, t);
            Map<String, String> variables = envs.of(app);
            t.hiding(variables.values());
            Renderer.Rendered r = t.timed(
                    "render",
                    () -> renderer.render(app.getName(), RenderSteps.Spec.of(app), source, sha, scratch, variables, t));
            recorder.describe(id, r.commit());
            t.line("commit " + sha + " "
                    + (r.commit().message() == null ? "" : r.commit().message()));
            if (pulls(app, action, r)) {
                Map<String, String> before = cleanup.before(r.images().values());
                t.timed("pull", () -> applier.pull(app, r, t));
                cleanup.pulled(before);
            }
            SortedMap<String, ServiceFingerprint> fingerprints =
                    t.timed("hash", () -> renderer.fingerprints(app.getName(), r));
            List<DeployedService> previous = deployed.of(app);
            List<DeployedService> services = services(r, fingerprints, previous, sha);
            Files2.deleteRecursively(scratch);
            Decision now = unchanged(app, sha, services, previous);
            if (now != null) {
                recorder.unchanged(app, id, sha, now.health(), t);
                return;
            }
            Decision ready;
            if (Stacks.handles(app)) {
                t.timed("apply", () -> stacks.deploy(app, source, r, services, t));
                ready = t.timed(
                        "wait for services", () -> stacks.await(app, DeployedServices.desired(services), deadline));
            } else {
                t.timed("apply", () -> applier.deploy(app, source, sha, services, t));
                ready = t.timed(
                        "wait for services",
                        () -> new Readiness(engine, events, clock, props.syncTimeout(), props.readinessSettle())
                                .await(app.getName(), DeployedServices.desired(services), deadline));
            }
            // the sync's log line is the SyncFinished event's (metrics.SyncLog), for every outcome
            recorder.succeeded(app, id, sha, why, services, fingerprints, ready.health(), t);
            sweepImages(app);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // ConOps is stopping: the record stays running and the app syncing; start-up resumes it
                log.info("App {}: sync of {} interrupted by shutdown", app.getName(), SyncRunner.abbrev(sha));
                recorder.abandoned(id);
                return;
            }
            recorder.failed(app, id, sha, why, e, t);
        } finally {
            cleanup.ended(app.getId());
            applier.cleanUp(app);
            Files2.deleteRecursively(scratch);
        }
    }

    /** Image cleanup is housekeeping: its failure is logged and leaves the deployment as it is. */
    private void sweepImages(AppEntity app) {
        try {
            cleanup.sweep();
        } catch (RuntimeException e) {
            log.warn("App {}: image cleanup after the sync failed: {}", app.getName(), e.getMessage());
        }
    }

    /**
     * Whether to pull, by the app's pull policy (else CONOPS_PULL_POLICY). With {@code missing}, an
     * image that is not here has to be pulled before the hash is taken (the hash holds the local
     * image id); images that are here are not pulled again unless a tag moved. With {@code never},
     * a missing image fails the sync by name before anything is touched.
     */
    private boolean pulls(AppEntity app, Action.Deploy action, Renderer.Rendered r) {
        PullPolicy policy = app.getPullPolicy() != null ? app.getPullPolicy() : images.globalPullPolicy();
        List<String> missing = missingImages(app, r);
        if (policy == PullPolicy.NEVER && !missing.isEmpty()) {
            throw new SyncFailure(
                    ConditionType.IMAGE_UNAVAILABLE,
                    "pull_policy is never and " + String.join(", ", missing) + " is not present on the engine");
        }
        return policy == PullPolicy.ALWAYS || (policy == PullPolicy.MISSING && (action.pull() || !missing.isEmpty()));
    }

    private List<String> missingImages(AppEntity app, Renderer.Rendered r) {
        return r.model().services().values().stream()
                .filter(def -> ComposeModel.image(def) != null && def.get("build") == null)
                .map(ComposeModel::image)
                .filter(image -> !engine.forProject(app.getName()).imagePresent(image))
                .distinct()
                .toList();
    }

    /**
     * Per service: its hash, and the commit that last changed it (stamped as {@code conops.commit}:
     * stamping the deployed commit would recreate every service on every commit).
     */
    private static List<DeployedService> services(
            Renderer.Rendered r,
            Map<String, ServiceFingerprint> fingerprints,
            List<DeployedService> previous,
            String sha) {
        List<DeployedService> out = new ArrayList<>();
        r.model().services().forEach((name, def) -> {
            ServiceFingerprint fp = fingerprints.get(name);
            String since = previous.stream()
                    .filter(p -> p.name().equals(name) && p.hash().equals(fp.hash()))
                    .map(DeployedService::commit)
                    .findFirst()
                    .orElse(sha);
            out.add(new DeployedService(
                    name, fp.hash(), since, fp.image(), ComposeModel.oneShot(def), !ServiceEnvs.receivesFile(def)));
        });
        return out;
    }

    /**
     * The deployed commit, the same hashes, and every container as it should be: nothing to do. A
     * stack of a stack set takes any commit that leaves its hashes alone as its own: a commit to
     * another stack of the repository does not redeploy it.
     */
    private Decision unchanged(AppEntity app, String sha, List<DeployedService> services, List<DeployedService> was) {
        boolean sameCommit = sha.equals(app.getLastSyncedCommit()) || app.getParent() != null;
        if (!sameCommit || was.isEmpty() || !hashes(services).equals(hashes(was))) {
            return null;
        }
        Decision d = Stacks.handles(app)
                ? stacks.compare(app, DeployedServices.desired(services))
                : Compare.compare(DeployedServices.desired(services), engine.containers(app.getName()));
        boolean settled = !d.needsApply() && d.services().stream().noneMatch(s -> s.reason() == Reason.STARTING);
        return settled && d.health() == Health.HEALTHY ? d : null;
    }

    private static Map<String, String> hashes(List<DeployedService> services) {
        return services.stream().collect(Collectors.toMap(DeployedService::name, DeployedService::hash, (a, b) -> a));
    }
}
