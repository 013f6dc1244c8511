package io.conops.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.ctl.ConopsCtl;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conops-ctl's tokens and audit commands against a real server and engine: an admin makes an
 * operator token, the operator deploys an app with it but may not delete it, the token is listed
 * without its value, revoked, and the audit trail shows who did what.
 */
class CtlTokensIT {
    static final String APP = "conops-test-ctltok";

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
        try {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
            server.close();
        } finally {
            Docker.purge(APP);
        }
    }

    static Run ctl(String token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
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
    void anOperatorTokenMadeWithTheCliDeploysButDoesNotDeleteAndIsAudited() {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("served", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "tokens"));
        Run app = ctl(
                TestServer.TOKEN, "apps", "create", "--name", APP, "--repo-url", repo.url(), "--poll-interval", "1h");
        assertThat(app.code()).as(app.err()).isZero();

        Run created = ctl(
                TestServer.TOKEN,
                "tokens",
                "create",
                "conops-test-ci",
                "--role",
                "operator",
                "--apps",
                APP,
                "--expires-in",
                "30d");
        assertThat(created.code()).as(created.err()).isZero();
        List<String> lines = created.out().strip().lines().toList();
        String value = lines.get(lines.size() - 1).strip();
        assertThat(value).startsWith("conops_");
        assertThat(lines.get(0)).contains("operator").contains("conops-test-ci");

        Run synced = ctl(value, "apps", "sync", APP, "--wait", "--timeout", "90s");
        assertThat(synced.code()).as(synced.err()).isZero();
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("tokens");

        Run delete = ctl(value, "apps", "delete", APP, "--yes");
        assertThat(delete.code()).isEqualTo(4);
        assertThat(delete.err()).contains("role may not").doesNotContain(value);
        assertThat(Docker.allContainers(APP)).isNotEmpty();
        assertThat(ctl(value, "tokens", "list").code()).isEqualTo(4);

        Run list = ctl(TestServer.TOKEN, "tokens", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("conops-test-ci", "operator", APP).doesNotContain(value);
        Run json = ctl(TestServer.TOKEN, "tokens", "list", "-o", "json");
        assertThat(TestServer.parse(json.out()).get(0).get("name").asString()).isEqualTo("conops-test-ci");
        assertThat(json.out()).doesNotContain(value);

        Run audit = ctl(TestServer.TOKEN, "audit", "--app", APP, "--limit", "10");
        assertThat(audit.code()).as(audit.err()).isZero();
        assertThat(audit.out()).contains("app.synced", "conops-test-ci", "app.created", "admin", "127.0.0.1");
        Run auditJson = ctl(TestServer.TOKEN, "audit", "--limit", "1", "-o", "json");
        assertThat(TestServer.parse(auditJson.out()).size()).isEqualTo(1);

        Run revoked = ctl(TestServer.TOKEN, "tokens", "revoke", "conops-test-ci");
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(ctl(value, "apps", "list").code()).isEqualTo(4);
        assertThat(ctl(TestServer.TOKEN, "tokens", "revoke", "conops-test-ci").code())
                .isEqualTo(3);

        Run bad = ctl(TestServer.TOKEN, "tokens", "create", "conops-test-bad", "--role", "root");
        assertThat(bad.code()).isEqualTo(6);
        assertThat(bad.err().strip()).startsWith("error: role:");
    }
}
