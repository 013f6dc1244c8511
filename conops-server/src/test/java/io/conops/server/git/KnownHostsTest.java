package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path tmp;

    @Test
    void configuredFileWinsEvenWhenItDoesNotExistYet() throws Exception {
        Files.writeString(tmp.resolve("known_hosts"), "");
        Path configured = tmp.resolve("etc/conops_known_hosts");

        assertThat(KnownHosts.locate(configured, tmp)).isEqualTo(configured.toAbsolutePath());
    }

    @Test
    void dataDirectoryFileIsUsedWhenPresent() throws Exception {
        Path inData = Files.writeString(tmp.resolve("known_hosts"), "");

        assertThat(KnownHosts.locate(null, tmp)).isEqualTo(inData.toAbsolutePath());
    }

    @Test
    void userFileIsTheFallback() {
        Path expected =
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts").toAbsolutePath();

        assertThat(KnownHosts.locate(null, tmp)).isEqualTo(expected);
        assertThat(KnownHosts.locate(null, null)).isEqualTo(expected);
    }
}
