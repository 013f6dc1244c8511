package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.server.system.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsPropertiesTest {
    @TempDir
    Path tmp;

    @Test
    void identitiesComeFromTheVariableAndTheFileTogether() throws IOException {
        Path file = tmp.resolve("keys.txt");
        Files.writeString(file, SopsFixtures.otherIdentity());

        SopsProperties props = new SopsProperties(SopsFixtures.identity(), file);

        assertThat(props.identities()).hasToString("AgeIdentities[2]");
        assertThat(props.toString()).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void badValuesStopStartUpNamingTheVariable() {
        assertThatThrownBy(() -> new SopsProperties("AGE-SECRET-KEY-1NOTBECH32", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("CONOPS_AGE_KEY")
                .hasMessageNotContaining("NOTBECH32");
        assertThatThrownBy(() -> new SopsProperties(null, tmp.resolve("missing.txt")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("CONOPS_AGE_KEY_FILE");
    }
}
