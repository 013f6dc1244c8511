package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import io.conops.core.app.Layout;
import io.conops.server.app.AppEntity;
import io.conops.server.sops.SopsException;
import io.conops.server.sops.SopsManifests;
import io.conops.server.system.HostProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps between a commit's files and the compose file Compose reads, run on the scratch export
 * (validation, hashing, diff) and again on the stable worktree (apply, heal), so both hold the same
 * files: the host overlay ({@code <overlay_dir>/<host name>/} over the root), then the layout
 * translation (homelab-gitops manifests into a compose file).
 */
@Component
class RenderSteps {
    /** Where a previous overlay's added files are listed, so the next checkout does not keep them. */
    static final String ADDED_LIST = "overlay-added.json";

    /** What an app asks of the steps. */
    record Spec(String composePath, String overlayDir, Layout layout, String app) {
        static Spec of(AppEntity app) {
            return new Spec(app.getComposePath(), app.getOverlayDir(), app.getLayout(), app.getName());
        }
    }

    /**
     * @param composePath the compose file to use, relative to the root
     * @param overlaid the files the host overlay placed, relative to the root, with their overlay folder
     * @param notes what the steps want the deployment's transcript to say
     * @param sopsEnvironments per service, the SOPS file whose variables it receives (homelab-gitops'
     *     {@code manifest.sops.yml}), relative to the root
     */
    record Tree(
            String composePath,
            SortedMap<String, String> overlaid,
            List<String> notes,
            Map<String, String> sopsEnvironments) {}

    private final String host;
    private final JsonMapper json;
    private final SopsManifests sops;

    RenderSteps(HostProperties host, JsonMapper json, SopsManifests sops) {
        this.host = host.hostName();
        this.json = json;
        this.sops = sops;
    }

    /** The steps on a fresh export of a commit. */
    Tree apply(Path root, Spec spec) {
        return steps(root, spec).tree;
    }

    /**
     * Checks the stable worktree out through {@code checkout} and runs the steps on it. A hard reset
     * keeps untracked files, so the files a previous overlay added are removed first: a file dropped
     * from the overlay must not live on in the worktree.
     */
    Tree checkout(Path worktree, Path appDir, Spec spec, Runnable checkout) {
        Path list = appDir.resolve(ADDED_LIST);
        removeAdded(worktree, list);
        checkout.run();
        Steps s = steps(worktree, spec);
        if (s.added.isEmpty()) {
            return s.tree;
        }
        try {
            Files.createDirectories(appDir);
            Files.writeString(list, json.writeValueAsString(s.added));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + list + ": " + e.getMessage(), e);
        }
        return s.tree;
    }

    /** The compose file an app's worktree holds once the steps ran, relative to the worktree. */
    String composePath(AppEntity app) {
        return app.getLayout() == Layout.HOMELAB_GITOPS
                ? "gitops/" + host + "/" + HomelabGitops.FILE
                : app.getComposePath();
    }

    private record Steps(Tree tree, List<String> added) {}

    private Steps steps(Path root, Spec spec) {
        HostOverlay.Result overlay = HostOverlay.apply(root, spec.overlayDir(), host);
        List<String> notes = new ArrayList<>();
        overlay.overlaid().values().stream()
                .distinct()
                .forEach(dir -> notes.add("overlay " + dir + ": "
                        + overlay.overlaid().values().stream()
                                .filter(dir::equals)
                                .count() + " files"));
        String composePath = spec.composePath();
        Map<String, String> sopsEnvironments = Map.of();
        if (spec.layout() == Layout.HOMELAB_GITOPS) {
            HomelabGitops.Result r = HomelabGitops.translate(root, host, json, file -> sopsNames(spec, root, file));
            composePath = r.composePath();
            notes.addAll(r.notes());
            sopsEnvironments = r.sopsEnvironments();
        }
        return new Steps(
                new Tree(composePath, overlay.overlaid(), List.copyOf(notes), sopsEnvironments), overlay.added());
    }

    private Set<String> sopsNames(Spec spec, Path root, String file) {
        try {
            return sops.environmentNames(spec.app(), root, file);
        } catch (SopsException e) {
            throw new SyncFailure(ConditionType.INVALID_COMPOSE, "cannot decrypt SOPS file " + e.getMessage(), e);
        }
    }

    private void removeAdded(Path worktree, Path list) {
        if (!Files.isRegularFile(list)) {
            return;
        }
        try {
            List<String> added = json.readValue(Files.readString(list), new TypeReference<List<String>>() {});
            Path base = worktree.toAbsolutePath().normalize();
            for (String rel : added) {
                Path p = base.resolve(rel).normalize();
                if (p.startsWith(base) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
            Files.delete(list);
        } catch (IOException | RuntimeException e) {
            throw new SyncFailure("cannot undo the previous overlay in " + worktree + ": " + e.getMessage(), e);
        }
    }
}
