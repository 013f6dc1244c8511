package io.conops.server.git;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The per-app clone ConOps kept before apps shared stores: bare, the branch in
 * {@code refs/remotes/origin/main}, HEAD detached at the deployed commit.
 */
final class OldLayoutClones {
    private OldLayoutClones() {}

    /** Makes it at {@code gitDir}; with a {@code worktree}, also checks the commit out there (its index in the clone). */
    static void make(Path gitDir, String originUrl, String sha, Path worktree) throws Exception {
        Git.init().setBare(true).setGitDir(gitDir.toFile()).call().close();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(gitDir.toFile());
        if (worktree != null) {
            builder.setWorkTree(worktree.toFile());
        }
        try (Repository repo = builder.build();
                Git g = Git.wrap(repo)) {
            g.fetch()
                    .setRemote(originUrl)
                    .setRefSpecs(new RefSpec("+refs/heads/main:refs/remotes/origin/main"))
                    .call();
            RefUpdate head = repo.updateRef(Constants.HEAD, true);
            head.setNewObjectId(repo.resolve(sha));
            head.forceUpdate();
            if (worktree != null) {
                g.reset().setMode(ResetType.HARD).setRef(sha).call();
            }
        }
    }
}
