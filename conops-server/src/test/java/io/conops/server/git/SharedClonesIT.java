package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Apps of one repository share one clone under the data directory's {@code repos}, whatever the
 * branch and however the URL is spelt; each deploys its own commits, and the clone goes with the
 * last of them. An app cloned by an older ConOps (one clone per app) syncs on after the upgrade.
 */
class SharedClonesIT {
    private static final String COMPOSE = """
            services:
              app:
                image: local/busybox:1
                init: true
                network_mode: none
                command: ["sleep", "100000"]
                labels: [release=%s]
            """;

    @TempDir
    Path tmp;

    private final List<String> apps = new ArrayList<>();
    private TestServer server;
    private TestRepo origin;
    private Path repos;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.create(tmp, "shop");
        repos = tmp.resolve("data/repos");
    }

    @AfterEach
    void cleanUp() {
        if (server != null) {
            for (String app : apps) {
                server.call("DELETE", "/api/v1/apps/" + app, null);
            }
            server.close();
        }
        apps.forEach(Docker::purge);
        origin.close();
    }

    /**
     * Given three apps of one repository (two on main, its URL spelt two ways, one on dev), then
     * one clone serves them; a commit to main reaches the two main apps, synced both at once; the
     * clone stays while any of them is left, and goes with the last.
     */
    @Test
    void appsOfOneRepositoryShareOneCloneUntilTheLastGoes() throws Exception {
        origin.write("compose.yaml", COMPOSE.formatted("main-1")).commit("main 1");
        String dev1 = origin.write("compose.yaml", COMPOSE.formatted("dev-1")).commit("dev 1", "dev");
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
        String a = register(origin.fileUrl(), "main");
        String b = register("file://" + origin.bareDir(), "main");
        String c = register(origin.fileUrl(), "dev");
        for (String app : List.of(a, b, c)) {
            awaitSynced(app, null);
        }
        assertThat(stores()).hasSize(1);
        Path store = stores().get(0);

        String main2 = origin.write("compose.yaml", COMPOSE.formatted("main-2")).commit("main 2");
        CompletableFuture<JsonNode> syncA = CompletableFuture.supplyAsync(() -> syncNow(a));
        CompletableFuture<JsonNode> syncB = CompletableFuture.supplyAsync(() -> syncNow(b));
        for (JsonNode deployment : List.of(syncA.join(), syncB.join())) {
            assertThat(deployment.get("outcome").asString()).isEqualTo("succeeded");
            assertThat(deployment.get("commit").asString()).isEqualTo(main2);
        }
        assertThat(label(a)).isEqualTo("main-2");
        assertThat(label(b)).isEqualTo("main-2");
        assertThat(server.app(c).get("last_synced_commit").asString()).isEqualTo(dev1);
        assertThat(label(c)).isEqualTo("dev-1");

        delete(a);
        assertThat(stores()).containsExactly(store);
        String dev2 = origin.write("compose.yaml", COMPOSE.formatted("dev-2")).commit("dev 2", "dev");
        assertThat(syncNow(c).get("commit").asString()).isEqualTo(dev2);
        assertThat(label(c)).isEqualTo("dev-2");
        String main3 = origin.write("compose.yaml", COMPOSE.formatted("main-3")).commit("main 3");
        assertThat(syncNow(b).get("commit").asString()).isEqualTo(main3);
        assertThat(label(b)).isEqualTo("main-3");

        delete(b);
        assertThat(stores()).containsExactly(store);
        delete(c);
        assertThat(stores()).isEmpty();
    }

    /**
     * Given an app whose repository an older ConOps cloned for it alone (as {@code repos/<app id>},
     * with the worktree's index inside), when ConOps starts on the new layout and a commit drops a
     * file, then the app syncs without anyone's help: its clone is taken over by a shared one, and
     * the dropped file leaves its worktree.
     */
    @Test
    void anAppClonedByTheOldLayoutSyncsAfterTheUpgrade() throws Exception {
        String first = origin.write("compose.yaml", COMPOSE.formatted("old-1"))
                .write("conf/old.conf", "old\n")
                .commit("first");
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
        String app = register(origin.fileUrl(), "main");
        awaitSynced(app, first);
        String id = server.app(app).get("id").asString();
        Path worktree = tmp.resolve("data/apps").resolve(id).resolve("worktree");
        assertThat(worktree.resolve("conf/old.conf")).isRegularFile();
        server.close();
        server = null;
        asTheOldLayoutHadIt(id, first);

        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
        String second = origin.delete("conf/old.conf")
                .write("compose.yaml", COMPOSE.formatted("old-2"))
                .commit("second");
        JsonNode deployment = syncNow(app);

        assertThat(deployment.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(deployment.get("commit").asString()).isEqualTo(second);
        assertThat(label(app)).isEqualTo("old-2");
        assertThat(repos.resolve(id)).doesNotExist();
        assertThat(stores()).hasSize(1);
        assertThat(worktree.resolve("conf/old.conf")).doesNotExist();
    }

    /**
     * The per-app clone an older ConOps kept: {@code repos/<app id>}, bare, the branch in
     * {@code refs/remotes/origin/<branch>}, HEAD detached at the deployed commit and the stable
     * worktree's index inside it; no shared store.
     */
    private void asTheOldLayoutHadIt(String id, String deployed) throws Exception {
        Path gitDir = repos.resolve(id);
        OldLayoutClones.make(gitDir, origin.fileUrl(), deployed, null);
        Files.move(repos.resolve(".apps").resolve(id).resolve("index"), gitDir.resolve("index"));
        FileUtils.delete(repos.resolve(".apps").toFile(), FileUtils.RECURSIVE);
        for (Path store : stores()) {
            FileUtils.delete(store.toFile(), FileUtils.RECURSIVE);
        }
    }

    private String register(String url, String branch) {
        String name = "conops-test-clones-" + UUID.randomUUID().toString().substring(0, 8);
        apps.add(name);
        server.register(name, url, "\"branch\":\"" + branch + "\",\"poll_interval\":\"1h\"");
        return name;
    }

    /** A manual sync, answered when it is done: the deployment it made. */
    private JsonNode syncNow(String app) {
        HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=5m", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private void delete(String app) {
        assertThat(server.call("DELETE", "/api/v1/apps/" + app, null).statusCode())
                .isLessThan(300);
        apps.remove(app);
    }

    /** The release label of the project's one container. */
    private static String label(String project) {
        List<String> ids = Docker.containers(project, "app");
        assertThat(ids).hasSize(1);
        return Docker.run("inspect", "-f", "{{index .Config.Labels \"release\"}}", ids.get(0))
                .strip();
    }

    private void awaitSynced(String app, String commit) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && (commit == null
                                    || commit.equals(a.get("last_synced_commit").asString()));
                });
    }

    private List<Path> stores() throws Exception {
        if (!Files.isDirectory(repos)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(repos)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".git"))
                    .sorted()
                    .toList();
        }
    }
}
