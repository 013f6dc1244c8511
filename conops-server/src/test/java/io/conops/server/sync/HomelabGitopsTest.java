package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HomelabGitopsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    private void write(String path, String text) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }

    /** For repositories without a manifest.sops.yml: reading one would be a bug. */
    static final HomelabGitops.SopsNames NO_SOPS = file -> {
        throw new AssertionError("no SOPS file expected, asked for " + file);
    };

    private JsonNode translate(HomelabGitops.SopsNames sops) throws Exception {
        HomelabGitops.Result r = HomelabGitops.translate(root, "hostname_a", JSON, sops);
        assertThat(r.composePath()).isEqualTo("gitops/hostname_a/.conops-homelab-gitops.yaml");
        return JSON.readTree(Files.readString(root.resolve(r.composePath())));
    }

    /** The example of homelab-gitops' own README. */
    private void seed() throws Exception {
        write("gitops/hostname_a/config.yml", """
                pre:
                  script: |
                    mkdir -p /var/mnt/volumes/caddy
                services:
                  service_a: {}
                  service_b: {}
                """);
        write("gitops/hostname_a/service_a/manifest.yml", """
                Container:
                  ContainerName:
                    - caddy
                  Image:
                    - "docker.io/library/caddy:2.5.2-alpine"
                  Volume:
                    - "/var/mnt/volumes/caddy:/data:z"
                    - "${SERVICE_DIR}/service_a_config_file:/etc/caddy/Caddyfile:z"
                  Network:
                    - host
                  HostName:
                    - hostname_a
                """);
        write("gitops/hostname_a/service_a/service_a_config_file", ":80\n");
        write("gitops/hostname_a/service_b/manifest.yml", """
                Unit:
                  Requires:
                    - gitops-service_a.service
                Service:
                  Restart:
                    - always
                Container:
                  Image: [local/busybox:1]
                  Exec: ["sleep 1000"]
                  Environment: ["GREETING=hi $USER", "MODE=prod"]
                  Label: [tier=back]
                  PublishPort: ["127.0.0.1:8080:80"]
                  Volume: ["cache.volume:/cache", "data:/data"]
                  Network: [backend.network]
                  RunInit: ["true"]
                """);
    }

    @Test
    void theReadmeExampleBecomesOneComposeServicePerManifest() throws Exception {
        seed();
        JsonNode project = translate(NO_SOPS);
        JsonNode a = project.get("services").get("service_a");
        assertThat(a.get("image").asString()).isEqualTo("docker.io/library/caddy:2.5.2-alpine");
        assertThat(a.get("container_name").asString()).isEqualTo("caddy");
        assertThat(a.get("hostname").asString()).isEqualTo("hostname_a");
        assertThat(a.get("network_mode").asString()).isEqualTo("host");
        assertThat(a.get("volumes").toString())
                .isEqualTo(
                        "[\"/var/mnt/volumes/caddy:/data:z\",\"./service_a/service_a_config_file:/etc/caddy/Caddyfile:z\"]");
    }

    @Test
    void unitServiceAndContainerFieldsMapToTheirComposeFields() throws Exception {
        seed();
        JsonNode project = translate(NO_SOPS);
        JsonNode b = project.get("services").get("service_b");
        assertThat(b.get("depends_on").toString()).isEqualTo("[\"service_a\"]");
        assertThat(b.get("restart").asString()).isEqualTo("always");
        assertThat(b.get("command").asString()).isEqualTo("sleep 1000");
        // a unit file interpolates nothing: Compose must not either
        assertThat(b.get("environment").toString()).isEqualTo("[\"GREETING=hi $$USER\",\"MODE=prod\"]");
        assertThat(b.get("labels").toString()).isEqualTo("[\"tier=back\"]");
        assertThat(b.get("ports").toString()).isEqualTo("[\"127.0.0.1:8080:80\"]");
        assertThat(b.get("volumes").toString()).isEqualTo("[\"cache:/cache\",\"data:/data\"]");
        assertThat(b.get("networks").toString()).isEqualTo("[\"backend\"]");
        assertThat(b.get("init").asBoolean()).isTrue();
        assertThat(project.get("volumes").get("cache").get("name").asString()).isEqualTo("cache");
        assertThat(project.get("volumes").get("data").get("name").asString()).isEqualTo("data");
        assertThat(project.get("networks").get("backend").get("name").asString())
                .isEqualTo("backend");
    }

    @Test
    void thePreScriptIsNotRunAndTheTranscriptSaysSo() throws Exception {
        seed();
        Path marker = root.resolve("ran");
        write("gitops/hostname_a/config.yml", """
                pre:
                  script: touch %s
                services:
                  service_a: {}
                """.formatted(marker));
        HomelabGitops.Result r = HomelabGitops.translate(root, "hostname_a", JSON, null);
        assertThat(r.notes())
                .containsExactly(
                        "gitops/hostname_a/config.yml: pre.script not run (ConOps runs no repository scripts)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aServiceLeftOutOfConfigIsNotInTheProject() throws Exception {
        seed();
        write("gitops/hostname_a/config.yml", "services:\n  service_a: {}\n");
        assertThat(translate(NO_SOPS).get("services").propertyNames()).containsExactly("service_a");
    }

    @Test
    void aFieldConopsCannotExpressIsRefusedByName() throws Exception {
        seed();
        write("gitops/hostname_a/service_a/manifest.yml", """
                Container:
                  Image: [x]
                  PodmanArgs: ["--privileged"]
                """);
        assertThatThrownBy(() -> translate(NO_SOPS))
                .isInstanceOf(SyncFailure.class)
                .hasMessageContaining(
                        "gitops/hostname_a/service_a/manifest.yml: Container.PodmanArgs is not supported");
    }

    @Test
    void aFieldThatIsNotAListIsRefused() throws Exception {
        seed();
        write("gitops/hostname_a/service_a/manifest.yml", "Container:\n  Image: x\n");
        assertThatThrownBy(() -> translate(NO_SOPS))
                .hasMessageContaining("Container.Image must be a list, as in homelab-gitops");
    }

    @Test
    void aMissingManifestOrConfigIsNamed() throws Exception {
        assertThatThrownBy(() -> translate(NO_SOPS)).hasMessageContaining("gitops/hostname_a/config.yml not found");
        seed();
        Files.delete(root.resolve("gitops/hostname_a/service_b/manifest.yml"));
        assertThatThrownBy(() -> translate(NO_SOPS))
                .hasMessageContaining("gitops/hostname_a/service_b/manifest.yml not found");
    }

    @Test
    void aSopsManifestsVariablesReplaceTheManifestsByNameAndNoValueIsWritten() throws Exception {
        seed();
        write("gitops/hostname_a/service_b/manifest.sops.yml", "encrypted: true\n");
        List<String> asked = new ArrayList<>();
        HomelabGitops.SopsNames names = file -> {
            asked.add(file);
            return Set.of("MODE", "PASSWORD");
        };
        HomelabGitops.Result r = HomelabGitops.translate(root, "hostname_a", JSON, names);
        assertThat(asked).containsExactly("gitops/hostname_a/service_b/manifest.sops.yml");
        assertThat(r.sopsEnvironments())
                .isEqualTo(Map.of("service_b", "gitops/hostname_a/service_b/manifest.sops.yml"));
        JsonNode b = JSON.readTree(Files.readString(root.resolve(r.composePath())))
                .get("services")
                .get("service_b");
        assertThat(b.get("environment").toString()).isEqualTo("[\"GREETING=hi $$USER\"]");
    }

    @Test
    void aSopsManifestThatDoesNotOpenFailsTheTranslation() throws Exception {
        seed();
        write("gitops/hostname_a/service_b/manifest.sops.yml", "encrypted: true\n");
        assertThatThrownBy(() -> translate(file -> {
                    throw new SyncFailure("cannot decrypt SOPS file " + file + ": MAC mismatch");
                }))
                .hasMessageContaining("gitops/hostname_a/service_b/manifest.sops.yml: MAC mismatch");
    }

    @Test
    void aServiceNameThatIsNotAFolderNameIsRefused() throws Exception {
        seed();
        write("gitops/hostname_a/config.yml", "services:\n  \"../../etc\": {}\n");
        assertThatThrownBy(() -> translate(NO_SOPS)).hasMessageContaining("service name '../../etc' must be");
    }

    @Test
    void serviceDirAndHashVariablesAreFilledIn() throws Exception {
        seed();
        write("gitops/hostname_a/service_a/manifest.yml", """
                Container:
                  Image: [x]
                  Label: ["dir=${SERVICE_DIR}", "name=${SERVICE}", "hash=${HASH}"]
                """);
        JsonNode labels = translate(NO_SOPS).get("services").get("service_a").get("labels");
        assertThat(labels.get(0).asString()).isEqualTo("dir=./service_a");
        assertThat(labels.get(1).asString()).isEqualTo("name=service_a");
        assertThat(labels.get(2).asString()).matches("hash=[0-9a-f]{64}");
    }
}
