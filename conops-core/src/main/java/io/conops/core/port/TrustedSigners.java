package io.conops.core.port;

/**
 * Whose signatures an app accepts on the commits it deploys: OpenSSH allowed-signers lines (as
 * {@code gpg.ssh.allowedSignersFile} takes them) and armored OpenPGP public keys; either may be
 * empty, not both.
 */
public record TrustedSigners(String allowedSigners, String gpgPublicKeys) {

    public TrustedSigners {
        allowedSigners = allowedSigners == null ? "" : allowedSigners.strip();
        gpgPublicKeys = gpgPublicKeys == null ? "" : gpgPublicKeys.strip();
    }

    public boolean hasSsh() {
        return !allowedSigners.isEmpty();
    }

    public boolean hasGpg() {
        return !gpgPublicKeys.isEmpty();
    }
}
