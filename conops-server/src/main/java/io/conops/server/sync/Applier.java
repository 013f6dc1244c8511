package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.app.SyncStatus;
import io.conops.core.hash.StampedLabels;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.ContainerHealth;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.core.reconcile.Strays;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import io.conops.server.credentials.PrivateDockerConfig;
import io.conops.server.credentials.RegistryCredential;
import io.conops.server.sops.SopsException;
import io.conops.server.sops.SopsFiles;
import io.conops.server.system.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes what runs, through the Compose CLI: pulls, moves the app's stable worktree, stamps the
 * desired-state labels through a generated override and runs {@code up}. The two repairs Compose
 * cannot make go through the Engine API: containers it would keep although they are not the
 * desired state are removed, and an unhealthy one is restarted.
 */
@Component
class Applier {
    private final GitPort git;
    private final ComposePort compose;
    private final EnginePort engine;
    private final DataDirectory dataDir;
    private final StoredCredentials credentials;
    private final PrivateDockerConfig dockerConfigs;
    private final JsonMapper json;
    private final ServiceEnvs envs;
    private final RenderSteps steps;
    private final SopsFiles sops;

    Applier(
            GitPort git,
            ComposePort compose,
            EnginePort engine,
            DataDirectory dataDir,
            StoredCredentials credentials,
            PrivateDockerConfig dockerConfigs,
            JsonMapper json,
            ServiceEnvs envs,
            RenderSteps steps,
            SopsFiles sops) {
        this.git = git;
        this.compose = compose;
        this.engine = engine;
        this.dataDir = dataDir;
        this.credentials = credentials;
        this.dockerConfigs = dockerConfigs;
        this.json = json;
        this.envs = envs;
        this.steps = steps;
        this.sops = sops;
    }

