package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.app.AppEntity;
import io.conops.server.app.AppWrites;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.sync.Reconciler;
import io.conops.server.sync.Watcher;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a synced app and a fast reconcile tick, when nothing changes, then the ticks observe it
 * through the Engine API only: no process is started (the server runs in this JVM, so its
 * subprocesses are this JVM's descendants, sampled far more often than a `docker compose` lives),
 * and the app is not read from the database again until something writes it.
 */
class IdleTickIT {
    static final String APP = "conops-test-idle";

    @TempDir
    Path tmp;

    TestServer server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
            server.close();
        }
        Docker.purge(APP);
    }

    @Test
    void idleTicksStartNoProcess() throws Exception {
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of(
                        "conops.reconcile-interval", "200ms",
                        "spring.jpa.properties.hibernate.generate_statistics", "true"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                """));
        // polled once, at registration: the window below holds reconcile ticks alone (a poll that
        // decides reads the app, and one due in the window would make the count depend on timing)
        server.register(APP, repo.url(), "\"poll_interval\":\"1h\"");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(APP).get("status").asString().equals("synced"));
        int deployments =
                server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).size();
        // idle from here: the first compare after the sync has recorded the app's health
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(APP).get("health").asString().equals("healthy"));
        Statistics stats = server.bean(EntityManagerFactory.class)
                .unwrap(SessionFactory.class)
                .getStatistics();
        long loads = stats.getEntityStatistics(AppEntity.class.getName()).getLoadCount();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current().descendants().findAny().isEmpty());

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                ProcessHandle.current()
                        .descendants()
                        .forEach(p ->
                                seen.add(p.pid() + " " + p.info().commandLine().orElse("?")));
                Thread.onSpinWait();
            }
        });
        sampler.start();
        Reconciler reconciler = server.bean(Reconciler.class);
        long updates = stats.getEntityUpdateCount();
        long transactions = stats.getTransactionCount();
        long from = reconciler.ticks();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> reconciler.ticks() >= from + 10);
        sampling.set(false);
        sampler.join();

        assertThat(seen).isEmpty();
        // a compare that finds nothing to change writes nothing (and opens no write transaction)
        assertThat(stats.getEntityUpdateCount()).isEqualTo(updates);
        // a tick is at most one read of every app (and one Engine listing), not reads and a decide per app
        long ticked = reconciler.ticks() - from;
        assertThat(stats.getTransactionCount() - transactions).isLessThanOrEqualTo(ticked + 3);
        // nor is the app read again while nothing wrote it (a compare an Engine event asks for may read it once)
        assertThat(stats.getEntityStatistics(AppEntity.class.getName()).getLoadCount() - loads)
                .isLessThanOrEqualTo(1);
        assertThat(server.json("GET", "/api/v1/apps/" + APP + "/deployments", null)
                        .size())
                .isEqualTo(deployments);
        assertThat(server.app(APP).get("status").asString()).isEqualTo("synced");

        // what the ticks keep is read again after any write of the app's row or its credentials
        AppWrites writes = server.bean(AppWrites.class);
        long written = writes.count();
        server.json("PATCH", "/api/v1/apps/" + APP, "{\"poll_interval\":\"45s\"}");
        assertThat(writes.count()).isGreaterThan(written);
        written = writes.count();
        server.json("PATCH", "/api/v1/apps/" + APP, "{\"webhook_secret\":\"idle-tick-secret-0123456789\"}");
        assertThat(writes.count()).isGreaterThan(written);
    }

    /**
     * Given an app polled every hour, when its branch moves, then nothing polls it for a while (the
     * schedule is held in memory, not read every half second), and when its interval is changed to
     * one second, the new interval rules from then on: the pending commit is deployed, and so is the
     * next one, without a manual sync.
     */
    @Test
    void aPollIntervalIsKeptUntilChangedAndAChangeTakesEffectAtOnce() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "200ms"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String first = repo.commit("first", Map.of("compose.yaml", compose("first")));
        HttpResponse<String> created = server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90)).until(() -> first.equals(syncedCommit()));
        Watcher watcher = server.bean(Watcher.class);
        long polls = watcher.polls();

        String second = repo.commit("second", Map.of("compose.yaml", compose("second")));
        Reconciler reconciler = server.bean(Reconciler.class);
        long from = reconciler.ticks();
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciler.ticks() >= from + 10);

        assertThat(watcher.polls()).isEqualTo(polls);
        assertThat(server.app(APP).get("last_seen_commit").asString()).isEqualTo(first);

        JsonNode patched = server.json("PATCH", "/api/v1/apps/" + APP, "{\"poll_interval\":\"1s\"}");
        assertThat(patched.get("poll_interval").asString()).isEqualTo("1s");
        await().atMost(Duration.ofSeconds(60)).until(() -> second.equals(syncedCommit()));
        String third = repo.commit("third", Map.of("compose.yaml", compose("third")));
        await().atMost(Duration.ofSeconds(60)).until(() -> third.equals(syncedCommit()));
        assertThat(server.json("GET", "/api/v1/apps/" + APP + "/deployments", null))
                .extracting(d -> d.get("trigger").asString())
                .contains("poll")
                .doesNotContain("manual");
    }

    /**
     * Given an app polled every second whose branch does not move, then its polls are the ls-remote
     * alone: the app is not read from the database between them; and a commit is still picked up.
     * (Loads of the app are counted rather than statements: any Compose project's container event
     * on the shared Engine makes ConOps look its name up.)
     */
    @Test
    void aPollOfABranchThatDidNotMoveDoesNotReadTheApp() {
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of(
                        "conops.reconcile-interval", "1h",
                        "spring.jpa.properties.hibernate.generate_statistics", "true"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String first = repo.commit("first", Map.of("compose.yaml", compose("first")));
        server.register(APP, repo.url(), null);
        await().atMost(Duration.ofSeconds(90)).until(() -> first.equals(syncedCommit()));
        Watcher watcher = server.bean(Watcher.class);
        Statistics statistics = server.bean(EntityManagerFactory.class)
                .unwrap(SessionFactory.class)
                .getStatistics();
        long settled = watcher.polls() + 3; // past the first poll after the sync, which decides
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.polls() >= settled);

        String entity = AppEntity.class.getName();
        long loads = statistics.getEntityStatistics(entity).getLoadCount();
        long polls = watcher.polls();
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.polls() >= polls + 5);

        assertThat(statistics.getEntityStatistics(entity).getLoadCount()).isEqualTo(loads);
        String second = repo.commit("second", Map.of("compose.yaml", compose("second")));
        await().atMost(Duration.ofSeconds(60)).until(() -> second.equals(syncedCommit()));
    }

    private String syncedCommit() {
        JsonNode commit = server.app(APP).get("last_synced_commit");
        return commit == null || commit.isNull() ? null : commit.asString();
    }

    private static String compose(String label) {
        return """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                    labels: {version: "%s"}
                """.formatted(label);
    }
}
