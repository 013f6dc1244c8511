package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.hash.DesiredStateHasher;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.hash.StampedLabels;
import io.conops.core.port.CommitInfo;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.queue.Backoff;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.ContainerHealth;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.core.reconcile.Strays;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.app.StoredCredentials;
import io.conops.server.credentials.PrivateDockerConfig;
import io.conops.server.credentials.RegistryCredential;
import io.conops.server.registry.ImageUpdates;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sync of one app: fetch the desired commit, validate it on a scratch checkout, move the
 * stable worktree, pull, {@code up -d --remove-orphans}, wait for the services, record it. A failure
 * before {@code up} leaves the running deployment untouched.
 */
@Component
public class SyncWorker {
    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

    private final AppStore store;
    private final Deployments deployments;
    private final GitPort git;
    private final ComposePort compose;
    private final EnginePort engine;
    private final DataDirectory dataDir;
    private final GitSources sources;
    private final ConopsProperties props;
    private final AppLocks locks;
    private final JsonMapper json;
    private final Clock clock;
    private final Backoff backoff;
    private final Healing healing;
    private final StoredCredentials credentials;
    private final PrivateDockerConfig dockerConfigs;
    private final ImageUpdates imageUpdates;
    private final DeployedFiles deployedFiles;

    public SyncWorker(
            AppStore store,
            Deployments deployments,
            GitPort git,
            ComposePort compose,
            EnginePort engine,
            DataDirectory dataDir,
            GitSources sources,
            ConopsProperties props,
            AppLocks locks,
            JsonMapper json,
            Clock clock,
            Healing healing,
            StoredCredentials credentials,
            PrivateDockerConfig dockerConfigs,
            ImageUpdates imageUpdates,
            DeployedFiles deployedFiles) {
        this.deployedFiles = deployedFiles;
        this.healing = healing;
        this.credentials = credentials;
        this.dockerConfigs = dockerConfigs;
        this.imageUpdates = imageUpdates;
        this.store = store;
        this.deployments = deployments;
        this.git = git;
        this.compose = compose;
        this.engine = engine;
        this.dataDir = dataDir;
        this.sources = sources;
        this.props = props;
        this.locks = locks;
        this.json = json;
        this.clock = clock;
        this.backoff = new Backoff(props.retryInitialBackoff(), props.retryMaxBackoff());
    }

