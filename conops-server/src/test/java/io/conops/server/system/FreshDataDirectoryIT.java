package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Given no data directory, when ConOps starts (with the embedded database and a generated token
 * and key) and stops, then every file it made there is 0600 and every folder 0700, with nothing
 * narrowed after the fact: each was made that way.
 */
@ExtendWith(OutputCaptureExtension.class)
class FreshDataDirectoryIT {
    @TempDir
    Path tmp;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everythingConopsCreatesIsOwnerOnly(CapturedOutput output) throws Exception {
        Path data = tmp.resolve("fresh/data");

        server = TestServer.start(data, java.util.Map.of("conops.admin-token", ""));
        server.close();
        server = null;

        List<Path> all;
        try (Stream<Path> walk = Files.walk(data)) {
            all = walk.toList();
        }
        assertThat(all)
                .contains(data.resolve("conops.mv.db"), data.resolve("admin-token"), data.resolve("encryption.key"));
        for (Path p : all) {
            String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
            assertThat(mode(p)).as(p.toString()).isEqualTo(expected);
        }
        assertThat(mode(data.getParent()))
                .as("the missing parent made on the way")
                .isEqualTo("rwx------");
        assertThat(output.getOut()).doesNotContain("was open to other local users", "Cannot make");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
