package io.conops.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.system.Files2;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * One real server for a test class, as a {@code @RegisterExtension static} field: started before
 * the class's tests, with the apps each test named through {@link #newApp()} deleted and their
 * containers purged after it (even when it failed), and stopped after the last. Also the waits and
 * reads those tests share.
 */
public final class ServerFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final String prefix;
    private final Map<String, String> settings;
    private final List<String> apps = new ArrayList<>();
    private Path dir;
    private TestServer server;

    /** Apps named {@code prefix} plus a random suffix, on a server with {@code settings} over the tests' defaults. */
    public ServerFixture(String prefix, Map<String, String> settings) {
        this.prefix = prefix;
        this.settings = settings;
    }

    public ServerFixture(String prefix) {
        this(prefix, Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("conops-test-server-");
        server = TestServer.start(dir.resolve("data"), settings);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            Docker.purge(app);
        }
        apps.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            Files2.deleteRecursively(dir);
        }
    }

    public TestServer server() {
        return server;
    }

    /** A fresh app (and Compose project) name, removed after the test. */
    public String newApp() {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        apps.add(name);
        return name;
    }

    /** Waits until the app is synced at {@code commit}. */
    public void awaitSyncedAt(String app, String commit) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && commit.equals(a.get("last_synced_commit").asString());
                });
    }

    /** The app's deployment records, newest first. */
    public List<JsonNode> history(String app) {
        List<JsonNode> out = new ArrayList<>();
        server.json("GET", "/api/v1/apps/" + app + "/deployments", null).forEach(out::add);
        return out;
    }

    /** A 400 problem+json naming {@code field}. */
    public static void assertProblem(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TestServer.parse(r.body()).get("field").asString())
                .as(r.body())
                .isEqualTo(field);
    }
}
