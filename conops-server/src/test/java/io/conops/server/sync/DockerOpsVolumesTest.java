package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.app.ConditionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerOpsVolumesTest {
    @TempDir
    Path root;

    Path compose;

    @BeforeEach
    void repository() throws Exception {
        Files.writeString(root.resolve("volumes.yaml"), """
                - id: "config_files"
                  type: "binding"
                  path: "config"
                - id: "app_data"
                  type: "volume"
                  path: "app_data_volume"
                """);
        Files.writeString(root.resolve("nfs.yaml"), "path: \"/mnt/nfs/dockerops\"\n");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/app.conf"), "a=1\n");
        Files.createDirectories(root.resolve("web"));
        compose = root.resolve("web/docker-compose.yml");
    }

    @Test
    void bindingBecomesTheNfsPathAndVolumeANamedVolume() throws Exception {
        Files.writeString(compose, """
                services:
                  web:
                    image: nginx
                    volumes:
                      - "config_files:/etc/app:ro"
                      - "app_data:/data"
                      - "./local:/local"
                """);
        List<DockerOpsVolumes.Binding> bindings = DockerOpsVolumes.rewrite(root, compose);
        assertThat(bindings)
                .containsExactly(
                        new DockerOpsVolumes.Binding(root.resolve("config"), Path.of("/mnt/nfs/dockerops/config")));
        String out = Files.readString(compose);
        assertThat(out)
                .contains("/mnt/nfs/dockerops/config:/etc/app:ro")
                .contains("app_data:/data")
                .contains("./local:/local")
                .contains("name: app_data_volume")
                .contains(DockerOpsVolumes.DIGEST_LABEL);
    }

    @Test
    void changedBindingFileChangesTheDigestLabel() throws Exception {
        String file = "services:\n  web:\n    image: nginx\n    volumes: [\"config_files:/etc/app\"]\n";
        Files.writeString(compose, file);
        DockerOpsVolumes.rewrite(root, compose);
        String first = Files.readString(compose);
        Files.writeString(root.resolve("config/app.conf"), "a=2\n");
        Files.writeString(compose, file);
        DockerOpsVolumes.rewrite(root, compose);
        assertThat(Files.readString(compose)).isNotEqualTo(first);
    }

    @Test
    void aComposeFileThatDeclaresItsVolumesIsLeftAlone() throws Exception {
        String file = """
                services:
                  web:
                    image: nginx
                    volumes: ["config_files:/etc/app"]
                volumes:
                  config_files: {}
                """;
        Files.writeString(compose, file);
        assertThat(DockerOpsVolumes.rewrite(root, compose)).isEmpty();
        assertThat(Files.readString(compose)).isEqualTo(file);
    }

    @Test
    void withoutVolumesYamlNothingChanges() throws Exception {
        Files.delete(root.resolve("volumes.yaml"));
        String file = "services:\n  web:\n    image: nginx\n    volumes: [\"config_files:/etc/app\"]\n";
        Files.writeString(compose, file);
        assertThat(DockerOpsVolumes.rewrite(root, compose)).isEmpty();
        assertThat(Files.readString(compose)).isEqualTo(file);
    }

    @Test
    void aBindingWithoutNfsYamlOrLeavingTheRepositoryIsAnInvalidCommit() throws Exception {
        Files.writeString(compose, "services:\n  web:\n    image: nginx\n    volumes: [\"config_files:/etc/app\"]\n");
        Files.delete(root.resolve("nfs.yaml"));
        assertThatThrownBy(() -> DockerOpsVolumes.rewrite(root, compose))
                .isInstanceOfSatisfying(
                        SyncFailure.class, e -> assertThat(e.condition()).isEqualTo(ConditionType.INVALID_COMPOSE))
                .hasMessageContaining("nfs.yaml");
        Files.writeString(root.resolve("nfs.yaml"), "path: /mnt/nfs\n");
        Files.writeString(root.resolve("volumes.yaml"), "- {id: config_files, type: binding, path: ../etc}\n");
        assertThatThrownBy(() -> DockerOpsVolumes.rewrite(root, compose)).hasMessageContaining("leaves the repository");
    }

    @Test
    void copyReplacesTheContentsWith755And644() throws Exception {
        Path target = root.resolve("nfs/config");
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale.conf"), "old\n");
        DockerOpsVolumes.copy(List.of(new DockerOpsVolumes.Binding(root.resolve("config"), target)));
        assertThat(target.resolve("stale.conf")).doesNotExist();
        assertThat(Files.readString(target.resolve("app.conf"))).isEqualTo("a=1\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rwxr-xr-x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(target.resolve("app.conf"))))
                .isEqualTo("rw-r--r--");
    }
}
