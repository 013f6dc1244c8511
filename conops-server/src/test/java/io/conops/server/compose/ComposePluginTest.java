package io.conops.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposePluginTest {
    @TempDir
    Path tmp;

    @Test
    void theConfigDirectoryComesBeforeTheSystemDirectories() throws IOException {
        Path user = plugin(tmp.resolve("user"), true);
        Path system = plugin(tmp.resolve("system"), true);

        assertThat(ComposePlugin.locate(user.getParent(), List.of(system.getParent())))
                .contains(user);
    }

    @Test
    void theSystemDirectoriesAreSearchedInOrder() throws IOException {
        Path first = tmp.resolve("usr-local-lib");
        Files.createDirectories(first);
        Path second = plugin(tmp.resolve("usr-lib"), true);
        Path third = plugin(tmp.resolve("usr-libexec"), true);

        assertThat(ComposePlugin.locate(null, List.of(first, second.getParent(), third.getParent())))
                .contains(second);
    }

    @Test
    void aFileThatIsNotExecutableIsNotThePlugin() throws IOException {
        Path notExecutable = plugin(tmp.resolve("user"), false);
        Path system = plugin(tmp.resolve("system"), true);

        assertThat(ComposePlugin.locate(notExecutable.getParent(), List.of(system.getParent())))
                .contains(system);
    }

    @Test
    void withoutAPluginAnywhereNothingIsFound() {
        assertThat(ComposePlugin.locate(tmp.resolve("missing"), List.of(tmp))).isEmpty();
    }

    @Test
    void theConfigDirectoryIsDockerConfigElseTheHomeDirectorysDotDocker() {
        assertThat(ComposePlugin.configPlugins(Map.of("DOCKER_CONFIG", "/etc/dc", "HOME", "/home/u")))
                .isEqualTo(Path.of("/etc/dc/cli-plugins"));
        assertThat(ComposePlugin.configPlugins(Map.of("HOME", "/home/u")))
                .isEqualTo(Path.of("/home/u/.docker/cli-plugins"));
        assertThat(ComposePlugin.configPlugins(Map.of())).isNull();
    }

    static Path plugin(Path dir, boolean executable) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(ComposePlugin.BINARY);
        Files.writeString(file, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        return file;
    }
}
