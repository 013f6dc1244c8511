package io.conops.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.system.SettingFailureAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import tools.jackson.databind.JsonNode;

/**
 * Given CONOPS_APPS_FILE and CONOPS_REPOS, when ConOps starts, then the declared apps exist as
 * declared: registered on the first start, brought in line on the next, never twice, while apps
 * registered through the API are left alone; a bad entry stops start-up with one line.
 */
class AppsFileIT {
    private static final String A = "conops-test-bsa";
    private static final String B = "conops-test-bsb";
    private static final String API = "conops-test-bsapi";
    private static final String REPO_SET = "conops-test-bsrepo";

    @TempDir
    Path tmp;

    private static List<String> names(TestServer server) {
        List<String> names = new ArrayList<>();
        for (JsonNode app : server.json("GET", "/api/v1/apps/", null)) {
            names.add(app.get("name").asString());
        }
        return names;
    }

    @Test
    void declaredAppsAreCreatedThenUpdatedAcrossTwoStartsWithoutDuplicates() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // no compose file: nothing is deployed, the apps are what is looked at
        repo.commit("empty", Map.of("README.md", "x\n"));
        // CONOPS_REPOS names the app after the repository: the bare repository gets the test's name
        TestRepo sets = TestRepo.create(tmp.resolve("sets"));
        sets.commit("empty", Map.of("README.md", "x\n"));
        sets.close();
        Path named = Files.move(sets.bare(), tmp.resolve(REPO_SET + ".git"));
        String setsUrl = named.toUri().toString();
        Path secret = tmp.resolve("webhook-secret");
        Files.writeString(secret, "a-webhook-secret-of-32-characters\n");
        Path file = tmp.resolve("apps.yaml");
        Files.writeString(file, """
                - name: %s
                  repo_url: %s
                  poll_interval: 1h
                  webhook_secret_file: webhook-secret
                - {"name": "%s", "repo_url": "%s", "branch": "release", "poll_interval": "1h"}
                """.formatted(A, repo.url(), B, repo.url()));
        Map<String, String> settings =
                Map.of("conops.apps-file", file.toString(), "conops.repos", " " + setsUrl + " ;");
        Path data = tmp.resolve("data");
        try {
            try (TestServer server = TestServer.start(data, settings)) {
                assertThat(names(server)).contains(A, B, REPO_SET);
                JsonNode a = server.app(A);
                assertThat(a.get("poll_interval").asString()).isEqualTo("1h");
                assertThat(a.get("has_webhook_secret").asBoolean()).isTrue();
                assertThat(server.app(B).get("branch").asString()).isEqualTo("release");
                JsonNode set = server.app(REPO_SET);
                assertThat(set.get("stacks_file").asString()).isEqualTo("stacks.yaml");
                assertThat(set.get("repo_url").asString()).isEqualTo(setsUrl);
                server.register(API, repo.url(), "\"poll_interval\":\"2h\"");
            }
            // the file changes: A's interval, B's branch left out (back to main)
            Files.writeString(file, """
                    - name: %s
                      repo_url: %s
                      poll_interval: 5m
                      webhook_secret_file: webhook-secret
                    - name: %s
                      repo_url: %s
                      poll_interval: 1h
                    """.formatted(A, repo.url(), B, repo.url()));
            try (TestServer server = TestServer.start(data, settings)) {
                List<String> names = names(server);
                assertThat(names).containsOnlyOnce(A, B, API, REPO_SET);
                assertThat(server.app(A).get("poll_interval").asString()).isEqualTo("5m");
                assertThat(server.app(B).get("branch").asString()).isEqualTo("main");
                assertThat(server.app(API).get("poll_interval").asString()).isEqualTo("2h");
                for (String app : List.of(A, B, API, REPO_SET)) {
                    server.call("DELETE", "/api/v1/apps/" + app, null);
                }
            }
        } finally {
            for (String app : List.of(A, B, API, REPO_SET)) {
                Docker.purge(app);
            }
        }
    }

    @Test
    void aBadEntryStopsStartUpWithOneLineNamingTheEntryAndField() throws Exception {
        Path file = tmp.resolve("apps.yaml");
        Files.writeString(file, """
                - name: conops-test-bsok
                  repo_url: file:///tmp/nowhere
                - name: conops-test-bsbad
                  repo_url: file:///tmp/nowhere
                  poll_interval: soon
                """);
        Throwable failure = catchThrowable(
                () -> TestServer.start(tmp.resolve("data"), Map.of("conops.apps-file", file.toString())));
        assertOneLine(failure, "CONOPS_APPS_FILE: entry 2 (conops-test-bsbad): poll_interval: ");

        Files.writeString(file, "- name: conops-test-bsbad\n  repo_url: file:///tmp/nowhere\n  colour: blue\n");
        failure = catchThrowable(
                () -> TestServer.start(tmp.resolve("data2"), Map.of("conops.apps-file", file.toString())));
        assertOneLine(failure, "CONOPS_APPS_FILE: entry 1 (conops-test-bsbad): colour: unknown field");

        failure = catchThrowable(() -> TestServer.start(
                tmp.resolve("data3"),
                Map.of("conops.apps-file", tmp.resolve("missing.yaml").toString())));
        assertOneLine(failure, "CONOPS_APPS_FILE: " + tmp.resolve("missing.yaml") + ": no such file");
    }

    private static void assertOneLine(Throwable failure, String start) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new SettingFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n").startsWith(start);
    }
}
