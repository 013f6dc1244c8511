package io.conops.server.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor.CipherAlgorithm;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Encrypts secrets for storage as {@code v1:<keyId>:<base64(iv + ciphertext + tag)>}, AES-256-GCM
 * with a fresh random IV per value. The key id in the token says which key made it, so a rotation
 * can decrypt old values with the previous key and re-encrypt them with the current one. Thread-safe.
 */
public final class SecretCipher {
    private static final String VERSION = "v1";
    /** 96 bits: the IV length GCM is specified for (NIST SP 800-38D). */
    private static final int IV_BYTES = 12;

    private static final int TAG_BYTES = 16;

    private final EncryptionKeys keys;
    private final Map<String, BytesEncryptor> encryptorsById = new LinkedHashMap<>();

    public SecretCipher(EncryptionKeys keys) {
        this.keys = keys;
        add(keys.current());
        keys.previous().ifPresent(this::add);
    }

    private void add(EncryptionKey key) {
        encryptorsById.put(
                key.id(),
                new AesBytesEncryptor(key.secretKey(), KeyGenerators.secureRandom(IV_BYTES), CipherAlgorithm.GCM));
    }

    /** Encrypts with the current key; null stays null so optional secrets need no special case. */
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String id = keys.current().id();
        byte[] sealed = encryptorsById.get(id).encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
        return VERSION + ":" + id + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * Decrypts a token made with the current or the previous key.
     *
     * @throws CredentialKeyException if no configured key made the token, or it fails authentication
     */
    public String decrypt(String token) {
        if (token == null) {
            return null;
        }
        Token parsed = Token.parse(token);
        BytesEncryptor encryptor = encryptorFor(parsed.keyId());
        try {
            return new String(encryptor.decrypt(parsed.sealed()), StandardCharsets.UTF_8);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // GCM's tag check failed: the bytes were altered, or a key with a colliding id was used.
            // The cause is dropped on purpose; it says nothing useful and must not carry data along.
            throw corrupted();
        }
    }

    /** True when the token was made with the previous key and should be re-encrypted with the current one. */
    public boolean needsReEncryption(String token) {
        if (token == null) {
            return false;
        }
        String keyId = Token.parse(token).keyId();
        encryptorFor(keyId);
        return !keyId.equals(keys.current().id());
    }

    /** The same secret under the current key; the token itself when it already is. */
    public String reEncrypt(String token) {
        return needsReEncryption(token) ? encrypt(decrypt(token)) : token;
    }

    /**
     * Start-up check: decrypts every stored token, so a wrong or missing key stops the server instead
     * of surfacing later as credentials that silently no longer work.
     *
     * @throws CredentialKeyException for the first token that cannot be decrypted, saying how many failed
     */
    public void verifyAll(Iterable<String> tokens) {
        int total = 0;
        int failed = 0;
        CredentialKeyException first = null;
        for (String token : tokens) {
            total++;
            try {
                decrypt(token);
            } catch (CredentialKeyException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new CredentialKeyException(
                    failed + " of " + total + " stored credentials cannot be decrypted: " + first.getMessage(), first);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[" + keys + "]";
    }

    private BytesEncryptor encryptorFor(String keyId) {
        BytesEncryptor encryptor = encryptorsById.get(keyId);
        if (encryptor == null) {
            String previous = keys.previous()
                    .map(key -> " and " + EncryptionKeys.PREVIOUS_KEY + " is key " + key.id())
                    .orElse(" and " + EncryptionKeys.PREVIOUS_KEY + " is not set");
            throw new CredentialKeyException("stored credentials were encrypted with another key (key " + keyId
                    + "); the current key from " + keys.current().source() + " is key "
                    + keys.current().id()
                    + previous + "; set " + EncryptionKeys.KEY + " (or " + EncryptionKeys.PREVIOUS_KEY
                    + ", to rotate) to the key they were encrypted with");
        }
        return encryptor;
    }

    private static CredentialKeyException corrupted() {
        return new CredentialKeyException("stored credential could not be decrypted (wrong key or corrupted); "
                + "restore it from a backup or set it again");
    }

    /** The parts of a stored token; parsing checks shape only, the GCM tag checks integrity. */
    private record Token(String keyId, byte[] sealed) {
        static Token parse(String token) {
            String[] parts = token.split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
                throw corrupted();
            }
            byte[] sealed;
            try {
                sealed = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw corrupted();
            }
            if (sealed.length < IV_BYTES + TAG_BYTES) {
                throw corrupted();
            }
            return new Token(parts[1], sealed);
        }
    }
}
