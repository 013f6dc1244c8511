package io.conops.server.credentials;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key with a short public fingerprint. Deliberately not a record: the generated
 * toString would include {@link SecretKeySpec#hashCode()}, which is computed from the key bytes.
 */
public final class EncryptionKey {
    static final int LENGTH = 32;

    private final SecretKey secretKey;
    private final String id;
    private final String source;

    EncryptionKey(byte[] bytes, String source) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an AES-256 key has " + LENGTH + " bytes");
        }
        this.secretKey = new SecretKeySpec(bytes, "AES");
        this.id = fingerprint(bytes);
        this.source = source;
    }

    /** First 8 hex digits of SHA-256 of the key: enough to tell keys apart, useless for guessing one. */
    public String id() {
        return id;
    }

    /** Where the key came from, for messages: a variable name or a file path. */
    public String source() {
        return source;
    }

    SecretKey secretKey() {
        return secretKey;
    }

    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + ", source=" + source + "]";
    }

    private static String fingerprint(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
