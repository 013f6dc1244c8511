package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/conops.service checked by systemd's own verifier (these machines run no systemd as PID 1,
 * so the unit cannot be started here; the README gives the manual run): every key known to this
 * systemd, every section in place, the ExecStart binary present. Unknown keys are only warnings
 * to systemd, so any output counts as a failure.
 */
class SystemdUnitIT {
    static final Path UNIT = Path.of("..").toAbsolutePath().normalize().resolve("deploy/conops.service");

    @TempDir
    Path tmp;

    record Verified(int code, String output) {}

    @Test
    void theUnitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        Verified result = verify(Files.readString(UNIT));

        assertThat(result.output()).isEmpty();
        assertThat(result.code()).isZero();
    }

    @Test
    void aMisspeltKeyIsReported() throws Exception {
        String unit = Files.readString(UNIT).replace("Restart=on-failure", "Restart=on-failure\nRestartt=always");

        Verified result = verify(unit);

        assertThat(result.output()).contains("Unknown key 'Restartt' in section [Service]");
    }

    private Verified verify(String unit) throws IOException, InterruptedException {
        Path copy = tmp.resolve("conops.service");
        Files.writeString(copy, unit);
        Process p = new ProcessBuilder("systemd-analyze", "verify", copy.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verified(p.exitValue(), out.strip());
    }
}
