package io.conops.server.git;

import io.conops.core.port.CommitInfo;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.port.SignatureCheck;
import io.conops.core.port.TrustedSigners;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * {@link GitPort} over JGit. Each app has a bare repository at {@code <reposDir>/<appKey>} that
 * only ever receives its branch; commits are laid out either into a scratch directory
 * ({@link #export}) or into the app's stable worktree ({@link #checkout}), whose index lives in
 * the bare repository so the worktree holds no {@code .git} of its own.
 *
 * <p>Operations for one app must not run concurrently (the per-app work queue guarantees it);
 * different apps share nothing.
 */
public final class JGitAdapter implements GitPort {

    /** App keys become directory names: no separators, no leading dot. */
    private static final Pattern APP_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path reposDir;
    private final RemoteCommands remote;
    private final long maxRepoBytes;
    private final CommitSignatures signatures;

    /**
     * @param reposDir where the apps' local repositories live; created when missing
     * @param networkTimeout the limit for each network command
     * @param knownHostsFile the known_hosts file SSH host keys are checked against (see
     *     {@link KnownHosts#locate}); null means {@code ~/.ssh/known_hosts}
     */
    public JGitAdapter(Path reposDir, Duration networkTimeout, Path knownHostsFile) {
        this(
                reposDir.toAbsolutePath().normalize(),
                new RemoteCommands(
                        networkTimeout,
                        knownHostsFile != null ? knownHostsFile.toAbsolutePath() : KnownHosts.userDefault(),
                        reposDir.toAbsolutePath().normalize()),
                Long.MAX_VALUE);
    }

    private JGitAdapter(Path reposDir, RemoteCommands remote, long maxRepoBytes) {
        this.reposDir = reposDir;
        this.remote = remote;
        this.maxRepoBytes = maxRepoBytes;
        // not an app key (those never start with a dot): no app's repository can be named so
        this.signatures = new CommitSignatures(reposDir.resolve(".signers"));
    }

    /** The same adapter, refusing a local repository larger than {@code bytes} on disk (CONOPS_MAX_REPO_SIZE). */
    public JGitAdapter withMaxRepoSize(long bytes) {
        return new JGitAdapter(reposDir, remote, bytes);
    }

    @Override
    public String resolveHead(GitSource source) {
        Collection<Ref> local = localHeads(source.url());
        Collection<Ref> refs = local != null
                ? local
                : remote.call(Git.lsRemoteRepository().setRemote(source.url()).setHeads(true), source, "ls-remote");
        String wanted = Constants.R_HEADS + source.branch();
        return refs.stream()
                .filter(ref -> ref.getName().equals(wanted) && ref.getObjectId() != null)
                .map(ref -> ref.getObjectId().name())
                .findFirst()
                .orElseThrow(() -> GitFailures.branchNotFound(
                        source,
                        refs.stream()
                                .map(Ref::getName)
                                .filter(n -> n.startsWith(Constants.R_HEADS))
                                .map(n -> n.substring(Constants.R_HEADS.length()))
                                .sorted()
                                .toList()));
    }

    /**
     * The branches of a repository on this machine (a file:// URL), read from its refs: what an
     * ls-remote would list, without the protocol session (a pack thread and a timer thread per
     * poll). Null when the URL is not a local repository that opens, so the ls-remote runs and
     * reports what is wrong the usual way.
     */
    private static Collection<Ref> localHeads(String url) {
        if (url == null || !url.startsWith("file://")) {
            return null;
        }
        try {
            File dir = new File(new URIish(url).getPath());
            File gitDir = RepositoryCache.FileKey.resolve(dir, FS.DETECTED);
            if (gitDir == null) {
                return null;
            }
            try (Repository repo = new FileRepositoryBuilder()
                    .setGitDir(gitDir)
                    .setMustExist(true)
                    .build()) {
                return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public CommitInfo fetch(GitSource source, String sha) {
        ObjectId id = commitId(source, sha);
        try (Repository repo = openOrCreate(source)) {
            RepoSizeLimit limit = new RepoSizeLimit(gitDir(source), maxRepoBytes, source);
            limit.check();
            if (!repo.getObjectDatabase().has(id)) {
                String branch = Constants.R_HEADS + source.branch();
                // only the app's branch, into a remote-tracking ref so fetched commits stay reachable
                RefSpec spec = new RefSpec("+" + branch + ":" + Constants.R_REMOTES + "origin/" + source.branch());
                try {
                    remote.call(
                            Git.wrap(repo)
                                    .fetch()
                                    .setRemote(source.url())
                                    .setRefSpecs(spec)
                                    .setTagOpt(TagOpt.NO_TAGS)
                                    .setProgressMonitor(limit),
                            source,
                            "fetch");
                } catch (GitException e) {
                    throw limit.exceeded() ? limit.failure() : e;
                }
                limit.check();
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(id);
                PersonIdent author = commit.getAuthorIdent();
                String firstLine =
                        commit.getFullMessage().lines().findFirst().orElse("").strip();
                return new CommitInfo(
                        commit.name(),
                        firstLine,
                        author.getName() + " <" + author.getEmailAddress() + ">",
                        Instant.ofEpochSecond(commit.getCommitTime()));
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                throw GitFailures.commitNotFound(source, sha);
            }
        } catch (IOException e) {
            throw GitFailures.local("fetch", source, e);
        }
    }

    @Override
    public void export(GitSource source, String sha, Path directory) {
        ObjectId id = commitId(source, sha);
        Path gitDir = gitDir(source);
        // a private index, so exporting never disturbs the stable worktree's index
        File index =
                gitDir.resolve("conops-export-" + UUID.randomUUID() + ".index").toFile();
        try {
            requireEmpty(directory);
            try (Repository view = new FileRepositoryBuilder()
                            .setGitDir(gitDir.toFile())
                            .setWorkTree(directory.toFile())
                            .setIndexFile(index)
                            .setMustExist(true)
                            .build();
                    RevWalk walk = new RevWalk(view)) {
                RevCommit commit = parseLocal(walk, id, source, sha);
                new DirCacheCheckout(view, view.lockDirCache(), commit.getTree()).checkout();
            } finally {
                Files.deleteIfExists(index.toPath());
                Files.deleteIfExists(Path.of(index.getPath() + ".lock"));
            }
        } catch (IOException e) {
            throw GitFailures.local("export of " + sha, source, e);
        }
    }

    @Override
    public void checkout(GitSource source, String sha, Path worktree) {
        ObjectId id = commitId(source, sha);
        try {
            Files.createDirectories(worktree);
            try (Repository repo = new FileRepositoryBuilder()
                            .setGitDir(gitDir(source).toFile())
                            .setWorkTree(worktree.toFile())
                            .setMustExist(true)
                            .build();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = parseLocal(walk, id, source, sha);
                // detach first: a hard reset moves whatever HEAD points at, and no branch is ours to move
                RefUpdate head = repo.updateRef(Constants.HEAD, true);
                head.setNewObjectId(commit);
                head.forceUpdate();
                // a hard reset rewrites tracked files, removes the ones the commit dropped, keeps untracked ones
                Git.wrap(repo)
                        .reset()
                        .setMode(ResetType.HARD)
                        .setRef(commit.name())
                        .call();
            }
        } catch (IOException | GitAPIException e) {
            throw GitFailures.local("checkout of " + sha, source, e);
        }
    }

    @Override
    public SignatureCheck verifySignature(GitSource source, String sha, TrustedSigners trusted) {
        ObjectId id = commitId(source, sha);
        try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(gitDir(source).toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repo)) {
            return signatures.verify(repo, parseLocal(walk, id, source, sha), trusted);
        } catch (IOException e) {
            throw GitFailures.local("signature check of " + sha, source, e);
        }
    }

    @Override
    public void remove(GitSource source) {
        try {
            FileUtils.delete(gitDir(source).toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
        } catch (IOException e) {
            throw GitFailures.local("removing the local repository", source, e);
        }
    }

    @Override
    public boolean isStrictAncestor(GitSource source, String ancestor, String descendant) {
        if (ancestor == null || descendant == null || !ObjectId.isId(ancestor) || !ObjectId.isId(descendant)) {
            return false;
        }
        if (ancestor.equals(descendant) || !Files.isDirectory(gitDir(source))) {
            return false;
        }
        try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(gitDir(source).toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId a = ObjectId.fromString(ancestor);
            ObjectId d = ObjectId.fromString(descendant);
            if (!repo.getObjectDatabase().has(a) || !repo.getObjectDatabase().has(d)) {
                return false;
            }
            return walk.isMergedInto(walk.parseCommit(a), walk.parseCommit(d));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        } catch (IOException e) {
            throw GitFailures.local("reading the history", source, e);
        }
    }

    private Repository openOrCreate(GitSource source) throws IOException {
        Path gitDir = gitDir(source);
        if (!Files.isDirectory(gitDir)) {
            try (Git created =
                    Git.init().setBare(true).setGitDir(gitDir.toFile()).call()) {
                // JGit's automatic gc after a fetch would otherwise run in a background thread,
                // racing remove() and outliving the operation the per-app queue thinks is over
                StoredConfig config = created.getRepository().getConfig();
                config.setBoolean(
                        ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
                config.save();
            } catch (GitAPIException e) {
                throw new IOException("cannot create " + gitDir + ": " + e.getMessage(), e);
            }
        }
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }

    private RevCommit parseLocal(RevWalk walk, ObjectId id, GitSource source, String sha) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new GitException(
                    GitException.Kind.COMMIT_NOT_FOUND,
                    "commit " + sha + " has not been fetched for app " + source.appKey());
        }
    }

    private Path gitDir(GitSource source) {
        String key = source.appKey();
        if (key == null || !APP_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("app key must be a safe directory name: " + key);
        }
        return reposDir.resolve(key);
    }

    private static ObjectId commitId(GitSource source, String sha) {
        if (sha == null || !ObjectId.isId(sha)) {
            throw new GitException(
                    GitException.Kind.COMMIT_NOT_FOUND,
                    "'" + sha + "' is not a full commit SHA (app " + source.appKey() + ")");
        }
        return ObjectId.fromString(sha);
    }

    private static void requireEmpty(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(directory + " is not empty");
            }
        }
    }
}
