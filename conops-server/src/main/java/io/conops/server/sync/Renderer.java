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

    Renderer(GitPort git, ComposePort compose, EnginePort engine, JsonMapper json) {
        this.git = git;
        this.compose = compose;
        this.engine = engine;
        this.json = json;
    }

    /** A commit exported into {@code dir} and rendered; {@code file} is its compose file there. */
    record Rendered(String sha, CommitInfo commit, Path dir, Path file, ComposeModel model) {
        ComposeProject project(String name, Path dockerConfig) {
            return new ComposeProject(name, file.getParent(), List.of(file), dockerConfig);
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
    Rendered render(String project, String composePath, GitSource source, String sha, Path dir, Transcript t) {
        CommitInfo commit = git.fetch(source, sha);
        Files2.deleteRecursively(dir);
        git.export(source, sha, dir);
        try {
            Path file = ComposeFiles.locate(dir, composePath, sha);
            ComposeLimits.check(dir, file);
            ComposeResult config = compose.config(new ComposeProject(project, file.getParent(), List.of(file)));
            t.add(config);
            if (!config.ok()) {
                throw new SyncFailure("invalid compose file " + composePath + " at " + SyncRunner.abbrev(sha) + ": "
                        + Transcript.lastLines(config.transcript(), 6));
            }
            ComposeModel model = ComposeModel.parse(json, config, composePath);
            if (model.services().isEmpty()) {
                throw new SyncFailure(composePath + " at " + SyncRunner.abbrev(sha) + " defines no services");
            }
            return new Rendered(sha, commit, dir, file, model);
        } catch (SyncFailure e) {
            throw e.as(ConditionType.INVALID_COMPOSE);
        }
    }

    /**
     * Per service, the desired-state hash over the export: it holds exactly the commit's files, so
     * data containers wrote into the worktree never counts. Image identities as the Engine has them now.
     */
    SortedMap<String, ServiceFingerprint> fingerprints(Rendered r) {
        Map<String, String> images = r.images();
        return new DesiredStateHasher(r.file().getParent())
                .fingerprintAll(
                        r.model().root(),
                        service -> images.containsKey(service) ? identity(images.get(service)) : null);
    }

    /** The local image id when the image is present (a re-pushed tag then counts), else its reference. */
    String identity(String image) {
        return Objects.requireNonNullElse(engine.imageId(image), image);
    }
}
