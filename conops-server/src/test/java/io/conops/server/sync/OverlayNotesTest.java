package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayNotesTest {
    @Test
    void anOverlaidFileIsNamedWithItsOverlayFolder() {
        assertThat(OverlayNotes.annotate(
                        List.of(
                                "file changed: site/index.html",
                                "file changed: nginx.conf",
                                "definition changed: ports"),
                        Map.of("site/index.html", "hosts/h1")))
                .containsExactly(
                        "file changed: site/index.html (hosts/h1)",
                        "file changed: nginx.conf",
                        "definition changed: ports");
    }

    @Test
    void aFolderHoldingAnOverlaidFileSaysSoToo() {
        assertThat(OverlayNotes.annotate(
                        List.of("files changed under site", "file added: site/new.css"),
                        Map.of("site/new.css", "hosts/h1")))
                .containsExactly("files changed under site (hosts/h1)", "file added: site/new.css (hosts/h1)");
    }

    @Test
    void overlaidPathsAreNamedFromTheComposeFilesFolder() {
        Path root = Path.of("/tmp/x");
        assertThat(OverlayNotes.relativeTo(
                        root,
                        root.resolve("deploy"),
                        Map.of("deploy/site/index.html", "hosts/h1", "README.md", "hosts/h1")))
                .containsExactly(Map.entry("site/index.html", "hosts/h1"));
    }
}
