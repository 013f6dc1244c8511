package io.conops.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeCliTest {
    @TempDir
    Path tmp;

    @Test
    void aComposeCommandRunsThePluginItselfNotTheDockerCliInFrontOfIt() throws IOException {
        // a stand-in plugin in the config directory, which the docker CLI would search first: it prints its arguments
        ComposePluginTest.plugin(tmp.resolve("home/.docker/cli-plugins"), true);
        ComposeCli cli = new ComposeCli(
                "docker-is-not-run",
                Duration.ofSeconds(30),
                Map.of("HOME", tmp.resolve("home").toString()),
                new SimpleMeterRegistry());
        Path file = tmp.resolve("compose.yaml");

        ComposeResult r = cli.config(new ComposeProject("conops-test-plugin", tmp, List.of(file), null, Map.of()));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().strip())
                .isEqualTo("--progress plain -p conops-test-plugin -f " + file + " --project-directory " + tmp
                        + " config --format json");
        assertThat(r.command()).isEqualTo("docker compose config --format json");
    }
}
