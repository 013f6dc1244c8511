package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Given a data directory made beforehand with the usual 0755/0644, when ConOps starts on it, then
 * what ConOps keeps there (the directory, its token, key and database files) is narrowed to the
 * owner, while the apps' checkouts, mounted into containers, keep the permissions Git gave them.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryPermissionsIT {
    @TempDir
    Path tmp;

    TestServer server;
    Path locked;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.close();
        }
        if (locked != null) {
            new ProcessBuilder("chattr", "-i", locked.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void preMadeDataDirectoryIsNarrowedToTheOwnerButCheckoutsAreLeftAlone(CapturedOutput output) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        mode(data, "rwxr-xr-x");
        Path token = data.resolve("admin-token");
        Files.writeString(token, "a-token-written-by-hand-0123456789\n");
        mode(token, "rw-r--r--");
        Path knownHosts = data.resolve("known_hosts");
        Files.writeString(knownHosts, "");
        mode(knownHosts, "rw-r--r--");
        Path worktree = Files.createDirectories(data.resolve("apps/some-app/worktree"));
        mode(worktree, "rwxr-xr-x");
        Path mounted = worktree.resolve("nginx.conf");
        Files.writeString(mounted, "events {}\n");
        mode(mounted, "rw-r--r--");
        Path script = worktree.resolve("entrypoint.sh");
        Files.writeString(script, "#!/bin/sh\n");
        mode(script, "rwxr-xr-x");

        server = TestServer.start(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(token)).isEqualTo("rw-------");
        assertThat(mode(knownHosts)).isEqualTo("rw-------");
        assertThat(mode(data.resolve("encryption.key"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("conops.mv.db"))).isEqualTo("rw-------");
        assertThat(data.resolve("conops.trace.db")).doesNotExist();
        assertThat(mode(worktree)).isEqualTo("rwxr-xr-x");
        assertThat(mode(mounted)).isEqualTo("rw-r--r--");
        assertThat(mode(script)).isEqualTo("rwxr-xr-x");
        assertThat(output.getOut()).doesNotContain("Cannot make");
        assertThat(output.getOut())
                .containsPattern("WARN .*" + Pattern.quote(token.toString())
                        + " was open to other local users \\(rw-r--r--\\); narrowed to rw-------")
                .containsPattern("WARN .*" + Pattern.quote(data.toString())
                        + " was open to other local users \\(rwxr-xr-x\\); narrowed to rwx------");
        assertThat(mode(data.resolve("apps"))).isEqualTo("rwx------");
    }

    @Test
    void aFileThatCannotBeNarrowedIsNamedInAWarning(CapturedOutput output) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        locked = data.resolve("known_hosts");
        Files.writeString(locked, "");
        mode(locked, "rw-r--r--");
        // immutable: not even root may change its mode, as for a file of another user
        Process chattr = new ProcessBuilder("chattr", "+i", locked.toString())
                .inheritIO()
                .start();
        assertThat(chattr.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(chattr.exitValue()).as("chattr +i needs root").isZero();

        server = TestServer.start(data);

        assertThat(mode(locked)).isEqualTo("rw-r--r--");
        assertThat(output.getOut())
                .containsPattern("WARN .*Cannot make " + Pattern.quote(locked.toString())
                        + " private to ConOps' user .*other local users may read it");
        assertThat(mode(data.resolve("conops.mv.db"))).isEqualTo("rw-------");
    }

    private static void mode(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
