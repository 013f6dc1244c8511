package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.app.InvalidSpecException;
import io.conops.server.support.SshKeys;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Screening of pasted key text: bounded, linear, and still telling public from private keys. */
class DeployKeysTest {

    // A guard, not a speed claim: the old backtracking pattern spent minutes on this input.
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oversizedTextIsRefusedBeforeAnyParsing() {
        assertRejected("BEGIN ".repeat(42_000), "at most 16 KiB");
        assertRejected("x".repeat(DeployKeys.MAX_LENGTH + 1), "at most 16 KiB");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hostileTextUnderTheBoundIsRefusedAsNoKey() {
        assertRejected("BEGIN ".repeat(2_700), "not a private key");
        assertRejected("-----BEGIN " + "A ".repeat(8_000), "not a private key");
    }

    @Test
    void publicKeysInEveryFormAreRecognised() {
        String line = SshKeys.publicLine(SshKeys.ed25519());
        assertThat(DeployKeys.isPublicKey(line + " me@laptop")).isTrue();
        assertThat(DeployKeys.isPublicKey("-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----\n"))
                .isTrue();
        assertThat(DeployKeys.isPublicKey("-----BEGIN RSA PUBLIC KEY-----\nMII\n-----END RSA PUBLIC KEY-----\n"))
                .isTrue();
        assertThat(DeployKeys.isPublicKey("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n"))
                .isTrue();
        assertThat(DeployKeys.isPublicKey(SshKeys.openSsh(SshKeys.ed25519()))).isFalse();
        assertThat(DeployKeys.isPublicKey(SshKeys.pem(SshKeys.rsa()))).isFalse();
    }

    @Test
    void aKeyAtTheBoundIsStillRead() {
        String key = SshKeys.pem(SshKeys.rsa());
        assertThat(key.length()).isLessThan(DeployKeys.MAX_LENGTH);
        assertThat(DeployKeys.validate(key)).isEqualTo("ssh-rsa");
    }

    private static void assertRejected(String text, String reason) {
        assertThatThrownBy(() -> DeployKeys.validate(text)).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
            assertThat(e.field()).isEqualTo("deploy_key");
            assertThat(e.reason()).contains(reason);
        });
    }
}
