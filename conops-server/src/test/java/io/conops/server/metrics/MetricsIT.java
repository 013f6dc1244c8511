package io.conops.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Given a real server, when apps sync, fail, heal, poll and receive webhooks, then
 * /actuator/prometheus (scraped before and after, with the token) counts each of them, and with
 * CONOPS_LOG_FORMAT=json each sync is one JSON log line with its facts as fields.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsIT {
    static final String GOOD = """
            services:
              main:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
            """;
    static final String BROKEN = "services: [this is not a mapping\n";

    @TempDir
    static Path tmp;

    static TestServer server;
    static final String APP =
            "conops-test-metrics-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        server = TestServer.start(
                tmp.resolve("data"), Map.of("conops.reconcile-interval", "1s", "conops.log-format", "json"));
    }

    @AfterAll
    static void stop() {
        try {
            server.call("DELETE", "/api/v1/apps/" + APP, null);
            server.close();
        } finally {
            // the JSON log format stays with Logback, which the test JVM shares: back to text
            // Spring Boot hands the JSON format to Logback as a system property, which outlives
            // the server in this shared test JVM: the servers after it log text again
            System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
            Docker.purge(APP);
        }
    }

    static Scrape scrape() {
        HttpResponse<String> r = server.call("GET", "/actuator/prometheus", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return new Scrape(r.body());
    }

    @Test
    void theEndpointNeedsTheTokenAndHealthDoesNot() {
        assertThat(server.call("GET", "/actuator/prometheus", null, null).statusCode())
                .isEqualTo(401);
        assertThat(server.call("GET", "/actuator/health", null, null).statusCode())
                .isEqualTo(200);
        Scrape s = scrape();
        assertThat(s.type("conops_sync_duration_seconds")).isEqualTo("histogram");
        assertThat(s.type("conops_git_poll_seconds")).isEqualTo("histogram");
        assertThat(s.has("conops_queue_depth")).isTrue();
        assertThat(s.has("conops_apps")).isTrue();
    }

    @Test
    void metricsFollowSyncsFailuresHealsPollsAndWebhooks(CapturedOutput output) throws IOException {
        Scrape before = scrape();
        String app = APP;
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("good", Map.of("compose.yaml", GOOD));
        server.register(app, repo.url(), null);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(app).get("status").asString().equals("synced"));

        Scrape synced = scrape();
        assertThat(synced.value("conops_syncs_total", "app", app, "trigger", "register", "outcome", "succeeded"))
                .isEqualTo(1);
        assertThat(synced.value("conops_sync_duration_seconds_count"))
                .isGreaterThan(before.value("conops_sync_duration_seconds_count"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scrape().value("conops_apps", "status", "synced", "health", "healthy") >= 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scrape().value("conops_git_poll_seconds_count")
                        > synced.value("conops_git_poll_seconds_count"));

        JsonNode line = syncLine(output, app, "succeeded");
        assertThat(line.toString()).contains("\"trigger\":\"register\"").contains("\"commit\"");
        assertThat(line.get("message").asString()).startsWith("Sync app=" + app);

        // a container stopped behind ConOps' back is healed, and counted with its reason
        Docker.run("stop", "-t", "0", Docker.containers(app, "main").get(0));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scrape().value("conops_heals_total", "app", app, "reason", "stopped") >= 1);

        // a broken commit: one failed sync, and the app counted in error
        repo.commit("broken", Map.of("compose.yaml", BROKEN));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(app).get("status").asString().equals("error"));
        Scrape failed = scrape();
        assertThat(failed.value("conops_syncs_total", "app", app, "trigger", "poll", "outcome", "failed"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().value("conops_apps", "status", "error") >= 1);
        assertThat(syncLine(output, app, "failed").toString()).contains("\"duration_ms\"");

        // an unsigned webhook delivery is refused, and counted as such
        double refused = failed.value("conops_webhook_deliveries_total", "provider", "generic", "result", "refused");
        HttpResponse<String> hook =
                Webhooks.send(server, Webhooks.generic(Webhooks.generic(repo.url(), "main", "0".repeat(40)), null));
        assertThat(hook.statusCode()).isEqualTo(401);
        assertThat(scrape().value("conops_webhook_deliveries_total", "provider", "generic", "result", "refused"))
                .isEqualTo(refused + 1);

        // every series the Grafana dashboard in deploy/ queries is one the server exposes
        Scrape now = scrape();
        assertThat(dashboardSeries())
                .isNotEmpty()
                .allSatisfy(name -> assertThat(now.has(name)).as(name).isTrue());
    }

    private static Set<String> dashboardSeries() throws IOException {
        String dashboard = Files.readString(Path.of("../deploy/grafana-dashboard.json"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("conops_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The JSON log line of the app's sync with that outcome; every line of the log is JSON. */
    private static JsonNode syncLine(CapturedOutput output, String app, String outcome) {
        return output.getOut()
                .lines()
                .filter(l -> l.startsWith("{"))
                .map(TestServer::parse)
                .filter(j -> app.equals(j.path("app").asString())
                        && outcome.equals(j.path("outcome").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON sync line for " + app + " " + outcome));
    }

    @Test
    void aBranchThatCannotBeResolvedCountsPollFailures() {
        double before = scrape().value("conops_git_poll_failures_total");
        String app = "conops-test-metrics-gone-" + UUID.randomUUID().toString().substring(0, 6);
        server.register(app, tmp.resolve("no-such-repo.git").toUri().toString(), null);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scrape().value("conops_git_poll_failures_total") > before);
        } finally {
            server.call("DELETE", "/api/v1/apps/" + app, null);
        }
    }
}
