package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.port.CommitInfo;
import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against file:// bare repositories: everything but the network transports. */
class JGitAdapterIT {

    @TempDir
    Path tmp;

    private TestRepo origin;
    private JGitAdapter git;
    private GitSource source;
    private Path worktree;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.create(tmp, "origin");
        git = new JGitAdapter(
                tmp.resolve("data/repos"), Duration.ofSeconds(10), tmp.resolve("known_hosts"), TestStoreKeys.hmac());
        source = new GitSource("shop", origin.fileUrl(), "main", GitCredentials.NONE);
        worktree = tmp.resolve("data/apps/shop");
    }

    @AfterEach
    void tearDown() {
        origin.close();
    }

    @Test
    void resolveHeadReturnsTheBranchTipWithoutFetching() throws Exception {
        origin.write("compose.yaml", "services: {}\n").commit("first");
        String second = origin.write("compose.yaml", "services: {web: {image: nginx}}\n")
                .commit("second");

        assertThat(git.resolveHead(source)).isEqualTo(second);
        assertThat(stores()).isEmpty();
    }

    @Test
    void missingBranchFailsNamingTheBranch() throws Exception {
        origin.write("compose.yaml", "services: {}\n").commit("first");
        GitSource other = new GitSource("shop", origin.fileUrl(), "release", GitCredentials.NONE);

        assertThatThrownBy(() -> git.resolveHead(other))
                .isInstanceOfSatisfying(
                        GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.BRANCH_NOT_FOUND))
                .hasMessageContaining("branch 'release' not found");
    }

    @Test
    void missingRepositoryFailsAsNotFound() {
        GitSource missing =
                new GitSource("shop", tmp.resolve("nope.git").toUri().toString(), "main", GitCredentials.NONE);

        assertThatThrownBy(() -> git.resolveHead(missing))
                .isInstanceOfSatisfying(
                        GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.REPOSITORY_NOT_FOUND))
                .hasMessageContaining("repository not found");
    }

    @Test
    void fetchBringsNewCommitsAndDescribesThem() throws Exception {
        String first = origin.write("compose.yaml", "services: {}\n").commit("first");
        assertThat(git.fetch(source, first).sha()).isEqualTo(first);

        String second = origin.write("compose.yaml", "services: {web: {image: nginx}}\n")
                .commit("Use nginx\n\nLonger explanation.");
        CommitInfo info = git.fetch(source, git.resolveHead(source));

        assertThat(info.sha()).isEqualTo(second);
        assertThat(info.message()).isEqualTo("Use nginx");
        assertThat(info.author()).isEqualTo("Ann Author <ann@example.com>");
        assertThat(info.time()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
    }

    @Test
    void ancestryIsAnsweredFromTheLocalRepositoryOnly() throws Exception {
        String first = origin.write("compose.yaml", "services: {}\n").commit("first");
        String second = origin.write("compose.yaml", "services: {web: {image: nginx}}\n")
                .commit("second");

        // nothing fetched yet: nothing is known to be older
        assertThat(git.isStrictAncestor(source, first, second)).isFalse();
        git.fetch(source, second);

        assertThat(git.isStrictAncestor(source, first, second)).isTrue();
        assertThat(git.isStrictAncestor(source, second, first)).isFalse();
        assertThat(git.isStrictAncestor(source, second, second)).isFalse();
        assertThat(git.isStrictAncestor(source, "0123456789abcdef0123456789abcdef01234567", second))
                .isFalse();
        assertThat(git.isStrictAncestor(source, "not a sha", second)).isFalse();
    }

    @Test
    void fetchOfACommitNotOnTheBranchFailsClearly() throws Exception {
        origin.write("compose.yaml", "services: {}\n").commit("first");
        String stranger = "0123456789abcdef0123456789abcdef01234567";

        assertThatThrownBy(() -> git.fetch(source, stranger))
                .isInstanceOfSatisfying(
                        GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.COMMIT_NOT_FOUND))
                .hasMessageContaining(stranger)
                .hasMessageContaining("'main'");
    }

    @Test
    void exportWritesFilesExecutableBitsAndSymlinksWithoutTouchingTheWorktree() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(source, first);
        git.checkout(source, first, worktree);

        String second = origin.write("compose.yaml", "v2\n")
                .executable("bin/start.sh", "#!/bin/sh\necho hi\n")
                .write("conf/nginx.conf", "worker_processes 1;\n")
                .symlink("nginx.conf", "conf/nginx.conf")
                .commit("second");
        git.fetch(source, second);
        Path scratch = tmp.resolve("scratch/" + second);
        git.export(source, second, scratch);

        assertThat(scratch.resolve("compose.yaml")).hasContent("v2");
        assertThat(Files.getPosixFilePermissions(scratch.resolve("bin/start.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(scratch.resolve("compose.yaml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.isSymbolicLink(scratch.resolve("nginx.conf"))).isTrue();
        assertThat(Files.readSymbolicLink(scratch.resolve("nginx.conf"))).isEqualTo(Path.of("conf/nginx.conf"));
        assertThat(scratch.resolve(".git")).doesNotExist();
        assertThat(worktree.resolve("compose.yaml")).hasContent("v1");
        assertThat(worktree.resolve("bin")).doesNotExist();
        assertThat(stores().get(0).resolve("index")).doesNotExist();
    }

    @Test
    void exportRefusesADirectoryThatIsNotEmpty() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(source, first);
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Files.writeString(scratch.resolve("left-over"), "x");

        assertThatThrownBy(() -> git.export(source, first, scratch))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void checkoutKeepsUntrackedFilesAndRemovesDeletedTrackedFiles() throws Exception {
        String first = origin.write("compose.yaml", "v1\n")
                .write("conf/old.conf", "old\n")
                .commit("first");
        git.fetch(source, first);
        git.checkout(source, first, worktree);
        Files.createDirectories(worktree.resolve("data"));
        Files.writeString(worktree.resolve("data/db.sqlite"), "written by a container");
        Files.writeString(worktree.resolve("conf/runtime.pid"), "42");

        String second =
                origin.delete("conf/old.conf").write("compose.yaml", "v2\n").commit("second");
        git.fetch(source, second);
        git.checkout(source, second, worktree);

        assertThat(worktree.resolve("compose.yaml")).hasContent("v2");
        assertThat(worktree.resolve("conf/old.conf")).doesNotExist();
        assertThat(worktree.resolve("data/db.sqlite")).hasContent("written by a container");
        assertThat(worktree.resolve("conf/runtime.pid")).hasContent("42");
    }

    @Test
    void checkoutMovesTheSameWorktreePathAndLeavesTheStoresHeadAndIndexAlone() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(source, first);
        git.checkout(source, first, worktree);
        String second = origin.write("compose.yaml", "v2\n").commit("second");
        git.fetch(source, second);
        git.checkout(source, second, worktree);

        assertThat(worktree.resolve("compose.yaml")).hasContent("v2");
        assertThat(worktree.resolve(".git")).doesNotExist();
        Path store = stores().get(0);
        assertThat(store.resolve("index")).doesNotExist();
        try (Repository repo =
                new FileRepositoryBuilder().setGitDir(store.toFile()).build()) {
            // as git init left it: no app's checkout is the store's
            assertThat(repo.exactRef(Constants.HEAD).isSymbolic()).isTrue();
            assertThat(repo.exactRef("refs/conops/shop/head").getObjectId().name())
                    .isEqualTo(second);
        }

        git.checkout(source, first, worktree);
        assertThat(worktree.resolve("compose.yaml")).hasContent("v1");
    }

    @Test
    void checkoutRestoresTrackedFilesChangedOrDeletedByHand() throws Exception {
        String first = origin.write("compose.yaml", "v1\n")
                .write("nginx.conf", "good\n")
                .commit("first");
        git.fetch(source, first);
        git.checkout(source, first, worktree);
        Files.writeString(worktree.resolve("compose.yaml"), "edited by hand");
        Files.delete(worktree.resolve("nginx.conf"));

        git.checkout(source, first, worktree);

        assertThat(worktree.resolve("compose.yaml")).hasContent("v1");
        assertThat(worktree.resolve("nginx.conf")).hasContent("good");
    }

    @Test
    void removeForgetsTheLocalRepository() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(source, first);
        assertThat(stores()).hasSize(1);

        git.remove(source);

        assertThat(stores()).isEmpty();
        assertThat(tmp.resolve("data/repos/.apps/shop")).doesNotExist();
        assertThatThrownBy(() -> git.checkout(source, first, worktree)).isInstanceOf(GitException.class);
    }

    /** The object stores under the repositories directory. */
    private List<Path> stores() throws Exception {
        Path repos = tmp.resolve("data/repos");
        if (!Files.isDirectory(repos)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(repos)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".git"))
                    .toList();
        }
    }
}
