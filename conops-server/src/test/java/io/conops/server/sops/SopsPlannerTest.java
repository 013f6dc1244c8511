package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.server.credentials.EncryptionKeys;
import io.conops.server.credentials.KeyedHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsPlannerTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheSopsFilesEachServiceUsesAndOnlyThose() throws IOException {
        Path repo = repo("web-v1.sops.env");
        SopsPlan plan = planner(SopsFixtures.identity()).plan("a", "sha1", repo, model(repo), () -> raw(repo));

        assertThat(plan.uses())
                .containsExactlyInAnyOrder(
                        new SopsPlan.Use("conf/config.sops.yaml", SopsPlan.Kind.BIND, "worker", "/etc/app.yaml", true),
                        new SopsPlan.Use("db.sops.json", SopsPlan.Kind.SECRET, "worker", "db", true));
        assertThat(plan.envFiles())
                .containsOnlyKeys("web")
                .containsEntry(
                        "web",
                        List.of(
                                new SopsPlan.EnvFile("plain.env", true, true, false),
                                new SopsPlan.EnvFile("web.sops.env", true, true, true)));
        assertThat(plan.digests()).containsOnlyKeys("web", "worker");
    }

    @Test
    void theDigestFollowsThePlaintextNotTheCiphertext() throws IOException {
        SopsPlanner planner = planner(SopsFixtures.identity());
        Path v1 = repo("web-v1.sops.env");
        String first =
                planner.plan("a", "1", v1, model(v1), () -> raw(v1)).digests().get("web");
        Path again = repo("web-v1-again.sops.env");
        String reEncrypted = planner.plan("a", "2", again, model(again), () -> raw(again))
                .digests()
                .get("web");
        Path v2 = repo("web-v2.sops.env");
        String rotated =
                planner.plan("a", "3", v2, model(v2), () -> raw(v2)).digests().get("web");

        assertThat(reEncrypted).isEqualTo(first);
        assertThat(rotated).isNotEqualTo(first);
        assertThat(first).doesNotContain("web-token");
    }

    @Test
    void withoutSopsMetadataInAnyEnvironmentTheUninterpolatedModelIsNotAsked() throws IOException {
        Path repo = tmp.resolve("plain");
        Files.createDirectories(repo);
        Map<String, Object> model = Map.of("services", Map.of("web", Map.of("environment", Map.of("A", "1"))));

        SopsPlan plan = planner("").plan("a", "1", repo, model, () -> {
            throw new AssertionError("asked for the uninterpolated model");
        });

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aFileNoIdentityOpensFailsTheRenderNamingIt() throws IOException {
        Path repo = repo("web-v1.sops.env");

        assertThatThrownBy(
                        () -> planner(SopsFixtures.otherIdentity()).plan("a", "1", repo, model(repo), () -> raw(repo)))
                .isInstanceOf(SopsException.class)
                .hasMessageStartingWith("conf/config.sops.yaml: none of the age identities");
    }

    private SopsPlanner planner(String globalKey) {
        KeyedHash keyed = new KeyedHash(EncryptionKeys.load(name -> null, tmp));
        return new SopsPlanner(new SopsProperties(globalKey, null), app -> null, keyed);
    }

    /** A checkout: web reads plain.env and a SOPS env file, worker mounts a SOPS YAML and a SOPS secret. */
    private Path repo(String webEnvFixture) throws IOException {
        Path repo = tmp.resolve("repo-" + webEnvFixture);
        Files.createDirectories(repo.resolve("conf"));
        Files.writeString(repo.resolve("plain.env"), "A=1\n");
        Files.write(repo.resolve("web.sops.env"), SopsFixtures.bytes(webEnvFixture));
        Files.write(repo.resolve("conf/config.sops.yaml"), SopsFixtures.bytes("config.sops.yaml"));
        Files.write(repo.resolve("db.sops.json"), SopsFixtures.bytes("config.sops.json"));
        Files.writeString(repo.resolve("nginx.conf"), "server { listen 80; }\n");
        return repo;
    }

    /** As {@code compose config --format json} prints it: env files resolved into the environment. */
    private static Map<String, Object> model(Path repo) {
        return Map.of(
                "services",
                Map.of(
                        "web",
                        Map.of("environment", Map.of("A", "1", "SECRET_TOKEN", "ENC[...]", "sops_mac", "ENC[...]")),
                        "worker",
                        Map.of(
                                "volumes",
                                List.of(
                                        bind(repo.resolve("conf/config.sops.yaml"), "/etc/app.yaml"),
                                        bind(repo.resolve("nginx.conf"), "/etc/nginx.conf")),
                                "secrets",
                                List.of(Map.of("source", "db", "target", "/run/secrets/db")))),
                "secrets",
                Map.of("db", Map.of("file", repo.resolve("db.sops.json").toString())));
    }

    private static Map<String, Object> bind(Path source, String target) {
        return Map.of("type", "bind", "source", source.toString(), "target", target, "read_only", true);
    }

    /** As {@code compose config --no-interpolate} prints it: the env files still listed. */
    private static Map<String, Object> raw(Path repo) {
        return Map.of(
                "services",
                Map.of(
                        "web",
                        Map.of(
                                "env_file",
                                List.of(
                                        Map.of("path", repo.resolve("plain.env").toString(), "required", true),
                                        Map.of(
                                                "path",
                                                repo.resolve("web.sops.env").toString(),
                                                "required",
                                                true))),
                        "worker",
                        Map.of()));
    }
}
