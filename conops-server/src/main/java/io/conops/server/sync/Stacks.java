package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.app.Target;
import io.conops.core.hash.StampedLabels;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.port.StackPort;
import io.conops.core.port.SwarmPort;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.Reason;
import io.conops.core.reconcile.ServiceDecision;
import io.conops.core.swarm.ObservedService;
import io.conops.core.swarm.SwarmCompare;
import io.conops.server.app.AppEntity;
import io.conops.server.swarm.SecretsYaml;
import io.conops.server.swarm.StackOverride;
import io.conops.server.system.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Swarm target's side of the loop: the same render, hash, record and policy as a Compose app,
 * but applied with {@code docker stack deploy} as stack {@code <app name>}, observed through the
 * stack's services and tasks, healed by deploying the stack again, deleted with {@code stack rm}.
 */
@Component
class Stacks {
    /**
     * Where the override of each deployed commit is kept (by commit: a commit that failed must not
     * change what a heal towards the last good one deploys).
     */
    private static final String OVERRIDES = "stack-overrides";
    /** Each service's spec digest right after ConOps deployed it: another one later is a hand change. */
    private static final String SPECS = "swarm-specs.json";

    private final StackPort stack;
    private final SwarmPort swarm;
    private final ComposePort compose;
    private final GitPort git;
    private final DataDirectory dataDir;
    private final ServiceEnvs envs;
    private final Applier applier;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<UUID, Map<String, String>> specs = new ConcurrentHashMap<>();

    Stacks(
            StackPort stack,
            SwarmPort swarm,
            ComposePort compose,
            GitPort git,
            DataDirectory dataDir,
            ServiceEnvs envs,
            Applier applier,
            JsonMapper json,
            Clock clock) {
        this.stack = stack;
        this.swarm = swarm;
        this.compose = compose;
        this.git = git;
        this.dataDir = dataDir;
        this.envs = envs;
        this.applier = applier;
        this.json = json;
        this.clock = clock;
    }

    static boolean handles(AppEntity app) {
        return app.getTarget() == Target.SWARM;
    }

    /** Checks out the commit, writes the override and deploys the stack; old configs and secrets go. */
    void deploy(AppEntity app, GitSource source, Renderer.Rendered r, List<DeployedService> services, Transcript t) {
        requireManager();
        Path worktree = worktree(app);
        git.checkout(source, r.sha(), worktree);
        Path file = ComposeFiles.locate(worktree, app.getComposePath(), r.sha());
        List<SecretsYaml.EnvSecret> envSecrets = SecretsYaml.read(file.getParent());
        requireSecrets(envSecrets);
        StackOverride.Result override = StackOverride.build(
                app.getName(),
                r.model().root(),
                r.dir(),
                worktree,
                labels(app, services),
                envSecrets,
                serviceEnvs(app, file, r, t),
                swarm::imageRun);
        Path dir = appDir(app).resolve(OVERRIDES);
        write(dir.resolve(r.sha() + ".json"), override.document());
        forgetOverridesBut(dir, Set.of(r.sha(), String.valueOf(app.getLastSyncedCommit())));
        run(app, file, r.sha(), t);
        // the services moved to the new names: what no service uses any more can go
        swarm.removeStackObjects(app.getName(), override.objectNames()).forEach(t::line);
    }

    /**
     * Per service, the {@code service_envs} names it receives; its own {@code environment:} is read
     * from the compose file as {@code stack deploy} reads it, before interpolation.
     */
    private Map<String, Set<String>> serviceEnvs(AppEntity app, Path file, Renderer.Rendered r, Transcript t) {
        if (r.variables().isEmpty()) {
            return Map.of();
        }
        ComposeResult raw = compose.configUninterpolated(
                new ComposeProject(app.getName(), file.getParent(), List.of(file), null, r.variables()));
        t.add(raw);
        if (!raw.ok()) {
            throw new SyncFailure("cannot read the uninterpolated compose model: "
                    + t.redact(Transcript.lastLines(raw.transcript(), 6)));
        }
        Map<String, Map<String, Object>> own =
                ComposeModel.parse(json, raw, file.getFileName().toString()).services();
        Map<String, Set<String>> out = new TreeMap<>();
        r.model()
                .services()
                .forEach((name, def) -> out.put(
                        name, ServiceEnvs.forStack(r.variables().keySet(), def, own.getOrDefault(name, Map.of()))));
        return out;
    }

    /** Deploys the stack again from the deployed commit and the override written with it. */
    void heal(AppEntity app, GitSource source, String commit, Transcript t) {
        requireManager();
        Path worktree = worktree(app);
        t.timed("checkout", () -> git.checkout(source, commit, worktree));
        run(app, ComposeFiles.locate(worktree, app.getComposePath(), commit), commit, t);
    }

    /** The stack's services against what was deployed, through the Engine API only. */
    Decision compare(AppEntity app, List<DesiredService> desired) {
        return compare(app, desired, swarm.services(app.getName()));
    }

    /** The same, against services already listed. */
    Decision compare(AppEntity app, List<DesiredService> desired, List<ObservedService> observed) {
        return SwarmCompare.compare(desired, observed, specs(app));
    }

