package io.conops.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintDiffTest {
    @TempDir
    Path tmp;

    Path dir;
    Map<String, Object> model;

    @BeforeEach
    void checkout() throws IOException {
        dir = Shop.checkout(tmp.resolve("shop"));
        model = Shop.model(dir);
    }

    @Test
    void explainNamesChangedFileAndKeys() throws IOException {
        ServiceFingerprint before = web("sha256:1111");
        Shop.service(model, "web").put("environment", Map.of("A", "2"));
        Shop.service(model, "web").put("restart", "always");
        Shop.write(dir, "nginx.conf", "changed\n");
        Shop.write(dir, "site/new.html", "new\n");
        Files.delete(dir.resolve("site/css/shop.css"));

        assertThat(FingerprintDiff.explain(before, web("sha256:1111")))
                .containsExactly(
                        "definition changed: environment, restart",
                        "file changed: nginx.conf",
                        "file removed: site/css/shop.css",
                        "file added: site/new.html");
    }

    @Test
    void explainNamesAChangedImage() {
        assertThat(FingerprintDiff.explain(web("sha256:1111"), web("sha256:2222")))
                .containsExactly("image changed");
    }

    @Test
    void explainNamesAChangedTopLevelConfigDefinition() {
        ServiceFingerprint before = web("sha256:1111");
        topLevelConfig().put("file", tmp.resolve("elsewhere/proxy.conf").toString());

        assertThat(FingerprintDiff.explain(before, web("sha256:1111")))
                .containsExactly("definition changed: configs.proxy_conf", "file removed: proxy.conf");
    }

    @Test
    void aFileThatWasMissingAndNowExistsIsAdded() throws IOException {
        Files.delete(dir.resolve("nginx.conf"));
        ServiceFingerprint before = web("sha256:1111");
        Shop.write(dir, "nginx.conf", "back\n");

        assertThat(FingerprintDiff.explain(before, web("sha256:1111"))).containsExactly("file added: nginx.conf");
    }

    @Test
    void equalFingerprintsNeedNoExplanation() {
        assertThat(FingerprintDiff.explain(web("sha256:1111"), web("sha256:1111")))
                .isEmpty();
    }

    @Test
    void aServiceWithoutPreviousFingerprintIsNew() {
        assertThat(FingerprintDiff.explain(null, web("sha256:1111"))).containsExactly("new service");
    }

    @Test
    void manyChangedFilesAreCountedNotListed() throws IOException {
        ServiceFingerprint before = web("sha256:1111");
        for (int i = 0; i < 25; i++) {
            Shop.write(dir, "site/page-%02d.html".formatted(i), "page\n");
        }

        assertThat(FingerprintDiff.explain(before, web("sha256:1111")))
                .hasSize(FingerprintDiff.MAX_FILE_REASONS + 1)
                .startsWith("file added: site/page-00.html")
                .endsWith("and 5 more file changes");
    }

    @Test
    void fingerprintsFromOtherHashingRulesAreNotPickedApart() {
        ServiceFingerprint now = web("sha256:1111");
        ServiceFingerprint old = new ServiceFingerprint(
                now.service(),
                0,
                "0".repeat(64),
                "1".repeat(64),
                new TreeMap<>(),
                now.fileDigests(),
                now.fileHashes(),
                now.image());

        assertThat(FingerprintDiff.explain(old, now)).containsExactly("hashing rules changed (version 0 to 1)");
    }

    @Test
    void withoutTheFilesOfTheDeployedSideTheChangedMountsAreNamed() throws IOException {
        ServiceFingerprint stored = web("sha256:1111").compact();
        Shop.write(dir, "nginx.conf", "changed\n");
        Shop.write(dir, "site/css/shop.css", "h1 { color: red }\n");

        assertThat(FingerprintDiff.explain(stored, web("sha256:1111")))
                .containsExactly("file changed: nginx.conf", "files changed under site");
    }

    @Test
    void theStoredFormWithItsFilesPutBackNamesTheFile() throws IOException {
        ServiceFingerprint deployed = web("sha256:1111");
        ServiceFingerprint stored = deployed.compact().withFileHashes(deployed.fileHashes());
        Shop.write(dir, "site/css/shop.css", "h1 { color: red }\n");

        assertThat(FingerprintDiff.explain(stored, web("sha256:1111")))
                .containsExactly("file changed: site/css/shop.css");
    }

    @Test
    void aFingerprintStoredBeforeDigestsExistedIsStillExplainedFileByFile() throws IOException {
        ServiceFingerprint now = web("sha256:1111");
        ServiceFingerprint older = new ServiceFingerprint(
                now.service(),
                now.version(),
                now.hash(),
                now.definitionHash(),
                now.definitionParts(),
                null,
                now.fileHashes(),
                now.image());
        Shop.write(dir, "nginx.conf", "changed\n");

        assertThat(FingerprintDiff.explain(older, web("sha256:1111"))).containsExactly("file changed: nginx.conf");
    }

    private ServiceFingerprint web(String image) {
        return new DesiredStateHasher(dir).fingerprint("web", Shop.service(model, "web"), model, image);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> topLevelConfig() {
        return (Map<String, Object>) ((Map<String, Object>) model.get("configs")).get("proxy_conf");
    }
}
