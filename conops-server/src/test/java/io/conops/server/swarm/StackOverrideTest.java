package io.conops.server.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.port.SwarmPort.ImageRun;
import io.conops.server.swarm.SecretsYaml.EnvSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOverrideTest {
    @TempDir
    Path worktree;

    private final Path rendered = Path.of("/scratch/export");

    private StackOverride.Result build(Map<String, Object> service, List<EnvSecret> secrets) {
        return build(service, secrets, Map.of());
    }

    private StackOverride.Result build(
            Map<String, Object> service, List<EnvSecret> secrets, Map<String, Set<String>> serviceEnvs) {
        Map<String, Object> model = Map.of(
                "services",
                Map.of("web", service),
                "configs",
                Map.of("conf", Map.of("file", rendered.resolve("conf/app.conf").toString())),
                "secrets",
                Map.of("ext", Map.of("external", true, "name", "ext")));
        return StackOverride.build(
                "shop",
                model,
                rendered,
                worktree,
                Map.of("web", Map.of("conops.config-hash", "h1")),
                secrets,
                serviceEnvs,
                image -> new ImageRun(List.of("/entry", "$HOME"), List.of("serve")));
    }

    private void conf(String text) throws IOException {
        Files.createDirectories(worktree.resolve("conf"));
        Files.writeString(worktree.resolve("conf/app.conf"), text);
    }

    @Test
    void aConfigFileIsNamedByItsContentAndReadFromTheWorktree() throws IOException {
        conf("one");
        StackOverride.Result first = build(Map.of("image", "img"), List.of());
        conf("two");
        StackOverride.Result second = build(Map.of("image", "img"), List.of());

        assertThat(first.objectNames()).singleElement().asString().matches("shop_conf_[0-9a-f]{12}");
        assertThat(second.objectNames()).doesNotContainAnyElementsOf(first.objectNames());
        assertThat(second.document().get("configs"))
                .isEqualTo(Map.of(
                        "conf",
                        Map.of(
                                "name",
                                second.objectNames().iterator().next(),
                                "file",
                                worktree.resolve("conf/app.conf").toString())));
        // an external secret is the user's: neither renamed nor touched
        assertThat(second.document()).doesNotContainKey("secrets");
    }

    @Test
    void servicesGetTheirLabelsOnTheSwarmService() throws IOException {
        conf("x");
        assertThat(build(Map.of("image", "img"), List.of()).document().get("services"))
                .isEqualTo(Map.of("web", Map.of("deploy", Map.of("labels", Map.of("conops.config-hash", "h1")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceEnvsReferToTheDeploysEnvironmentAndNeverHoldTheirValues() throws IOException {
        conf("x");
        Map<String, Object> doc = build(Map.of("image", "img"), List.of(), Map.of("web", Set.of("GREETING", "TOKEN")))
                .document();
        Map<String, Object> web = ((Map<String, Map<String, Object>>) doc.get("services")).get("web");

        assertThat(web.get("environment")).isEqualTo(Map.of("GREETING", "${GREETING}", "TOKEN", "${TOKEN}"));
        // a service that receives none gets no environment key, so its own stays as it is
        assertThat(build(Map.of("image", "img"), List.of(), Map.of("web", Set.of()))
                        .document()
                        .get("services"))
                .isEqualTo(Map.of("web", Map.of("deploy", Map.of("labels", Map.of("conops.config-hash", "h1")))));
    }

    @Test
    void aLongNameIsCutToSwarmsLimitKeepingTheDigest() throws IOException {
        conf("x");
        String name = StackOverride.contentName("s".repeat(60), "conf", worktree.resolve("conf/app.conf"));
        assertThat(name).hasSize(64).matches("s+_[0-9a-f]{12}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsYamlMountsEachSecretAndWrapsTheImagesOwnEntrypointAndCommand() throws IOException {
        conf("x");
        Map<String, Object> doc = build(Map.of("image", "img"), List.of(new EnvSecret("db_pw", "DB_PASSWORD")))
                .document();
        Map<String, Object> web = ((Map<String, Map<String, Object>>) doc.get("services")).get("web");

        assertThat(web.get("secrets"))
                .isEqualTo(List.of(Map.of("source", "conops_env_DB_PASSWORD", "target", "conops_env_DB_PASSWORD")));
        assertThat(web.get("entrypoint"))
                .isEqualTo(List.of(
                        "/bin/sh",
                        "-c",
                        "export DB_PASSWORD=\"$$(cat /run/secrets/conops_env_DB_PASSWORD)\" && exec \"$$@\"",
                        "conops-env"));
        // the image's own values are escaped for the stack file's interpolation
        assertThat(web.get("command")).isEqualTo(List.of("/entry", "$$HOME", "serve"));
        assertThat(((Map<String, Object>) doc.get("secrets")).get("conops_env_DB_PASSWORD"))
                .isEqualTo(Map.of("external", true, "name", "db_pw"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEntrypointSetInTheComposeFileClearsTheImagesCommandAsInCompose() throws IOException {
        conf("x");
        Map<String, Object> doc = build(
                        Map.of("image", "img", "entrypoint", List.of("/own")),
                        List.of(new EnvSecret("db_pw", "DB_PASSWORD")))
                .document();
        Map<String, Object> web = ((Map<String, Map<String, Object>>) doc.get("services")).get("web");
        assertThat(web.get("command")).isEqualTo(List.of("/own"));

        doc = build(
                        Map.of("image", "img", "command", List.of("run", "$$X")),
                        List.of(new EnvSecret("db_pw", "DB_PASSWORD")))
                .document();
        web = ((Map<String, Map<String, Object>>) doc.get("services")).get("web");
        assertThat(web.get("command")).isEqualTo(List.of("/entry", "$$HOME", "run", "$$X"));
    }
}
