package io.conops.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.app.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateDockerConfigTest {
    @TempDir
    Path dataDir;

    private final PrivateDockerConfig config = new PrivateDockerConfig();

    private static String auth(String userPass) {
        return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void configHoldsOneAuthPerRegistry() throws Exception {
        Path dir = dataDir.resolve("apps/shop/docker");

        Path file = config.write(
                dir,
                List.of(
                        new RegistryCredential("registry.example.com:5000", "deploy", "pa:ss"),
                        new RegistryCredential("ghcr.io", "bot", "ghp_token")));

        assertThat(file).isEqualTo(dir.resolve("config.json"));
        assertThat(Files.readString(file))
                .isEqualTo("{\"auths\":{"
                        + "\"ghcr.io\":{\"auth\":\"" + auth("bot:ghp_token") + "\"},"
                        + "\"registry.example.com:5000\":{\"auth\":\"" + auth("deploy:pa:ss") + "\"}}}\n");
    }

    @Test
    void directoryIsOwnerOnlyAndFileIsOwnerReadWriteOnly() throws Exception {
        Path dir = dataDir.resolve("docker");

        Path file = config.write(dir, List.of(new RegistryCredential("ghcr.io", "bot", "secret")));

        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    @Test
    void existingWiderDirectoryIsNarrowedToOwnerOnly() throws Exception {
        Path dir = Files.createDirectory(dataDir.resolve("docker"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        config.write(dir, List.of());

        assertThat(permissions(dir)).isEqualTo("rwx------");
    }

    @Test
    void rewritingReplacesTheConfigAndKeepsOtherFiles() throws Exception {
        Path dir = dataDir.resolve("docker");
        config.write(dir, List.of(new RegistryCredential("ghcr.io", "bot", "old")));
        Path buildxState = Files.writeString(dir.resolve("buildx-state"), "x");

        Path file = config.write(dir, List.of(new RegistryCredential("ghcr.io", "bot", "new")));

        assertThat(Files.readString(file)).contains(auth("bot:new")).doesNotContain(auth("bot:old"));
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(buildxState).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "buildx-state");
        }
    }

    @Test
    void noCredentialsGiveAnEmptyAuthsObject() throws Exception {
        Path file = config.write(dataDir.resolve("docker"), List.of());

        assertThat(Files.readString(file)).isEqualTo("{\"auths\":{}}\n");
    }

    @Test
    void dockerHubIsStoredUnderTheKeyTheDockerCliLooksUp() throws Exception {
        Path file = config.write(dataDir.resolve("docker"), List.of(new RegistryCredential("docker.io", "me", "pw")));

        assertThat(Files.readString(file))
                .contains("\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("me:pw") + "\"}");
    }

    @Test
    void twoCredentialsForTheSameRegistryAreRejected() {
        List<RegistryCredential> credentials = List.of(
                new RegistryCredential("docker.io", "me", "pw"),
                new RegistryCredential("index.docker.io", "me", "pw2"));
        Path dir = dataDir.resolve("docker");

        assertThatThrownBy(() -> config.write(dir, credentials))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("more than one credential");
        assertThat(dir).doesNotExist();
    }

    @Test
    void deleteRemovesTheDirectoryAndToleratesItsAbsence() {
        Path dir = dataDir.resolve("docker");
        config.write(dir, List.of(new RegistryCredential("ghcr.io", "bot", "secret")));

        config.delete(dir);
        config.delete(dir);

        assertThat(dir).doesNotExist();
        assertThat(dataDir).exists();
    }

    @Test
    void deleteRemovesLinksButNotWhatTheyPointTo() throws Exception {
        Path dir = dataDir.resolve("docker");
        config.write(dir, List.of());
        Path outside = Files.writeString(dataDir.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(dir.resolve("link"), outside);

        config.delete(dir);

        assertThat(dir).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"registry.example.com", "ghcr.io", "localhost:5000", "10.0.0.1:5000", "[::1]:5000", "my-registry"
            })
    void registryHostAndOptionalPortAreAccepted(String registry) {
        assertThat(new RegistryCredential(registry, "u", "p").registry()).isEqualTo(registry);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "https://ghcr.io",
                "ghcr.io/owner",
                "user@ghcr.io",
                "ghcr io",
                "-ghcr.io",
                "ghcr-.io",
                "ghcr..io",
                "ghcr.io:",
                "ghcr.io:0",
                "ghcr.io:65536",
                "ghcr.io:5000:1",
                "ghcr.io\"",
                "ghcr.io\n"
            })
    void badRegistryNamesAreRejected(String registry) {
        assertThatThrownBy(() -> new RegistryCredential(registry, "u", "p"))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("registry_auth"));
    }

    @Test
    void usernameWithAColonOrMissingPasswordIsRejected() {
        assertThatThrownBy(() -> new RegistryCredential("ghcr.io", "a:b", "p"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("must not contain ':'");
        assertThatThrownBy(() -> new RegistryCredential("ghcr.io", "", "p")).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> new RegistryCredential("ghcr.io", "u", "")).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void credentialToStringRedactsThePassword() {
        assertThat(new RegistryCredential("ghcr.io", "bot", "ghp_secret").toString())
                .contains("ghcr.io", "bot", "***")
                .doesNotContain("ghp_secret");
    }
}
