package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apps of one repository share one object store: each fetches into refs of its own and lays its
 * commits out through an index of its own; the store goes with the last of them. Apps with other
 * credentials get a store of their own; clones of the per-app layout of older versions still
 * serve until their app's next fetch, which takes them over.
 */
class SharedStoresIT {

    @TempDir
    Path tmp;

    private TestRepo origin;
    private JGitAdapter git;
    private Path repos;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.create(tmp, "origin");
        repos = tmp.resolve("data/repos");
        git = new JGitAdapter(repos, Duration.ofSeconds(20), tmp.resolve("known_hosts"), TestStoreKeys.hmac());
    }

    @AfterEach
    void tearDown() {
        origin.close();
    }

    @Test
    void appsOfOneRepositoryShareOneStoreAndEachKeepsItsOwnWorktree() throws Exception {
        String main1 = origin.write("compose.yaml", "main v1\n").commit("main v1");
        String dev1 = origin.write("compose.yaml", "dev v1\n").commit("dev v1", "dev");
        // two spellings of the same repository, and another branch of it
        GitSource a = new GitSource("app-a", origin.fileUrl(), "main", GitCredentials.NONE);
        GitSource b = new GitSource("app-b", "file://" + origin.bareDir(), "main", GitCredentials.NONE);
        GitSource c = new GitSource("app-c", origin.fileUrl(), "dev", GitCredentials.NONE);
        for (GitSource s : List.of(a, b, c)) {
            git.fetch(s, git.resolveHead(s));
        }
        git.checkout(a, main1, tmp.resolve("a"));
        git.checkout(b, main1, tmp.resolve("b"));
        git.checkout(c, dev1, tmp.resolve("c"));
        assertThat(stores()).hasSize(1);
        Path store = stores().get(0);
        assertThat(store.getFileName().toString()).startsWith("file-").endsWith(".git");

        String main2 = origin.write("compose.yaml", "main v2\n").commit("main v2");
        git.fetch(a, main2);
        git.checkout(a, main2, tmp.resolve("a"));

        // b has not moved: its worktree and ref are as they were
        assertThat(tmp.resolve("a/compose.yaml")).hasContent("main v2");
        assertThat(tmp.resolve("b/compose.yaml")).hasContent("main v1");
        assertThat(tmp.resolve("c/compose.yaml")).hasContent("dev v1");
        assertThat(ref(store, "app-b")).isEqualTo(main1);
        assertThat(ref(store, "app-c")).isEqualTo(dev1);
        // b finds the commit a fetched without a fetch of its own, and keeps it reachable itself
        git.fetch(b, main2);
        assertThat(ref(store, "app-b")).isEqualTo(main2);

        git.remove(a);
        assertThat(stores()).containsExactly(store);
        git.checkout(b, main2, tmp.resolve("b"));
        git.checkout(c, dev1, tmp.resolve("c"));
        assertThat(tmp.resolve("b/compose.yaml")).hasContent("main v2");

        git.remove(b);
        assertThat(stores()).containsExactly(store);
        git.remove(c);
        assertThat(stores()).isEmpty();
        assertThat(repos.resolve(".apps")).isEmptyDirectory();
    }

    @Test
    void otherCredentialsGetAStoreOfTheirOwn() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        GitSource open = new GitSource("open", origin.fileUrl(), "main", GitCredentials.NONE);
        GitSource withToken =
                new GitSource("token", origin.fileUrl(), "main", new GitCredentials.Token(null, "s3cret-token"));
        git.fetch(open, first);
        git.fetch(withToken, first);

        assertThat(stores()).hasSize(2);
        assertThat(stores()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("s3cret"));
        // each store holds only its own app's refs
        git.remove(open);
        assertThat(stores()).hasSize(1);
        git.checkout(withToken, first, tmp.resolve("w"));
        assertThat(tmp.resolve("w/compose.yaml")).hasContent("v1");
    }

    @Test
    void anAppWhoseCredentialsChangedMovesToTheirStoreAndTheOldOneGoes() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(new GitSource("app", origin.fileUrl(), "main", GitCredentials.NONE), first);
        Path before = stores().get(0);

        GitSource changed = new GitSource("app", origin.fileUrl(), "main", new GitCredentials.Token("ci", "t0ken"));
        git.fetch(changed, first);

        assertThat(stores()).hasSize(1).doesNotContain(before);
        git.checkout(changed, first, tmp.resolve("w"));
        assertThat(tmp.resolve("w/compose.yaml")).hasContent("v1");
    }

    @Test
    void concurrentFetchesIntoOneStoreBothSucceed() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        String dev = origin.write("compose.yaml", "dev\n").commit("dev", "dev");
        GitSource a = new GitSource("app-a", origin.fileUrl(), "main", GitCredentials.NONE);
        GitSource b = new GitSource("app-b", origin.fileUrl(), "dev", GitCredentials.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> fetchAndCheckOut(start, a, first), pool);
            CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> fetchAndCheckOut(start, b, dev), pool);
            start.countDown();
            CompletableFuture.allOf(fa, fb).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(stores()).hasSize(1);
        assertThat(tmp.resolve("app-a/compose.yaml")).hasContent("v1");
        assertThat(tmp.resolve("app-b/compose.yaml")).hasContent("dev");
    }

    @Test
    void aCloneOfTheOldPerAppLayoutServesUntilTheNextFetchTakesItOver() throws Exception {
        String first = origin.write("compose.yaml", "v1\n")
                .write("conf/old.conf", "old\n")
                .commit("first");
        Path worktree = tmp.resolve("data/apps/legacy/worktree");
        oldLayoutClone("legacy", first, worktree);
        Files.writeString(worktree.resolve("conf/runtime.pid"), "42");
        GitSource source = new GitSource("legacy", origin.fileUrl(), "main", GitCredentials.NONE);

        // before any fetch (a heal after the upgrade): read from the old clone
        Files.delete(worktree.resolve("compose.yaml"));
        git.checkout(source, first, worktree);
        assertThat(worktree.resolve("compose.yaml")).hasContent("v1");
        assertThat(git.isStrictAncestor(source, first, first)).isFalse();

        String second =
                origin.delete("conf/old.conf").write("compose.yaml", "v2\n").commit("second");
        git.fetch(source, second);
        git.checkout(source, second, worktree);

        assertThat(repos.resolve("legacy")).doesNotExist();
        assertThat(stores()).hasSize(1);
        assertThat(worktree.resolve("compose.yaml")).hasContent("v2");
        // the old clone's index was taken over: the file the new commit dropped is known and goes
        assertThat(worktree.resolve("conf/old.conf")).doesNotExist();
        assertThat(worktree.resolve("conf/runtime.pid")).hasContent("42");
        assertThat(git.isStrictAncestor(source, first, second)).isTrue();

        git.remove(source);
        assertThat(stores()).isEmpty();
    }

    @Test
    void anAppThatFetchedNothingHasNothingToLayOut() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(new GitSource("other", origin.fileUrl(), "main", GitCredentials.NONE), first);
        GitSource idle = new GitSource("idle", origin.fileUrl(), "main", GitCredentials.NONE);

        assertThatThrownBy(() -> git.export(idle, first, tmp.resolve("x")))
                .isInstanceOfSatisfying(
                        GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.COMMIT_NOT_FOUND))
                .hasMessageContaining("has not been fetched for app idle");
        assertThat(git.isStrictAncestor(idle, first, first)).isFalse();
    }

    private void fetchAndCheckOut(CountDownLatch start, GitSource source, String sha) {
        try {
            start.await();
            git.fetch(source, sha);
            git.checkout(source, sha, tmp.resolve(source.appKey()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What ConOps before shared stores left: a bare clone named after the app, the branch in a
     * remote-tracking ref, HEAD detached at the deployed commit and the worktree's index inside it.
     */
    private void oldLayoutClone(String appKey, String sha, Path worktree) throws Exception {
        Path gitDir = repos.resolve(appKey);
        Files.createDirectories(worktree);
        OldLayoutClones.make(gitDir, origin.fileUrl(), sha, worktree);
        assertThat(gitDir.resolve("index")).isRegularFile();
    }

    private static String ref(Path store, String appKey) throws Exception {
        try (Repository repo =
                new FileRepositoryBuilder().setGitDir(store.toFile()).build()) {
            return repo.exactRef("refs/conops/" + appKey + "/head")
                    .getObjectId()
                    .name();
        }
    }

    private List<Path> stores() throws Exception {
        if (!Files.isDirectory(repos)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(repos)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".git"))
                    .sorted()
                    .toList();
        }
    }
}
