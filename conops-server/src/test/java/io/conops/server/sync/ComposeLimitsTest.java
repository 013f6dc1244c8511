package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLimitsTest {
    @TempDir
    Path tmp;

    Path checkout;

    @BeforeEach
    void checkout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("checkout"));
    }

    private Path write(String path, String content) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private void check(Path file) {
        ComposeLimits.check(checkout, file);
    }

    @Test
    void anOrdinaryComposeFileWithAnchorsAndMergesPasses() throws IOException {
        Path file = write("deploy/compose.yaml", """
                x-defaults: &defaults
                  image: local/busybox:1
                  init: true
                  logging: {driver: local}
                services:
                  web:
                    <<: *defaults
                    command: ["httpd", "-f"]
                    labels: !reset []
                  worker:
                    <<: *defaults
                    command: ["sleep", "100000"]
                """);

        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }

    @Test
    void aFileOverOneMebibyteIsRefusedWithItsSize() throws IOException {
        Path file = write("compose.yaml", HostileCompose.ofSize(1024 * 1024 + 10));
        long size = Files.size(file);

        assertThatThrownBy(() -> check(file))
                .isInstanceOf(SyncFailure.class)
                .hasMessage("compose.yaml is %,d bytes; ConOps accepts compose files up to 1 MiB (1,048,576 bytes)"
                        .formatted(size));
    }

    @Test
    void aFileJustUnderTheSizeLimitPasses() throws IOException {
        Path file = write("compose.yaml", HostileCompose.ofSize(1024 * 1024 - 200));

        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }

    @Test
    void anAliasBombIsRefusedByItsExpandedSize() throws IOException {
        Path file = write("compose.yaml", HostileCompose.aliasBomb(9));

        assertThatThrownBy(() -> check(file))
                .hasMessage("compose.yaml expands to more than 100,000 YAML nodes (keys, values, list items) once its"
                        + " aliases are resolved; ConOps accepts up to 100,000");
    }

    @Test
    void aFewLevelsOfAliasesStayWithinTheLimits() throws IOException {
        Path file = write("compose.yaml", HostileCompose.aliasBomb(4)); // 9^4 = 6,561 strings

        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }

    @Test
    void tooManyAliasesOfListsOrMapsAreRefused() throws IOException {
        String aliases = String.join(", ", Collections.nCopies(1_001, "*m"));
        Path file = write("compose.yaml", HostileCompose.SERVICE + "x-m: &m {a: 1}\nx-uses: [" + aliases + "]\n");

        assertThatThrownBy(() -> check(file))
                .hasMessage(
                        "compose.yaml uses more than 1,000 YAML aliases of lists or maps; ConOps accepts up to 1,000");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        Path file = write("compose.yaml", HostileCompose.nested(60));

        assertThatThrownBy(() -> check(file))
                .hasMessage("compose.yaml nests more than 50 levels deep; ConOps accepts up to 50");
    }

    @Test
    void nestingThatOnlyAliasesMakeDeepIsRefusedToo() throws IOException {
        StringBuilder yaml = new StringBuilder(HostileCompose.SERVICE).append("x-n0: &n0 [[[[[[[[[[1]]]]]]]]]]\n");
        for (int i = 1; i < 8; i++) {
            yaml.append("x-n%d: &n%d [[[[[[[[[[*n%d]]]]]]]]]]\n".formatted(i, i, i - 1));
        }
        Path file = write("compose.yaml", yaml.toString());

        assertThatThrownBy(() -> check(file))
                .hasMessage("compose.yaml nests more than 50 levels deep; ConOps accepts up to 50");
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefused() throws IOException {
        Path file = write("compose.yaml", HostileCompose.SERVICE + "x-loop: &loop [1, *loop]\n");

        assertThatThrownBy(() -> check(file))
                .hasMessage(
                        "compose.yaml has a YAML alias inside the anchor it refers to; it would expand without end");
    }

    @Test
    void manyKeysUnderTheSizeLimitAreRefusedByTheirCount() throws IOException {
        Path file = write("compose.yaml", HostileCompose.manyKeys(60_000));

        assertThatThrownBy(() -> check(file)).hasMessageStartingWith("compose.yaml expands to more than 100,000 YAML");
    }

    @Test
    void aLongTextRepeatedByAliasesIsRefused() throws IOException {
        String aliases = String.join(", ", Collections.nCopies(50, "*t"));
        Path file = write(
                "compose.yaml",
                HostileCompose.SERVICE + "x-t: &t " + "x".repeat(100_000) + "\nx-uses: [" + aliases + "]\n");

        assertThatThrownBy(() -> check(file))
                .hasMessage("compose.yaml expands to more than 4 MiB of text once its aliases are resolved;"
                        + " ConOps accepts up to 4 MiB");
    }

    @Test
    void invalidYamlIsRefusedWithWhereTheProblemIs() throws IOException {
        Path file = write("compose.yaml", "services:\n  web: [unclosed\n");

        assertThatThrownBy(() -> check(file))
                .hasMessageStartingWith("invalid compose file compose.yaml: not valid YAML: ")
                .hasMessageContaining("(line 3, column 1)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = checkout.resolve("compose.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, 'x', '\n'});

        assertThatThrownBy(() -> check(file)).hasMessage("compose.yaml is not UTF-8 text");
    }

    @Test
    void everyDocumentOfTheFileCounts() throws IOException {
        Path file = write("compose.yaml", HostileCompose.SERVICE + "---\n" + HostileCompose.aliasBomb(9));

        assertThatThrownBy(() -> check(file)).hasMessageStartingWith("compose.yaml expands to more than");
    }

    @Test
    void anIncludedFileIsHeldToTheLimitsAndNamed() throws IOException {
        write("parts/bomb.yaml", HostileCompose.aliasBomb(9));
        Path file = write("compose.yaml", "include:\n  - path: parts/bomb.yaml\n" + HostileCompose.SERVICE);

        assertThatThrownBy(() -> check(file)).hasMessageStartingWith("parts/bomb.yaml expands to more than");
    }

    @Test
    void aFileNamedByExtendsIsHeldToTheLimits() throws IOException {
        write("base.yaml", HostileCompose.nested(60));
        Path file = write("compose.yaml", """
                services:
                  s:
                    extends: {file: base.yaml, service: s}
                """);

        assertThatThrownBy(() -> check(file)).hasMessageStartingWith("base.yaml nests more than 50 levels");
    }

    @Test
    void includedFilesCountTogether() throws IOException {
        write("a.yaml", HostileCompose.manyKeys(30_000));
        write("b.yaml", HostileCompose.manyKeys(30_000));
        Path file = write("compose.yaml", "include: [a.yaml, b.yaml]\n");

        assertThatThrownBy(() -> check(file)).hasMessageStartingWith("b.yaml expands to more than 100,000 YAML nodes");
    }

    @Test
    void filesOutsideTheCheckoutAndInterpolatedPathsAreLeftToCompose() throws IOException {
        Files.writeString(tmp.resolve("outside.yaml"), HostileCompose.aliasBomb(9));
        Path file = write("compose.yaml", "include: [../outside.yaml, \"${PARTS}/x.yaml\", missing.yaml]\n");

        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }

    @Test
    void aFileIncludingItselfIsReadOnce() throws IOException {
        Path file = write("compose.yaml", "include: [compose.yaml, ./compose.yaml]\n" + HostileCompose.SERVICE);

        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }
}
