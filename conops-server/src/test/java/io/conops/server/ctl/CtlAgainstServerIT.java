package io.conops.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.ctl.ConopsCtl;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** conops-ctl against a real server and a real engine: what a user at the shell sees. */
class CtlAgainstServerIT {
    static final String APP = "conops-test-ctl";

    @TempDir
    static Path tmp;

    static TestServer server;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
        server.close();
        Docker.purge(APP);
    }

    static Run ctl(String token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // global options are accepted after the subcommand, where users type them
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = server.url("");
        all[args.length + 2] = "--token";
        all[args.length + 3] = token;
        int code = ConopsCtl.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createListSyncHistoryAndDeleteAnApp() {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String sha = repo.commit(
                "served by ctl test", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "ctl"));

        Run created = ctl(
                TestServer.TOKEN, "apps", "create", "--name", APP, "--repo-url", repo.url(), "--poll-interval", "1h");
        assertThat(created.code()).as(created.err()).isZero();

        Run synced = ctl(TestServer.TOKEN, "apps", "sync", APP, "--wait", "--timeout", "90s");
        assertThat(synced.code()).as(synced.err()).isZero();
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("ctl");

        Run list = ctl(TestServer.TOKEN, "apps", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains(APP).contains("synced").contains(sha.substring(0, 7));

        Run history = ctl(TestServer.TOKEN, "apps", "history", APP);
        assertThat(history.code()).isZero();
        assertThat(history.out()).contains("succeeded");

        Run json = ctl(TestServer.TOKEN, "apps", "get", APP, "-o", "json");
        assertThat(json.code()).isZero();
        assertThat(TestServer.parse(json.out()).get("last_synced_commit").asString())
                .isEqualTo(sha);

        Run deleted = ctl(TestServer.TOKEN, "apps", "delete", APP, "--yes");
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(Docker.allContainers(APP)).isEmpty();
    }

    @Test
    void errorsAreOneLineWithDistinctExitCodes() {
        Run missing = ctl(TestServer.TOKEN, "apps", "get", "no-such-app");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err().strip().lines()).hasSize(1).first().asString().startsWith("error:");

        Run badToken = ctl("not-the-token-at-all", "apps", "list");
        assertThat(badToken.code()).isEqualTo(4);
        assertThat(badToken.err()).doesNotContain("not-the-token-at-all");

        Run invalid = ctl(
                TestServer.TOKEN, "apps", "create", "--name", "Bad Name", "--repo-url", "https://example.com/r.git");
        assertThat(invalid.code()).isEqualTo(6);
        assertThat(invalid.err().strip()).startsWith("error: name:");
        assertThat(invalid.err().strip().lines()).hasSize(1);
    }

    @Test
    void rollbackPinsAnEarlierDeploymentAndUnpinFollowsTheBranchAgain() {
        String app = APP + "-rollback";
        int port = Docker.freePort();
        String page = "http://127.0.0.1:" + port + "/";
        TestRepo repo = TestRepo.create(tmp.resolve("rollback-repo"));
        String one = repo.commit("one", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "one"));
        try {
            Run created = ctl(
                    TestServer.TOKEN,
                    "apps",
                    "create",
                    "--name",
                    app,
                    "--repo-url",
                    repo.url(),
                    "--poll-interval",
                    "1h");
            assertThat(created.code()).as(created.err()).isZero();
            assertThat(ctl(TestServer.TOKEN, "apps", "sync", app, "--wait").code())
                    .isZero();
            String two = repo.commit("two", Map.of("site/index.html", "two"));
            assertThat(ctl(TestServer.TOKEN, "apps", "sync", app, "--wait").code())
                    .isZero();
            assertThat(Docker.fetch(page)).isEqualTo("two");

            // without --to: the last successful deployment of another commit than the running one
            Run back = ctl(TestServer.TOKEN, "apps", "rollback", app);
            assertThat(back.code()).as(back.err()).isZero();
            assertThat(back.out()).contains("back to " + one.substring(0, 7)).contains("apps unpin " + app);
            awaitSyncedAt(app, one);
            await().atMost(Duration.ofSeconds(30)).until(() -> "one".equals(Docker.fetch(page)));

            Run byCommit = ctl(TestServer.TOKEN, "apps", "rollback", app, "--to", two.substring(0, 10));
            assertThat(byCommit.code()).as(byCommit.err()).isZero();
            awaitSyncedAt(app, two);
            assertThat(server.app(app).get("pinned_commit").asString()).isEqualTo(two);

            long firstId = -1;
            for (JsonNode d : server.json("GET", "/api/v1/apps/" + app + "/deployments", null)) {
                if (one.equals(d.get("commit").asString())
                        && "succeeded".equals(d.get("outcome").asString())) {
                    firstId = d.get("id").asLong();
                }
            }
            Run byId = ctl(TestServer.TOKEN, "apps", "rollback", app, "--to", Long.toString(firstId));
            assertThat(byId.code()).as(byId.err()).isZero();
            awaitSyncedAt(app, one);

            Run unknown = ctl(TestServer.TOKEN, "apps", "rollback", app, "--to", "0000000");
            assertThat(unknown.code()).isEqualTo(6);
            assertThat(unknown.err().strip()).startsWith("error: commit:");

            Run unpinned = ctl(TestServer.TOKEN, "apps", "unpin", app);
            assertThat(unpinned.code()).as(unpinned.err()).isZero();
            assertThat(unpinned.out()).contains("follows its branch again");
            awaitSyncedAt(app, two);
            assertThat(server.app(app).get("pinned_commit").isNull()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> "two".equals(Docker.fetch(page)));
        } finally {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    private static void awaitSyncedAt(String app, String commit) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && commit.equals(a.get("last_synced_commit").asString());
                });
    }
}
