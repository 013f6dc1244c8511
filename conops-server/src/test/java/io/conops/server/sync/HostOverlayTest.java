package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostOverlayTest {
    @TempDir
    Path tmp;

    private Path checkout() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(root.resolve("site"));
        Files.writeString(root.resolve("site/index.html"), "root page");
        Files.writeString(root.resolve("compose.yaml"), "services: {}\n");
        Files.createDirectories(root.resolve("hosts/h1/site"));
        Files.createDirectories(root.resolve("hosts/h2"));
        Files.writeString(root.resolve("hosts/h1/site/index.html"), "h1 page");
        Files.writeString(root.resolve("hosts/h1/site/extra.css"), "body {}");
        Files.writeString(root.resolve("hosts/h2/compose.yaml"), "services: {h2: {}}\n");
        return root;
    }

    @Test
    void theHostsFilesReplaceAndAddToTheRootAndOtherHostsAreLeftAlone() throws Exception {
        Path root = checkout();
        HostOverlay.Result r = HostOverlay.apply(root, "hosts", "h1");
        assertThat(root.resolve("site/index.html")).hasContent("h1 page");
        assertThat(root.resolve("site/extra.css")).hasContent("body {}");
        assertThat(root.resolve("compose.yaml")).hasContent("services: {}\n");
        assertThat(r.overlaid()).containsOnlyKeys("site/index.html", "site/extra.css");
        assertThat(r.overlaid()).containsEntry("site/index.html", "hosts/h1");
        assertThat(r.added()).containsExactly("site/extra.css");
    }

    @Test
    void anEmptyOverlayDirOrAHostWithoutAFolderChangesNothing() throws Exception {
        Path root = checkout();
        assertThat(HostOverlay.apply(root, "", "h1").overlaid()).isEmpty();
        assertThat(HostOverlay.apply(root, "hosts", "h3").overlaid()).isEmpty();
        assertThat(root.resolve("site/index.html")).hasContent("root page");
    }

    @Test
    void anotherOverlayDirIsUsed() throws Exception {
        Path root = checkout();
        Files.createDirectories(root.resolve("machines/h1/site"));
        Files.writeString(root.resolve("machines/h1/site/index.html"), "machine page");
        HostOverlay.apply(root, "machines", "h1");
        assertThat(root.resolve("site/index.html")).hasContent("machine page");
    }

    @Test
    void theOverlayNeverWritesThroughASymlinkOfTheRepository() throws Exception {
        Path root = checkout();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("conf"), outside);
        Files.createDirectories(root.resolve("hosts/h1/conf"));
        Files.writeString(root.resolve("hosts/h1/conf/evil.txt"), "x");
        assertThatThrownBy(() -> HostOverlay.apply(root, "hosts", "h1"))
                .isInstanceOf(SyncFailure.class)
                .hasMessageContaining("cannot overlay hosts/h1/conf")
                .hasMessageContaining("symlink");
        assertThat(outside.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aSymlinkedFileAtTheTargetIsReplacedNotWrittenThrough() throws Exception {
        Path root = checkout();
        Path outsideFile = Files.writeString(tmp.resolve("outside.txt"), "keep me");
        Files.delete(root.resolve("site/index.html"));
        Files.createSymbolicLink(root.resolve("site/index.html"), outsideFile);
        HostOverlay.apply(root, "hosts", "h1");
        assertThat(outsideFile).hasContent("keep me");
        assertThat(Files.isSymbolicLink(root.resolve("site/index.html"))).isFalse();
        assertThat(root.resolve("site/index.html")).hasContent("h1 page");
    }

    @Test
    void anOverlayFolderThatIsASymlinkOutOfTheCheckoutIsRefused() throws Exception {
        Path root = checkout();
        Path outside = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(outside.resolve("passwd"), "secret");
        Files.createSymbolicLink(root.resolve("hosts/h3"), outside);
        assertThatThrownBy(() -> HostOverlay.apply(root, "hosts", "h3"))
                .isInstanceOf(SyncFailure.class)
                .hasMessageContaining("overlay folder hosts/h3 is a symlink");
        assertThat(root.resolve("passwd")).doesNotExist();
    }

    @Test
    void aSymlinkInTheOverlayIsCopiedAsASymlinkForTheLaterChecks() throws Exception {
        Path root = checkout();
        Files.createSymbolicLink(root.resolve("hosts/h1/data"), Path.of("/etc"));
        HostOverlay.apply(root, "hosts", "h1");
        assertThat(Files.isSymbolicLink(root.resolve("data"))).isTrue();
        assertThat(Files.readSymbolicLink(root.resolve("data"))).isEqualTo(Path.of("/etc"));
    }

    @Test
    void aFileOverAFolderIsRefused() throws Exception {
        Path root = checkout();
        Files.writeString(root.resolve("hosts/h2/site"), "not a folder");
        assertThatThrownBy(() -> HostOverlay.apply(root, "hosts", "h2"))
                .hasMessageContaining("cannot overlay hosts/h2/site: it is a file in the overlay but a folder");
    }
}
