package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Apps that follow one branch of one repository: the first app to see the branch move has the
 * others look at once, whatever their own interval.
 */
class SharedPollsIT {
    private static final String TOKEN = "tok-51c0ffee7a2b4d9e";
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
    private TestHttpGitServer http;
    private TestRepo origin;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            for (String app : apps) {
                server.call("DELETE", "/api/v1/apps/" + app, null);
            }
            server.close();
        }
        apps.forEach(Docker::purge);
        if (http != null) {
            http.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    /**
     * Given two apps on one branch, one polled every second and one every hour, when the branch
     * moves, then the hourly app deploys the commit too, at once, by a poll: the first app's poll
     * saw it move.
     */
    @Test
    void aBranchThatMovedIsLookedAtByEveryAppOnIt() throws Exception {
        startWithHttpRepo();
        String eager = app();
        String patient = app();
        register(eager, "1s");
        register(patient, "1h");
        awaitSynced(eager, null);
        awaitSynced(patient, null);

        String next = origin.write("compose.yaml", COMPOSE.formatted("two")).commit("second");

        awaitSynced(eager, next);
        awaitSynced(patient, next);
        JsonNode last = server.json("GET", "/api/v1/apps/" + patient + "/deployments?limit=1", null)
                .get(0);
        assertThat(last.get("trigger").asString()).isEqualTo("poll");
        assertThat(last.get("commit").asString()).isEqualTo(next);
    }

    /**
     * Given two apps on one public branch, both polled every second and in sync, then one ls-remote
     * a second serves both: the second app's own polls are stood in for by the first's, and the
     * branch is resolved about once per interval, not once per app. A new commit still reaches both.
     */
    @Test
    void oneLsRemoteServesEveryAppOnTheBranch() {
        io.conops.server.support.TestRepo repo = io.conops.server.support.TestRepo.create(tmp.resolve("public"));
        repo.commit("first", Map.of("compose.yaml", COMPOSE.formatted("one")));
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
        String first = app();
        String second = app();
        for (String app : List.of(first, second)) {
            server.register(app, repo.url(), "\"poll_interval\":\"1s\"");
        }
        awaitSynced(first, null);
        awaitSynced(second, null);

        var meters = server.bean(io.micrometer.core.instrument.MeterRegistry.class);
        var lsRemotes = meters.get("conops.git.poll").timer();
        var stoodIn = meters.get("conops.git.poll.shared").counter();
        long resolvedBefore = lsRemotes.count();
        double stoodInBefore = stoodIn.count();
        await().atMost(Duration.ofSeconds(60)).until(() -> stoodIn.count() - stoodInBefore >= 10);
        long resolved = lsRemotes.count() - resolvedBefore;
        double sharedPolls = stoodIn.count() - stoodInBefore;
        // without sharing each app resolves the branch itself: as many ls-remotes as polls in all
        assertThat((double) resolved).isLessThanOrEqualTo(sharedPolls + 3);

        String next = repo.commit("second", Map.of("compose.yaml", COMPOSE.formatted("two")));
        awaitSynced(first, next);
        awaitSynced(second, next);
    }

    /**
     * Given ten apps on one branch polled every second, when the server restarts, then all ten polls
     * fall due at the same instant (as after any start), and go on doing so: an ls-remote that
     * another poll started once they were due stands in for theirs, so the branch is resolved by a
     * few of them each round (at most one per poll thread), not by all ten.
     */
    @Test
    void pollsThatFallDueTogetherShareTheirLsRemote() {
        io.conops.server.support.TestRepo repo = io.conops.server.support.TestRepo.create(tmp.resolve("together"));
        repo.commit("first", Map.of("compose.yaml", COMPOSE.formatted("one")));
        Map<String, String> settings = Map.of("conops.reconcile-interval", "1h", "conops.readiness-settle", "0s");
        server = TestServer.start(tmp.resolve("data"), settings);
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(app());
            server.register(ten.get(i), repo.url(), "\"poll_interval\":\"1s\"");
        }
        ten.forEach(app -> awaitSynced(app, null));
        server.close();
        server = TestServer.start(tmp.resolve("data"), settings);

        var meters = server.bean(io.micrometer.core.instrument.MeterRegistry.class);
        var lsRemotes = meters.get("conops.git.poll").timer();
        var stoodIn = meters.get("conops.git.poll.shared").counter();
        // the first round after the start decides on every app (none is known yet)
        await().atMost(Duration.ofSeconds(60)).until(() -> lsRemotes.count() >= 10);
        long resolvedBefore = lsRemotes.count();
        double stoodInBefore = stoodIn.count();
        await().atMost(Duration.ofSeconds(60)).until(() -> stoodIn.count() - stoodInBefore >= 30);
        long resolved = lsRemotes.count() - resolvedBefore;
        double sharedPolls = stoodIn.count() - stoodInBefore;
        // each poll its own ls-remote would be ten a round and none stood in for
        assertThat((double) resolved).isLessThan(sharedPolls);
    }

    private void startWithHttpRepo() throws Exception {
        origin = TestRepo.create(tmp.resolve("served"), "shared");
        origin.write("compose.yaml", COMPOSE.formatted("one")).commit("first");
        http = TestHttpGitServer.start(tmp.resolve("served"), tmp.resolve("tomcat"), Map.of("x-access-token", TOKEN));
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
    }

    private String app() {
        String name = "conops-test-shared-" + UUID.randomUUID().toString().substring(0, 8);
        apps.add(name);
        return name;
    }

    private void register(String app, String interval) {
        String body = "{\"name\":\"" + app + "\",\"repo_url\":\"" + http.url("shared.git")
                + "\",\"poll_interval\":\"" + interval
                + "\",\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN + "\"}";
        assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
    }

    private void awaitSynced(String app, String commit) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && (commit == null
                                    || commit.equals(a.get("last_synced_commit").asString()));
                });
    }
}
