package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.hash.DesiredStateHasher;
import io.conops.core.hash.ServiceFingerprint;
import io.conops.core.port.CommitInfo;
import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.EnginePort;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.server.credentials.KeyedHash;
import io.conops.server.sops.SopsException;
import io.conops.server.sops.SopsPlan;
import io.conops.server.sops.SopsPlanner;
import io.conops.server.system.Files2;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the desired state of a commit where nothing live can be touched: exports it into a
 * directory of its own, measures the compose file, lets {@code compose config} validate it, and
 * fingerprints each service. Shared by the sync and the diff preview, so both see the same thing.
 */
@Component
class Renderer {
    private final GitPort git;
    private final ComposePort compose;
    private final EnginePort engine;
    private final JsonMapper json;
    private final ServiceEnvs envs;
    private final HostPaths hostPaths;
    private final KeyedHash keyed;
    private final RenderSteps steps;
    private final SopsPlanner sops;

    Renderer(
            GitPort git,
            ComposePort compose,
            EnginePort engine,
            JsonMapper json,
            ServiceEnvs envs,
            HostPaths hostPaths,
            KeyedHash keyed,
            RenderSteps steps,
            SopsPlanner sops) {
        this.git = git;
        this.compose = compose;
        this.engine = engine;
        this.json = json;
        this.envs = envs;
        this.hostPaths = hostPaths;
        this.keyed = keyed;
        this.steps = steps;
        this.sops = sops;
    }

    /**
     * A commit exported into {@code dir} and rendered; {@code file} is its compose file there.
     *
     * @param variables the app's service_envs it was rendered with (secrets: never printed)
     * @param references per service that does not receive the env file, the variables it interpolates
     * @param overlaid the files a host overlay placed, relative to the compose file's folder as the
     *     fingerprints name them, with the overlay folder they came from
     * @param sops the SOPS files its services use (no plaintext)
     */
    record Rendered(
            String sha,
            CommitInfo commit,
            Path dir,
            Path file,
            ComposeModel model,
            Map<String, String> variables,
            Map<String, java.util.Set<String>> references,
            Map<String, String> overlaid,
            SopsPlan sops) {
        ComposeProject project(String name, Path dockerConfig) {
            return new ComposeProject(name, file.getParent(), List.of(file), dockerConfig, variables);
        }

        @Override
        public String toString() {
            return "Rendered[sha=" + sha + ", file=" + file + ", variables=" + variables.keySet() + "]";
        }

        /** Each service's image reference, for the services that name one. */
        Map<String, String> images() {
            Map<String, String> images = new TreeMap<>();
            model.services().forEach((service, def) -> {
                if (ComposeModel.image(def) != null) {
                    images.put(service, ComposeModel.image(def));
                }
            });
            return images;
        }
    }

    /**
     * @throws SyncFailure with {@link ConditionType#INVALID_COMPOSE} when the commit does not render
     */
    Rendered render(
            String project,
            RenderSteps.Spec spec,
            GitSource source,
            String sha,
            Path dir,
            Map<String, String> variables,
            Transcript t) {
        CommitInfo commit = t.timed("fetch", () -> git.fetch(source, sha));
        Files2.deleteRecursively(dir);
        t.timed("export", () -> git.export(source, sha, dir));
        try {
            RenderSteps.Tree tree = steps.apply(dir, spec);
            tree.notes().forEach(t::line);
            String composePath = tree.composePath();
            Path file = ComposeFiles.locate(dir, composePath, sha);
            ComposeLimits.check(dir, file);
            DockerOpsVolumes.rewrite(dir, file);
            CheckoutSources.check(dir, file);
            ComposeProject toCheck = new ComposeProject(project, file.getParent(), List.of(file), null, variables);
            ComposeResult config = compose.config(toCheck);
            t.add(config);
            if (!config.ok()) {
                throw new SyncFailure("invalid compose file " + composePath + " at " + SyncRunner.abbrev(sha) + ": "
                        + t.redact(Transcript.lastLines(config.transcript(), 6)));
            }
            ComposeModel model = ComposeModel.parse(json, config, composePath);
            if (model.services().isEmpty()) {
                throw new SyncFailure(composePath + " at " + SyncRunner.abbrev(sha) + " defines no services");
            }
            hostPaths.check(dir, model);
            SopsPlan plan = sopsPlan(project, sha, dir, model, toCheck, t, tree.sopsEnvironments());
            return new Rendered(
                    sha,
                    commit,
                    dir,
                    file,
                    model,
                    variables,
                    references(toCheck, model, variables, t),
                    OverlayNotes.relativeTo(dir, file.getParent(), tree.overlaid()),
                    plan);
        } catch (SyncFailure e) {
            throw e.as(ConditionType.INVALID_COMPOSE);
        }
    }

