package io.conops.server.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with a per-installation key, for hashes of secrets that are stored or stamped on
 * containers (the {@code service_envs} an app's services use): equal inputs give equal hashes on
 * this installation, and without the key a hash cannot be checked against guessed values. The key is
 * derived from the current encryption key (never the encryption key itself, so the two uses stay
 * apart); a new encryption key therefore changes these hashes once.
 */
public final class KeyedHash {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "conops service_envs hash v1";

    private final SecretKeySpec key;

    public KeyedHash(EncryptionKeys keys) {
        this(keys, PURPOSE);
    }

    /** A hash of its own for another use: its own key, derived from the encryption key for {@code purpose}. */
    public KeyedHash(EncryptionKeys keys, String purpose) {
        this.key = new SecretKeySpec(
                mac(
                        new SecretKeySpec(keys.current().secretKey().getEncoded(), ALGORITHM),
                        purpose.getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    /** Lowercase hex HMAC of the text. */
    public String of(String text) {
        return HexFormat.of().formatHex(mac(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Of names and values, in name order; a NUL cannot occur in either, so no two maps collide. */
    public String of(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values)
                .forEach((k, v) -> sb.append(k).append('\0').append(v).append('\0'));
        return of(sb.toString());
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "KeyedHash";
    }
}
