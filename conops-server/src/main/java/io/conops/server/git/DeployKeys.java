package io.conops.server.git;

import io.conops.core.app.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
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

    /** An OpenSSH public key line ("ssh-ed25519 AAAA... comment") or any PEM/RFC 4716 public key block. */
    private static final Pattern PUBLIC_KEY =
            Pattern.compile("(?s)^((ssh|ecdsa|sk)-[\\w@.-]+\\s+AAAA.*|.*BEGIN ([A-Z0-9 ]+ )?PUBLIC KEY.*)$");

    /** Encryption markers of OpenSSH (cipher name in the header is not readable as text), PKCS#8 and legacy PEM. */
    private static final Pattern ENCRYPTED_PEM =
            Pattern.compile("(?s).*(BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED).*");

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
        // keys pasted from Windows or with stripped trailing newline must still parse
        String normalized = text.strip().replace("\r\n", "\n") + "\n";
        if (PUBLIC_KEY.matcher(normalized).matches()) {
            throw invalid("is a public key; paste the private key");
        }
        if (ENCRYPTED_PEM.matcher(normalized).matches()) {
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

    private static InvalidSpecException passphraseProtected() {
        return invalid("is protected by a passphrase; ConOps needs a key without one");
    }

    private static InvalidSpecException invalid(String reason) {
        return new InvalidSpecException(FIELD, reason);
    }
}
