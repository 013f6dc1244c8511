package io.conops.ctl;

import static io.conops.ctl.FakeConops.json;
import static io.conops.ctl.FakeConops.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsReadTest {
    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRequestCarriesTheBearerToken() {
        server.on("GET", "/api/v1/apps/", json(200, "[]"));

        cli.against(server, "apps", "list");

        assertThat(server.only("GET").authorization()).isEqualTo("Bearer " + Cli.TOKEN);
    }

    @Test
    void tokenAndServerComeFromTheEnvironmentWhenNotGiven() {
        server.on("GET", "/api/v1/apps/", json(200, "[]"));

        var result = cli.env("CONOPS_SERVER", server.url())
                .env("CONOPS_TOKEN", "from-env")
                .run("apps", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(server.only("GET").authorization()).isEqualTo("Bearer from-env");
    }

    @Test
    void tokenFileIsReadAndItsTrailingNewlineDropped(@TempDir Path dir) throws Exception {
        server.on("GET", "/api/v1/apps/", json(200, "[]"));
        Path file = Files.writeString(dir.resolve("token"), "file-token\n");

        cli.run("apps", "list", "--server", server.url(), "--token-file", file.toString());

        assertThat(server.only("GET").authorization()).isEqualTo("Bearer file-token");
    }

    @Test
    void listRendersAnAlignedTableWithShortCommits() {
        server.on(
                "GET",
                "/api/v1/apps/",
                json(
                        200,
                        "[" + Apps.app("web", "synced") + ","
                                + Apps.app("monitoring-stack", "pending", "progressing", null, "2026-03-01T10:15:31Z")
                                + "]"));

        var result = cli.against(server, "apps", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines())
                .containsExactly(
                        "NAME               STATUS    HEALTH        COMMIT    BRANCH   LAST SYNC",
                        "web                synced    healthy       0123456   main     3m ago",
                        "monitoring-stack   pending   progressing   -         main     3m ago");
    }

    @Test
    void jsonOutputIsTheServersAnswerPrettyPrinted() {
        server.on("GET", "/api/v1/apps/", json(200, "[" + Apps.app("web", "synced") + "]"));

        var result = cli.against(server, "apps", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        var printed = Json.parse(result.out());
        assertThat(printed).isEqualTo(Json.parse("[" + Apps.app("web", "synced") + "]"));
        assertThat(result.out()).contains("\"future_field\" : 1").contains("\n  \"name\" : \"web\",\n");
    }

    @Test
    void getShowsSpecAndStatusOfOneApp() {
        server.on("GET", "/api/v1/apps/web", json(200, Apps.app("web", "synced")));

        var result = cli.against(server, "apps", "get", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Repository:       https://git.example/web.git")
                .contains("Status:           synced")
                .contains("Synced commit:    0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void appNamesAreEncodedIntoThePath() {
        cli.against(server, "apps", "get", "a b/../c");

        assertThat(server.only("GET").pathAndQuery()).isEqualTo("/api/v1/apps/a%20b%2F..%2Fc");
    }

    @Test
    void historyListsDeployments() {
        server.on("GET", "/api/v1/apps/web/deployments", json(200, """
                [{"id":12,"commit":"abcdef0123456789","commit_message":"bump nginx","commit_author":"ann",
                  "trigger":"webhook","outcome":"succeeded","started_at":"2026-03-01T10:00:00Z",
                  "finished_at":"2026-03-01T10:00:42.500Z","message":null,"transcript":"..."},
                 {"id":11,"commit":"1111111aaaa","trigger":"poll","outcome":"failed",
                  "started_at":"2026-02-28T09:00:00Z","finished_at":"2026-02-28T09:00:00.250Z",
                  "message":"compose config failed:\\nservices.web: unknown key 'imgae'"}]
                """));

        var result = cli.against(server, "apps", "history", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines())
                .containsExactly(
                        "ID   COMMIT    TRIGGER   OUTCOME     STARTED   TOOK    MESSAGE",
                        "12   abcdef0   webhook   succeeded   18m ago   42s     bump nginx",
                        "11   1111111   poll      failed      1d ago    250ms   "
                                + "compose config failed: services.web: unknown key 'imgae'");

        var wide = cli.against(server, "apps", "history", "web", "-o", "wide");

        assertThat(wide.outLines().get(1))
                .contains("abcdef0123456789")
                .contains("2026-03-01T10:00:00Z")
                .doesNotContain("ago");
    }

    @Test
    void wideListGivesFullCommitsExactTimesAndTheRepository() {
        server.on("GET", "/api/v1/apps/", json(200, "[" + Apps.app("web", "synced") + "]"));

        var result = cli.against(server, "apps", "list", "-o", "wide");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().get(0)).contains("REPOSITORY").contains("COMPOSE FILE");
        assertThat(result.outLines().get(1))
                .contains("0123456789abcdef0123456789abcdef01234567")
                .contains("https://git.example/web.git")
                .contains("2026-03-01T10:15:30Z")
                .doesNotContain("ago");
    }

    @Test
    void unknownAppExitsWithNotFound() {
        server.on(
                "GET",
                "/api/v1/apps/nope",
                problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no app named 'nope'\"}"));

        var result = cli.against(server, "apps", "get", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.errLines()).containsExactly("error: no app named 'nope'");
        assertThat(result.out()).isEmpty();
    }
}
