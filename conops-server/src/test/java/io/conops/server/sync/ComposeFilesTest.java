package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFilesTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    @Test
    void findsTheComposeFileInsideTheCheckout() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout/deploy"));
        Files.writeString(checkout.resolve("compose.yaml"), "services: {}\n");
        assertThat(ComposeFiles.locate(tmp.resolve("checkout"), "deploy/compose.yaml", SHA))
                .isEqualTo(checkout.resolve("compose.yaml"));
    }

    @Test
    void symlinkLeavingTheCheckoutIsRefused() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path outside = Files.writeString(tmp.resolve("secret.yaml"), "services: {}\n");
        Files.createSymbolicLink(checkout.resolve("compose.yaml"), outside);
        assertThatThrownBy(() -> ComposeFiles.locate(checkout, "compose.yaml", SHA))
                .isInstanceOf(SyncFailure.class)
                .hasMessageContaining("symlink that leaves the repository");
    }

    @Test
    void missingFileNamesTheCommit() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        assertThatThrownBy(() -> ComposeFiles.locate(checkout, "compose.yaml", SHA))
                .hasMessage("compose file compose.yaml not found at commit 0123456");
    }

    @Test
    void directoryIsNotAComposeFile() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout/compose.yaml"));
        assertThatThrownBy(() -> ComposeFiles.locate(checkout.getParent(), "compose.yaml", SHA))
                .hasMessageContaining("is not a file");
    }
}
