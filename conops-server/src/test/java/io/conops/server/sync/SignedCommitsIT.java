package io.conops.server.sync;

import static io.conops.server.support.ServerFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.GitCli;
import io.conops.server.support.ServerFixture;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Given an app that requires signed commits, on a real Docker Engine with commits made and signed
 * by the real git CLI (SSH keys from ssh-keygen, OpenPGP keys from gpg): a commit signed by an
 * allowed key deploys; an unsigned one, or one signed by another key, is not deployed, the previous
 * deployment keeps running, and the app says why, naming the commit.
 */
class SignedCommitsIT {
    @TempDir
    static Path tmp;

    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final ServerFixture fixture = new ServerFixture("conops-test-signed-");

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = fixture.server();
    }

    @Test
    void anSshSignedCommitDeploysAndUnsignedOrForeignSignedOnesAfterItDoNot() {
        String app = fixture.newApp();
        Path keys = dir(app + "-keys");
        Path allowed = GitCli.sshKey(keys, "allowed");
        Path stranger = GitCli.sshKey(keys, "stranger");
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        write(repo, "v1");
        String signed = GitCli.sshSigned(repo, allowed, "v1, signed");

        server.register(
                app,
                repo.url(),
                "\"require_signed_commits\":true,\"allowed_signers\":" + quote(allowedSigners(allowed)));
        fixture.awaitSyncedAt(app, signed);
        assertThat(fixture.history(app).get(0).get("transcript").asString())
                .contains("good SSH signature by dev@example.com");
        String running = Docker.containers(app, "web").get(0);

        write(repo, "v2");
        String unsigned = GitCli.commit(repo, Map.of(), "v2, unsigned");
        JsonNode refused = syncUntilCondition(app, "UnsignedCommit");
        assertThat(TestServer.condition(refused, "UnsignedCommit")
                        .get("message")
                        .asString())
                .contains(unsigned);
        assertThat(refused.get("last_synced_commit").asString()).isEqualTo(signed);
        assertThat(refused.get("status").asString()).isEqualTo("error");
        assertThat(Docker.containers(app, "web")).containsExactly(running);
        assertThat(Docker.run("exec", running, "cat", "/www/index.html")).contains("v1");

        write(repo, "v3");
        String foreign = GitCli.sshSigned(repo, stranger, "v3, signed by a key the app does not allow");
        JsonNode bad = syncUntilCondition(app, "BadSignature");
        assertThat(TestServer.condition(bad, "BadSignature").get("message").asString())
                .contains(foreign);
        assertThat(TestServer.condition(bad, "UnsignedCommit")).isNull();
        assertThat(bad.get("last_synced_commit").asString()).isEqualTo(signed);
        assertThat(Docker.containers(app, "web")).containsExactly(running);

        write(repo, "v4");
        String signedAgain = GitCli.sshSigned(repo, allowed, "v4, signed");
        server.call("POST", "/api/v1/apps/" + app + "/sync", null);
        fixture.awaitSyncedAt(app, signedAgain);
        JsonNode deployed = server.app(app);
        assertThat(TestServer.condition(deployed, "BadSignature")).isNull();
        assertThat(TestServer.condition(deployed, "UnsignedCommit")).isNull();
        assertThat(Docker.run("exec", Docker.containers(app, "web").get(0), "cat", "/www/index.html"))
                .contains("v4");
    }

    @Test
    void aGpgSignedCommitDeploysAndOneByAnotherGpgKeyDoesNot() {
        String app = fixture.newApp();
        Path home = dir(app + "-gnupg");
        Map<String, String> gnupg = Map.of("GNUPGHOME", home.toString());
        String trusted = gpgKey(home, gnupg, "Dev <dev@example.com>");
        String other = gpgKey(home, gnupg, "Other <other@example.com>");
        String armored = GitCli.run(home, gnupg, "gpg", "--batch", "--armor", "--export", trusted);
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        write(repo, "v1");
        String signed = GitCli.commit(repo, gnupg, "v1, gpg-signed", "user.signingkey=" + trusted);

        server.register(app, repo.url(), "\"require_signed_commits\":true,\"gpg_public_keys\":" + quote(armored));
        fixture.awaitSyncedAt(app, signed);
        assertThat(fixture.history(app).get(0).get("transcript").asString())
                .contains("good OpenPGP signature by Dev <dev@example.com>");

        write(repo, "v2");
        String foreign = GitCli.commit(repo, gnupg, "v2, signed by another key", "user.signingkey=" + other);
        JsonNode bad = syncUntilCondition(app, "BadSignature");
        assertThat(TestServer.condition(bad, "BadSignature").get("message").asString())
                .contains(foreign)
                .contains("not in gpg_public_keys");
        assertThat(bad.get("last_synced_commit").asString()).isEqualTo(signed);
    }

    @Test
    void signingSettingsAreCheckedWhenGiven() {
        String app = fixture.newApp();
        String base = "{\"name\":\"" + app + "\",\"repo_url\":\"https://127.0.0.1:1/x.git\",";
        assertProblem(
                server.call("POST", "/api/v1/apps/", base + "\"require_signed_commits\":true}"),
                "require_signed_commits");
        assertProblem(
                server.call(
                        "POST",
                        "/api/v1/apps/",
                        base + "\"allowed_signers\":\"dev@example.com ssh-ed25519 not-a-key\"}"),
                "allowed_signers");
        assertProblem(
                server.call("POST", "/api/v1/apps/", base + "\"gpg_public_keys\":\"not armored\"}"), "gpg_public_keys");
        assertThat(server.call("GET", "/api/v1/apps/" + app, null).statusCode()).isEqualTo(404);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Path dir(String name) {
        try {
            return Files.createDirectories(tmp.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compose file with one service that serves ./site; no port: the content is read in the container. */
    private static void write(TestRepo repo, String version) {
        try {
            Path work = repo.workTree();
            Files.writeString(work.resolve("compose.yaml"), """
                    services:
                      web:
                        image: local/busybox:1
                        init: true
                        command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                        volumes:
                          - ./site:/www:ro
                    """);
            Files.createDirectories(work.resolve("site"));
            Files.writeString(work.resolve("site/index.html"), version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String allowedSigners(Path key) {
        try {
            return "dev@example.com namespaces=\"git\" "
                    + Files.readString(Path.of(key + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new ed25519 signing key in the GnuPG home; returns its fingerprint. */
    private static String gpgKey(Path home, Map<String, String> env, String uid) {
        GitCli.run(
                home,
                env,
                "gpg",
                "--batch",
                "--passphrase",
                "",
                "--quick-generate-key",
                uid,
                "ed25519",
                "sign",
                "never");
        String colons = GitCli.run(home, env, "gpg", "--batch", "--with-colons", "--list-keys", uid);
        return colons.lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .map(l -> l.split(":")[9])
                .orElseThrow();
    }

    private static JsonNode syncUntilCondition(String app, String type) {
        server.call("POST", "/api/v1/apps/" + app + "/sync", null);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> TestServer.condition(server.app(app), type) != null);
        return server.app(app);
    }

    private static String quote(String s) {
        return JSON.writeValueAsString(s);
    }
}
