package io.conops.server.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a repository of many stacks, when it is registered as a stack set, then each stack is an
 * app of its own: deployed, redeployed only when its own files change, taken down when dropped from
 * the list, and deleted with its set. On the real Docker Engine, from a real Git repository.
 */
class StackSetIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "2s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String stack(String value) {
        return """
                services:
                  app:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "3600"]
                    environment:
                      VALUE: "%s"
                    volumes: ["data:/data"]
                volumes:
                  data: {}
                """.formatted(value);
    }

    private static String status(String app) {
        return server.app(app).get("status").asString();
    }

    private static JsonNode newest(String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null).get(0);
    }

    /** The shared clones under the data directory of the repository in {@code folder}. */
    private static List<Path> clonesOf(String folder) throws IOException {
        try (Stream<Path> entries = Files.list(tmp.resolve("data/repos"))) {
            return entries.filter(p -> p.getFileName().toString().contains(folder + "-remote--"))
                    .toList();
        }
    }

    private static boolean exists(String app) {
        return server.call("GET", "/api/v1/apps/" + app, null).statusCode() == 200;
    }

    @Test
    void stacksFileMakesOneAppPerStackAndRedeploysOnlyTheStackThatChanged() throws IOException {
        String set = "conops-test-stk";
        String web = set + "-web";
        String db = set + "-db";
        try (TestRepo repo = TestRepo.create(tmp.resolve("repo-file"))) {
            Map<String, String> files = new HashMap<>();
            files.put("stacks.yaml", "- name: web\n- name: db\n");
            files.put("web/compose.yaml", stack("1"));
            files.put("db/docker-compose.yml", stack("1"));
            repo.commit("two stacks", files);
            server.register(set, repo.url(), "\"stacks_file\":\"stacks.yaml\"");

            // Then: two child apps, each naming its parent, each deployed from its own folder
            await().atMost(WAIT)
                    .until(() -> exists(web)
                            && exists(db)
                            && status(web).equals("synced")
                            && status(db).equals("synced"));
            assertThat(server.app(web).get("parent").asString()).isEqualTo(set);
            assertThat(server.app(db).get("compose_path").asString()).isEqualTo("db/docker-compose.yml");
            assertThat(server.app(set).get("stacks_file").asString()).isEqualTo("stacks.yaml");
            assertThat(Docker.containers(web, "app")).hasSize(1);
            // the set and its stacks read one clone of the repository
            assertThat(clonesOf("repo-file")).hasSize(1);
            List<String> dbBefore = Docker.containers(db, "app");
            assertThat(dbBefore).hasSize(1);
            List<String> webBefore = Docker.containers(web, "app");

            // When: a commit touches the web stack only
            String second = repo.commit("web changes", Map.of("web/compose.yaml", stack("2")));

            // Then: web is redeployed, db records the commit as unchanged and keeps its container
            await().atMost(WAIT)
                    .until(() -> second.equals(
                                    server.app(web).get("last_synced_commit").asString())
                            && second.equals(
                                    server.app(db).get("last_synced_commit").asString()));
            assertThat(newest(web).get("outcome").asString()).isEqualTo("succeeded");
            assertThat(newest(db).get("outcome").asString()).isEqualTo("unchanged");
            assertThat(Docker.containers(web, "app")).hasSize(1).doesNotContainAnyElementsOf(webBefore);
            assertThat(Docker.containers(db, "app")).isEqualTo(dbBefore);

            // When: the db stack leaves the list
            String third = repo.commit("drop db", Map.of("stacks.yaml", "- name: web\n"));

            // Then: its app and containers go, its named volume stays; web is left alone
            await().atMost(WAIT)
                    .until(() -> !exists(db) && Docker.allContainers(db).isEmpty());
            assertThat(Docker.volumeExists(db + "_data")).isTrue();
            await().atMost(WAIT)
                    .until(() -> third.equals(
                            server.app(set).get("last_synced_commit").asString()));
            assertThat(newest(set).get("message").asString()).contains("removed db");
            assertThat(exists(web)).isTrue();

            // the set runs nothing itself: its diff says where the diffs are
            HttpResponse<String> diff = server.call("GET", "/api/v1/apps/" + set + "/diff", null);
            assertThat(diff.statusCode()).isEqualTo(422);
            assertThat(diff.body()).contains("is a stack set");

            // When: the set is deleted, its stacks go with it
            assertThat(server.call("DELETE", "/api/v1/apps/" + set, null).statusCode())
                    .isEqualTo(204);
            assertThat(exists(web)).isFalse();
            assertThat(Docker.allContainers(web)).isEmpty();
            assertThat(clonesOf("repo-file")).isEmpty();
        } finally {
            Docker.purge(web);
            Docker.purge(db);
            Docker.purge(set);
        }
    }

    @Test
    void globFindsStacksByTheirComposeFilesAndABrokenListChangesNothing() {
        String set = "conops-test-stg";
        String a = set + "-alpha";
        try (TestRepo repo = TestRepo.create(tmp.resolve("repo-glob"))) {
            repo.commit("one stack", Map.of("stacks/alpha/compose.yaml", stack("1"), "README.md", "stacks\n"));
            server.register(set, repo.url(), "\"stacks_glob\":\"stacks/*/compose.yaml\"");
            await().atMost(WAIT).until(() -> exists(a) && status(a).equals("synced"));
            assertThat(server.app(a).get("compose_path").asString()).isEqualTo("stacks/alpha/compose.yaml");

            // a stack whose name is no app name fails the set's sync by name; the stacks stay as they were
            List<String> running = Docker.containers(a, "app");
            String bad = repo.commit("bad stack", Map.of("stacks/Bad Name/compose.yaml", stack("1")));
            await().atMost(WAIT).until(() -> status(set).equals("error"));
            assertThat(server.app(set).get("last_error").asString()).contains("'Bad Name'");
            assertThat(TestServer.condition(server.app(set), "InvalidCompose")).isNotNull();
            await().atMost(WAIT)
                    .until(() -> status(a).equals("synced")
                            && bad.equals(
                                    server.app(a).get("last_synced_commit").asString()));
            assertThat(exists(set + "-bad-name")).isFalse();
            assertThat(Docker.containers(a, "app")).isEqualTo(running);

            assertThat(server.call("DELETE", "/api/v1/apps/" + set, null).statusCode())
                    .isEqualTo(204);
            assertThat(exists(a)).isFalse();
        } finally {
            Docker.purge(a);
            Docker.purge(set);
        }
    }

    @Test
    void stackSetFieldsAreCheckedOnRegistration() {
        String both = "{\"name\":\"conops-test-stv\",\"repo_url\":\"file:///tmp/x\","
                + "\"stacks_file\":\"stacks.yaml\",\"stacks_glob\":\"s/*/compose.yaml\"}";
        assertProblem(server.call("POST", "/api/v1/apps/", both), "stacks_glob");
        String withCompose = "{\"name\":\"conops-test-stv\",\"repo_url\":\"file:///tmp/x\","
                + "\"stacks_file\":\"stacks.yaml\",\"compose_path\":\"compose.yaml\"}";
        assertProblem(server.call("POST", "/api/v1/apps/", withCompose), "compose_path");
        String outside =
                "{\"name\":\"conops-test-stv\",\"repo_url\":\"file:///tmp/x\"," + "\"stacks_file\":\"../stacks.yaml\"}";
        assertProblem(server.call("POST", "/api/v1/apps/", outside), "stacks_file");
        String noWildcard = "{\"name\":\"conops-test-stv\",\"repo_url\":\"file:///tmp/x\","
                + "\"stacks_glob\":\"stacks/web/compose.yaml\"}";
        assertProblem(server.call("POST", "/api/v1/apps/", noWildcard), "stacks_glob");
        assertThat(exists("conops-test-stv")).isFalse();

        // an app stays what it was registered as
        server.register("conops-test-stv", "file:///tmp/conops-test-stv-nowhere", null);
        try {
            assertProblem(
                    server.call("PATCH", "/api/v1/apps/conops-test-stv", "{\"stacks_file\":\"stacks.yaml\"}"),
                    "stacks_file");
            assertThat(server.app("conops-test-stv").path("stacks_file").isString())
                    .isFalse();
        } finally {
            server.call("DELETE", "/api/v1/apps/conops-test-stv", null);
        }
    }

    private static void assertProblem(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.parse(r.body()).get("field").asString()).isEqualTo(field);
    }
}
