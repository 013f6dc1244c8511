package io.conops.server.git;

import io.conops.core.app.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads SSH deploy keys from text, in memory only. Rejections name the field and say what to do;
 * they never quote the text, and the parser's own exceptions are dropped because they may.
 */
public final class DeployKeys {

    static final String FIELD = "deploy_key";

    private static final Set<String> SUPPORTED =
            Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");

    /**
     * The largest key text accepted. An RSA 8192 private key in PEM is about 6.5 KB; anything far
     * larger is not a key, and is refused before any parser looks at it.
     */
    static final int MAX_LENGTH = 16 * 1024;

    /** Encryption markers of PKCS#8 and legacy PEM (OpenSSH's cipher name is not readable as text). */
    private static final List<String> ENCRYPTED_MARKERS =
            List.of("BEGIN ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED");

    private DeployKeys() {}

    /**
     * Checks that the text is an unencrypted private key ConOps can use.
     *
     * @return the key type, e.g. {@code ssh-ed25519}
     * @throws InvalidSpecException naming {@code deploy_key} when it is not
     */
    public static String validate(String text) {
        return KeyUtils.getKeyType(parse(text));
    }

    static KeyPair parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("is " + text.length() / 1024 + " KiB long; an SSH private key is a few KB (at most "
                    + MAX_LENGTH / 1024 + " KiB accepted)");
        }
        // keys pasted from Windows or with stripped trailing newline must still parse
        String normalized = text.strip().replace("\r\n", "\n") + "\n";
        // plain scans, no regular expressions: their cost must stay linear in the (bounded) input
        if (isPublicKey(normalized)) {
            throw invalid("is a public key; paste the private key");
        }
        if (ENCRYPTED_MARKERS.stream().anyMatch(normalized::contains)) {
            throw passphraseProtected();
        }
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        FilePasswordProvider noPassphrase = (session, resource, retry) -> {
            askedForPassphrase.set(true);
            return null;
        };
        KeyPair pair;
        try (InputStream in = new ByteArrayInputStream(normalized.getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> pairs =
                    SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(FIELD), in, noPassphrase);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            pair = it != null && it.hasNext() ? it.next() : null;
        } catch (Exception e) {
            pair = null;
        }
        if (askedForPassphrase.get()) {
            throw passphraseProtected();
        }
        if (pair == null || pair.getPrivate() == null) {
            throw invalid(
                    "is not a private key ConOps can read; paste an OpenSSH or PEM private key (ed25519, ECDSA or RSA)");
        }
        String type = KeyUtils.getKeyType(pair);
        if (!SUPPORTED.contains(type)) {
            throw invalid("is a " + type + " key, which ConOps does not support; use ed25519, ECDSA or RSA");
        }
        return pair;
    }

    /** An OpenSSH public key line ("ssh-ed25519 AAAA... comment") or a PEM / RFC 4716 public key block. */
    static boolean isPublicKey(String text) {
        int space = indexOfWhitespace(text);
        if (space > 0) {
            String type = text.substring(0, space);
            boolean sshType = type.startsWith("ssh-") || type.startsWith("ecdsa-") || type.startsWith("sk-");
            if (sshType && text.substring(space).stripLeading().startsWith("AAAA")) {
                return true;
            }
        }
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (l.startsWith("-----BEGIN ") && l.endsWith("PUBLIC KEY-----")
                    || l.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidSpecException passphraseProtected() {
        return invalid("is protected by a passphrase; ConOps needs a key without one");
    }

    private static InvalidSpecException invalid(String reason) {
        return new InvalidSpecException(FIELD, reason);
    }
}
