package io.conops.server.git;

import io.conops.core.app.InvalidSpecException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Checks the keys an app trusts when they are given, so that a typo is a 400 naming the field and
 * line rather than every commit later refused as badly signed.
 */
public final class SignerRules {
    /** The key in an allowed-signers line: its type, then its base64 blob. */
    private static final Pattern KEY = Pattern.compile(
            "(?:^|\\s)((?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+)(?:-cert-v01@openssh\\.com)?)\\s+([A-Za-z0-9+/=]+)");

    private static final int MAX_CHARS = 200_000;

    private SignerRules() {}

    public static void checkAllowedSigners(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        check("allowed_signers", text);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (!m.find() || m.start() == 0) {
                throw new InvalidSpecException(
                        "allowed_signers",
                        "line " + (i + 1) + ": expected 'principals [options] key-type base64-key', as in"
                                + " git's allowed signers file");
            }
            try {
                PublicKeyEntry.parsePublicKeyEntry(m.group(1) + " " + m.group(2))
                        .resolvePublicKey(null, null, null);
            } catch (Exception e) {
                throw new InvalidSpecException(
                        "allowed_signers", "line " + (i + 1) + ": the public key cannot be read: " + e.getMessage());
            }
        }
    }

    public static void checkGpgPublicKeys(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        check("gpg_public_keys", text);
        try {
            OpenPgpSignatures.checkKeys(text);
        } catch (Exception e) {
            throw new InvalidSpecException(
                    "gpg_public_keys",
                    "expected armored OpenPGP public keys (gpg --armor --export): " + e.getMessage());
        }
    }

    private static void check(String field, String text) {
        if (text.length() > MAX_CHARS) {
            throw new InvalidSpecException(field, "is longer than " + MAX_CHARS + " characters");
        }
    }
}
