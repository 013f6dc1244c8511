package io.conops.server.git;

import static io.conops.server.git.SshGitIT.assertNoSecret;
import static io.conops.server.git.SshGitIT.catchGit;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens over HTTP against JGit's GitServlet in embedded Tomcat, plus network failures. */
class HttpGitIT {

    private static final String TOKEN = "tok-3f9a1c77e2b54d0c";
    private static final String CI_TOKEN = "ci-8d21f0aa6b7e4c19";

    @TempDir
    Path tmp;

    private TestRepo origin;
    private TestHttpGitServer server;
    private JGitAdapter git;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.create(tmp.resolve("served"), "shop");
        server = TestHttpGitServer.start(
                tmp.resolve("served"),
                tmp.resolve("tomcat"),
                Map.of(RemoteCommands.DEFAULT_TOKEN_USER, TOKEN, "ci-bot", CI_TOKEN));
        git = new JGitAdapter(
                tmp.resolve("data/repos"), Duration.ofSeconds(20), tmp.resolve("known_hosts"), TestStoreKeys.hmac());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        origin.close();
    }

    @Test
    void rightTokenClonesAndFollowsTheBranch() throws Exception {
        GitSource source = source(server.url("shop.git"), new GitCredentials.Token(null, TOKEN));
        Path worktree = tmp.resolve("apps/shop");
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        git.fetch(source, git.resolveHead(source));
        git.checkout(source, first, worktree);

        String second = origin.write("compose.yaml", "v2\n").commit("second");
        String head = git.resolveHead(source);
        git.fetch(source, head);
        git.checkout(source, head, worktree);

        assertThat(head).isEqualTo(second);
        assertThat(worktree.resolve("compose.yaml")).hasContent("v2");
    }

    @Test
    void tokenWithItsOwnUserNameWorks() throws Exception {
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        GitSource source = source(server.url("shop.git"), new GitCredentials.Token("ci-bot", CI_TOKEN));

        assertThat(git.resolveHead(source)).isEqualTo(first);
    }

    @Test
    void wrongTokenFailsWithAnAuthenticationMessage() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        String wrong = "tok-wrong-5e6f7a8b9c0d";
        GitSource source = source(server.url("shop.git"), new GitCredentials.Token(null, wrong));

        GitException failure = catchGit(() -> git.resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageContaining("authentication failed").hasMessageContaining("token");
        assertNoSecret(failure, wrong);
    }

    @Test
    void noCredentialsFailWithAnAuthenticationMessage() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        GitSource source = source(server.url("shop.git"), GitCredentials.NONE);

        GitException failure = catchGit(() -> git.resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageContaining("needs credentials");
    }

    @Test
    void credentialsInTheUrlNeverShowInMessages() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        String url = server.url("shop.git").replace("http://", "http://someone:url-secret-41c2@");
        GitSource source = source(url, GitCredentials.NONE);

        GitException failure = catchGit(() -> git.resolveHead(source));

        assertThat(failure.getMessage()).doesNotContain("url-secret-41c2").doesNotContain("someone");
    }

    @Test
    void missingRepositoryFailsAsNotFound() {
        GitSource source = source(server.url("nope.git"), new GitCredentials.Token(null, TOKEN));

        GitException failure = catchGit(() -> git.resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.REPOSITORY_NOT_FOUND);
        assertThat(failure).hasMessageContaining("repository not found");
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            JGitAdapter impatient =
                    new JGitAdapter(tmp.resolve("data/repos"), Duration.ofSeconds(1), null, TestStoreKeys.hmac());
            GitSource source =
                    source("http://127.0.0.1:" + silent.getLocalPort() + "/git/shop.git", GitCredentials.NONE);

            long start = System.nanoTime();
            GitException failure = catchGit(() -> impatient.resolveHead(source));

            assertThat(failure.kind()).isEqualTo(GitException.Kind.TIMEOUT);
            assertThat(failure).hasMessageContaining("timed out after 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void closedPortFailsAsUnreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GitSource source = source("http://127.0.0.1:" + port + "/git/shop.git", GitCredentials.NONE);

        GitException failure = catchGit(() -> git.resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.UNREACHABLE);
        assertThat(failure).hasMessageContaining("cannot reach http://127.0.0.1:" + port);
    }

    private static GitSource source(String url, GitCredentials credentials) {
        return new GitSource("shop", url, "main", credentials);
    }
}
