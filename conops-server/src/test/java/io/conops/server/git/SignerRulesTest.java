package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.core.app.InvalidSpecException;
import io.conops.server.support.SshKeys;
import org.junit.jupiter.api.Test;

/** The trusted keys are checked when given: a mistake names the field and the line. */
class SignerRulesTest {

    @Test
    void allowedSignersLinesAsGitTakesThemPass() {
        String lines = "# the team\n"
                + "dev@example.com namespaces=\"git\" " + SshKeys.publicLine(SshKeys.ed25519()) + "\n\n"
                + "ops@example.com,ci@example.com " + SshKeys.publicLine(SshKeys.ecdsa()) + "\n";
        assertThatCode(() -> SignerRules.checkAllowedSigners(lines)).doesNotThrowAnyException();
    }

    @Test
    void aLineWithoutPrincipalOrWithABrokenKeyIsRefusedByNumber() {
        String key = SshKeys.publicLine(SshKeys.ed25519());
        assertThatThrownBy(() -> SignerRules.checkAllowedSigners(key))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("allowed_signers"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> SignerRules.checkAllowedSigners(
                        "dev@example.com " + key + "\ndev@example.com ssh-ed25519 AAAAbroken"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void gpgKeysMustBeArmoredPublicKeys() {
        assertThatThrownBy(() -> SignerRules.checkGpgPublicKeys("not a key"))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("gpg_public_keys"));
        assertThatThrownBy(
                        () -> SignerRules.checkGpgPublicKeys(
                                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all!\n-----END PGP PUBLIC KEY BLOCK-----\n"))
                .isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void nothingGivenIsNothingToCheck() {
        assertThatCode(() -> {
                    SignerRules.checkAllowedSigners(null);
                    SignerRules.checkAllowedSigners("  ");
                    SignerRules.checkGpgPublicKeys(null);
                })
                .doesNotThrowAnyException();
    }
}
