package io.conops.server.credentials;

import static io.conops.server.credentials.EncryptionKeys.KEY;
import static io.conops.server.credentials.EncryptionKeys.KEY_FILE;
import static io.conops.server.credentials.EncryptionKeys.PREVIOUS_KEY;
import static io.conops.server.credentials.TestKeys.KEY_A;
import static io.conops.server.credentials.TestKeys.KEY_B;
import static io.conops.server.credentials.TestKeys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void thirtyTwoRawBytesAreAcceptedAsTheKey() {
        EncryptionKeys keys = keys(dataDir, KEY, "0123456789abcdef0123456789abcdef");

        assertThat(keys.current().id()).matches("[0-9a-f]{8}");
        assertThat(keys.current().source()).isEqualTo(KEY);
        assertThat(dataDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void base64OfThirtyTwoBytesIsAcceptedWithSurroundingBlanks() {
        assertThat(keys(dataDir, KEY, " " + KEY_A + "\n").current().id())
                .isEqualTo(keys(dataDir, KEY, KEY_A).current().id());
    }

    @Test
    void thirtyOneByteKeyIsRejectedNamingTheVariableWithoutEchoingIt() {
        String value = "0123456789abcdef0123456789abcde";

        assertThatThrownBy(() -> keys(dataDir, KEY, value))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageStartingWith("CONOPS_ENCRYPTION_KEY must be 32 bytes or the base64 of 32 bytes")
                .hasMessageContaining("31 bytes")
                .hasMessageNotContaining(value)
                .message()
                .doesNotContain("\n");
    }

    @Test
    void base64OfTheWrongLengthIsRejected() {
        String value = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> keys(dataDir, KEY, value))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining("CONOPS_ENCRYPTION_KEY")
                .hasMessageContaining("decodes to 16 bytes")
                .hasMessageNotContaining(value);
    }

    @Test
    void badPreviousKeyIsRejectedNamingItsVariable() {
        assertThatThrownBy(() -> keys(dataDir, KEY, KEY_A, PREVIOUS_KEY, "short"))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageStartingWith("CONOPS_ENCRYPTION_KEY_PREVIOUS must be")
                .hasMessageNotContaining("short");
    }

    @Test
    void keyFileIsGeneratedOwnerOnlyOnFirstLoadAndReusedOnTheNext() throws Exception {
        EncryptionKeys first = keys(dataDir);
        Path file = dataDir.resolve("encryption.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(Base64.getDecoder().decode(content)).hasSize(32);
        assertThat(first.current().source()).contains(KEY_FILE).contains(file.toString());
        assertThat(keys(dataDir).current().id()).isEqualTo(first.current().id());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(content);
    }

    @Test
    void keyFileIsGeneratedInADataDirectoryThatDoesNotExistYet() {
        Path fresh = dataDir.resolve("not/yet");

        keys(fresh);

        assertThat(fresh.resolve("encryption.key")).isRegularFile();
    }

    @Test
    void keyFromTheVariableWinsOverTheKeyFile() {
        EncryptionKeys fromFile = keys(dataDir);

        EncryptionKeys fromVariable = keys(dataDir, KEY, KEY_A);

        assertThat(fromVariable.current().id()).isNotEqualTo(fromFile.current().id());
        assertThat(fromVariable.current().id())
                .isEqualTo(keys(dataDir.resolve("other"), KEY, KEY_A).current().id());
    }

    @Test
    void blankVariableCountsAsUnset() {
        EncryptionKeys keys = keys(dataDir, KEY, "", PREVIOUS_KEY, " ");

        assertThat(keys.current().source()).contains(KEY_FILE);
        assertThat(keys.previous()).isEmpty();
    }

    @Test
    void configuredKeyFileIsRead() throws Exception {
        Path file = Files.writeString(dataDir.resolve("my.key"), KEY_A + "\n");

        assertThat(keys(dataDir, KEY_FILE, file.toString()).current().id())
                .isEqualTo(keys(dataDir, KEY, KEY_A).current().id());
    }

    @Test
    void configuredKeyFileThatIsMissingFailsInsteadOfBeingGenerated() {
        Path file = dataDir.resolve("secrets/conops.key");

        assertThatThrownBy(() -> keys(dataDir, KEY_FILE, file.toString()))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining(KEY_FILE)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void existingKeyFileWithBadContentFailsNamingTheFileWithoutEchoingIt() throws Exception {
        Path file = Files.writeString(dataDir.resolve("encryption.key"), "not-a-key-at-all\n");

        assertThatThrownBy(() -> keys(dataDir))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining(KEY_FILE)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("not-a-key-at-all");
    }

    @Test
    void emptyKeyFileFailsAndIsNotReplaced() throws Exception {
        Path file = Files.createFile(dataDir.resolve("encryption.key"));

        assertThatThrownBy(() -> keys(dataDir))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining("it is empty");
        assertThat(file).isEmptyFile();
    }

    @Test
    void previousKeyIsLoadedForRotation() {
        EncryptionKeys keys = keys(dataDir, KEY, KEY_A, PREVIOUS_KEY, KEY_B);

        assertThat(keys.previous()).hasValueSatisfying(previous -> {
            assertThat(previous.id()).isNotEqualTo(keys.current().id());
            assertThat(previous.source()).isEqualTo(PREVIOUS_KEY);
        });
    }

    @Test
    void sameKeyAsCurrentAndPreviousIsNoRotation() {
        assertThat(keys(dataDir, KEY, KEY_A, PREVIOUS_KEY, KEY_A).previous()).isEmpty();
    }

    @Test
    void toStringShowsFingerprintsButNoKeyMaterial() {
        EncryptionKeys keys = keys(dataDir, KEY, KEY_A, PREVIOUS_KEY, KEY_B);

        assertThat(keys.toString())
                .contains(keys.current().id())
                .doesNotContain(KEY_A)
                .doesNotContain(KEY_B)
                .doesNotContain("SecretKeySpec");
    }
}
