package io.conops.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.ctl.ConopsCtl;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