    /** A SOPS file that does not decrypt makes the commit invalid, with the file named. */
    private SopsPlan sopsPlan(
            String project,
            String sha,
            Path dir,
            ComposeModel model,
            ComposeProject p,
            Transcript t,
            Map<String, String> sopsEnvironments) {
        try {
            return sops.plan(
                    project, sha, dir, model.root(), () -> uninterpolated(p, t).root(), sopsEnvironments);
        } catch (SopsException e) {
            throw new SyncFailure(ConditionType.INVALID_COMPOSE, "cannot decrypt SOPS file " + e.getMessage(), e);
        }
    }

    /**
     * Which variables the services that do not receive the env file interpolate, read from the model
     * before interpolation; asked only when there are such services and variables at all.
     */
    private Map<String, java.util.Set<String>> references(
            ComposeProject project, ComposeModel model, Map<String, String> variables, Transcript t) {
        Map<String, java.util.Set<String>> out = new TreeMap<>();
        if (variables.isEmpty() || model.services().values().stream().allMatch(ServiceEnvs::receivesFile)) {
            return out;
        }
        uninterpolated(project, t).services().forEach((service, def) -> out.put(service, ServiceEnvs.references(def)));
        return out;
    }

    /** The model before interpolation: it still names the variables and the env files. */
    private ComposeModel uninterpolated(ComposeProject project, Transcript t) {
        ComposeResult raw = compose.configUninterpolated(project);
        t.add(raw);
        if (!raw.ok()) {
            throw new SyncFailure("cannot read the uninterpolated compose model: "
                    + t.redact(Transcript.lastLines(raw.transcript(), 6)));
        }
        return ComposeModel.parse(
                json, raw, project.files().get(0).getFileName().toString());
    }

    /**
     * Per service, the desired-state hash over the export: it holds exactly the commit's files, so
     * data containers wrote into the worktree never counts. Image identities as the app's engine
     * ({@code project}'s) has them now: that engine runs the image, whatever ConOps' own one holds.
     */
    SortedMap<String, ServiceFingerprint> fingerprints(String project, Rendered r) {
        Map<String, String> images = r.images();
        EnginePort appEngine = engine.forProject(project);
        return new DesiredStateHasher(r.file().getParent())
                .withSecretFileSeal(keyed::of)
                .fingerprintAll(
                        r.model().root(),
                        service -> images.containsKey(service) ? identity(appEngine, images.get(service)) : null,
                        service -> sops.inputs(
                                service,
                                r.sops(),
                                envs.inputs(
                                        r.variables(),
                                        r.model().services().get(service),
                                        r.references().getOrDefault(service, java.util.Set.of()))));
    }

    /** The image's id on the app's engine when present there (a re-pushed tag then counts), else its reference. */
    String identity(String project, String image) {
        return identity(engine.forProject(project), image);
    }

    private static String identity(EnginePort appEngine, String image) {
        return Objects.requireNonNullElse(appEngine.imageId(image), image);
    }
}
