package io.conops.server.git;

import static io.conops.server.support.SshKeys.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.conops.core.port.GitCredentials;
import io.conops.server.app.AppService;
import io.conops.server.app.StoredCredentials;
import io.conops.server.credentials.CredentialKeyException;
import io.conops.server.credentials.CredentialKeyFailureAnalyzer;
import io.conops.server.support.Postgres;
import io.conops.server.support.SshKeys;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Given credentials stored under key A on PostgreSQL, when ConOps restarts with key B and A named
 * as the previous key, then every ciphertext is re-encrypted under B and the token still opens the
 * repository; a restart with a key that does not fit stops start-up with one line naming the variable.
 */
class EncryptionKeyRotationIT {
    static final String TOKEN = "rotation-token-" + "0b7e11d2";
    static final String KEY_A = key(11);
    static final String KEY_B = key(22);
    static final String DEPLOY_KEY = SshKeys.openSsh(SshKeys.ed25519());

    @TempDir
    Path tmp;

    TestRepo origin;
    TestHttpGitServer git;
    Postgres pg;
    TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        pg = Postgres.schema();
        origin = TestRepo.create(tmp.resolve("served"), "shop");
        git = TestHttpGitServer.start(tmp.resolve("served"), tmp.resolve("tomcat"), Map.of("x-access-token", TOKEN));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        git.close();
        origin.close();
        pg.close();
    }

    private TestServer start(String... keySettings) {
        Map<String, String> settings =
                new HashMap<>(Map.of("DB_TYPE", "postgres", "DB_CONNECTION_STRING", pg.connectionString()));
        for (int i = 0; i < keySettings.length; i += 2) {
            settings.put(keySettings[i], keySettings[i + 1]);
        }
        return TestServer.start(tmp.resolve("data"), settings);
    }

    private List<String> ciphertexts() {
        JdbcTemplate db = server.bean(JdbcTemplate.class);
        return db.queryForList(
                "SELECT COALESCE(deploy_key_enc, '') || COALESCE(repo_token_enc, '') || COALESCE(registry_auth, '')"
                        + " || COALESCE(webhook_secret_enc, '') "
                        + "FROM apps a JOIN app_credentials c ON c.app_id = a.id ORDER BY a.name",
                String.class);
    }

    @Test
    void restartWithANewKeyAndThePreviousOneReEncryptsEverythingAndAWrongKeyStopsStartUp() throws Exception {
        String first = origin.write("compose.yaml", "services: {}\n").commit("first");
        server = start("conops.encryption-key", KEY_A);
        server.register(
                "tokened",
                git.url("shop.git"),
                "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN
                        + "\",\"registry_auth\":[{\"registry\":\"registry.example.com\",\"username\":\"u\",\"password\":\"reg-pw-4471\"}],"
                        + "\"webhook_secret\":\"hook-secret-6d2e90c4\"");
        server.register(
                "keyed",
                "ssh://git@127.0.0.1:1/shop.git",
                "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(DEPLOY_KEY));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.equals(
                        server.app("tokened").get("last_seen_commit").asString()));
        assertThat(ciphertexts())
                .allSatisfy(c -> assertThat(c).contains("v1:" + id(KEY_A) + ":").doesNotContain("v1:" + id(KEY_B)));
        List<String> underA = ciphertexts();
        server.close();
        server = null;

        server = start("conops.encryption-key", KEY_B, "conops.encryption-key-previous", KEY_A);
        assertThat(ciphertexts())
                .allSatisfy(c -> assertThat(c).contains("v1:" + id(KEY_B) + ":").doesNotContain("v1:" + id(KEY_A)));
        assertThat(ciphertexts()).doesNotContainAnyElementsOf(underA);
        StoredCredentials stored = server.bean(StoredCredentials.class);
        AppService apps = server.bean(AppService.class);
        assertThat(stored.git(apps.get("keyed"))).isEqualTo(new GitCredentials.DeployKey(DEPLOY_KEY));
        assertThat(stored.registries(apps.get("tokened")).get(0).password()).isEqualTo("reg-pw-4471");
        assertThat(stored.webhookSecret(apps.get("tokened"))).isEqualTo("hook-secret-6d2e90c4");
        String second = origin.write("compose.yaml", "services: {}\n# second\n").commit("second");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> second.equals(
                        server.app("tokened").get("last_seen_commit").asString()));
        server.close();
        server = null;

        Throwable wrongKey = catchThrowable(() -> start("conops.encryption-key", KEY_A));
        assertOneLineNamingTheKeyVariable(wrongKey);
        Throwable noKey = catchThrowable(() -> start());
        assertOneLineNamingTheKeyVariable(noKey);

        server = start("conops.encryption-key", KEY_B);
        assertThat(server.bean(StoredCredentials.class)
                        .git(server.bean(AppService.class).get("tokened")))
                .isEqualTo(new GitCredentials.Token(null, TOKEN));
    }

    private static void assertOneLineNamingTheKeyVariable(Throwable failure) {
        assertThat(failure).isNotNull().hasRootCauseInstanceOf(CredentialKeyException.class);
        FailureAnalysis analysis = new CredentialKeyFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .doesNotContain("\n")
                .contains("CONOPS_ENCRYPTION_KEY")
                .contains("cannot be decrypted")
                .doesNotContain(KEY_A)
                .doesNotContain(KEY_B)
                .doesNotContain(TOKEN);
        assertThat(analysis.getAction()).contains("CONOPS_ENCRYPTION_KEY_PREVIOUS");
    }

    private static String key(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 13 + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The key id SecretCipher writes into each ciphertext: 8 hex digits of SHA-256 of the key. */
    private static String id(String base64Key) throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
        return HexFormat.of().formatHex(digest, 0, 4);
    }
}
