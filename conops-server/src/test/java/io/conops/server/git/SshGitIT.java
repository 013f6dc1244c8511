package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.conops.core.app.InvalidSpecException;
import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import io.conops.server.support.SshKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deploy keys over SSH against an in-process SSH server, with strict host key checking. */
class SshGitIT {

    @TempDir
    Path tmp;

    private TestRepo origin;
    private TestSshGitServer server;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.create(tmp.resolve("served"), "shop");
        server = TestSshGitServer.start(tmp.resolve("served"), 0);
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        origin.close();
    }

    static Stream<Arguments> deployKeys() {
        return Stream.of(
                Arguments.of("ed25519 OpenSSH", SshKeys.ed25519(), (Function<KeyPair, String>) SshKeys::openSsh),
                Arguments.of("RSA PEM", SshKeys.rsa(), (Function<KeyPair, String>) SshKeys::pem),
                Arguments.of("RSA OpenSSH", SshKeys.rsa(), (Function<KeyPair, String>) SshKeys::openSsh),
                Arguments.of("ECDSA PEM", SshKeys.ecdsa(), (Function<KeyPair, String>) SshKeys::pem));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployKeys")
    void deployKeyClonesAndFollowsTheBranch(String kind, KeyPair key, Function<KeyPair, String> format)
            throws Exception {
        server.authorize(key);
        JGitAdapter git = adapter(knownHosts);
        GitSource source = source(server.url("shop.git"), new GitCredentials.DeployKey(format.apply(key)));
        Path worktree = tmp.resolve("apps/shop");

        String first = origin.write("compose.yaml", "v1\n").commit("first");
        assertThat(git.resolveHead(source)).isEqualTo(first);
        git.fetch(source, first);
        git.checkout(source, first, worktree);
        String second = origin.write("compose.yaml", "v2\n").commit("second");
        String head = git.resolveHead(source);
        git.fetch(source, head);
        git.checkout(source, head, worktree);

        assertThat(head).isEqualTo(second);
        assertThat(worktree.resolve("compose.yaml")).hasContent("v2");
    }

    @Test
    void unauthorizedKeyFailsWithAnAuthenticationMessage() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        server.authorize(SshKeys.ed25519());
        String stranger = SshKeys.openSsh(SshKeys.ed25519());
        GitSource source = source(server.url("shop.git"), new GitCredentials.DeployKey(stranger));

        GitException failure = catchGit(() -> adapter(knownHosts).resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageContaining("authentication failed").hasMessageContaining("deploy key");
        assertNoSecret(failure, stranger);
    }

    @Test
    void unknownHostKeyFailsNamingTheHostAndHowToTrustIt() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        KeyPair key = SshKeys.ed25519();
        server.authorize(key);
        Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        GitSource source = source(server.url("shop.git"), new GitCredentials.DeployKey(SshKeys.openSsh(key)));

        GitException failure = catchGit(() -> adapter(empty).resolveHead(source));

        String host = "[127.0.0.1]:" + server.port();
        assertThat(failure.kind()).isEqualTo(GitException.Kind.HOST_KEY_UNKNOWN);
        assertThat(failure)
                .hasMessageContaining(host)
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + empty);
        assertThat(empty).hasContent("");
    }

    @Test
    void missingKnownHostsFileFailsWithoutCreatingIt() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        Path missing = tmp.resolve("nowhere/known_hosts");
        GitSource source = source(server.url("shop.git"), GitCredentials.NONE);

        GitException failure = catchGit(() -> adapter(missing).resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.HOST_KEY_UNKNOWN);
        assertThat(failure).hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void changedHostKeyFailsAndSaysHowToReplaceIt() throws Exception {
        origin.write("compose.yaml", "v1\n").commit("first");
        KeyPair key = SshKeys.ed25519();
        server.authorize(key);
        String impostor = "[127.0.0.1]:" + server.port() + " " + SshKeys.publicLine(SshKeys.ed25519()) + "\n";
        Path stale = Files.writeString(tmp.resolve("stale_known_hosts"), impostor);
        GitSource source = source(server.url("shop.git"), new GitCredentials.DeployKey(SshKeys.openSsh(key)));

        GitException failure = catchGit(() -> adapter(stale).resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.HOST_KEY_CHANGED);
        assertThat(failure).hasMessageContaining("[127.0.0.1]:" + server.port()).hasMessageContaining("ssh-keygen -R");
        assertThat(stale).hasContent(impostor.strip());
    }

    @Test
    void missingRepositoryOverSshFailsAsNotFound() throws Exception {
        KeyPair key = SshKeys.ed25519();
        server.authorize(key);
        GitSource source = source(server.url("nope.git"), new GitCredentials.DeployKey(SshKeys.openSsh(key)));

        GitException failure = catchGit(() -> adapter(knownHosts).resolveHead(source));

        assertThat(failure.kind()).isEqualTo(GitException.Kind.REPOSITORY_NOT_FOUND);
    }

    @Test
    void scpLikeUrlIsSshOnPort22() {
        SshHost host = SshHost.of("git@github.com:acme/shop.git").orElseThrow();

        assertThat(host).isEqualTo(new SshHost("github.com", 22));
        assertThat(host.pattern()).isEqualTo("github.com");
        assertThat(host.keyscan(Path.of("/data/known_hosts"))).isEqualTo("ssh-keyscan github.com >> /data/known_hosts");
        assertThat(SshHost.of("ssh://git@127.0.0.1:2222/shop.git").orElseThrow().pattern())
                .isEqualTo("[127.0.0.1]:2222");
        assertThat(SshHost.of("https://example.com/shop.git")).isEmpty();
    }

    @Test
    void scpLikeUrlClonesWhenPort22IsFree() throws Exception {
        assumeThat(canBind(22)).as("127.0.0.1:22 can be bound").isTrue();
        String first = origin.write("compose.yaml", "v1\n").commit("first");
        KeyPair key = SshKeys.ed25519();
        try (TestSshGitServer on22 = TestSshGitServer.start(tmp.resolve("served"), 22)) {
            on22.authorize(key);
            Path hosts = Files.writeString(tmp.resolve("known_hosts_22"), on22.knownHostsLine());
            GitSource source = source("git@127.0.0.1:shop.git", new GitCredentials.DeployKey(SshKeys.openSsh(key)));

            assertThat(on22.knownHostsLine()).startsWith("127.0.0.1 ssh-ed25519 ");
            assertThat(adapter(hosts).resolveHead(source)).isEqualTo(first);
        }
    }

    @Test
    void validateAcceptsUnencryptedKeysAndNamesTheirType() {
        assertThat(DeployKeys.validate(SshKeys.openSsh(SshKeys.ed25519()))).isEqualTo("ssh-ed25519");
        assertThat(DeployKeys.validate(SshKeys.pem(SshKeys.rsa()))).isEqualTo("ssh-rsa");
        assertThat(DeployKeys.validate(SshKeys.pem(SshKeys.ecdsa()))).isEqualTo("ecdsa-sha2-nistp256");
        assertThat(DeployKeys.validate(
                        SshKeys.openSsh(SshKeys.ecdsa()).replace("\n", "\r\n").strip()))
                .isEqualTo("ecdsa-sha2-nistp256");
    }

    @Test
    void validateRejectsPassphraseProtectedKeys() {
        KeyPair key = SshKeys.ed25519();
        assertRejected(SshKeys.openSsh(key, "s3cret"), "is protected by a passphrase; ConOps needs a key without one");
        assertRejected(
                SshKeys.pem(SshKeys.rsa(), "s3cret"), "is protected by a passphrase; ConOps needs a key without one");
    }

    @Test
    void validateRejectsAPublicKeyPastedByMistake() {
        assertRejected(SshKeys.publicLine(SshKeys.ed25519()) + " me@laptop", "is a public key; paste the private key");
    }

    @Test
    void validateRejectsGarbage() {
        assertRejected("hello", "is not a private key");
        assertRejected(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
                "is not a private key");
        assertRejected("   ", "is required");
    }

    private static void assertRejected(String text, String reason) {
        assertThatThrownBy(() -> DeployKeys.validate(text)).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
            assertThat(e.field()).isEqualTo("deploy_key");
            assertThat(e.reason()).contains(reason);
            if (!text.isBlank()) {
                assertThat(e.getMessage()).doesNotContain(text.strip());
            }
        });
    }

    private JGitAdapter adapter(Path hosts) {
        return new JGitAdapter(tmp.resolve("data/repos"), Duration.ofSeconds(20), hosts, TestStoreKeys.hmac());
    }

    private static GitSource source(String url, GitCredentials credentials) {
        return new GitSource("shop", url, "main", credentials);
    }

    static GitException catchGit(Runnable action) {
        try {
            action.run();
        } catch (GitException e) {
            return e;
        }
        throw new AssertionError("expected a GitException");
    }

    /** Neither the message nor anything in the logged stack trace may quote the secret. */
    static void assertNoSecret(Throwable failure, String secret) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String body =
                secret.lines().filter(l -> !l.startsWith("-----")).findFirst().orElse(secret);
        assertThat(trace.toString()).doesNotContain(secret).doesNotContain(body);
        assertThat(failure.toString()).doesNotContain(body);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