    /** Runs one sync if one is due; called from the app's slot in the work queue. */
    public void sync(UUID appId, Trigger trigger) {
        ReentrantLock lock = locks.of(appId);
        try {
            if (!lock.tryLock(props.syncTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("App {} is busy; sync ({}) skipped", appId, trigger);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            AppEntity app = store.find(appId).orElse(null);
            if (app == null) {
                healing.forget(appId);
                return; // deleted meanwhile
            }
            run(app, trigger);
        } finally {
            lock.unlock();
        }
    }

    private void run(AppEntity app, Trigger trigger) {
        GitSource source;
        String desired = app.getLastSeenCommit();
        try {
            source = sources.of(app);
        } catch (RuntimeException e) {
            failWithoutCommit(app, trigger, failureMessage(e));
            return;
        }
        if (desired == null || trigger == Trigger.MANUAL || trigger == Trigger.WEBHOOK) {
            try {
                desired = git.resolveHead(source);
                store.markSeen(app.getId(), desired);
            } catch (RuntimeException e) {
                if (desired == null) {
                    failWithoutCommit(app, trigger, failureMessage(e));
                    return;
                }
                log.warn(
                        "App {}: could not resolve the branch head, using the last seen commit: {}",
                        app.getName(),
                        failureMessage(e));
            }
        }
        if (!due(app, desired, trigger)) {
            return;
        }
        // A heal: the deployed commit drifted. Compare first (the drift may be gone, or be the echo of
        // our own last `up`), and respect the heal backoff, so a crash-looping service is no hot loop.
        boolean heal = trigger == Trigger.DRIFT && desired.equals(app.getLastSyncedCommit());
        String problem = null;
        if (heal) {
            Decision now = compareDeployed(app);
            UUID id = app.getId();
            Duration wait = healing.waitBefore(id);
            if (!now.needsApply() || !wait.isZero()) {
                store.markStillSynced(
                        id, desired, healing.health(id, now.health()), healing.problem(id, now.needsApply()));
                if (now.needsApply()) {
                    healing.recheckIn(id, wait);
                }
                return;
            }
            problem = now.summary();
        }
        Instant started = clock.instant();
        long deploymentId = deployments.start(app.getId(), desired, trigger, started);
        store.markSyncing(app.getId());
        Transcript transcript = new Transcript();
        String why = trigger == Trigger.IMAGE_UPDATE
                ? imageUpdates.takeReason(app.getId()).orElse(null)
                : null;
        if (why != null) {
            transcript.line(why);
        }
        try {
            Result r = apply(app, source, desired, trigger, transcript, deploymentId);
            store.markSynced(app.getId(), desired, json.writeValueAsString(r.services()), r.health());
            if (heal) {
                healing.healed(app.getId(), true, problem);
                String note = healing.problem(app.getId(), false);
                if (note != null) {
                    store.markObserved(app.getId(), healing.health(app.getId(), r.health()), note);
                }
            }
            deployments.finish(
                    deploymentId,
                    Outcome.SUCCEEDED,
                    why == null ? r.message() : why + "; " + r.message(),
                    json.writeValueAsString(compact(r.fingerprints())),
                    transcript.text(),
                    clock.instant());
            log.info(
                    "App {} synced to {} ({}) in {} ms",
                    app.getName(),
                    abbrev(desired),
                    trigger,
                    Duration.between(started, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // ConOps is stopping: leave the app syncing and the record running, start-up resumes it
                log.info(
                        "App {}: sync of {} interrupted by shutdown; it resumes on the next start",
                        app.getName(),
                        abbrev(desired));
                return;
            }
            String message = failureMessage(e);
            if (!(e instanceof ConopsException)) {
                log.error("App {}: sync failed unexpectedly", app.getName(), e);
            } else {
                log.warn("App {}: sync of {} failed: {}", app.getName(), abbrev(desired), message);
            }
            if (heal) {
                // the commit stays applied: the app is degraded and healed again after the backoff
                healing.healed(app.getId(), false, message);
                store.markHealFailed(app.getId(), healing.problem(app.getId(), true));
                deployments.finish(deploymentId, Outcome.FAILED, message, null, transcript.text(), clock.instant());
                healing.recheckIn(app.getId(), healing.waitBefore(app.getId()));
                return;
            }
            int failures = desired.equals(app.getFailedCommit()) ? app.getFailureCount() + 1 : 1;
            Instant retryAt = props.retryErrors() ? clock.instant().plus(backoff.delayAfter(failures)) : null;
            store.markError(app.getId(), desired, message, retryAt);
            deployments.finish(
                    deploymentId,
                    Outcome.FAILED,
                    why == null ? message : why + "; " + message,
                    null,
                    transcript.text(),
                    clock.instant());
        } finally {
            // registry logins stay on disk only while Compose may pull
            dockerConfigs.delete(dockerConfigDir(app));
        }
    }

    /** Never re-applies a commit that failed in a hot loop: only a new commit, a user or the backoff may. */
    private boolean due(AppEntity app, String desired, Trigger trigger) {
        if (trigger == Trigger.MANUAL || trigger == Trigger.WEBHOOK) {
            return true;
        }
        if (desired.equals(app.getFailedCommit()) && app.getStatus() == SyncStatus.ERROR) {
            return trigger == Trigger.RETRY
                    && props.retryErrors()
                    && (app.getNextRetryAt() == null || !clock.instant().isBefore(app.getNextRetryAt()));
        }
        if (trigger == Trigger.DRIFT || trigger == Trigger.IMAGE_UPDATE) {
            return true;
        }
        return !desired.equals(app.getLastSyncedCommit()) || app.getStatus() != SyncStatus.SYNCED;
    }

    /** A failure as the app's status shows it: ConOps' own messages as they are, anything else named. */
    static String failureMessage(RuntimeException e) {
        return e instanceof ConopsException ? e.getMessage() : "unexpected failure: " + e;
    }

    private void failWithoutCommit(AppEntity app, Trigger trigger, String message) {
        // logged once per change: a failure that stays the same is in the app's status already
        if (!message.equals(app.getLastError())) {
            log.warn("App {}: {}", app.getName(), message);
        }
        long id = deployments.start(app.getId(), null, trigger, clock.instant());
        store.markError(
                app.getId(),
                null,
                message,
                props.retryErrors() ? clock.instant().plus(backoff.delayAfter(app.getFailureCount() + 1)) : null);
        deployments.finish(id, Outcome.FAILED, message, null, "", clock.instant());
    }

    private record Result(
            List<DeployedService> services,
            Map<String, ServiceFingerprint> fingerprints,
            Health health,
            String message) {}

    private Result apply(
            AppEntity app, GitSource source, String sha, Trigger trigger, Transcript transcript, long deploymentId) {
        Instant deadline = clock.instant().plus(props.syncTimeout());
        CommitInfo commit = git.fetch(source, sha);
        deployments.describeCommit(deploymentId, commit);
        transcript.line("commit " + sha + " " + (commit.message() == null ? "" : commit.message()));

        Path appDir = dataDir.app(app.getId().toString());
        Path scratch = appDir.resolve("scratch");
        Path worktree = appDir.resolve("worktree");

        // 1. validate the commit where nothing live can be touched
        Files2.deleteRecursively(scratch);
        git.export(source, sha, scratch);
        Path scratchFile = ComposeFiles.locate(scratch, app.getComposePath(), sha);
        ComposeLimits.check(scratch, scratchFile);
        ComposeProject scratchProject =
                new ComposeProject(app.getName(), scratchFile.getParent(), List.of(scratchFile));
        ComposeResult config = compose.config(scratchProject);
        transcript.add(config);
        if (!config.ok()) {
            throw new SyncFailure("invalid compose file " + app.getComposePath() + " at " + abbrev(sha) + ": "
                    + Transcript.lastLines(config.transcript(), 6));
        }
        ComposeModel model = ComposeModel.parse(json, config, app.getComposePath());
        if (model.services().isEmpty()) {
            throw new SyncFailure(app.getComposePath() + " at " + abbrev(sha) + " defines no services");
        }

        // 2. move the stable worktree (same path for every commit, so bind mounts stay put)
        git.checkout(source, sha, worktree);
        Path file = ComposeFiles.locate(worktree, app.getComposePath(), sha);
        Path projectDir = file.getParent();

        // 3. pull what is pullable; an image present locally survives a failed pull
        Path dockerConfig = writeDockerConfig(app);
        ComposeProject base = new ComposeProject(app.getName(), projectDir, List.of(file), dockerConfig);
        // a heal re-applies the deployed commit: nothing to pull; a drift that carries a new commit pulls
        if (!(trigger == Trigger.DRIFT && sha.equals(app.getLastSyncedCommit()))) {
            pull(base, model, transcript);
        }

        // 4. per-service desired-state hashes, over the scratch export: it holds exactly the
        //    commit's tracked files, so data that containers wrote into the worktree never counts
        SortedMap<String, ServiceFingerprint> fingerprints = new DesiredStateHasher(scratchFile.getParent())
                .fingerprintAll(model.root(), service -> imageIdentity(model, service));
        Files2.deleteRecursively(scratch);
        List<DeployedService> previous = readServices(app.getDeployedServices());
        List<DeployedService> services = new ArrayList<>();
        Map<String, Object> overrideServices = new LinkedHashMap<>();
        model.services().forEach((name, def) -> {
            String hash = fingerprints.get(name).hash();
            String since = previous.stream()
                    .filter(p -> p.name().equals(name) && p.hash().equals(hash))
                    .map(DeployedService::commit)
                    .findFirst()
                    .orElse(sha);
            services.add(new DeployedService(
                    name, hash, since, fingerprints.get(name).image(), ComposeModel.oneShot(def)));
            overrideServices.put(
                    name,
                    Map.of(
                            "labels",
                            Map.of(
                                    StampedLabels.APP,
                                    app.getName(),
                                    StampedLabels.COMMIT,
                                    since,
                                    StampedLabels.CONFIG_HASH,
                                    hash)));
        });
        Path override = appDir.resolve("conops-override.yaml");
        writeOverride(override, Map.of("services", overrideServices));
        ComposeProject project = new ComposeProject(app.getName(), projectDir, List.of(file, override), dockerConfig);
        up(project, transcript);

        // 4b. containers Compose keeps although they are not the desired state (recreated by hand with
        //     its labels copied, extra ones it cannot see): remove them and let Compose create them anew
        List<DesiredService> desired = services.stream()
                .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                .toList();
        List<ObservedContainer> strays = Strays.find(desired, engine.containers(app.getName()));
        if (!strays.isEmpty()) {
            for (ObservedContainer c : strays) {
                transcript.line("removing container " + c.name() + " (service " + c.service() + ", conops.config-hash "
                        + c.configHash() + "): not the desired state and left alone by Compose");
                engine.removeContainer(c.id());
            }
            up(project, transcript);
        }

        // 4c. `up` leaves a running container alone when its definition is unchanged, so an unhealthy
        //     one would stay unhealthy: a heal restarts it, as its restart policy would on a crash
        if (trigger == Trigger.DRIFT) {
            for (ObservedContainer c : engine.containers(app.getName())) {
                if (c.running() && c.health() == ContainerHealth.UNHEALTHY) {
                    transcript.line("restarting unhealthy container " + c.name() + " (service " + c.service() + ")");
                    engine.restartContainer(c.id());
                }
            }
        }

        // 5. wait until every service runs (and passes its healthcheck)
        Decision decision = new Readiness(engine, clock, props.syncTimeout()).await(app.getName(), services, deadline);
        keepFiles(app, fingerprints, transcript);
        return new Result(
                services,
                fingerprints,
                decision.health(),
                "deployed " + abbrev(sha) + ": " + services.size() + " service(s)");
    }

    /** The per-file hashes go to disk, the database keeps one digest per used path: see DeployedFiles. */
    private void keepFiles(AppEntity app, Map<String, ServiceFingerprint> fingerprints, Transcript transcript) {
        try {
            deployedFiles.save(app.getId(), fingerprints);
        } catch (UncheckedIOException e) {
            // the deployment stands; only the diff's detail is lost, so say so where the user looks
            transcript.line("cannot keep the per-file hashes (" + e.getCause().getMessage()
                    + "); the diff names changed folders instead of files until the next sync");
        }
    }

    private static Map<String, ServiceFingerprint> compact(Map<String, ServiceFingerprint> fingerprints) {
        Map<String, ServiceFingerprint> out = new TreeMap<>();
        fingerprints.forEach((name, fp) -> out.put(name, fp.compact()));
        return out;
    }

    private void up(ComposeProject project, Transcript transcript) {
        ComposeResult up = compose.up(project);
        transcript.add(up);
        if (!up.ok()) {
            throw new SyncFailure((up.timedOut() ? "docker compose up timed out: " : "docker compose up failed: ")
                    + Transcript.lastLines(up.transcript(), 6));
        }
    }

    /** The app's containers against what its last successful sync deployed. */
    private Decision compareDeployed(AppEntity app) {
        List<DesiredService> desired = readServices(app.getDeployedServices()).stream()
                .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                .toList();
        return Compare.compare(desired, engine.containers(app.getName()));
    }

    /** The app's registry logins (its own and the global ones) as a private DOCKER_CONFIG, or null for none. */
    private Path writeDockerConfig(AppEntity app) {
        List<RegistryCredential> logins = credentials.registriesForPull(app);
        if (logins.isEmpty()) {
            return null;
        }
        Path dir = dockerConfigDir(app);
        try {
            dockerConfigs.write(dir, logins);
        } catch (UncheckedIOException e) {
            throw new SyncFailure(
                    "cannot write the private Docker config " + dir + ": "
                            + e.getCause().getMessage(),
                    e);
        }
        return dir;
    }

    private Path dockerConfigDir(AppEntity app) {
        return dataDir.app(app.getId().toString()).resolve("docker-config");
    }

    private void pull(ComposeProject project, ComposeModel model, Transcript transcript) {
        ComposeResult pull = compose.pull(project);
        transcript.add(pull);
        if (pull.ok()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        model.services().forEach((name, def) -> {
            String image = ComposeModel.image(def);
            if (image != null && def.get("build") == null && !engine.imagePresent(image)) {
                missing.add(image + " (service " + name + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new SyncFailure("cannot pull " + String.join(", ", missing) + " and it is not present locally: "
                    + Transcript.lastLines(pull.transcript(), 4));
        }
        transcript.line("pull failed; every image is present locally, going on with those");
    }

    /** The local image id when the image is present (a re-pushed tag then counts), else its reference. */
    private String imageIdentity(ComposeModel model, String service) {
        String image = ComposeModel.image(model.services().get(service));
        if (image == null) {
            return null;
        }
        String id = engine.imageId(image);
        return id != null ? id : image;
    }

    private void writeOverride(Path file, Object content) {
        try {
            Files.createDirectories(file.getParent());
            // JSON is YAML: Compose reads it as an override file.
            Files.writeString(file, json.writeValueAsString(content));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    List<DeployedService> readServices(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return json.readValue(text, new TypeReference<List<DeployedService>>() {});
    }

    static String abbrev(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(7, sha.length()));
    }
}
