package io.conops.server.app;

import static io.conops.server.support.SshKeys.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.port.GitCredentials;
import io.conops.server.support.SshKeys;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Registering and patching apps with credentials: keys are checked, fields must fit the method,
 * responses show flags only, and the database holds ciphertext only. Nothing is stored on a 400.
 */
class CredentialsApiIT {
    static final String SSH_URL = "ssh://git@127.0.0.1:1/shop.git";
    static final String HTTPS_URL = "https://127.0.0.1:1/shop.git";
    static final String KEY = SshKeys.openSsh(SshKeys.ed25519());
    static final String TOKEN = "tok-" + "5f1c2e9a7d3b40e8a1c6";
    static final String PASSWORD = "registry-" + "pw-8c1d33a0";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteApps() {
        for (JsonNode app : server.json("GET", "/api/v1/apps", null)) {
            server.call("DELETE", "/api/v1/apps/" + app.get("id").asString(), null);
        }
    }

    private static HttpResponse<String> register(String name, String url, String extra) {
        return server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + name + "\",\"repo_url\":\"" + url + "\",\"poll_interval\":\"1h\""
                        + (extra == null ? "" : "," + extra) + "}");
    }

    private static JsonNode created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = TestServer.parse(r.body());
        assertThat(p.get("field").asString()).as(r.body()).isEqualTo(field);
        assertThat(p.get("detail").asString()).startsWith(field);
    }

    private static Map<String, Object> row(String name) {
        return server.bean(JdbcTemplate.class)
                .queryForMap(
                        "SELECT c.deploy_key_enc, c.repo_token_enc, c.repo_username, c.registry_auth, c.webhook_secret_enc,"
                                + " a.image_updates FROM apps a"
                                + " JOIN app_credentials c ON c.app_id = a.id WHERE a.name = ?",
                        name);
    }

    private static GitCredentials gitCredentials(String name) {
        return server.bean(StoredCredentials.class)
                .git(server.bean(AppService.class).get(name));
    }

    @Test
    void deployKeyRegistrationShowsOnlyAFlagAndStoresCiphertext() {
        HttpResponse<String> r =
                register("keyed", SSH_URL, "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(KEY));
        JsonNode app = created(r);

        assertThat(app.get("repo_auth_method").asString()).isEqualTo("deploy_key");
        assertThat(app.get("has_deploy_key").asBoolean()).isTrue();
        assertThat(app.get("has_repo_token").asBoolean()).isFalse();
        assertThat(app.get("registry_auth")).isEmpty();
        assertThat(r.body())
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(KEY.lines().skip(1).findFirst().orElseThrow());
        String stored = (String) row("keyed").get("DEPLOY_KEY_ENC");
        assertThat(stored).startsWith("v1:").doesNotContain("PRIVATE KEY");
        assertThat(gitCredentials("keyed")).isEqualTo(new GitCredentials.DeployKey(KEY));
    }

    @Test
    void tokenAndRegistryLoginsShowOnlyFlagsAndStoreCiphertext() {
        JsonNode app = created(register(
                "tokened",
                HTTPS_URL,
                "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN
                        + "\",\"repo_username\":\"deployer\",\"registry_auth\":[{\"registry\":\"registry.example.com:5000\","
                        + "\"username\":\"puller\",\"password\":\"" + PASSWORD + "\"}],\"image_updates\":true"));

        assertThat(app.get("has_repo_token").asBoolean()).isTrue();
        assertThat(app.get("repo_username").asString()).isEqualTo("deployer");
        assertThat(app.get("image_updates").asBoolean()).isTrue();
        JsonNode login = app.get("registry_auth").get(0);
        assertThat(login.get("registry").asString()).isEqualTo("registry.example.com:5000");
        assertThat(login.get("username").asString()).isEqualTo("puller");
        assertThat(login.get("has_password").asBoolean()).isTrue();
        assertThat(login.has("password")).isFalse();
        assertThat(app.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        Map<String, Object> row = row("tokened");
        assertThat((String) row.get("REPO_TOKEN_ENC")).startsWith("v1:").doesNotContain(TOKEN);
        assertThat((String) row.get("REGISTRY_AUTH")).contains("puller").doesNotContain(PASSWORD);
        assertThat(gitCredentials("tokened")).isEqualTo(new GitCredentials.Token("deployer", TOKEN));
    }

    static Stream<Arguments> badKeys() {
        var pair = SshKeys.ed25519();
        return Stream.of(
                Arguments.of("passphrase-protected", SshKeys.openSsh(pair, "secret phrase"), "passphrase"),
                Arguments.of("public key", SshKeys.publicLine(pair), "public key"),
                Arguments.of(
                        "garbage",
                        "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n",
                        "not a private key"),
                Arguments.of("empty", "", "required"),
                // once took minutes of CPU in a backtracking regular expression: now refused at once
                Arguments.of("252 KB of BEGIN markers", "BEGIN ".repeat(42_000), "at most 16 KiB"),
                Arguments.of("just under the bound", "BEGIN ".repeat(2_700), "not a private key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void unusableDeployKeyIsA400NamingDeployKeyAndStoresNothing(String why, String key, String says) {
        HttpResponse<String> r =
                register("badkey", SSH_URL, "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(key));

        assertProblem(r, "deploy_key");
        assertThat(TestServer.parse(r.body()).get("detail").asString()).contains(says);
        assertThat(server.json("GET", "/api/v1/apps", null)).isEmpty();
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("token method without token", HTTPS_URL, "\"repo_auth_method\":\"token\"", "repo_token"),
                Arguments.of(
                        "deploy key method without key", SSH_URL, "\"repo_auth_method\":\"deploy_key\"", "deploy_key"),
                Arguments.of(
                        "deploy key with token method",
                        HTTPS_URL,
                        "\"repo_auth_method\":\"token\",\"repo_token\":\"t\",\"deploy_key\":" + json(KEY),
                        "deploy_key"),
                Arguments.of("token with public method", HTTPS_URL, "\"repo_token\":\"t\"", "repo_token"),
                Arguments.of(
                        "username with deploy key method",
                        SSH_URL,
                        "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(KEY) + ",\"repo_username\":\"u\"",
                        "repo_username"),
                Arguments.of(
                        "deploy key over https",
                        HTTPS_URL,
                        "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(KEY),
                        "repo_url"),
                Arguments.of(
                        "token over ssh", SSH_URL, "\"repo_auth_method\":\"token\",\"repo_token\":\"t\"", "repo_url"),
                Arguments.of("password inside the url", "https://me:secret@127.0.0.1:1/x.git", null, "repo_url"),
                Arguments.of(
                        "token with a line break",
                        HTTPS_URL,
                        "\"repo_auth_method\":\"token\",\"repo_token\":\"a\\nb\"",
                        "repo_token"),
                Arguments.of(
                        "registry with a scheme",
                        HTTPS_URL,
                        "\"registry_auth\":[{\"registry\":\"https://r.example.com\",\"username\":\"u\",\"password\":\"p\"}]",
                        "registry_auth"),
                Arguments.of(
                        "registry without password",
                        HTTPS_URL,
                        "\"registry_auth\":[{\"registry\":\"r.example.com\",\"username\":\"u\"}]",
                        "registry_auth"),
                Arguments.of(
                        "registry twice",
                        HTTPS_URL,
                        "\"registry_auth\":[{\"registry\":\"r.example.com\",\"username\":\"u\","
                                + "\"password\":\"p\"},{\"registry\":\"R.example.com\",\"username\":\"v\",\"password\":\"q\"}]",
                        "registry_auth"),
                Arguments.of("image_updates not a boolean", HTTPS_URL, "\"image_updates\":\"yes\"", "image_updates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void credentialsThatDoNotFitTheMethodAreA400AndStoreNothing(String why, String url, String extra, String field) {
        assertProblem(register("mismatch", url, extra), field);
        assertThat(server.json("GET", "/api/v1/apps", null)).isEmpty();
    }

    @Test
    void patchChangesOnlyTheGivenFieldsWithOrWithoutTrailingSlash() {
        String id = created(register("patched", HTTPS_URL, null)).get("id").asString();

        JsonNode a = server.json("PATCH", "/api/v1/apps/" + id, "{\"branch\":\"release\",\"poll_interval\":\"5m\"}");
        assertThat(a.get("branch").asString()).isEqualTo("release");
        assertThat(a.get("poll_interval").asString()).isEqualTo("5m");
        assertThat(a.get("compose_path").asString()).isEqualTo("compose.yaml");

        JsonNode b = server.json(
                "PATCH", "/api/v1/apps/patched/", "{\"compose_path\":\"deploy/compose.yaml\",\"image_updates\":true}");
        assertThat(b.get("branch").asString()).isEqualTo("release");
        assertThat(b.get("compose_path").asString()).isEqualTo("deploy/compose.yaml");
        assertThat(b.get("image_updates").asBoolean()).isTrue();
        assertThat(server.app("patched").get("compose_path").asString()).isEqualTo("deploy/compose.yaml");
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("{\"branch\":\"a..b\",\"poll_interval\":\"5m\"}", "branch"),
                Arguments.of("{\"poll_interval\":\"5m\",\"compose_path\":\"../x.yaml\"}", "compose_path"),
                Arguments.of("{\"poll_interval\":\"soon\"}", "poll_interval"),
                Arguments.of("{\"branch\":null}", "branch"),
                Arguments.of("{\"branch\":42}", "branch"),
                Arguments.of("{\"name\":\"other\"}", "name"),
                Arguments.of("{\"colour\":\"red\"}", "colour"),
                Arguments.of("{\"repo_url\":\"ftp://example.com/x\"}", "repo_url"),
                Arguments.of("{\"repo_auth_method\":\"token\"}", "repo_token"),
                Arguments.of("{\"deploy_key\":" + json(KEY) + "}", "deploy_key"),
                Arguments.of(
                        "{\"repo_auth_method\":\"deploy_key\",\"repo_url\":\"" + SSH_URL
                                + "\",\"deploy_key\":\"garbage\"}",
                        "deploy_key"),
                Arguments.of("{\"webhook_secret\":\"too-short\"}", "webhook_secret"),
                Arguments.of("{\"webhook_secret\":\"sixteen-chars-ok\\nline\"}", "webhook_secret"),
                Arguments.of("{\"webhook_secret\":7}", "webhook_secret"),
                Arguments.of("[1]", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void invalidPatchIsA400NamingTheFieldAndChangesNothing(String body, String field) {
        created(register("strict", HTTPS_URL, null));
        String before = spec(server.app("strict"));

        assertProblem(server.call("PATCH", "/api/v1/apps/strict", body), field);
        assertThat(spec(server.app("strict"))).isEqualTo(before);
    }

    /** What the user asked for; status fields move on their own. */
    private static String spec(JsonNode app) {
        return Stream.of(
                        "repo_url",
                        "repo_auth_method",
                        "branch",
                        "compose_path",
                        "poll_interval",
                        "has_deploy_key",
                        "has_repo_token",
                        "repo_username",
                        "registry_auth",
                        "image_updates",
                        "has_webhook_secret")
                .map(f -> f + "=" + app.get(f))
                .toList()
                .toString();
    }

    @Test
    void patchOfAnUnknownAppIsA404() {
        assertThat(server.call("PATCH", "/api/v1/apps/nope", "{\"branch\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void patchRotatesTheTokenAndSwitchesMethodsClearingTheOldSecrets() {
        created(register("rotating", HTTPS_URL, "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN + "\""));
        String before = (String) row("rotating").get("REPO_TOKEN_ENC");

        JsonNode rotated = server.json(
                "PATCH", "/api/v1/apps/rotating", "{\"repo_token\":\"new-" + TOKEN + "\",\"repo_username\":\"bot\"}");
        assertThat(rotated.get("has_repo_token").asBoolean()).isTrue();
        assertThat(rotated.get("repo_username").asString()).isEqualTo("bot");
        assertThat((String) row("rotating").get("REPO_TOKEN_ENC"))
                .isNotEqualTo(before)
                .doesNotContain(TOKEN);
        assertThat(gitCredentials("rotating")).isEqualTo(new GitCredentials.Token("bot", "new-" + TOKEN));

        JsonNode keyed = server.json(
                "PATCH",
                "/api/v1/apps/rotating",
                "{\"repo_auth_method\":\"deploy_key\",\"repo_url\":\"" + SSH_URL + "\",\"deploy_key\":" + json(KEY)
                        + "}");
        assertThat(keyed.get("has_deploy_key").asBoolean()).isTrue();
        assertThat(keyed.get("has_repo_token").asBoolean()).isFalse();
        assertThat(keyed.get("repo_username").isNull()).isTrue();
        assertThat(row("rotating").get("REPO_TOKEN_ENC")).isNull();

        JsonNode open = server.json("PATCH", "/api/v1/apps/rotating", "{\"repo_auth_method\":\"public\"}");
        assertThat(open.get("has_deploy_key").asBoolean()).isFalse();
        assertThat(row("rotating").get("DEPLOY_KEY_ENC")).isNull();
        assertThat(gitCredentials("rotating")).isEqualTo(GitCredentials.NONE);
    }

    @Test
    void registryLoginsAreReplacedKeptWithoutPasswordAndClearedWithNull() {
        created(register(
                "pulling",
                HTTPS_URL,
                "\"registry_auth\":[{\"registry\":\"r.example.com\",\"username\":\"u\",\"password\":\"" + PASSWORD
                        + "\"}]"));
        AppService apps = server.bean(AppService.class);
        StoredCredentials stored = server.bean(StoredCredentials.class);

        JsonNode renamed = server.json(
                "PATCH",
                "/api/v1/apps/pulling",
                "{\"registry_auth\":[{\"registry\":\"r.example.com\",\"username\":\"v\"},"
                        + "{\"registry\":\"other.example.com:5000\",\"username\":\"w\",\"password\":\"pw2\"}]}");
        assertThat(renamed.get("registry_auth")).hasSize(2);
        assertThat(stored.registries(apps.get("pulling")))
                .extracting(c -> c.username() + ":" + c.password())
                .containsExactly("v:" + PASSWORD, "w:pw2");

        JsonNode cleared = server.json("PATCH", "/api/v1/apps/pulling", "{\"registry_auth\":null}");
        assertThat(cleared.get("registry_auth")).isEmpty();
        assertThat(row("pulling").get("REGISTRY_AUTH")).isNull();
        assertThat(stored.registries(apps.get("pulling"))).isEqualTo(List.of());
    }

    @Test
    void webhookSecretIsWriteOnlyStoredEncryptedRotatedAndClearedWithNull() {
        String secret = "hook-" + "secret-5a0c77e1d2";
        JsonNode app = created(register("hooked", HTTPS_URL, "\"webhook_secret\":\"" + secret + "\""));
        assertThat(app.get("has_webhook_secret").asBoolean()).isTrue();
        assertThat(app.has("webhook_secret")).isFalse();
        assertThat(app.toString()).doesNotContain(secret);
        String stored = (String) row("hooked").get("WEBHOOK_SECRET_ENC");
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        StoredCredentials credentials = server.bean(StoredCredentials.class);
        assertThat(credentials.webhookSecret(server.bean(AppService.class).get("hooked")))
                .isEqualTo(secret);

        JsonNode rotated = server.json("PATCH", "/api/v1/apps/hooked", "{\"webhook_secret\":\"new-" + secret + "\"}");
        assertThat(rotated.get("has_webhook_secret").asBoolean()).isTrue();
        assertThat(credentials.webhookSecret(server.bean(AppService.class).get("hooked")))
                .isEqualTo("new-" + secret);

        JsonNode untouched = server.json("PATCH", "/api/v1/apps/hooked", "{\"branch\":\"release\"}");
        assertThat(untouched.get("has_webhook_secret").asBoolean()).isTrue();

        JsonNode cleared = server.json("PATCH", "/api/v1/apps/hooked", "{\"webhook_secret\":null}");
        assertThat(cleared.get("has_webhook_secret").asBoolean()).isFalse();
        assertThat(row("hooked").get("WEBHOOK_SECRET_ENC")).isNull();
        assertThat(created(register("unhooked", HTTPS_URL, null))
                        .get("has_webhook_secret")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aShortWebhookSecretIsRefusedOnCreateAndNothingIsStored() {
        assertProblem(register("weak", HTTPS_URL, "\"webhook_secret\":\"short\""), "webhook_secret");
        assertThat(server.json("GET", "/api/v1/apps", null)).isEmpty();
    }
}
