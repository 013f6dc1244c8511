package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.core.port.CommitInfo;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.reconcile.Action;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StackChildren;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.Files2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sync of a stack set: read its stacks at the commit and keep one child app per stack. A new
 * stack's app is registered (and syncs at once), a stack whose file moved is updated, a stack no
 * longer listed is taken down like a deleted app with its named volumes kept. Each child deploys
 * itself: a commit that leaves a stack's files alone changes nothing of it (see {@link Deployer}).
 * A commit whose list cannot be read fails here and leaves every stack as it was.
 */
@Component
class StackSetSync {
    private static final Logger log = LoggerFactory.getLogger(StackSetSync.class);

    private final GitPort git;
    private final GitSources sources;
    private final StackChildren children;
    private final Teardown teardown;
    private final SyncRecorder recorder;
    private final DataDirectory dataDir;

    StackSetSync(
            GitPort git,
            GitSources sources,
            StackChildren children,
            Teardown teardown,
            SyncRecorder recorder,
            DataDirectory dataDir) {
        this.git = git;
        this.sources = sources;
        this.children = children;
        this.teardown = teardown;
        this.recorder = recorder;
        this.dataDir = dataDir;
    }

    void sync(AppEntity set, Trigger trigger, Action.Deploy action, String requestedBy) {
        String sha = action.commit();
        long id = recorder.startDeploy(set, sha, trigger, requestedBy);
        Transcript t = new Transcript();
        Path scratch = dataDir.app(set.getId().toString()).resolve("scratch");
        try {
            GitSource source = sources.of(set);
            CommitInfo commit = git.fetch(source, sha);
            recorder.describe(id, commit);
            Files2.deleteRecursively(scratch);
            git.export(source, sha, scratch);
            SortedMap<String, String> stacks = StackList.read(set, scratch, sha);
            t.line("commit " + sha + " " + (commit.message() == null ? "" : commit.message()));
            List<String> changes = new ArrayList<>();
            stacks.forEach((stack, composePath) -> {
                StackChildren.Change c = children.upsert(set, stack, composePath);
                t.line("stack " + stack + " (" + composePath + "): " + c.name().toLowerCase(java.util.Locale.ROOT));
                if (c != StackChildren.Change.UNCHANGED) {
                    changes.add(c.name().toLowerCase(java.util.Locale.ROOT) + " " + stack);
                }
            });
            for (AppEntity child : children.of(set.getName())) {
                String stack = child.getName().substring(set.getName().length() + 1);
                if (!stacks.containsKey(stack)) {
                    teardown.delete(child, false);
                    t.line("stack " + stack + ": no longer listed, taken down (named volumes kept)");
                    changes.add("removed " + stack);
                }
            }
            String message = "stacks at " + SyncRunner.abbrev(sha) + ": " + String.join(", ", stacks.keySet())
                    + (changes.isEmpty() ? "" : " (" + String.join("; ", changes) + ")");
            recorder.stacksApplied(set, id, sha, message, t);
            log.info("Stack set {}: {}", set.getName(), message);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("Stack set {}: sync of {} interrupted by shutdown", set.getName(), SyncRunner.abbrev(sha));
                return;
            }
            recorder.failed(set, id, sha, null, e, t);
        } finally {
            Files2.deleteRecursively(scratch);
        }
    }
}
