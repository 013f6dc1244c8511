package io.conops.server.credentials;

import static io.conops.server.credentials.EncryptionKeys.KEY;
import static io.conops.server.credentials.EncryptionKeys.PREVIOUS_KEY;
import static io.conops.server.credentials.TestKeys.KEY_A;
import static io.conops.server.credentials.TestKeys.KEY_B;
import static io.conops.server.credentials.TestKeys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    private static final String SECRET = "ghp_s3cr3t-tøken";

    @TempDir
    Path dataDir;

    private SecretCipher cipher(String... env) {
        return new SecretCipher(keys(dataDir, env));
    }

    @Test
    void roundTrip() {
        SecretCipher cipher = cipher(KEY, KEY_A);

        String token = cipher.encrypt(SECRET);

        assertThat(token).doesNotContain(SECRET);
        assertThat(cipher.decrypt(token)).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
    }

    @Test
    void samePlaintextGivesADifferentTokenEachTime() {
        SecretCipher cipher = cipher(KEY, KEY_A);

        assertThat(cipher.encrypt(SECRET)).isNotEqualTo(cipher.encrypt(SECRET));
    }

    @Test
    void tokenNamesItsKeyByFingerprint() {
        EncryptionKeys keys = keys(dataDir, KEY, KEY_A);

        String token = new SecretCipher(keys).encrypt(SECRET);

        assertThat(token).startsWith("v1:" + keys.current().id() + ":").doesNotContain(KEY_A);
        // 12-byte IV + ciphertext + 16-byte GCM tag
        byte[] sealed = Base64.getDecoder().decode(token.substring(token.lastIndexOf(':') + 1));
        assertThat(sealed).hasSize(12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void nullStaysNull() {
        SecretCipher cipher = cipher(KEY, KEY_A);

        assertThat(cipher.encrypt(null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
        assertThat(cipher.needsReEncryption(null)).isFalse();
    }

    @Test
    void tokenFromAnotherKeyFailsClearlyWithoutRevealingSecrets() {
        String token = cipher(KEY, KEY_B).encrypt(SECRET);
        SecretCipher cipher = cipher(KEY, KEY_A);

        assertThatThrownBy(() -> cipher.decrypt(token))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining("encrypted with another key")
                .hasMessageContaining(KEY)
                .hasMessageContaining(PREVIOUS_KEY)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(KEY_A)
                .hasMessageNotContaining(KEY_B);
    }

    @Test
    void tokenMadeWithTheOldKeyDecryptsWhileItIsThePreviousKeyAndIsReEncryptedWithTheCurrent() {
        String old = cipher(KEY, KEY_B).encrypt(SECRET);
        SecretCipher rotating = cipher(KEY, KEY_A, PREVIOUS_KEY, KEY_B);

        assertThat(rotating.decrypt(old)).isEqualTo(SECRET);
        assertThat(rotating.needsReEncryption(old)).isTrue();

        String renewed = rotating.reEncrypt(old);

        assertThat(rotating.needsReEncryption(renewed)).isFalse();
        assertThat(rotating.reEncrypt(renewed)).isSameAs(renewed);
        assertThat(cipher(KEY, KEY_A).decrypt(renewed)).isEqualTo(SECRET);
    }

    @Test
    void tokenFromAnUnknownKeyCannotBeCheckedForReEncryption() {
        String token = cipher(KEY, KEY_B).encrypt(SECRET);

        assertThatThrownBy(() -> cipher(KEY, KEY_A).needsReEncryption(token))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining("encrypted with another key");
    }

    @Test
    void tamperedTokenIsRejected() {
        SecretCipher cipher = cipher(KEY, KEY_A);
        String token = cipher.encrypt(SECRET);
        int split = token.lastIndexOf(':') + 1;
        byte[] sealed = Base64.getDecoder().decode(token.substring(split));
        sealed[sealed.length / 2] ^= 1;
        String tampered = token.substring(0, split) + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageContaining("could not be decrypted (wrong key or corrupted)");
    }

    @Test
    void malformedTokensAreRejectedAsCorrupted() {
        SecretCipher cipher = cipher(KEY, KEY_A);
        String id = keys(dataDir, KEY, KEY_A).current().id();

        List<String> malformed =
                List.of("", SECRET, "v2:" + id + ":AAAA", "v1:" + id + ":not base64!", "v1:" + id + ":AAAA");
        for (String bad : malformed) {
            assertThatThrownBy(() -> cipher.decrypt(bad))
                    .as(bad)
                    .isInstanceOf(CredentialKeyException.class)
                    .hasMessageContaining("could not be decrypted (wrong key or corrupted)");
        }
    }

    @Test
    void verifyAllPassesWhenEveryStoredTokenDecrypts() {
        SecretCipher cipher = cipher(KEY, KEY_A, PREVIOUS_KEY, KEY_B);
        List<String> stored =
                Arrays.asList(cipher.encrypt("a"), null, cipher(KEY, KEY_B).encrypt("b"));

        assertThatCode(() -> cipher.verifyAll(stored)).doesNotThrowAnyException();
    }

    @Test
    void verifyAllFailsStartUpWhenAnyStoredTokenNeedsAMissingKey() {
        SecretCipher cipher = cipher(KEY, KEY_A);
        List<String> stored = List.of(cipher.encrypt("a"), cipher(KEY, KEY_B).encrypt("b"), cipher.encrypt("c"));

        assertThatThrownBy(() -> cipher.verifyAll(stored))
                .isInstanceOf(CredentialKeyException.class)
                .hasMessageStartingWith("1 of 3 stored credentials cannot be decrypted")
                .hasMessageContaining("CONOPS_ENCRYPTION_KEY");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        SecretCipher cipher = cipher(KEY, KEY_A);

        assertThat(cipher.toString()).doesNotContain(KEY_A).doesNotContain("SecretKeySpec");
    }
}
