package io.conops.server.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRegistry;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given CONOPS_IMAGE_CLEANUP=true, images ConOps pulled go once no app's deployment and no
 * container uses them, counted across apps; an image ConOps did not pull stays. Pull policies:
 * {@code always} pulls a present image again, {@code never} fails on a missing one by name. On the
 * real Docker Engine with a real registry.
 */
class ImageCleanupIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String X = "conops-test-icx";
    private static final String Y = "conops-test-icy";
    private static final String Z = "conops-test-icz";

    @TempDir
    static Path tmp;

    static TestRegistry registry;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(tmp.resolve("registry"), "conops", "registry-password-1");
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.image-cleanup", "true"));
    }

    @AfterAll
    static void stop() {
        try {
            for (String app : List.of(X, Y, Z)) {
                server.call("DELETE", "/api/v1/apps/" + app, null);
                Docker.purge(app);
            }
        } finally {
            server.close();
            registry.close();
        }
    }

    /** A distinct image (its own id), in the registry only: only a pull brings it here. */
    private static String remoteImage(String name) {
        String local = registry.changedImage(Docker.IMAGE, "local/" + name + ":1", name);
        String ref = registry.push(local, name, "1");
        registry.untag(local);
        registry.untag(ref);
        return ref;
    }

    private static boolean present(String image) {
        try {
            Docker.run("image", "inspect", image);
            return true;
        } catch (IllegalStateException absent) {
            return false;
        }
    }

    private static String compose(String... images) {
        StringBuilder b = new StringBuilder("services:\n");
        for (int i = 0; i < images.length; i++) {
            b.append("  s")
                    .append(i)
                    .append(":\n    image: ")
                    .append(images[i])
                    .append("\n")
                    .append("    init: true\n    network_mode: none\n    command: [\"sleep\", \"100000\"]\n");
        }
        return b.toString();
    }

    private static String login() {
        return "\"registry_auth\":[{\"registry\":\"" + registry.host() + "\",\"username\":\"conops\","
                + "\"password\":\"registry-password-1\"}]";
    }

    private static void awaitSynced(String app, String commit) {
        await().atMost(WAIT).until(() -> {
            JsonNode a = server.app(app);
            return a.get("status").asString().equals("synced")
                    && commit.equals(a.get("last_synced_commit").asString());
        });
    }

    @Test
    void cleanupRemovesOnlyPulledImagesThatNothingUses() {
        String a = remoteImage("conops-test-ic-a");
        String b = remoteImage("conops-test-ic-b");
        // in the registry too, so the pull goes through, but here before ConOps pulls: not ConOps'
        String notPulled = registry.push(
                registry.changedImage(Docker.IMAGE, "local/conops-test-ic-n:1", "n"), "conops-test-ic-n", "1");
        registry.untag("local/conops-test-ic-n:1");
        try (TestRepo xRepo = TestRepo.create(tmp.resolve("x"));
                TestRepo yRepo = TestRepo.create(tmp.resolve("y"))) {
            String x1 = xRepo.commit("a and n", Map.of("compose.yaml", compose(a, notPulled)));
            String y1 = yRepo.commit("a", Map.of("compose.yaml", compose(a)));
            server.register(X, xRepo.url(), login());
            server.register(Y, yRepo.url(), login() + ",\"pull_policy\":\"always\"");
            awaitSynced(X, x1);
            awaitSynced(Y, y1);
            assertThat(server.app(Y).get("pull_policy").asString()).isEqualTo("always");
            assertThat(present(a)).isTrue();

            // X moves to b: a is still Y's, and the image ConOps never pulled is left alone
            String x2 = xRepo.commit("b", Map.of("compose.yaml", compose(b)));
            awaitSynced(X, x2);
            assertThat(present(a)).isTrue();
            assertThat(present(notPulled)).isTrue();

            // Y moves to b too: nothing uses a any more, so it goes; b is in use and stays
            String y2 = yRepo.commit("b", Map.of("compose.yaml", compose(b)));
            awaitSynced(Y, y2);
            await().atMost(WAIT).until(() -> !present(a));
            assertThat(present(b)).isTrue();
            assertThat(present(notPulled)).isTrue();
            // always: Y pulled b although X had brought it already
            JsonNode last = server.json("GET", "/api/v1/apps/" + Y + "/deployments", null)
                    .get(0);
            assertThat(last.get("transcript").asString()).contains("[pull:");
        } finally {
            for (String image : List.of(a, b, notPulled)) {
                TestRegistry.untagIfPresent(image);
            }
        }
    }

    @Test
    void pullPolicyNeverFailsOnAMissingImageByName() {
        String missing = remoteImage("conops-test-ic-z");
        try (TestRepo repo = TestRepo.create(tmp.resolve("z"))) {
            repo.commit("z", Map.of("compose.yaml", compose(missing)));
            server.register(Z, repo.url(), login() + ",\"pull_policy\":\"never\"");
            await().atMost(WAIT)
                    .until(() -> server.app(Z).get("status").asString().equals("error"));
            JsonNode app = server.app(Z);
            assertThat(app.get("last_error").asString())
                    .contains("pull_policy is never")
                    .contains(missing);
            assertThat(TestServer.condition(app, "ImageUnavailable")).isNotNull();
            assertThat(present(missing)).isFalse();
        } finally {
            TestRegistry.untagIfPresent(missing);
        }
    }
}