    /** Pulls what is pullable; an image present locally survives a failed pull. */
    void pull(AppEntity app, Renderer.Rendered r, Transcript t) {
        ComposeResult pull = compose.pull(r.project(app.getName(), dockerConfig(app)));
        t.add(pull);
        if (pull.ok()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        r.model().services().forEach((name, def) -> {
            String image = ComposeModel.image(def);
            if (image != null
                    && def.get("build") == null
                    && !engine.forProject(app.getName()).imagePresent(image)) {
                missing.add(image + " (service " + name + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new SyncFailure(
                    ConditionType.IMAGE_UNAVAILABLE,
                    "cannot pull " + String.join(", ", missing) + " and it is not present locally: "
                            + t.redact(Transcript.lastLines(pull.transcript(), 4)));
        }
        t.line("pull failed; every image is present locally, going on with those");
    }

    /** Moves the worktree to the commit and brings the whole project to {@code services}. */
    void deploy(AppEntity app, GitSource source, String sha, List<DeployedService> services, Transcript t) {
        ComposeProject project = t.timed("checkout", () -> project(app, source, sha, services));
        up(project, t);
        if (removeStrays(app, services, t)) {
            up(project, t);
        }
    }

    /**
     * Puts the deployment back where the heal says, and nowhere else: a completed one-shot is not run
     * again. Services whose container is missing or has another definition are created anew through
     * Compose, from the deployed commit and labels (no render, no pull); a stopped container with the
     * right definition is only started, and an unhealthy one restarted, through the Engine API.
     */
    void heal(AppEntity app, GitSource source, List<DeployedService> deployed, Action.Heal heal, Transcript t) {
        // orphans and hand-made copies go through the Engine API: --remove-orphans misses some
        t.timed("remove strays", () -> removeStrays(app, deployed, t));
        if (!heal.services().isEmpty()) {
            ComposeProject project = t.timed("checkout", () -> project(app, source, heal.commit(), deployed));
            ComposeResult up = t.timed("compose up", () -> compose.upServices(project, heal.services()));
            t.add(up);
            if (!up.ok()) {
                throw new SyncFailure((up.timedOut() ? "docker compose up timed out: " : "docker compose up failed: ")
                        + t.redact(Transcript.lastLines(up.transcript(), 6)));
            }
        } else if (!heal.start().isEmpty() && app.getStatus() == SyncStatus.ERROR) {
            // a newer commit that failed may have moved the worktree the containers mount
            t.timed("checkout", () -> checkout(app, source, heal.commit()));
        }
        for (ObservedContainer c : engine.containers(app.getName())) {
            if (heal.start().contains(c.service()) && !c.running()) {
                t.line("starting container " + c.name() + " (service " + c.service() + "): it was " + c.state());
                t.timed("engine start", () -> engine.startContainer(c.id()));
            } else if (heal.restart().contains(c.service()) && c.running() && c.health() == ContainerHealth.UNHEALTHY) {
                // `up` leaves a running container alone when its definition is unchanged
                t.line("restarting unhealthy container " + c.name() + " (service " + c.service() + ")");
                t.timed("engine restart", () -> engine.restartContainer(c.id()));
            }
        }
    }

    /** Registry logins, the service_envs file and decrypted SOPS env files stay on disk only while Compose runs. */
    void cleanUp(AppEntity app) {
        dockerConfigs.delete(dockerConfigDir(app));
        envs.deleteFile(dataDir.app(app.getId().toString()));
        sops.deleteEnvFiles(dataDir.app(app.getId().toString()));
    }

    private ComposeProject project(AppEntity app, GitSource source, String sha, List<DeployedService> services) {
        Path appDir = dataDir.app(app.getId().toString());
        Path worktree = worktree(app);
        Path file = ComposeFiles.locate(worktree, checkout(app, source, sha).composePath(), sha);
        // as the render did: the same rewrite, now with the bindings' files put where they are mounted
        DockerOpsVolumes.copy(DockerOpsVolumes.rewrite(worktree, file));
        Path override = appDir.resolve("conops-override.yaml");
        Map<String, String> variables = envs.of(app);
        Path envFile = envs.writeFile(appDir, variables);
        writeOverride(override, app, services, envFile);
        List<Path> files = new ArrayList<>(List.of(file));
        try {
            // before ConOps' own override: its service_envs file then still comes last
            Path decrypted = sops.prepare(app.getName(), sha, appDir, worktree);
            if (decrypted != null) {
                files.add(decrypted);
            }
        } catch (SopsException e) {
            throw new SyncFailure(ConditionType.INVALID_COMPOSE, "cannot decrypt SOPS file " + e.getMessage(), e);
        }
        files.add(override);
        return new ComposeProject(app.getName(), file.getParent(), files, dockerConfig(app), variables);
    }

    /** The worktree at the commit, with the host overlay and layout translation the render saw. */
    private RenderSteps.Tree checkout(AppEntity app, GitSource source, String sha) {
        return steps.checkout(
                worktree(app),
                dataDir.app(app.getId().toString()),
                RenderSteps.Spec.of(app),
                () -> git.checkout(source, sha, worktree(app)));
    }

    /** Same path for every commit, so relative bind mounts stay put. */
    private Path worktree(AppEntity app) {
        return dataDir.app(app.getId().toString()).resolve("worktree");
    }

    private void up(ComposeProject project, Transcript t) {
        ComposeResult up = compose.up(project);
        t.add(up);
        if (!up.ok()) {
            throw new SyncFailure((up.timedOut() ? "docker compose up timed out: " : "docker compose up failed: ")
                    + t.redact(Transcript.lastLines(up.transcript(), 6)));
        }
    }

    /**
     * Containers Compose keeps although they are not the desired state (recreated by hand with its
     * labels copied, extra ones it cannot see) are removed, so that Compose creates them anew.
     */
    private boolean removeStrays(AppEntity app, List<DeployedService> services, Transcript t) {
        List<ObservedContainer> strays =
                Strays.find(DeployedServices.desired(services), engine.containers(app.getName()));
        for (ObservedContainer c : strays) {
            t.line("removing container " + c.name() + " (service " + c.service() + ", conops.config-hash "
                    + c.configHash() + "): not the desired state and left alone by Compose");
            engine.removeContainer(c.id());
        }
        return !strays.isEmpty();
    }

    /** The labels ConOps stamps: the app, the commit that last changed the service, its hash. */
    private void writeOverride(Path file, AppEntity app, List<DeployedService> services, Path envFile) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (DeployedService s : services) {
            Map<String, Object> service = new LinkedHashMap<>();
            if (envFile != null && !s.noEnvFile()) {
                // after the service's own env files, before its environment: the compose file's
                // explicit `environment:` still wins over a service_envs value of the same name
                service.put("env_file", List.of(envFile.toString()));
            }
            service.put(
                    "labels",
                    Map.of(
                            StampedLabels.APP,
                            app.getName(),
                            StampedLabels.COMMIT,
                            s.commit(),
                            StampedLabels.CONFIG_HASH,
                            s.hash()));
            overrides.put(s.name(), service);
        }
        try {
            Files.createDirectories(file.getParent());
            // JSON is YAML: Compose reads it as an override file
            Files.writeString(file, json.writeValueAsString(Map.of("services", overrides)));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The app's registry logins (its own and the global ones) as a private DOCKER_CONFIG, or null for none. */
    Path dockerConfig(AppEntity app) {
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
}
