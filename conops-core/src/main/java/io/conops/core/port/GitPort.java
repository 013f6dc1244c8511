package io.conops.core.port;

import java.nio.file.Path;

/** Git access: resolve branch heads cheaply, fetch, and lay commits out on disk. */
public interface GitPort {

    /** The full SHA the branch points at on the remote (ls-remote; fetches nothing). */
    String resolveHead(GitSource source);

    /** Makes the commit available locally, fetching the branch when it is not there yet. */
    CommitInfo fetch(GitSource source, String sha);

    /** Writes the commit's files into an empty directory, touching nothing else. */
    void export(GitSource source, String sha, Path directory);

    /** Moves the app's stable worktree to the commit: detached, hard reset, untracked files kept. */
    void checkout(GitSource source, String sha, Path worktree);

    /**
     * True when both commits are in the app's local repository and {@code ancestor} is reachable
     * from {@code descendant} but is not it; false otherwise (also when either was never fetched).
     * Local only: nothing is fetched.
     */
    boolean isStrictAncestor(GitSource source, String ancestor, String descendant);

    /**
     * Checks the signature of a fetched commit against the keys the app trusts. Local only; a
     * commit never fetched is a failure, not a verdict.
     */
    SignatureCheck verifySignature(GitSource source, String sha, TrustedSigners trusted);

    /** Forgets the app's local repository. */
    void remove(GitSource source);
}
