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
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * {@link GitPort} over JGit. Apps of one repository and credentials fetch into one bare object
 * store under {@code <reposDir>} (see {@link ObjectStores} for the layout, {@link StoreNames} for
 * who shares), each only its branch and into refs of its own; commits are laid out either into a
 * scratch directory ({@link #export}) or into the app's stable worktree ({@link #checkout}), whose
 * index is the app's own, so the worktree holds no {@code .git} and no app moves another's files.
 *
 * <p>Operations for one app must not run concurrently (the per-app work queue guarantees it);
 * apps sharing a store take turns through its lock: one fetch at a time, reads between fetches.
 */
public final class JGitAdapter implements GitPort {

    /** App keys become directory names: no separators, no leading dot. */
    private static final Pattern APP_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path reposDir;
    private final RemoteCommands remote;
    private final long maxRepoBytes;
    private final CommitSignatures signatures;
    private final StoreNames storeNames;
    private final ObjectStores stores;

    /**
     * @param reposDir where the local repositories live; created when missing
     * @param networkTimeout the limit for each network command
     * @param knownHostsFile the known_hosts file SSH host keys are checked against (see
     *     {@link KnownHosts#locate}); null means {@code ~/.ssh/known_hosts}
     * @param keyedHash lowercase hex HMAC with the installation's key, through which credentials
     *     count in the names of the stores
     */
    public JGitAdapter(Path reposDir, Duration networkTimeout, Path knownHostsFile, UnaryOperator<String> keyedHash) {
        this(
                reposDir.toAbsolutePath().normalize(),
                new RemoteCommands(
                        networkTimeout,
                        knownHostsFile != null ? knownHostsFile.toAbsolutePath() : KnownHosts.userDefault(),
                        reposDir.toAbsolutePath().normalize()),
                Long.MAX_VALUE,
                new StoreNames(keyedHash));
    }

    private JGitAdapter(Path reposDir, RemoteCommands remote, long maxRepoBytes, StoreNames storeNames) {
        this.reposDir = reposDir;
        this.remote = remote;
        this.maxRepoBytes = maxRepoBytes;
        this.storeNames = storeNames;
        this.stores = new ObjectStores(reposDir);
        // not an app key (those never start with a dot): no app's repository can be named so
        this.signatures = new CommitSignatures(reposDir.resolve(".signers"));
    }

    /** The same adapter, refusing a local repository larger than {@code bytes} on disk (CONOPS_MAX_REPO_SIZE). */
    public JGitAdapter withMaxRepoSize(long bytes) {
        return new JGitAdapter(reposDir, remote, bytes, storeNames);
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
        String appKey = appKey(source);
        String store = storeNames.of(source);
        String before;
        CommitInfo info;
        Lock lock = stores.writeLock(store);
        lock.lock();
        try (Repository repo = stores.openOrCreate(store)) {
            String ref = ObjectStores.refs(appKey) + "head";
            if (repo.getObjectDatabase().has(id)) {
                info = describe(repo, id, source, sha);
                // fetched for another app, or earlier: this app's own ref keeps it from any gc
                RefUpdate update = repo.updateRef(ref);
                update.setNewObjectId(id);
                update.forceUpdate();
            } else {
                fetchBranch(repo, stores.dir(store), source, ref);
                info = describe(repo, id, source, sha);
            }
            before = stores.join(appKey, store);
        } catch (IOException e) {
            throw GitFailures.local("fetch", source, e);
        } finally {
            lock.unlock();
        }
        if (before != null && !before.equals(store)) {
            // the app's repository or credentials changed: it no longer keeps the old store alive
            try {
                stores.drop(appKey, before);
            } catch (IOException e) {
                throw GitFailures.local("leaving the previous local repository", source, e);
            }
        }
        return info;
    }

    /** Only the app's branch, into the app's own ref: another app's refs and fetches are not disturbed. */
    private void fetchBranch(Repository repo, Path gitDir, GitSource source, String ref) {
        RepoSizeLimit limit = new RepoSizeLimit(gitDir, maxRepoBytes, source);
        limit.check();
        RefSpec spec = new RefSpec("+" + Constants.R_HEADS + source.branch() + ":" + ref);
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

    private static CommitInfo describe(Repository repo, ObjectId id, GitSource source, String sha) throws IOException {
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
    }

    @Override
    public void export(GitSource source, String sha, Path directory) {
        ObjectId id = commitId(source, sha);
        String appKey = appKey(source);
        try {
            requireEmpty(directory);
            try (ObjectStores.Reading store = reading(source, sha)) {
                // a private index, so exporting never disturbs the stable worktree's index
                File index = Files.createDirectories(stores.member(appKey))
                        .resolve("export-" + UUID.randomUUID() + ".index")
                        .toFile();
                try (Repository view = new FileRepositoryBuilder()
                                .setGitDir(store.gitDir().toFile())
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
            }
        } catch (IOException e) {
            throw GitFailures.local("export of " + sha, source, e);
        }
    }

    /**
     * Reads the commit's tree into the worktree through the app's own index, as a hard reset would
     * (tracked files rewritten, files the commit dropped removed, untracked ones kept), but without
     * a HEAD: the store's HEAD and index belong to no app.
     */
    @Override
    public void checkout(GitSource source, String sha, Path worktree) {
        ObjectId id = commitId(source, sha);
        String appKey = appKey(source);
        try {
            Files.createDirectories(worktree);
            try (ObjectStores.Reading store = reading(source, sha);
                    Repository view = new FileRepositoryBuilder()
                            .setGitDir(store.gitDir().toFile())
                            .setWorkTree(worktree.toFile())
                            .setIndexFile(stores.worktreeIndex(appKey).toFile())
                            .setMustExist(true)
                            .build();
                    RevWalk walk = new RevWalk(view)) {
                RevCommit commit = parseLocal(walk, id, source, sha);
                DirCache index = view.lockDirCache();
                try {
                    DirCacheCheckout checkout = new DirCacheCheckout(view, index, commit.getTree());
                    checkout.setFailOnConflict(false);
                    checkout.checkout();
                } finally {
                    index.unlock();
                }
            }
        } catch (IOException e) {
            throw GitFailures.local("checkout of " + sha, source, e);
        }
    }

    @Override
    public SignatureCheck verifySignature(GitSource source, String sha, TrustedSigners trusted) {
        ObjectId id = commitId(source, sha);
        try (ObjectStores.Reading store = reading(source, sha);
                Repository repo = open(store.gitDir());
                RevWalk walk = new RevWalk(repo)) {
            return signatures.verify(repo, parseLocal(walk, id, source, sha), trusted);
        } catch (IOException e) {
            throw GitFailures.local("signature check of " + sha, source, e);
        }
    }

    /** Drops the app's refs; its store goes with the last app that used it. */
    @Override
    public void remove(GitSource source) {
        try {
            stores.leave(appKey(source));
        } catch (IOException e) {
            throw GitFailures.local("removing the local repository", source, e);
        }
    }

    @Override
    public boolean isStrictAncestor(GitSource source, String ancestor, String descendant) {
        if (ancestor == null || descendant == null || !ObjectId.isId(ancestor) || !ObjectId.isId(descendant)) {
            return false;
        }
        if (ancestor.equals(descendant)) {
            return false;
        }
        try (ObjectStores.Reading store = stores.read(appKey(source))) {
            if (store == null) {
                return false;
            }
            try (Repository repo = open(store.gitDir());
                    RevWalk walk = new RevWalk(repo)) {
                ObjectId a = ObjectId.fromString(ancestor);
                ObjectId d = ObjectId.fromString(descendant);
                if (!repo.getObjectDatabase().has(a)
                        || !repo.getObjectDatabase().has(d)) {
                    return false;
                }
                return walk.isMergedInto(walk.parseCommit(a), walk.parseCommit(d));
            }
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        } catch (IOException e) {
            throw GitFailures.local("reading the history", source, e);
        }
    }

    /** The app's store under its read lock; a commit of an app that fetched nothing is simply not there. */
    private ObjectStores.Reading reading(GitSource source, String sha) throws IOException {
        ObjectStores.Reading store = stores.read(appKey(source));
        if (store == null) {
            throw notFetched(source, sha);
        }
        return store;
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }

    private RevCommit parseLocal(RevWalk walk, ObjectId id, GitSource source, String sha) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw notFetched(source, sha);
        }
    }

    private static GitException notFetched(GitSource source, String sha) {
        return new GitException(
                GitException.Kind.COMMIT_NOT_FOUND,
                "commit " + sha + " has not been fetched for app " + source.appKey());
    }

    /** The app's key, checked: it names a folder and a ref namespace, and must not look like a store. */
    private static String appKey(GitSource source) {
        String key = source.appKey();
        if (key == null
                || !APP_KEY.matcher(key).matches()
                || key.endsWith(StoreNames.SUFFIX)
                || !Repository.isValidRefName(ObjectStores.refs(key) + "head")) {
            throw new IllegalArgumentException("app key must be a safe directory name: " + key);
        }
        return key;
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
