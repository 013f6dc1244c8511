package io.conops.server.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.server.swarm.SecretsYaml.EnvSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsYamlTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansNoVariables() {
        assertThat(SecretsYaml.read(dir)).isEmpty();
    }

    @Test
    void secretAndItsAliasIdNameTheSwarmSecretOfEachVariable() throws IOException {
        Files.writeString(
                dir.resolve("secrets.yaml"),
                "- secret: db_password\n  env: DB_PASSWORD\n- id: api.key\n  env: API_KEY\n");
        assertThat(SecretsYaml.read(dir))
                .containsExactly(new EnvSecret("db_password", "DB_PASSWORD"), new EnvSecret("api.key", "API_KEY"));
    }

    @Test
    void aSymbolicLinkIsRefusedUnread() throws IOException {
        Path outside = Files.writeString(dir.resolve("elsewhere.yaml"), "- secret: x\n  env: A\n");
        Files.createSymbolicLink(dir.resolve("secrets.yaml"), outside);
        assertThatThrownBy(() -> SecretsYaml.read(dir))
                .hasMessage("secrets.yaml is a symbolic link; it must be a file of the repository");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not a list|secret: x|must be a list",
                "no env|- secret: x|entry 1: env must be",
                "bad env|- secret: x\\n  env: 1A|entry 1: env must be",
                "bad secret|- secret: '-x'\\n  env: A|entry 1: secret must be",
                "both names|- secret: x\\n  id: y\\n  env: A|entry 1: give secret or id",
                "unknown field|- secret: x\\n  env: A\\n  file: /etc/passwd|entry 1: unknown field file",
                "twice|- secret: x\\n  env: A\\n- secret: y\\n  env: A|entry 2: env A is given twice",
                "not yaml|- [|cannot be read",
            })
    void aBadFileIsAnInvalidCommitNamingTheEntry(String why, String text, String message) throws IOException {
        Files.writeString(dir.resolve("secrets.yaml"), text.replace("\\n", "\n"));
        assertThatThrownBy(() -> SecretsYaml.read(dir))
                .isInstanceOf(ConopsException.class)
                .hasMessageStartingWith("secrets.yaml")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConopsException) e).condition()).isEqualTo(ConditionType.INVALID_COMPOSE));
    }
}
