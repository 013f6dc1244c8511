package io.conops.server.webhook;

import static io.conops.server.support.Webhooks.payload;
import static io.conops.server.support.Webhooks.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.RawHttp;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.Webhooks;
import io.conops.server.support.Webhooks.Delivery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Webhook deliveries in each provider's documented format, against a real server, real Git
 * repositories and the real Docker Engine: a signed push deploys the pushed commit at once, and
 * nothing that is not one (unsigned, wrongly signed, too large, malformed, replayed) changes
 * anything. Apps poll once an hour unless a test says otherwise, so only a webhook explains a sync.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhooksIT {
    static final String GLOBAL = "global-webhook-" + "secret-3f9a1c57";
    static final String OWN = "own-webhook-" + "secret-b71e20d4";
    static final String WRONG = "wrong-webhook-" + "secret-9c0d11aa";
    /** URLs of a payload that name no app here. */
    static final String ELSEWHERE_HTTPS = "https://elsewhere.invalid/team/shop.git";

    static final String ELSEWHERE_SSH = "git@elsewhere.invalid:team/shop.git";
    static final String ELSEWHERE_WEB = "https://elsewhere.invalid/team/shop";

    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.webhook-secret", GLOBAL));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            Docker.purge(app);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"github", "gitlab", "gitea", "generic"})
    void aSignedPushDeploysThePushedCommitAtOnceWithTriggerWebhook(String provider) {
        // Given an app deployed at v1 that polls once an hour
        String app = name();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        register(server, app, repo.url(), "main", "1h", OWN);
        awaitStatus(server, app, "synced");
        awaitServing(port, "v1");

        // When a commit is pushed and the provider reports it
        String sha = repo.commit("v2", Map.of("site/index.html", "v2"));
        HttpResponse<String> r = send(server, push(provider, repo.url(), "refs/heads/main", sha, OWN));

        // Then the app is synced to exactly that commit, for that reason
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(matched(r)).containsExactly(app);
        assertThat(server.app(app).get("last_seen_commit").asString()).isEqualTo(sha);
        awaitServing(port, "v2");
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        sha.equals(server.app(app).get("last_synced_commit").asString()));
        JsonNode latest = deployments(server, app).get(0);
        assertThat(latest.get("commit").asString()).isEqualTo(sha);
        assertThat(latest.get("trigger").asString()).isEqualTo("webhook");
        assertThat(latest.get("outcome").asString()).isEqualTo("succeeded");
    }

    /**
     * Given an app deployed at v2, when a delivery names v1 (a redelivery after the replay window,
     * or one held up), then v1 is not deployed: the app polls, and the branch's head (v2) stands;
     * and when the branch really was moved back to v1, the poll deploys v1.
     */
    @Test
    void aDeliveryNamingAnOlderCommitDeploysItOnlyWhenTheBranchReallyWentBack() throws Exception {
        String app = name();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        String v1 = repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        register(server, app, repo.url(), "main", "1h", OWN);
        awaitStatus(server, app, "synced");
        String v2 = repo.commit("v2", Map.of("site/index.html", "v2"));
        assertThat(send(server, push("github", repo.url(), "refs/heads/main", v2, OWN))
                        .statusCode())
                .isEqualTo(202);
        awaitSynced(app, v2);
        int deployments = deployments(server, app).size();

        HttpResponse<String> stale = send(server, push("github", repo.url(), "refs/heads/main", v1, OWN));

        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(202);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode a = server.app(app);
            return v2.equals(a.get("last_synced_commit").asString())
                    && v2.equals(a.get("last_seen_commit").asString());
        });
        assertThat(deployments(server, app).size()).isEqualTo(deployments);
        awaitServing(port, "v2");

        // the branch is force-moved back to v1: the same delivery is now the truth
        Process rewind = new ProcessBuilder(
                        "git", "--git-dir", repo.bare().toString(), "update-ref", "refs/heads/main", v1)
                .redirectErrorStream(true)
                .start();
        assertThat(rewind.waitFor()).isZero();
        // (another body: the same one again would be a replay)
        HttpResponse<String> rewound = send(server, push("generic", repo.url(), "refs/heads/main", v1, OWN));
        assertThat(rewound.statusCode()).as(rewound.body()).isEqualTo(202);

        awaitSynced(app, v1);
        awaitServing(port, "v1");
    }

    @Test
    void deliveriesThatAreNotSignedPushesChangeNothingAndAreLoggedWithoutSecrets(CapturedOutput output) {
        // Given an app with its own secret, deployed at v1, and a commit nobody announced yet
        String app = name();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        register(server, app, repo.url(), "main", "1h", OWN);
        awaitStatus(server, app, "synced");
        awaitServing(port, "v1");
        String sha = repo.commit("v2", Map.of("site/index.html", "v2"));
        String push = payload("github-push", repo.url(), ELSEWHERE_SSH, ELSEWHERE_WEB, "refs/heads/main", sha);
        String before = state(app);

        // When deliveries arrive that are not signed pushes of the app's secret
        Delivery signedOther = Webhooks.github("push", push.replace("Update the shop", "Rewrite"), OWN);
        List<Refusal> refusals = List.of(
                new Refusal("unsigned", Webhooks.github("push", push, null), 401, "X-Hub-Signature-256"),
                new Refusal("a wrong secret", Webhooks.github("push", push, WRONG), 401, "X-Hub-Signature-256"),
                new Refusal(
                        "the global secret, while the app has its own",
                        Webhooks.github("push", push, GLOBAL),
                        401,
                        "X-Hub-Signature-256"),
                new Refusal(
                        "the signature of another body",
                        new Delivery("github", signedOther.headers(), "application/json", bytes(push)),
                        401,
                        "X-Hub-Signature-256"),
                new Refusal(
                        "a signature that is not hex",
                        Webhooks.github("push", push, OWN).with("X-Hub-Signature-256", "sha256=" + "zz".repeat(32)),
                        401,
                        "X-Hub-Signature-256"),
                new Refusal(
                        "GitLab with a wrong token",
                        Webhooks.gitlab(gitlab(repo.url(), sha), WRONG),
                        401,
                        "X-Gitlab-Token"),
                new Refusal(
                        "GitLab without a token",
                        Webhooks.gitlab(gitlab(repo.url(), sha), null),
                        401,
                        "X-Gitlab-Token"),
                new Refusal(
                        "Gitea with a wrong signature",
                        Webhooks.gitea(gitea(repo.url(), sha), WRONG),
                        401,
                        "X-Gitea-Signature"),
                new Refusal(
                        "generic with a wrong signature",
                        Webhooks.generic(Webhooks.generic(repo.url(), "main", sha), WRONG),
                        401,
                        "X-Conops-Signature-256"),
                new Refusal("over 1 MiB", Webhooks.github("push", padded(push, 1024 * 1024 + 1), OWN), 413, "body"),
                new Refusal("not JSON", Webhooks.github("push", "{\"ref\": ", OWN), 400, "body"),
                new Refusal("not a JSON object", Webhooks.github("push", "[1]", OWN), 400, "body"),
                new Refusal(
                        "a push without after",
                        Webhooks.github("push", push.replace("\"after\"", "\"afterwards\""), OWN),
                        400,
                        "after"),
                new Refusal(
                        "a generic push naming no commit",
                        Webhooks.generic(Webhooks.generic(repo.url(), "main", "HEAD"), OWN),
                        400,
                        "commit"),
                new Refusal(
                        "no event header",
                        Webhooks.github("push", push, OWN).with("X-GitHub-Event", null),
                        400,
                        "X-GitHub-Event"));

        // Then each is refused with a problem naming the field, and the app is as it was
        for (Refusal refusal : refusals) {
            HttpResponse<String> r = send(server, refusal.delivery());
            String what = refusal.what() + ": " + r.body();
            assertThat(r.statusCode()).as(what).isEqualTo(refusal.status());
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(what)
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(TestServer.parse(r.body()).get("field").asString())
                    .as(what)
                    .isEqualTo(refusal.field());
            if (refusal.status() == 401) {
                assertThat(r.headers().firstValue("WWW-Authenticate"))
                        .as(what)
                        .hasValue("Webhook realm=\"conops\", header=\"" + refusal.field() + "\"");
            }
            assertThat(state(app)).as(what).isEqualTo(before);
        }

        // and the signed push, once, deploys the commit
        Delivery signed = Webhooks.github("push", push, OWN);
        HttpResponse<String> accepted = send(server, signed);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitServing(port, "v2");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(app).get("status").asString().equals("synced")
                        && sha.equals(server.app(app).get("last_synced_commit").asString()));
        String deployed = state(app);

        // while the same delivery again, or its body under a new delivery id, is ignored
        for (Delivery replay : List.of(
                signed, signed.with("X-GitHub-Delivery", UUID.randomUUID().toString()))) {
            HttpResponse<String> r = send(server, replay);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(matched(r)).isEmpty();
            assertThat(state(app)).isEqualTo(deployed);
        }

        // One line per delivery that reached the webhook, without a secret or a signature
        String log = output.getAll();
        for (Refusal refusal : refusals) {
            String id = refusal.delivery().headers().values().stream()
                    .filter(v -> v.matches("[0-9a-f-]{36}"))
                    .findFirst()
                    .orElseThrow();
            int lines = log.split("delivery " + id, -1).length - 1;
            assertThat(lines).as(refusal.what()).isEqualTo(refusal.status() == 413 ? 0 : 1);
            refusal.delivery().headers().entrySet().stream()
                    .filter(h -> h.getKey().contains("Signature") || h.getKey().contains("Token"))
                    .forEach(h -> assertThat(log).doesNotContain(h.getValue()));
        }
        assertThat(log)
                .contains("Webhook github delivery " + signed.headers().get("X-GitHub-Delivery") + ": push to main")
                .contains("the same delivery arrived in the last 10 minutes")
                .doesNotContain(OWN)
                .doesNotContain(WRONG)
                .doesNotContain(GLOBAL);
    }

    @Test
    void theHttpsSshAndScpFormsOfOneRepositoryMatch() {
        // Given apps of one repository spelled every way, and apps of others
        String https = name();
        String ssh = name();
        String scp = name();
        String spelled = name();
        String otherRepository = name();
        String otherBranch = name();
        String otherPort = name();
        register(server, https, "https://localhost/team/shop.git", "main", "1h", null);
        register(server, ssh, "ssh://git@localhost:22/team/shop", "main", "1h", null);
        register(server, scp, "git@LocalHost:team/shop.git", "main", "1h", null);
        register(server, spelled, "https://LOCALHOST:443/team/shop/", "main", "1h", null);
        register(server, otherRepository, "https://localhost/team/shop-two.git", "main", "1h", null);
        register(server, otherBranch, "https://localhost/team/shop.git", "release", "1h", null);
        register(server, otherPort, "ssh://git@localhost:2222/team/shop.git", "main", "1h", null);
        // nothing serves these repositories: each app's first sync ends in error, then all is quiet
        for (String app : apps) {
            awaitStatus(server, app, "error");
        }
        List<String> sameRepository = List.of(https, ssh, scp, spelled);

        // When pushes name the repository by one URL form each
        String byHttps = sha('1');
        String bySsh = sha('2');
        String byScp = sha('3');
        HttpResponse<String> github = send(
                server,
                Webhooks.github(
                        "push",
                        payload(
                                "github-push",
                                "https://localhost/team/shop.git",
                                ELSEWHERE_SSH,
                                ELSEWHERE_WEB,
                                "refs/heads/main",
                                byHttps),
                        GLOBAL));
        assertThat(github.statusCode()).as(github.body()).isEqualTo(202);
        assertThat(matched(github)).containsExactlyInAnyOrderElementsOf(sameRepository);
        HttpResponse<String> gitea = send(
                server,
                Webhooks.gitea(
                        payload(
                                "gitea-push",
                                ELSEWHERE_HTTPS,
                                "ssh://git@localhost/team/shop.git",
                                ELSEWHERE_WEB,
                                "refs/heads/main",
                                bySsh),
                        GLOBAL));
        assertThat(matched(gitea)).containsExactlyInAnyOrderElementsOf(sameRepository);
        HttpResponse<String> gitlab = send(
                server,
                Webhooks.gitlab(
                        payload(
                                "gitlab-push",
                                ELSEWHERE_HTTPS,
                                "git@localhost:team/shop.git",
                                ELSEWHERE_WEB,
                                "refs/heads/main",
                                byScp),
                        GLOBAL));
        assertThat(matched(gitlab)).containsExactlyInAnyOrderElementsOf(sameRepository);

        // Then those apps work towards the last pushed commit, the others saw nothing
        for (String app : sameRepository) {
            assertThat(server.app(app).get("last_seen_commit").asString()).isEqualTo(byScp);
        }
        for (String app : List.of(otherRepository, otherBranch, otherPort)) {
            assertThat(server.app(app).get("last_seen_commit").isNull()).as(app).isTrue();
        }
        // and the syncs ran, for the webhook (they fail: nothing serves the repository)
        await().atMost(Duration.ofSeconds(60))
                .until(() -> StreamSupport.stream(deployments(server, https).spliterator(), false)
                        .anyMatch(d -> d.get("trigger").asString().equals("webhook")));

        // A push to another branch syncs the app that follows it; a tag or a deleted branch nothing
        String release = sha('4');
        HttpResponse<String> toRelease =
                send(server, githubPush("https://localhost/team/shop", "refs/heads/release", release));
        assertThat(matched(toRelease)).containsExactly(otherBranch);
        assertThat(server.app(otherBranch).get("last_seen_commit").asString()).isEqualTo(release);
        for (HttpResponse<String> r : List.of(
                send(server, githubPush("https://localhost/team/shop", "refs/tags/v1", sha('5'))),
                send(server, githubPush("https://localhost/team/shop", "refs/heads/main", sha('0'))))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(matched(r)).isEmpty();
        }
        assertThat(server.app(https).get("last_seen_commit").asString()).isEqualTo(byScp);
    }

    @Test
    void anAppsOwnSecretBeatsTheGlobalOne() {
        String own = name();
        String shared = name();
        String url = "https://localhost/team/pair.git";
        assertThat(register(server, own, url, "main", "1h", OWN)
                        .get("has_webhook_secret")
                        .asBoolean())
                .isTrue();
        assertThat(register(server, shared, url, "main", "1h", null)
                        .get("has_webhook_secret")
                        .asBoolean())
                .isFalse();
        awaitStatus(server, own, "error");
        awaitStatus(server, shared, "error");

        HttpResponse<String> global = send(server, Webhooks.github("push", githubBody(url, sha('a')), GLOBAL));
        assertThat(matched(global)).containsExactly(shared);
        HttpResponse<String> byOwn = send(server, Webhooks.github("push", githubBody(url, sha('b')), OWN));
        assertThat(matched(byOwn)).containsExactly(own);
        HttpResponse<String> wrong = send(server, Webhooks.github("push", githubBody(url, sha('c')), WRONG));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);

        assertThat(server.app(shared).get("last_seen_commit").asString()).isEqualTo(sha('a'));
        assertThat(server.app(own).get("last_seen_commit").asString()).isEqualTo(sha('b'));
    }

    @Test
    void aPingOrAnotherEventIsAnswered200AndUnsignedOnesAre401() {
        String ping = payload("github-ping", "https://localhost/team/pinged.git", ELSEWHERE_SSH, ELSEWHERE_WEB, "", "");
        HttpResponse<String> signed = send(server, Webhooks.github("ping", ping, GLOBAL));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(TestServer.parse(signed.body()).toString()).isEqualTo("{\"matched\":[]}");

        HttpResponse<String> issue = send(server, Webhooks.github("issues", ping.replace("zen", "action"), GLOBAL));
        assertThat(issue.statusCode()).as(issue.body()).isEqualTo(200);
        assertThat(matched(issue)).isEmpty();

        for (Delivery refused : List.of(Webhooks.github("ping", ping, null), Webhooks.github("ping", ping, WRONG))) {
            HttpResponse<String> r = send(server, refused);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        }
    }

    @Test
    void githubsFormEncodedDeliveryIsReadFromItsPayloadField() {
        String app = name();
        register(server, app, "https://localhost/team/form.git", "main", "1h", null);
        awaitStatus(server, app, "error");
        String json = githubBody("https://localhost/team/form.git", sha('f'));

        HttpResponse<String> r = send(server, Webhooks.githubForm("push", json, GLOBAL));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(matched(r)).containsExactly(app);
        assertThat(server.app(app).get("last_seen_commit").asString()).isEqualTo(sha('f'));
    }

    @Test
    void webhookBodiesMayReachOneMebibyteWhileOtherPathsKeepTheirLimit() {
        String app = name();
        register(server, app, "https://localhost/team/big.git", "main", "1h", null);
        awaitStatus(server, app, "error");

        String big = padded(githubBody("https://localhost/team/big.git", sha('b')), 700 * 1024);
        HttpResponse<String> r = send(server, Webhooks.github("push", big, GLOBAL));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(matched(r)).containsExactly(app);

        // a path that only starts like a webhook's, or leads back to the API, keeps the API's 256 KiB
        String body = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";
        for (String target : List.of("/api/v1/webhooks/github/../../apps/", "/api/v1/webhooks/github/x")) {
            RawHttp.Response refused = RawHttp.send(server.port, "POST", target, TestServer.TOKEN, body);
            assertThat(refused.status()).as(target).isEqualTo(413);
        }
    }

    @Test
    void pollingKeepsWorkingBesideWebhooks() {
        String app = name();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        register(server, app, repo.url(), "main", "1s", OWN);
        awaitStatus(server, app, "synced");

        String polled = repo.commit("v2", Map.of("site/index.html", "v2"));
        awaitSynced(app, polled);
        awaitServing(port, "v2");

        String pushed = repo.commit("v3", Map.of("site/index.html", "v3"));
        HttpResponse<String> r = send(server, push("github", repo.url(), "refs/heads/main", pushed, OWN));
        assertThat(matched(r)).containsExactly(app);
        awaitSynced(app, pushed);
        awaitServing(port, "v3");

        String polledAgain = repo.commit("v4", Map.of("site/index.html", "v4"));
        awaitSynced(app, polledAgain);
        awaitServing(port, "v4");
        for (String sha : List.of(polled, polledAgain)) {
            assertThat(deployments(server, app))
                    .filteredOn(d -> d.get("commit").asString().equals(sha))
                    .extracting(d -> d.get("trigger").asString())
                    .containsExactly("poll");
        }
    }

    @Test
    void withNoSecretForTheAppAndNoGlobalOneEveryDeliveryIsRefused() {
        try (TestServer bare = TestServer.start(tmp.resolve("bare"))) {
            String app = "conops-test-wh-bare";
            String url = "https://localhost/team/unguarded.git";
            try {
                assertThat(register(bare, app, url, "main", "1h", null)
                                .get("has_webhook_secret")
                                .asBoolean())
                        .isFalse();
                awaitStatus(bare, app, "error");
                for (Delivery d : List.of(
                        Webhooks.github("push", githubBody(url, sha('d')), WRONG),
                        Webhooks.github("push", githubBody(url, sha('d')), GLOBAL),
                        Webhooks.github("push", githubBody(url, sha('d')), null),
                        Webhooks.github("ping", githubBody("https://localhost/team/none.git", sha('d')), WRONG))) {
                    HttpResponse<String> r = send(bare, d);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                }
                assertThat(bare.app(app).get("last_seen_commit").isNull()).isTrue();
                assertThat(deployments(bare, app))
                        .extracting(d -> d.get("trigger").asString())
                        .doesNotContain("webhook");
            } finally {
                bare.call("DELETE", "/api/v1/apps/" + app, null);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    record Refusal(String what, Delivery delivery, int status, String field) {}

    private String name() {
        String name = "conops-test-wh-" + UUID.randomUUID().toString().substring(0, 8);
        apps.add(name);
        return name;
    }

    private static TestRepo repo(String name) {
        return TestRepo.create(tmp.resolve("repos").resolve(name));
    }

    private static JsonNode register(
            TestServer on, String name, String url, String branch, String pollInterval, String secret) {
        String body = "{\"name\":\"" + name + "\",\"repo_url\":\"" + url + "\",\"branch\":\"" + branch
                + "\",\"poll_interval\":\"" + pollInterval + "\""
                + (secret == null ? "" : ",\"webhook_secret\":\"" + secret + "\"") + "}";
        HttpResponse<String> r = on.call("POST", "/api/v1/apps/", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(OWN);
        return TestServer.parse(r.body());
    }

    private static Delivery push(String provider, String url, String ref, String sha, String secret) {
        return switch (provider) {
            case "github" ->
                Webhooks.github("push", payload("github-push", url, ELSEWHERE_SSH, ELSEWHERE_WEB, ref, sha), secret);
            case "gitlab" -> Webhooks.gitlab(gitlab(url, sha), secret);
            case "gitea" -> Webhooks.gitea(gitea(url, sha), secret);
            case "generic" ->
                Webhooks.generic(Webhooks.generic(url, ref.substring("refs/heads/".length()), sha), secret);
            default -> throw new IllegalArgumentException(provider);
        };
    }

    private static Delivery githubPush(String url, String ref, String sha) {
        return Webhooks.github("push", payload("github-push", url, ELSEWHERE_SSH, ELSEWHERE_WEB, ref, sha), GLOBAL);
    }

    private static String githubBody(String url, String sha) {
        return payload("github-push", url, ELSEWHERE_SSH, ELSEWHERE_WEB, "refs/heads/main", sha);
    }

    private static String gitlab(String url, String sha) {
        return payload("gitlab-push", url, ELSEWHERE_SSH, ELSEWHERE_WEB, "refs/heads/main", sha);
    }

    private static String gitea(String url, String sha) {
        return payload("gitea-push", url, ELSEWHERE_SSH, ELSEWHERE_WEB, "refs/heads/main", sha);
    }

    /** A 40-digit SHA of one repeated hex digit. */
    private static String sha(char digit) {
        return String.valueOf(digit).repeat(40);
    }

    /** The JSON object with a padding field, so that it is exactly {@code size} bytes long. */
    private static String padded(String json, int size) {
        int pad = size - json.length() - "\"padding\":\"\",".length();
        return "{\"padding\":\"" + "x".repeat(pad) + "\"," + json.substring(json.indexOf('{') + 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> matched(HttpResponse<String> r) {
        JsonNode m = TestServer.parse(r.body()).get("matched");
        assertThat(m).as(r.body()).isNotNull();
        return StreamSupport.stream(m.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    private static JsonNode deployments(TestServer on, String app) {
        return on.json("GET", "/api/v1/apps/" + app + "/deployments", null);
    }

    /** What a refused delivery must leave as it was. */
    private static String state(String app) {
        JsonNode a = server.app(app);
        return a.get("status").asString() + " seen=" + a.get("last_seen_commit").asString() + " synced="
                + a.get("last_synced_commit").asString() + " deployments="
                + deployments(server, app).size();
    }

    private static void awaitStatus(TestServer on, String app, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> on.app(app).get("status").asString().equals(status));
    }

    private static void awaitSynced(String app, String sha) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && sha.equals(a.get("last_synced_commit").asString());
                });
    }

    private static void awaitServing(int port, String body) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }
}