    /** The stack's services as the Swarm reports them now. */
    List<ObservedService> services(AppEntity app) {
        return swarm.services(app.getName());
    }

    /**
     * After {@code stack deploy} converged: until every service runs all its replicas, or says why
     * not. The Swarm restarts failing tasks itself; task errors for longer than the grace are a failure.
     */
    Decision await(AppEntity app, List<DesiredService> desired, Instant deadline) {
        Instant firstFailure = null;
        while (true) {
            Decision d = compare(app, desired);
            boolean starting = d.services().stream().anyMatch(s -> s.reason() == Reason.STARTING);
            if (!d.needsApply() && !starting) {
                return d;
            }
            List<ServiceDecision> bad = d.services().stream()
                    .filter(s -> s.reason() == Reason.NOT_RUNNING || s.reason() == Reason.UNHEALTHY)
                    .toList();
            Instant now = clock.instant();
            firstFailure = bad.isEmpty() ? null : firstFailure == null ? now : firstFailure;
            if (firstFailure != null && Duration.between(firstFailure, now).compareTo(Readiness.GRACE) > 0) {
                throw new SyncFailure(
                        ConditionType.CRASH_LOOP,
                        "services did not stay up: "
                                + bad.stream()
                                        .map(s -> s.service() + ": " + s.detail())
                                        .collect(Collectors.joining("; ")));
            }
            if (now.isAfter(deadline)) {
                throw new SyncFailure("services not ready in time: " + d.summary());
            }
            try {
                // tasks raise no container event ConOps follows: look again shortly
                Thread.sleep(Readiness.LOOK_AGAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncFailure("interrupted while waiting for services", e);
            }
        }
    }

    /** {@code docker stack rm}; the stack's named volumes only when asked, as {@code compose down}. */
    ComposeResult remove(AppEntity app, boolean removeVolumes) {
        if (swarm.notAManager() != null) {
            // no swarm here, so no stack of the app's either
            return new ComposeResult(
                    "docker stack rm", 0, "", "not a swarm manager: no stack to remove", Duration.ZERO, false, false);
        }
        ComposeResult rm = stack.remove(app.getName());
        if (rm.ok() && removeVolumes) {
            swarm.removeVolumes(app.getName());
        }
        specs.remove(app.getId());
        return rm;
    }

    private void run(AppEntity app, Path file, String sha, Transcript t) {
        Path override = appDir(app).resolve(OVERRIDES).resolve(sha + ".json");
        if (!Files.isRegularFile(override)) {
            throw new SyncFailure(
                    "the stack override of " + SyncRunner.abbrev(sha) + " is gone; a manual sync writes it anew");
        }
        ComposeProject project = new ComposeProject(
                app.getName(), file.getParent(), List.of(file, override), applier.dockerConfig(app), envs.of(app));
        ComposeResult deploy = t.timed("stack deploy", () -> stack.deploy(project));
        t.add(deploy);
        if (!deploy.ok()) {
            throw new SyncFailure(
                    (deploy.timedOut() ? "docker stack deploy timed out: " : "docker stack deploy failed: ")
                            + t.redact(Transcript.lastLines(deploy.transcript(), 6)));
        }
        Map<String, String> seen = new TreeMap<>();
        swarm.services(app.getName()).forEach(s -> seen.put(s.service(), s.fingerprint()));
        specs.put(app.getId(), seen);
        write(appDir(app).resolve(SPECS), seen);
    }

    private static void forgetOverridesBut(Path dir, Set<String> commits) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!commits.contains(name.substring(0, Math.max(0, name.length() - 5)))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new SyncFailure("cannot tidy " + dir + ": " + e.getMessage(), e);
        }
    }

    private void requireManager() {
        String why = swarm.notAManager();
        if (why != null) {
            throw new SyncFailure(why);
        }
    }

    private void requireSecrets(List<SecretsYaml.EnvSecret> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> present = swarm.secretNames();
        Set<String> missing = wanted.stream()
                .map(SecretsYaml.EnvSecret::secret)
                .filter(s -> !present.contains(s))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new SyncFailure("secrets.yaml names Swarm secrets that do not exist: " + String.join(", ", missing)
                    + " (create them with `docker secret create NAME -`)");
        }
    }

    private Map<String, String> specs(AppEntity app) {
        return specs.computeIfAbsent(app.getId(), id -> {
            Path file = appDir(app).resolve(SPECS);
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            return json.readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
        });
    }

    private static Map<String, Map<String, String>> labels(AppEntity app, List<DeployedService> services) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (DeployedService s : services) {
            out.put(
                    s.name(),
                    Map.of(
                            StampedLabels.APP,
                            app.getName(),
                            StampedLabels.COMMIT,
                            s.commit(),
                            StampedLabels.CONFIG_HASH,
                            s.hash()));
        }
        return out;
    }

    private void write(Path file, Object document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json.writeValueAsString(document));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path appDir(AppEntity app) {
        return dataDir.app(app.getId().toString());
    }

    private Path worktree(AppEntity app) {
        return appDir(app).resolve("worktree");
    }
}
